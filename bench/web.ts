/**
 * `npm run bench:web`: the map with 100,000 units in headless Chromium (Debian's, with the flags of tests/e2e/support/browser-config.ts).
 * Reports the time from navigation to the first render of the units (target ≤ 3 s), then the
 * time to redraw after zooming and panning. The units are added to the demo database and read
 * by the page through the app's own bbox API, as in production: this measures the whole path
 * (the query, grouping by grid cell above a density, download, the map's worker, drawing); the
 * API's own latency for a city-sized bbox is `npm run bench:map`.
 *
 * The basemap is on, as in production: a vector style and its tiles served by a second local
 * server in the shape of the Géoplateforme's «Plan IGN» (tests/support/basemap-fixture.ts);
 * BENCH_BASEMAP=none measures the plain background. Beside the figure, the floor: the page's first
 * units answer fetched again and parsed by the page alone (fetch + JSON.parse); and the
 * load average, since the cores are shared.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { type Database, openDatabase } from "../db/client";
import { migrate } from "../db/migrate";
import { seedDemo } from "../db/seed";
import { DEMO_PASSWORD } from "../db/seed/demo-accounts";
import { DEMO_ORGANISATION_ID } from "../db/seed/demo-organisation";
import { fixedClock } from "../server/lib/clock";
import { buildWebIfStale } from "../web/build";
import { browserAvailable, chromiumArgs, chromiumPath } from "../tests/e2e/support/browser-config";
import { serveApp } from "../tests/e2e/support/serve-app";
import { UNIT_STATUSES } from "../server/modules/units/pipeline.rules";
import { basemapHandler } from "../tests/support/basemap-fixture";
import { startGeoServices } from "../tests/support/geo-services";

const UNITS = Number(process.env.BENCH_UNITS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const WITH_BASEMAP = process.env.BENCH_BASEMAP !== "none";
const statuses = UNIT_STATUSES;

/**
 * 100,000 units around Dijon (the demo city), in 2,000 buildings of 50 dwellings, added to the
 * demo organisation in SQL with a fixed seed: the page reads them through the map API as in
 * production (GET /api/map/units.geojson?bbox=…&zoom=…, grouped by the database above a density).
 */
