import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "../../db/seed/demo-accounts";
import { loginAs, logout, navigationLabels } from "./support/actions";
import { type BrowserSession, describeInBrowser, openBrowser } from "./support/browser";
import { useServer } from "./support/server";

const server = useServer();

/** How far the page is wider than the screen (0: nothing to scroll sideways). */
const horizontalOverflow = () => document.documentElement.scrollWidth - document.documentElement.clientWidth;

describeInBrowser("every page is usable on a phone (390 × 844): no horizontal overflow", () => {
  let browser: BrowserSession;
  beforeAll(async () => {
    browser = await openBrowser(server.current.baseUrl);
    await browser.page.setViewportSize({ width: 390, height: 844 });
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const account of DEMO_ACCOUNTS) {
    it(`${account.role}: every page of the menu and a detail page of each list`, async () => {
      const { page } = browser;
      await loginAs(page, server.current.baseUrl, account.email);
      const links = page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link");
      const paths = await links.evaluateAll((elements) => elements.map((a) => a.getAttribute("href")!));
      expect(paths.length).toBe((await navigationLabels(page)).length);
      // detail pages reached from the lists: a person, a contract, a landlord, a flat
      const details = await page.evaluate(async () => {
        const first = async (url: string, pick: (body: unknown) => string | undefined) => {
          const response = await fetch(url);
          return response.ok ? pick(await response.json()) : undefined;
        };
        type Items = { items: { id: string }[] };
        return [
          await first(
            "/api/persons",
            (b) => (b as Items).items[0] && `/personnes/${(b as Items).items[0]?.id}`,
          ),
          await first("/api/leases", (b) => (b as Items).items[0] && `/baux/${(b as Items).items[0]?.id}`),
          await first(
            "/api/landlords",
            (b) => (b as Items).items[0] && `/proprietaires/${(b as Items).items[0]?.id}`,
          ),
          await first(
            "/api/units",
            (b) => (b as Items).items[0] && `/parc/logements/${(b as Items).items[0]?.id}`,
          ),
        ].filter((path): path is string => Boolean(path));
      });
      const overflowing: string[] = [];
      for (const path of [...paths, ...details, "/compte"]) {
        await page.goto(`${server.current.baseUrl}${path}`);
        await page.locator("#page h1").first().waitFor();
        await page.waitForLoadState("networkidle");
        const overflow = await page.evaluate(horizontalOverflow);
        if (overflow > 0) overflowing.push(`${path} (+${overflow} px)`);
      }
      expect(overflowing).toEqual([]);
      await logout(page);
    });
  }

  it("the login and set-password pages fit too", async () => {
    const { page } = browser;
    for (const path of ["/connexion", "/set-password#token=x"]) {
      await page.goto(`${server.current.baseUrl}${path}`);
      await page.locator("h1").first().waitFor();
      expect(await page.evaluate(horizontalOverflow), path).toBe(0);
    }
  });
});
