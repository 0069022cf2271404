import { afterAll, beforeAll, expect, it } from "vitest";
import { loginAs } from "./support/actions";
import {
  type BrowserSession,
  describeInBrowser,
  type MapWindow,
  openBrowser,
  waitForMap,
} from "./support/browser";
import { type GeoServices, startGeoServices } from "../support/geo-services";
import { type RunningServer, startServer } from "./support/server";

/**
 * The map page as an officer works with it, on the demo stock: what a click opens, what the
 * clusters and the status filter show, the legend from the keyboard, an address searched.
 * The address service is a local BAN look-alike (CI has no network).
 */
let geo: GeoServices;
let server: RunningServer & { close(): Promise<void> };

describeInBrowser("the stock map: popups, clusters, filters, legend, address search", () => {
  let browser: BrowserSession;
  beforeAll(async () => {
    geo = await startGeoServices();
    server = await startServer({ env: { GEOCODER_URL: geo.geocoderUrl } });
    browser = await openBrowser(server.baseUrl);
    await loginAs(browser.page, server.baseUrl, "gestion@demo.fr");
    await browser.page.goto(`${server.baseUrl}/carte`);
    await waitForMap(browser.page);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await geo?.close();
  });

  it("writes each cluster's size on it", async () => {
    const { page } = browser;
    const clusters = await page.evaluate(() => {
      const map = (window as MapWindow).__map;
      const circles = map.queryRenderedFeatures(undefined, { layers: ["units-clusters"] });
      const labels = map.queryRenderedFeatures(undefined, { layers: ["units-cluster-count"] });
      return {
        circles: circles.length,
        labels: labels.map((f: { properties: Record<string, unknown> }) => ({
          count: f.properties.point_count,
          text: f.properties.point_count_abbreviated,
        })),
      };
    });
    expect(clusters.circles).toBeGreaterThan(0);
    // every cluster drawn carries its count as text
    expect(clusters.labels.length).toBe(clusters.circles);
    for (const label of clusters.labels) expect(String(label.text)).toBe(String(label.count));
    await browser.screenshot("map-cluster-counts");
  });

  it("opens the unit's popup on a click on a unit drawn over its building", async () => {
    const { page } = browser;
    // a building with units, zoomed in past the clustering: its units sit on its point
    const target = await page.evaluate(async () => {
      const map = (window as MapWindow).__map;
      const building = map
        .querySourceFeatures("buildings")
        .find((f: { properties: Record<string, unknown> }) => String(f.properties.unitStatuses).length > 1);
      map.jumpTo({ center: building.geometry.coordinates, zoom: 18 });
      await new Promise((resolve) => map.once("idle", resolve));
      const point = map.project(building.geometry.coordinates);
      const rect = map.getCanvas().getBoundingClientRect();
      return {
        x: rect.left + point.x,
        y: rect.top + point.y,
        units: map.queryRenderedFeatures(point, { layers: ["units"] }).length,
        buildings: map.queryRenderedFeatures(point, { layers: ["buildings"] }).length,
      };
    });
    expect(target.units).toBeGreaterThan(0);
    expect(target.buildings).toBe(1);
    await page.mouse.click(target.x, target.y);
    const popup = page.locator(".maplibregl-popup .popup");
    await popup.waitFor();
    expect(await popup.getByRole("link").textContent()).toBe("Ouvrir la fiche");
    expect(await popup.textContent()).toContain("Loyer + charges");
    await browser.screenshot("map-unit-popup");
    await page.keyboard.press("Escape");
  });

  it("hides the buildings none of whose units has a status left ticked", async () => {
    const { page } = browser;
    await page.goto(`${server.baseUrl}/carte`);
    await waitForMap(page);
    const drawnBuildings = () =>
      page.evaluate(() =>
        (window as MapWindow).__map
          .queryRenderedFeatures(undefined, { layers: ["buildings"] })
          .map((f: { properties: Record<string, unknown> }) => String(f.properties.unitStatuses)),
      );
    const before = await drawnBuildings();
    const filters = page.getByRole("group", { name: "Statuts affichés" });
    for (const box of await filters.getByRole("checkbox").all()) {
      const label = await box.evaluate((input) => (input as HTMLInputElement).value);
      if (label !== "works") await box.uncheck();
    }
    await page.evaluate(() => new Promise((resolve) => (window as MapWindow).__map.once("idle", resolve)));
    const after = await drawnBuildings();
    expect(after.length).toBeGreaterThan(0);
    expect(after.length).toBeLessThan(before.length);
    for (const statuses of after) expect(statuses).toContain(",works,");
    await browser.screenshot("map-filter-works");
  });

  it("lets the legend be scrolled from the keyboard", async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1280, height: 640 });
    const legend = page.getByRole("complementary", { name: "Légende de la carte" });
    expect(await legend.getAttribute("tabindex")).toBe("0");
    const overflows = await legend.evaluate((el) => el.scrollHeight > el.clientHeight);
    expect(overflows).toBe(true);
    await legend.focus();
    await page.keyboard.press("PageDown");
    await expect.poll(() => legend.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
    await page.setViewportSize({ width: 1360, height: 900 });
  });

  it("goes to an address chosen among the BAN's suggestions", async () => {
    const { page } = browser;
    const search = page.getByRole("combobox", { name: "Aller à une adresse" });
    await search.fill("12 rue de la liberte");
    const options = page.getByRole("listbox", { name: "Suggestions d'adresses" }).getByRole("option");
    await expect.poll(() => options.count()).toBe(2);
    expect(await options.first().textContent()).toContain("12 Rue de la Liberté 21000 Dijon");
    await search.press("ArrowDown");
    await search.press("Enter");
    await page.getByTestId("address-marker").waitFor();
    const centre = await page.evaluate(() => (window as MapWindow).__map.getCenter());
    expect(centre.lng).toBeCloseTo(5.0378, 3);
    expect(centre.lat).toBeCloseTo(47.3222, 3);
    expect(geo.searches.at(-1)).toBe("12 rue de la liberte");
    await browser.screenshot("map-address-search");
    expect(browser.externalRequests).toEqual([]);
    // the login page's session probe answers 401 before login: not an error of the map
    expect(browser.pageErrors.filter((error) => !error.includes("401"))).toEqual([]);
  });
});