async function addUnits(database: Database, count: number): Promise<void> {
  const q = database.query;
  await q("select setseed(0.42)");
  await q(
    `insert into buildings (organisation_id, street, postcode, city, lng, lat, total_dwellings)
     select $1, g || ' rue du Banc d''Essai', '21000', 'Dijon', 4.97 + random() * 0.14, 47.28 + random() * 0.08, 50
     from generate_series(1, $2) g`,
    [DEMO_ORGANISATION_ID, Math.ceil(count / 50)],
  );
  const statusList = statuses.map((status) => `'${status}'`).join(",");
  await q(
    `insert into units (organisation_id, building_id, floor, typology, surface_m_2, rooms, rent_cents, charges_cents, energy_class, status, status_since)
     select b.organisation_id, b.id, k % 10, 'T2', 45, 2, 30000 + (random() * 60000)::int, 3000 + (random() * 10000)::int, 'C',
            (array[${statusList}])[1 + floor(random() * ${statuses.length})::int]::unit_status, '2026-01-01'
     from buildings b cross join generate_series(1, 50) k
     where b.organisation_id = $1 and b.street like '% rue du Banc d''Essai'`,
    [DEMO_ORGANISATION_ID],
  );
  await q("analyze");
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  if (!browserAvailable) throw new Error(`no chromium at ${chromiumPath}: apt-get install -y chromium`);
  await buildWebIfStale();
  const database = await openDatabase({ kind: "embedded-memory" });
  await migrate(database);
  const clock = fixedClock("2026-11-23T10:00:00+01:00");
  await seedDemo(database, clock);
  await addUnits(database, UNITS);
  const geo = await startGeoServices();
  const basemap = basemapHandler(geo.baseUrl);
  geo.route(basemap.handler);
  const env = WITH_BASEMAP ? { MAP_STYLE_URL: basemap.styleUrl } : {};
  const server = await serveApp(database, clock, env);
  console.log(`${UNITS.toLocaleString("en")} units added to the demo organisation`);

  mkdirSync("docs/screenshots", { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), "iml-bench-web-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    args: chromiumArgs,
    headless: true,
    viewport: { width: 1360, height: 900 },
  });
  const firstRenders: number[] = [];
  const redraws: number[] = [];
  const floors: number[] = [];
  try {
    // tsx keeps function names with a __name helper that does not exist in the page
    await context.addInitScript("window.__name = (fn) => fn");
    const page = context.pages()[0] ?? (await context.newPage());
    // the units' URL the page asked for first, fetched again alone for the floor
    let unitsUrl: string | null = null;
    page.on("request", (request) => {
      if (!unitsUrl && new URL(request.url()).pathname === "/api/map/units.geojson") unitsUrl = request.url();
    });
    await page.goto(`${server.baseUrl}/connexion`);
    await page.getByLabel("Adresse électronique").fill("gestion@demo.fr");
    await page.getByLabel("Mot de passe").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.getByRole("navigation", { name: "Navigation principale" }).waitFor();

    for (let run = 0; run < RUNS; run++) {
      const t0 = Date.now();
      unitsUrl = null;
      if (process.env.BENCH_TRACE) {
        page.removeAllListeners("request");
        page.removeAllListeners("requestfinished");
        page.on("request", (r) => console.log(`  +${Date.now() - t0} ms start ${r.url().slice(0, 80)}`));
        page.on("requestfinished", (r) =>
          console.log(`  +${Date.now() - t0} ms done  ${r.url().slice(0, 80)}`),
        );
      }
      await page.goto(`${server.baseUrl}/carte`);
      // from navigation start to the units drawn: performance.now() counts from the navigation
      const elapsed = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const check = () => {
              const map = (window as { __map?: import("maplibre-gl").Map; __mapReady?: boolean }).__map;
              const ready = (window as { __mapReady?: boolean }).__mapReady;
              if (
                map &&
                ready &&
                map.queryRenderedFeatures({ layers: ["units-clusters", "units"] }).length > 0
              )
                resolve(performance.now());
              else requestAnimationFrame(check);
            };
            check();
          }),
      );
      firstRenders.push(elapsed);
      if (run === 0) await page.screenshot({ path: "docs/screenshots/map-100k-units.png" });
      const rendered = await page.evaluate(() => {
        const map = (window as { __map?: import("maplibre-gl").Map }).__map!;
        const clusters = map.queryRenderedFeatures({ layers: ["units-clusters"] });
        return clusters.reduce(
          (sum, feature) => sum + Number(feature.properties.units ?? feature.properties.point_count ?? 0),
          0,
        );
      });
      if (rendered < UNITS * 0.1) throw new Error(`only ${rendered} units in the rendered clusters`);
      if (WITH_BASEMAP && basemap.served.tiles === 0)
        throw new Error("the basemap's tiles were never asked for");
      // zoom in twice and pan: time until the map is idle again
      const redraw = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const map = (window as { __map?: import("maplibre-gl").Map }).__map!;
            const start = performance.now();
            map.once("idle", () => {
              map.once("idle", () => resolve(performance.now() - start));
              map.jumpTo({ zoom: map.getZoom() + 2, center: [5.03, 47.32] });
            });
            map.jumpTo({ zoom: map.getZoom() + 1 });
          }),
      );
      redraws.push(redraw);
      // the floor: the same answer downloaded and parsed by the page alone, nothing drawn
      floors.push(
        await page.evaluate(async (url) => {
          const start = performance.now();
          const collection = (await (await fetch(url)).json()) as { features: unknown[] };
          if (collection.features.length === 0) throw new Error("no units");
          return performance.now() - start;
        }, unitsUrl ?? `${server.baseUrl}/api/map/units.geojson?bbox=4.9,47.2,5.2,47.4&zoom=12`),
      );
      console.log(
        `run ${run + 1}: first render ${Math.round(elapsed)} ms, zoom ×2 + pan redraw ${Math.round(redraw)} ms`,
      );
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await server.close();
    await geo.close();
    await database.close();
  }
  const first = Math.round(median(firstRenders));
  const redraw = Math.round(median(redraws));
  const floor = Math.round(median(floors));
  const load = loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");
  console.log(
    `basemap: ${WITH_BASEMAP ? `on (${basemap.served.tiles} tiles served)` : "off"}; load average ${load}`,
  );
  console.log(
    `\n| units | time to first render (median of ${RUNS}) | target | floor: download + JSON.parse alone | zoom + pan redraw |\n| --- | --- | --- | --- | --- |\n| ${UNITS.toLocaleString("en")} | ${first} ms | ≤ 3,000 ms ${first <= 3000 ? "✓" : "✗"} | ${floor} ms | ${redraw} ms |`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
