/**
 * `npm run bench:map`: 100,000 generated units on the embedded database (PGlite), then the
 * latency of GET /api/map/units.geojson for a city-sized bounding box (target < 200 ms).
 *
 * Data: one organisation, 100,000 units in 25,000 buildings clustered around ten cities of
 * Bourgogne-Franche-Comté and neighbouring regions (10,000 units per city, Gaussian spread of
 * ~3 km), generated in SQL with a fixed seed so every run measures the same rows.
 */
import { performance } from "node:perf_hooks";
import { openDatabase } from "../db/client";
import { migrate } from "../db/migrate";
import { sessions, users } from "../db/schema";
import { createApp } from "../server/app";
import { defaultEnv } from "../server/env";
import { fixedClock } from "../server/lib/clock";
import { createLogger } from "../server/lib/logger";
import { SESSION_COOKIE } from "../server/modules/auth/session-cookie";
import { hashToken, newSecretToken } from "../server/modules/auth/tokens";

const UNITS = 100_000;
const UNITS_PER_BUILDING = 4;
const CITIES: [string, number, number][] = [
  ["Dijon", 5.0415, 47.322],
  ["Besançon", 6.0241, 47.2378],
  ["Chalon-sur-Saône", 4.8537, 46.7806],
  ["Mâcon", 4.8345, 46.3069],
  ["Auxerre", 3.5673, 47.7982],
  ["Nevers", 3.1596, 46.9908],
  ["Belfort", 6.8628, 47.6397],
  ["Beaune", 4.8403, 47.026],
  ["Dole", 5.4903, 47.092],
  ["Lons-le-Saunier", 5.5546, 46.6744],
];
const ORG = "00000000-0000-4000-8000-0000000be4c4";
const RUNS = 15;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main() {
  const started = performance.now();
  const database = await openDatabase({ kind: "embedded-memory" });
  await migrate(database);
  const q = database.query;
  await q(
    `insert into organisations (id, name, kind, city, capacity) values ($1, 'Bench', 'iml_association', 'Dijon', 1000)`,
    [ORG],
  );
  const buildingCount = UNITS / UNITS_PER_BUILDING;
  await q("select setseed(0.42)");
  // Box–Muller: a Gaussian spread of σ = 0.03° (~2–3 km) around each city
  const cityValues = CITIES.map(([, lng, lat], i) => `(${i}, ${lng}, ${lat})`).join(",");
  await q(
    `insert into buildings (organisation_id, street, postcode, city, lng, lat, total_dwellings)
     select $1, g || ' rue du Banc d''Essai', '21000', c.name, c.lng + 0.03 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()),
            c.lat + 0.03 * sqrt(-2 * ln(1 - random())) * sin(2 * pi() * random()), 5 + (random() * 40)::int
     from generate_series(0, $2 - 1) g
     join (values ${cityValues}) as c(i, lng, lat) on c.i = g % ${CITIES.length}
     cross join lateral (select 'Ville ' || c.i as name) n`.replace("c.name", "n.name"),
    [ORG, buildingCount],
  );
  await q(
    `insert into units (organisation_id, building_id, floor, typology, surface_m_2, rooms, rent_cents, charges_cents, energy_class, status, status_since)
     select b.organisation_id, b.id, k, (array['studio','T1','T2','T3','T4'])[1 + (random() * 4)::int]::typology,
            20 + random() * 60, 1 + (random() * 3)::int, 35000 + (random() * 40000)::int, 3000 + (random() * 8000)::int,
            (array['B','C','D','E','F'])[1 + (random() * 4)::int]::energy_class,
            (array['available','available','reserved','let','let','let','vacant','works','prospect','agreed'])[1 + (random() * 9)::int]::unit_status,
            '2026-01-01'
     from buildings b cross join generate_series(1, $2) k where b.organisation_id = $1`,
    [ORG, UNITS_PER_BUILDING],
  );
  await q("analyze");
  const [counted] = await q<{ n: number }>("select count(*)::int as n from units");
  const n = counted?.n ?? 0;
  const generatedIn = performance.now() - started;

  // a logged-in officer, then the real HTTP route through app.request
  const now = new Date("2026-11-23T10:00:00+01:00");
  const [user] = await database.db
    .insert(users)
    .values({ organisationId: ORG, email: "bench@bench.fr", fullName: "Bench", role: "housing_officer" })
    .returning();
  const token = newSecretToken();
  await database.db.insert(sessions).values({
    tokenHash: hashToken(token),
    organisationId: ORG,
    userId: user!.id,
    createdAt: now,
    lastSeenAt: now,
  });
  const env = defaultEnv({ NODE_ENV: "test", LOG_LEVEL: "silent" });
  const app = createApp({ database, clock: fixedClock(now), env, logger: createLogger(env) });

  const cases: [string, string][] = [
    ["Dijon city bbox (≈ 11 × 9 km)", "4.97,47.28,5.11,47.36"],
    ["Dijon, status=available", "4.97,47.28,5.11,47.36&status=available"],
    ["a district (≈ 1.5 × 1 km)", "5.03,47.316,5.05,47.326"],
    // what the map page asks for: the zoom it draws at, grouped by the database above a density
    ["Dijon city bbox, zoom 12 (grouped)", "4.97,47.28,5.11,47.36&zoom=12"],
    ["Dijon city bbox, zoom 12, pins (grouped)", "4.97,47.28,5.11,47.36&zoom=12&fields=pins"],
  ];
  console.log(`generated ${n} units in ${buildingCount} buildings in ${(generatedIn / 1000).toFixed(1)} s`);
  console.log(`| query | features | bytes | median ms | p95 ms |`);
  console.log(`| --- | ---: | ---: | ---: | ---: |`);
  for (const [label, query] of cases) {
    const timings: number[] = [];
    let features = 0;
    let bytes = 0;
    for (let run = 0; run < RUNS + 2; run++) {
      const t0 = performance.now();
      const response = await app.request(`http://localhost/api/map/units.geojson?bbox=${query}`, {
        headers: { cookie: `${SESSION_COOKIE}=${token}` },
      });
      const body = await response.text();
      const elapsed = performance.now() - t0;
      if (response.status !== 200) throw new Error(`${response.status} ${body}`);
      if (run >= 2) timings.push(elapsed); // two warm-up runs
      bytes = body.length;
      features = (JSON.parse(body) as { features: unknown[] }).features.length;
    }
    timings.sort((a, b) => a - b);
    console.log(
      `| ${label} | ${features} | ${bytes} | ${percentile(timings, 50).toFixed(0)} | ${percentile(timings, 95).toFixed(0)} |`,
    );
  }
  if (process.env.BENCH_PROFILE) {
    const { unitsInBboxQuery } = await import("../server/modules/map/map.queries");
    const { PgDialect } = await import("drizzle-orm/pg-core");
    const bbox = { minLng: 4.97, minLat: 47.28, maxLng: 5.11, maxLat: 47.36 };
    const built = new PgDialect().sqlToQuery(unitsInBboxQuery(ORG, bbox, undefined));
    const analysed = await q<{ "QUERY PLAN": string }>(`explain analyze ${built.sql}`, built.params);
    console.log(analysed.map((row) => row["QUERY PLAN"]).join("\n"));
  }
  const plan = await q<{ "QUERY PLAN": string }>(
    `explain select id from buildings where organisation_id = $1 and lng between 4.97 and 5.11 and lat between 47.28 and 47.36`,
    [ORG],
  );
  console.log(`\nbuildings bbox plan: ${plan.map((row) => row["QUERY PLAN"]).join(" / ")}`);
  await database.close();
}

await main();
