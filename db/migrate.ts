import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { Database } from "./client";

export const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

type Journal = { entries: { idx: number; when: number; tag: string }[] };

function readJournal(): Journal {
  return JSON.parse(readFileSync(join(migrationsFolder, "meta", "_journal.json"), "utf8")) as Journal;
}

/** Applies the committed migrations (the same files for PGlite and PostgreSQL). */
export async function migrate(database: Database): Promise<void> {
  if (database.kind === "embedded") {
    await migratePglite(database.db as never, { migrationsFolder });
  } else {
    await migratePostgres(database.db as never, { migrationsFolder });
  }
}

/** The tag of the latest applied migration (e.g. "0003_ledger"), for /api/health. */
export async function latestAppliedMigration(database: Database): Promise<string | null> {
  const rows = await database.query<{ created_at: string | number }>(
    "select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1",
  );
  const row = rows[0];
  if (!row) return null;
  const when = Number(row.created_at);
  return readJournal().entries.find((entry) => entry.when === when)?.tag ?? String(when);
}

/** The tag of the newest migration shipped with the code. */
export function latestShippedMigration(): string | null {
  return readJournal().entries.at(-1)?.tag ?? null;
}

// `npm run db:migrate`: migrate the database named by DATABASE_URL (or the embedded folder).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { loadEnv } = await import("../server/env");
  const { openConfiguredDatabase } = await import("./open-configured");
  const env = loadEnv();
  const database = await openConfiguredDatabase(env);
  try {
    await migrate(database);
    console.log(`migrated (${database.kind}): ${await latestAppliedMigration(database)}`);
  } finally {
    await database.close();
  }
}
