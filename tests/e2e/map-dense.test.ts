import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO_ORGANISATION_ID } from "../../db/seed/demo-organisation";
import { MAX_UNIT_FEATURES } from "../../server/modules/map/map.rules";
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
 * The stock map of a large operator: with more units in the view than the map should receive one
 * by one, the database sends grid cells with their counts; the map draws them as clusters that
 * add up to the stock, and reads the units again, finer, as the officer zooms in.
 */
let server: RunningServer & { close(): Promise<void> };
const ADDED = MAX_UNIT_FEATURES + 3_000;

describeInBrowser("the stock map above a density", () => {
  let browser: BrowserSession;
  const requested: URL[] = [];
  beforeAll(async () => {
    server = await startServer();
    // 8,000 more units in 160 buildings of 50 dwellings over central Dijon
    await server.database.query(
      `insert into buildings (organisation_id, street, postcode, city, lng, lat, total_dwellings)
       select $1, g || ' rue de la Densité', '21000', 'Dijon', 5.0 + (g % 16) * 0.005, 47.30 + (g / 16) * 0.004, 50
       from generate_series(0, $2 - 1) g`,
      [DEMO_ORGANISATION_ID, ADDED / 50],
    );
    await server.database.query(
      `insert into units (organisation_id, building_id, floor, typology, surface_m_2, rooms, rent_cents, charges_cents, energy_class, status, status_since)
       select b.organisation_id, b.id, k % 10, 'T2', 45, 2, 48000, 6000, 'C',
              (case when k % 10 = 0 then 'available' else 'let' end)::unit_status, '2026-01-01'
       from buildings b cross join generate_series(1, 50) k
       where b.organisation_id = $1 and b.street like '% rue de la Densité'`,
      [DEMO_ORGANISATION_ID],
    );
    browser = await openBrowser(server.baseUrl);
    browser.page.on("request", (request) => {
      const url = new URL(request.url());
      if (url.pathname === "/api/map/units.geojson") requested.push(url);
    });
    await loginAs(browser.page, server.baseUrl, "gestion@demo.fr");
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("draws the database's grid cells as clusters that add up, and reads them finer when zooming in", async () => {
    const { page } = browser;
    const grouped = page.waitForResponse(
      async (response) =>
        new URL(response.url()).pathname === "/api/map/units.geojson" &&
        (await response.json()).grouped === true,
    );
    await page.goto(`${server.baseUrl}/carte`);
    await waitForMap(page);
    const answer = await (await grouped).json();
    // a few hundred features at most for more than 8,000 units
    expect(answer.features.length).toBeLessThan(1_000);
    const sent = answer.features.reduce(
      (sum: number, f: { properties: { units?: number } }) => sum + (f.properties.units ?? 1),
      0,
    );
    expect(sent).toBeGreaterThan(ADDED);

    await page.evaluate(() => (window as MapWindow).__map.jumpTo({ center: [5.04, 47.32], zoom: 12 }));
    await page.waitForFunction(() => (window as MapWindow).__map.loaded());
    const drawn = await page.evaluate(() => {
      const map = (window as MapWindow).__map;
      const clusters = map.queryRenderedFeatures(undefined, { layers: ["units-clusters"] });
      const labels = map.queryRenderedFeatures(undefined, { layers: ["units-cluster-count"] });
      return {
        units: clusters.reduce(
          (sum: number, f: { properties: Record<string, number | undefined> }) =>
            sum + Number(f.properties.units ?? f.properties.point_count),
          0,
        ),
        biggest: Math.max(
          ...clusters.map(
            (f: { properties: Record<string, number | undefined> }) =>
              f.properties.units ?? f.properties.point_count,
          ),
        ),
        labels: labels.length,
        clusters: clusters.length,
      };
    });
    // the clusters count units, not cells: the added stock is all in view at zoom 12
    expect(drawn.units).toBeGreaterThanOrEqual(ADDED);
    expect(drawn.biggest).toBeGreaterThan(50);
    expect(drawn.labels).toBe(drawn.clusters);
    await browser.screenshot("map-dense-grouped");

    // a click on the biggest cluster zooms in, and the map asks again at the closer zoom
    const before = requested.length;
    const target = await page.evaluate(() => {
      const map = (window as MapWindow).__map;
      const clusters = map.queryRenderedFeatures(undefined, { layers: ["units-clusters"] });
      const count = (f: { properties: Record<string, number | undefined> }) =>
        Number(f.properties.units ?? f.properties.point_count);
      const biggest = clusters.sort((a: never, b: never) => count(b) - count(a))[0];
      const point = map.project(biggest.geometry.coordinates);
      return { x: point.x, y: point.y, zoom: map.getZoom() };
    });
    const canvas = await page.locator("#map canvas").boundingBox();
    if (!canvas) throw new Error("the map's canvas is not on the page");
    await page.mouse.click(canvas.x + target.x, canvas.y + target.y);
    await page.waitForFunction(
      (zoom) => (window as MapWindow).__map.getZoom() > zoom && !(window as MapWindow).__map.isMoving(),
      target.zoom,
    );
    await page.waitForFunction(() => (window as MapWindow).__map.loaded());
    const later = requested.slice(before).map((url) => Number(url.searchParams.get("zoom")));
    expect(later.length).toBeGreaterThan(0);
    expect(Math.max(...later)).toBeGreaterThan(Math.floor(target.zoom));
    await browser.screenshot("map-dense-zoomed");
  });
});
