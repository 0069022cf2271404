/**
 * The databases a benchmark runs on, side by side: the embedded database in memory, and a
 * throwaway database on a PostgreSQL server (created for the run, dropped after it).
 */
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { type Database, openDatabase } from "../db/client";
import { migrate } from "../db/migrate";

export type BenchDatabase = { database: Database; dispose: () => Promise<void>; url?: string };

/** The PostgreSQL server to compare with, when one is configured. */
export function benchServerUrl(): string | undefined {
  return process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
}

export async function openEmbeddedBenchDatabase(): Promise<BenchDatabase> {
  const database = await openDatabase({ kind: "embedded-memory" });
  return { database, dispose: () => database.close() };
}

/** A new, empty database on the server, dropped by `dispose`. */
export async function openThrowawayServerDatabase(serverUrl: string): Promise<BenchDatabase> {
  const name = `iml_bench_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: "server", url: url.toString() });
  return {
    database,
    url: url.toString(),
    dispose: async () => {
      await database.close();
      const dropper = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

/**
 * Runs `measure` on a fresh, migrated database per stock size: on the embedded database, then on
 * a throwaway PostgreSQL database when a server is configured. One row per backend and size,
 * printed by `report` as it comes.
 */
export async function onEachBackend<R>(
  sizes: number[],
  measure: (database: Database, unitCount: number) => Promise<R>,
  report: (backend: string, unitCount: number, row: R) => void,
): Promise<(R & { backend: string })[]> {
  const runOn = async (backend: string, open: () => Promise<BenchDatabase>) => {
    const rows: (R & { backend: string })[] = [];
    for (const unitCount of sizes) {
      const { database, dispose } = await open();
      try {
        await migrate(database);
        const row = await measure(database, unitCount);
        rows.push({ backend, ...row });
        report(backend, unitCount, row);
      } finally {
        await dispose();
      }
    }
    return rows;
  };
  const results = await runOn("embedded", openEmbeddedBenchDatabase);
  const serverUrl = benchServerUrl();
  if (serverUrl) {
    results.push(...(await runOn("postgresql", () => openThrowawayServerDatabase(serverUrl))));
  } else {
    console.log("PostgreSQL skipped: set BENCH_DATABASE_URL=postgres://… to include it");
  }
  return results;
}
