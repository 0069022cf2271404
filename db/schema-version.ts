import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Database } from "./client";
import { migrationsFolder } from "./migrate";

/** Where a database's schema stands against the migrations shipped with this code. */
export type SchemaVersion =
  | { state: "current"; migration: string }
  | { state: "behind"; applied: string | null; shipped: string; pending: number }
  | { state: "ahead"; applied: string; shipped: string };

type JournalEntry = { idx: number; when: number; tag: string };

function journalEntries(): JournalEntry[] {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, "meta", "_journal.json"), "utf8")) as {
    entries: JournalEntry[];
  };
  return journal.entries;
}

/**
 * Compares the migrations the database records (drizzle.__drizzle_migrations, by their
 * timestamp, the way drizzle's migrator decides what to apply) with the shipped journal.
 * A database that recorded a migration this code does not know was migrated by a newer version.
 */
export async function schemaVersion(database: Database): Promise<SchemaVersion> {
  const entries = journalEntries();
  const shipped = entries.at(-1);
  if (!shipped) throw new Error("no migration shipped in db/migrations");
  const [table] = await database.query<{ present: boolean }>(
    "select to_regclass('drizzle.__drizzle_migrations') is not null as present",
  );
  const applied = table?.present
    ? (
        await database.query<{ created_at: string | number }>(
          "select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1",
        )
      )[0]
    : undefined;
  if (!applied) return { state: "behind", applied: null, shipped: shipped.tag, pending: entries.length };
  const when = Number(applied.created_at);
  const known = entries.find((entry) => entry.when === when);
  if (when > shipped.when || !known)
    return { state: "ahead", applied: known?.tag ?? `inconnue (${when})`, shipped: shipped.tag };
  const pending = entries.filter((entry) => entry.when > when).length;
  if (pending > 0) return { state: "behind", applied: known.tag, shipped: shipped.tag, pending };
  return { state: "current", migration: shipped.tag };
}

export class SchemaVersionError extends Error {
  constructor(readonly version: Exclude<SchemaVersion, { state: "current" }>) {
    super(
      version.state === "behind"
        ? `le schéma de la base (${version.applied ?? "aucune migration"}) est plus ancien que le code ` +
            `(${version.shipped}, ${version.pending} migration(s) à appliquer) : lancez « npm run db:migrate » ` +
            "(image Docker : « node dist/server/db-migrate.js ») puis redémarrez"
        : `le schéma de la base (${version.applied}) est plus récent que le code (${version.shipped}) : ` +
            "déployez la version qui l'a migrée, ou restaurez la sauvegarde d'avant la migration",
    );
    this.name = "SchemaVersionError";
  }
}

/** Refuses to serve on a schema older or newer than the code: one writes what the other cannot read. */
export async function assertSchemaIsCurrent(database: Database): Promise<string> {
  const version = await schemaVersion(database);
  if (version.state !== "current") throw new SchemaVersionError(version);
  return version.migration;
}
