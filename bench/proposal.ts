/**
 * npm run bench:proposal — the server time of the proposal page, through the app (session,
 * permission, audit row, JSON): what the officer waits for when opening a person, the ranked
 * candidates (GET /api/persons/{id}/matches) and then the stock of the map's visible box
 * as pins (GET /api/map/units.geojson?bbox=…&status=available,vacant,reserved&fields=pins&zoom=…,
 * grouped by the database above a density), plus the first page of
 * the excluded flats when "Logements écartés" is opened (GET /api/persons/{id}/matches/excluded,
 * 20 rows, as the page asks). The three are timed one after the other, per person, and summed.
 *
 * The box is the one the page asks for: the candidates and the person's place fitted in a
 * 570 × 560 px map at zoom 14 at most, padded by half the view on each side (paddedBounds).
 * Generates 1,000, 10,000 and 100,000 available units (bench/stock-data.ts) on the embedded
 * database and, when BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set, on PostgreSQL in a
 * throwaway database. Target: ≤ 500 ms of server time at 100,000 units. Each page follows a write
 * in the organisation, so that it is computed, not sent again from the read cache.
 */
import { loadavg } from "node:os";
import { sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { onEachBackend } from "./bench-databases";
import { createApp } from "../server/app";
import { fixedClock } from "../server/lib/clock";
import { createLogger } from "../server/lib/logger";
import { defaultEnv } from "../server/env";
import { generateStock, withOfficer } from "./stock-data";

const NOW = new Date("2026-11-23T10:00:00+01:00");
const TARGET_MS = 500;
const MAP_PX = { width: 570, height: 560 };
const MAX_ZOOM = 14;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The bbox the proposal page's map reads once fitted to these points (web/src/map/map.ts). */
/** The box and zoom the page asks for: MapLibre's world is 512 px wide at zoom 0. */
function proposalBox(points: { lng: number; lat: number }[]): { bbox: string; zoom: number } {
  const lngs = points.map((p) => p.lng);
  const lats = points.map((p) => p.lat);
  const centre = {
    lng: (Math.min(...lngs) + Math.max(...lngs)) / 2,
    lat: (Math.min(...lats) + Math.max(...lats)) / 2,
  };
  const cos = Math.cos((centre.lat * Math.PI) / 180);
  const spanLng = Math.max(Math.max(...lngs) - Math.min(...lngs), 1e-6);
  const spanLat = Math.max(Math.max(...lats) - Math.min(...lats), 1e-6) / cos;
  // fitBounds(…, { maxZoom: 14 }): the highest zoom at which the candidates fit the map
  const fitting = Math.log2((360 * Math.min(MAP_PX.width / spanLng, MAP_PX.height / spanLat)) / 512);
  const zoom = Math.min(MAX_ZOOM, fitting);
  const degreesPerPx = 360 / (512 * 2 ** zoom);
  const halfWidth = (MAP_PX.width / 2) * degreesPerPx;
  const halfHeight = (MAP_PX.height / 2) * degreesPerPx * cos;
  // paddedBounds(map, 0.5): half the view's size again on each side
  const bbox = [
    centre.lng - 2 * halfWidth,
    centre.lat - 2 * halfHeight,
    centre.lng + 2 * halfWidth,
    centre.lat + 2 * halfHeight,
  ]
    .map((value) => value.toFixed(5))
    .join(",");
  return { bbox, zoom: Math.floor(zoom) };
}

const mapBoxUrl = ({ bbox, zoom }: { bbox: string; zoom: number }) =>
  `/api/map/units.geojson?bbox=${bbox}&status=available,vacant,reserved&fields=pins&zoom=${zoom}`;

async function measure(database: Database, unitCount: number, rounds: number) {
  const { organisationId, people } = await generateStock(database, unitCount);
  const cookie = await withOfficer(database, organisationId, NOW);
  const env = defaultEnv({ NODE_ENV: "test", LOG_LEVEL: "silent" });
  const app = createApp({ database, clock: fixedClock(NOW), env, logger: createLogger(env) });
  const get = async (path: string) => {
    const started = performance.now();
    const response = await app.request(`http://localhost${path}`, { headers: { cookie } });
    const body = await response.text();
    const elapsed = performance.now() - started;
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${body.slice(0, 300)}`);
    return { elapsed, body };
  };
  const samples = {
    matches: [] as number[],
    box: [] as number[],
    excluded: [] as number[],
    page: [] as number[],
  };
  let features = 0;
  let excludedTotal = 0;
  const loadBefore = loadavg()[0]!;
  // two warm-up rounds (query plans, V8 and WebAssembly tiers), never timed
  for (let round = -2; round < rounds; round++) {
    for (const person of people) {
      // a write in the organisation, as another officer makes one at any moment of a working day:
      // the answers kept by the read cache no longer hold, and the page is computed as at its
      // first opening
      await database.db.execute(sql`update organisations set name = name where id = ${organisationId}`);
      const matches = await get(`/api/persons/${person.id}/matches`);
      const { candidates } = JSON.parse(matches.body) as { candidates: { lng: number; lat: number }[] };
      const box = await get(mapBoxUrl(proposalBox([...candidates, { lng: 5.03, lat: 47.32 }])));
      const excluded = await get(`/api/persons/${person.id}/matches/excluded?limit=20`);
      if (round < 0) continue;
      samples.matches.push(matches.elapsed);
      samples.box.push(box.elapsed);
      samples.excluded.push(excluded.elapsed);
      samples.page.push(matches.elapsed + box.elapsed + excluded.elapsed);
      features = (JSON.parse(box.body) as { features: unknown[] }).features.length;
      excludedTotal = (JSON.parse(excluded.body) as { total: number }).total;
    }
  }
  const loadAfter = loadavg()[0]!;
  const stats = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
  };
  return {
    unitCount,
    runs: samples.page.length,
    matches: stats(samples.matches),
    box: stats(samples.box),
    excluded: stats(samples.excluded),
    page: stats(samples.page),
    features,
    excludedTotal,
    load: `${loadBefore.toFixed(1)}–${loadAfter.toFixed(1)}`,
  };
}

const ms = (value: number) => value.toFixed(0).padStart(5);
const sizes = (process.env.BENCH_SIZES ?? "1000,10000,100000").split(",").map(Number);
const results = await onEachBackend(
  sizes,
  (database, unitCount) => measure(database, unitCount, unitCount <= 1_000 ? 5 : unitCount <= 10_000 ? 3 : 2),
  (label, unitCount, r) =>
    console.log(
      `${label.padEnd(10)} ${String(unitCount).padStart(7)} units  page p50 ${ms(r.page.p50)} ms  p95 ${ms(r.page.p95)} ms ` +
        `(${r.page.p95 <= TARGET_MS ? "within" : "over"} ${TARGET_MS} ms)  ` +
        `matches p95 ${ms(r.matches.p95)}  box p95 ${ms(r.box.p95)} (${r.features} pins)  ` +
        `excluded p95 ${ms(r.excluded.p95)} (${r.excludedTotal} excluded)  ${r.runs} runs, load average ${r.load}`,
    ),
);
console.log(
  JSON.stringify(
    results.map(({ backend, unitCount, page, matches, box, excluded, features, load }) => ({
      backend,
      unitCount,
      pageP50: Math.round(page.p50),
      pageP95: Math.round(page.p95),
      matchesP95: Math.round(matches.p95),
      boxP95: Math.round(box.p95),
      excludedP95: Math.round(excluded.p95),
      features,
      load,
    })),
  ),
);
