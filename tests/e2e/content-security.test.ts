import { afterAll, beforeAll, expect, it } from "vitest";
import { basemapHandler } from "../support/basemap-fixture";
import { type GeoServices, startGeoServices } from "../support/geo-services";
import { loginAs } from "./support/actions";
import { type BrowserSession, describeInBrowser, openBrowser, waitForMap } from "./support/browser";
import { type RunningServer, startServer } from "./support/server";

/**
 * The Content-Security-Policy in a real browser: the pages, the map with a basemap from another
 * origin, and the API documentation run under it without a single refused resource.
 */
let geo: GeoServices;
let server: RunningServer & { close(): Promise<void> };

type ViolationWindow = { __cspViolations?: string[] };

describeInBrowser("the app under its Content-Security-Policy", () => {
  let browser: BrowserSession;
  beforeAll(async () => {
    geo = await startGeoServices();
    const basemap = basemapHandler(geo.baseUrl);
    geo.route(basemap.handler);
    server = await startServer({ env: { MAP_STYLE_URL: basemap.styleUrl } });
    browser = await openBrowser(server.baseUrl);
    // every refusal by the policy is recorded in the page, whatever loaded it
    await browser.context.addInitScript(() => {
      const seen: string[] = [];
      (window as ViolationWindow).__cspViolations = seen;
      document.addEventListener("securitypolicyviolation", (event) =>
        seen.push(`${event.violatedDirective} ${event.blockedURI}`),
      );
    });
    await loginAs(browser.page, server.baseUrl, "admin@demo.fr");
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await geo?.close();
  });

  const violations = () =>
    browser.page.evaluate(() => (window as ViolationWindow).__cspViolations ?? ["no recorder"]);

  it("draws the map and its basemap with nothing refused", async () => {
    const { page } = browser;
    const response = await page.goto(`${server.baseUrl}/carte`);
    expect(response?.headers()["content-security-policy"]).toContain(new URL(geo.baseUrl).origin);
    await waitForMap(page);
    await page.getByRole("complementary", { name: "Légende de la carte" }).waitFor();
    expect(await violations()).toEqual([]);
  });

  it("opens the admin pages and the account page with nothing refused", async () => {
    const { page } = browser;
    for (const path of ["/admin/utilisateurs", "/admin/journal", "/compte", "/personnes"]) {
      await page.goto(`${server.baseUrl}${path}`);
      await page.locator("h1").first().waitFor();
      expect(await violations(), path).toEqual([]);
    }
  });

  it("renders the API documentation with nothing refused", async () => {
    const { page } = browser;
    await page.goto(`${server.baseUrl}/api/docs`);
    await page.locator(".swagger-ui .info .title").waitFor();
    expect(await violations()).toEqual([]);
    expect(browser.pageErrors.filter((error) => /Content Security Policy/i.test(error))).toEqual([]);
  });
});
