/**
 * `npm run bench:web`: the map with 100,000 units in headless Chromium (Debian's, with the flags of tests/e2e/support/browser-config.ts).
 * Reports the time from navigation to the first render of the units (target ≤ 3 s), then the
 * time to redraw after zooming and panning. The units are generated here, in the map API's shape
 * (GET /api/map/units.geojson: a FeatureCollection of points), and served in place of the API's
 * answer by the same local server: this measures the browser (download, parse and clustering in the map's worker,
 * drawing); the API's own latency for a city-sized bbox is `npm run bench:map`.
 *
 * The basemap is on, as in production: a vector style and its tiles served by a second local
 * server in the shape of the Géoplateforme's «Plan IGN» (tests/support/basemap-fixture.ts);
 * BENCH_BASEMAP=none measures the plain background. Beside the figure, the floor: the same answer
 * downloaded and parsed by the page alone (fetch + JSON.parse), which no drawing can beat; and the
 * load average, since the cores are shared.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { openDatabase } from "../db/client";
import { migrate } from "../db/migrate";
import { seedDemo } from "../db/seed";
import { DEMO_PASSWORD } from "../db/seed/demo-accounts";
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
const typologies = ["studio", "T1", "T2", "T3", "T4", "T5"];

/** A small deterministic generator (mulberry32): the same units on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * 100,000 units around Dijon (the demo city), spread over 2,000 buildings, in the exact shape of
 * GET /api/map/units.geojson (server/modules/map/map.service.ts): each unit at its building's
 * point, with its building's programme count, share and headroom under the 20% cap.
 */
function generateUnits(count: number): string {
  const next = random(42);
  const buildings = Array.from({ length: Math.ceil(count / 50) }, (_, index) => {
    const totalDwellings = 50;
    const programmeUnits = Math.floor(next() * 11);
    return {
      id: `00000000-0000-4000-9000-${String(index).padStart(12, "0")}`,
      lng: Number((4.97 + next() * 0.14).toFixed(6)),
      lat: Number((47.28 + next() * 0.08).toFixed(6)),
      totalDwellings,
      programmeUnits,
      shareBasisPoints: Math.round((programmeUnits / totalDwellings) * 10_000),
      headroom: Math.max(0, 10 - programmeUnits),
    };
  });
  const features = [];
  for (let index = 0; index < count; index++) {
    const building = buildings[index % buildings.length]!;
    const id = `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`;
    const rentCents = 30_000 + Math.floor(next() * 60_000);
    const chargesCents = 3_000 + Math.floor(next() * 10_000);
    features.push({
      type: "Feature",
      id,
      geometry: { type: "Point", coordinates: [building.lng, building.lat] },
      properties: {
        id,
        buildingId: building.id,
        status: statuses[Math.floor(next() * statuses.length)],
        typology: typologies[Math.floor(next() * typologies.length)],
        rentCents,
        chargesCents,
        totalCents: rentCents + chargesCents,
        buildingProgrammeUnits: building.programmeUnits,
        buildingTotalDwellings: building.totalDwellings,
        buildingShareBasisPoints: building.shareBasisPoints,
        buildingHeadroom: building.headroom,
      },
    });
  }
  return JSON.stringify({ type: "FeatureCollection", features });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  if (!browserAvailable) throw new Error(`no chromium at ${chromiumPath}: apt-get install -y chromium`);
  await buildWebIfStale();
  const database = await openDatabase({ kind: "embedded-memory" });
  await migrate(database);
  const clock = fixedClock("2026-11-23T10:00:00+01:00");
  await seedDemo(database, clock);
  const body = generateUnits(UNITS);
  const geo = await startGeoServices();
  const basemap = basemapHandler(geo.baseUrl);
  geo.route(basemap.handler);
  // the generated units answer the map's request, from the same local server as the app
  const env = WITH_BASEMAP ? { MAP_STYLE_URL: basemap.styleUrl } : {};
  const server = await serveApp(database, clock, env, (request) =>
    new URL(request.url).pathname === "/api/map/units.geojson"
      ? new Response(body, { headers: { "content-type": "application/geo+json" } })
      : null,
  );
  console.log(
    `${UNITS.toLocaleString("en")} units generated (${(body.length / 1e6).toFixed(1)} MB of GeoJSON)`,
  );

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
    await page.goto(`${server.baseUrl}/connexion`);
    await page.getByLabel("Adresse électronique").fill("gestion@demo.fr");
    await page.getByLabel("Mot de passe").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.getByRole("navigation", { name: "Navigation principale" }).waitFor();

    for (let run = 0; run < RUNS; run++) {
      const t0 = Date.now();
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
        return clusters.reduce((sum, feature) => sum + Number(feature.properties.point_count ?? 0), 0);
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
        }, `${server.baseUrl}/api/map/units.geojson`),
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
