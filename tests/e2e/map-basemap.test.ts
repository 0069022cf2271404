import { afterAll, beforeAll, expect, it } from "vitest";
import { basemapUnavailableMessage } from "../../web/src/map/messages";
import { type BasemapMode, basemapHandler, testBasemapAttribution } from "../support/basemap-fixture";
import { type GeoServices, startGeoServices } from "../support/geo-services";
import { loginAs } from "./support/actions";
import {
  type BrowserSession,
  describeInBrowser,
  type MapWindow,
  openBrowser,
  waitForMap,
} from "./support/browser";
import { type RunningServer, startServer } from "./support/server";

/**
 * The basemap path in the browser: a vector style and its tiles served by a local server (the
 * way the Géoplateforme serves «Plan IGN»), the credit shown, and a basemap that cannot be
 * reached reported in one line while the map keeps working on the plain background.
 */
let geo: GeoServices;
let server: RunningServer & { close(): Promise<void> };
let mode: BasemapMode = "ok";
let basemap: ReturnType<typeof basemapHandler>;

describeInBrowser("the basemap: drawn under the stock, credited, and its absence survived", () => {
  let browser: BrowserSession;
  beforeAll(async () => {
    geo = await startGeoServices();
    basemap = basemapHandler(geo.baseUrl, () => mode);
    geo.route(basemap.handler);
    server = await startServer({ env: { MAP_STYLE_URL: basemap.styleUrl } });
    browser = await openBrowser(server.baseUrl);
    await loginAs(browser.page, server.baseUrl, "gestion@demo.fr");
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await geo?.close();
  });

  const notices = () => browser.page.locator(".notices .notice").allTextContents();
  const drawn = () =>
    browser.page.evaluate(() => {
      const map = (window as MapWindow).__map;
      const count = (layers: string[]) => map.queryRenderedFeatures(undefined, { layers }).length;
      const layers = map.getStyle().layers.map((layer: { id: string }) => layer.id);
      return {
        styleName: map.getStyle().name,
        streets: layers.includes("routes") ? count(["routes"]) : 0,
        units: count(["units", "units-clusters"]),
        buildings: count(["buildings"]),
        // the app's layers above the basemap's roads, under none of its labels but the cluster counts
        order: ["fond", "routes", "neighbourhoods-fill", "lieux", "buildings", "units"].map((id) =>
          layers.indexOf(id),
        ),
      };
    });

  it("draws the configured vector basemap under the stock, with its credit", async () => {
    const { page } = browser;
    mode = "ok";
    await page.goto(`${server.baseUrl}/carte`);
    await waitForMap(page);
    expect(await page.locator("#map").getAttribute("data-basemap")).toBe("loaded");
    const state = await drawn();
    expect(state.styleName).toBe("Plan de test");
    expect(state.streets).toBeGreaterThan(0);
    expect(state.units).toBeGreaterThan(0);
    expect(state.buildings).toBeGreaterThan(0);
    const [background, roads, shading, labels, buildingsLayer, units] = state.order as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    expect(background).toBe(0);
    expect(roads).toBeLessThan(shading);
    expect(shading).toBeLessThan(labels); // the basemap's place names stay readable over the shading
    expect(labels).toBeLessThan(buildingsLayer);
    expect(buildingsLayer).toBeLessThan(units);
    expect(basemap.served.tiles).toBeGreaterThan(0);
    await expect
      .poll(() => page.locator(".maplibregl-ctrl-attrib").textContent())
      .toContain(testBasemapAttribution);
    expect(await notices()).toEqual([]);
    // nothing fetched outside the app but the basemap's own server
    expect(browser.externalRequests.filter((url) => !url.startsWith(geo.baseUrl))).toEqual([]);
    await browser.screenshot("map-basemap");
    await page.screenshot({ path: "docs/screenshots/map-basemap.png" });
  });

  it("says in one line that the tiles cannot be reached and keeps drawing the stock", async () => {
    const { page } = browser;
    mode = "tiles-down";
    await page.goto(`${server.baseUrl}/carte`);
    await waitForMap(page);
    await expect.poll(notices).toEqual([basemapUnavailableMessage]);
    expect(await page.locator("#map").getAttribute("data-basemap")).toBe("unavailable");
    const state = await drawn();
    expect(state.streets).toBe(0);
    expect(state.units).toBeGreaterThan(0);
    expect(state.buildings).toBeGreaterThan(0);
    await browser.screenshot("map-basemap-tiles-down");
  });

  it("falls back to the plain background when the style itself cannot be fetched", async () => {
    const { page } = browser;
    mode = "style-down";
    await page.goto(`${server.baseUrl}/carte`);
    await waitForMap(page);
    await expect.poll(notices).toEqual([basemapUnavailableMessage]);
    const state = await drawn();
    expect(state.styleName).toBe("Fond neutre (hors ligne)");
    expect(state.units).toBeGreaterThan(0);
    expect(state.buildings).toBeGreaterThan(0);
    // a click still opens a popup: the map is usable without its basemap
    await browser.screenshot("map-basemap-style-down");
    mode = "ok";
  });
});
