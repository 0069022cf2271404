/**
 * npm run bench:matching — matching latency per person (GET /api/persons/{id}/matches minus HTTP):
 * the ranked list (default limit 50): the database filters the hard constraints and orders by a
 * score upper bound, only the best pages are fetched and scored with explanations by the rules;
 * and, for reference, the full in-memory pass `include=excluded` uses (every unit loaded).
 * Generates 1,000 and 100,000 available units on the embedded database (PGlite) and, when
 * BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set, on PostgreSQL in a throwaway database.
 * Targets: p95 ≤ 20 ms for 1,000 units, ≤ 300 ms for 100,000 (≤ 150 ms on PostgreSQL).
 */
import { loadavg } from "node:os";
import type { Database } from "../db/client";
import { onEachBackend } from "./bench-databases";
import { matchUnitsForPerson } from "../server/modules/matching/matching.service";
import { generateStock } from "./stock-data";

const TODAY = "2026-11-23";
const WARM_UP_ROUNDS = 5;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(database: Database, unitCount: number, rounds: number) {
  const { organisationId, people } = await generateStock(database, unitCount);
  const options = { startDate: TODAY, today: TODAY };
  // warm-up rounds first (query plans, V8 and WebAssembly tiers), never timed
  for (let round = 0; round < WARM_UP_ROUNDS; round++)
    for (const person of people) await matchUnitsForPerson(database.db, organisationId, person, options);
  const samples: number[] = [];
  const loadBefore = loadavg()[0]!;
  let eligible = 0;
  for (let round = 0; round < rounds; round++) {
    for (const person of people) {
      const started = performance.now();
      const result = await matchUnitsForPerson(database.db, organisationId, person, options);
      samples.push(performance.now() - started);
      eligible = result.eligibleCount;
    }
  }
  const loadAfter = loadavg()[0]!;
  // the full pass (include=excluded), once per person, after the timed rounds: its garbage must not
  // land in the ranked list's samples
  const loads: number[] = [];
  for (const person of people) {
    const fullStarted = performance.now();
    await matchUnitsForPerson(database.db, organisationId, person, { ...options, includeExcluded: true });
    loads.push(performance.now() - fullStarted);
  }
  samples.sort((a, b) => a - b);
  loads.sort((a, b) => a - b);
  return {
    unitCount,
    samples: samples.length,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    fullP50: percentile(loads, 50),
    eligible,
    load: `${loadBefore.toFixed(1)}–${loadAfter.toFixed(1)}`,
  };
}

const sizes = (process.env.BENCH_SIZES ?? "1000,100000").split(",").map(Number);
const results = await onEachBackend(
  sizes,
  // 500 samples at 1,000 units (25 of them above the p95), 50 at 100,000
  (database, unitCount) => measure(database, unitCount, unitCount <= 10_000 ? 50 : 5),
  (label, unitCount, result) =>
    console.log(
      `${label.padEnd(10)} ${String(unitCount).padStart(7)} units  p50 ${result.p50.toFixed(1).padStart(7)} ms  p95 ${result.p95.toFixed(1).padStart(7)} ms  (include=excluded p50 ${result.fullP50.toFixed(0)} ms, ${result.samples} runs, ~${result.eligible} eligible for the last person, load average ${result.load})`,
    ),
);
console.log(
  JSON.stringify(
    results.map(({ backend, unitCount, p50, p95 }) => ({
      backend,
      unitCount,
      p50: Math.round(p50 * 10) / 10,
      p95: Math.round(p95 * 10) / 10,
    })),
  ),
);
