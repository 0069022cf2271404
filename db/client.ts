import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { dataDirIsEmpty, extractDataDirArchive } from "./data-dir-archive";
import { DurableNodeFS, durableStartParams } from "./durable-nodefs";
import { acquireDataDirLock, type DataDirLock } from "./lock";
import * as schema from "./schema";

export type Schema = typeof schema;
/** The database handle services and queries receive: a connection or a transaction, either driver. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DatabaseKind = "embedded" | "server";

export type Database = {
  db: Db;
  kind: DatabaseKind;
  /** Run raw SQL and get rows back, whatever the driver (drizzle's execute shapes differ). */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
  /** What the process sent so far (read by the metrics at scrape time). */
  stats: DatabaseStats;
  /** The embedded instance, for tests that dump or restore a data directory. */
  pglite?: PGlite;
};

export type DatabaseStats = { queries: number };

/**
 * Drizzle's settings for both backends: the schema, snake_case columns, and a logger used only to
 * count the statements it sends (never their text or values).
 */
function drizzleConfig(stats: DatabaseStats) {
  return {
    schema,
    casing: "snake_case" as const,
    logger: {
      logQuery: () => {
        stats.queries++;
      },
    },
  };
}

export type DatabaseOptions =
  | { kind: "server"; url: string; maxConnections?: number }
  | {
      kind: "embedded";
      dataDir: string;
      lock?: boolean;
      loadDataDir?: Blob | File;
      /** a `dumpDataDir("gzip")` file extracted into the folder, under its lock, when it is empty */
      restoreArchive?: string;
    }
  | { kind: "embedded-memory"; loadDataDir?: Blob | File };

/** One factory for both backends: PostgreSQL through postgres.js, or PGlite persisted in a folder. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.kind === "server") {
    const client = postgres(options.url, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
      // JIT compilation pays off for long analytical queries; this back office runs short ones,
      // and a pessimistic row estimate made PostgreSQL spend ~750 ms compiling a 30 ms dashboard
      // query (measured by bench:ledger)
      connection: { jit: "off" },
      // keep dates as strings: business dates are ISO calendar dates, never shifted by a time zone
      types: { date: { to: 1082, from: [1082], serialize: (v: string) => v, parse: (v: string) => v } },
    });
    const stats: DatabaseStats = { queries: 0 };
    const db = drizzlePostgres(client, drizzleConfig(stats)) as unknown as Db;
    return {
      db,
      kind: "server",
      stats,
      query: async (text, params = []) => {
        stats.queries++;
        return (await client.unsafe(text, params as never[])) as never;
      },
      close: () => client.end({ timeout: 5 }),
    };
  }

  let lock: DataDirLock | undefined;
  let pglite: PGlite;
  if (options.kind === "embedded") {
    // PGlite does not create parent folders, nor lock its folder: we do both.
    mkdirSync(options.dataDir, { recursive: true });
    if (options.lock !== false) lock = acquireDataDirLock(options.dataDir);
    try {
      if (options.restoreArchive && dataDirIsEmpty(options.dataDir))
        extractDataDirArchive(options.restoreArchive, options.dataDir);
      pglite = await PGlite.create({
        fs: new DurableNodeFS(options.dataDir),
        startParams: durableStartParams,
        ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      });
    } catch (error) {
      lock?.release();
      throw error;
    }
  } else {
    pglite = await PGlite.create(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {});
  }
  const stats: DatabaseStats = { queries: 0 };
  const db = drizzlePglite(pglite, drizzleConfig(stats)) as unknown as Db;
  return {
    db,
    kind: "embedded",
    pglite,
    stats,
    query: async (text, params = []) => {
      stats.queries++;
      return (await pglite.query(text, params)).rows as never;
    },
    close: async () => {
      await pglite.close();
      lock?.release();
    },
  };
}
