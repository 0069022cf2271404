import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { latestShippedMigration } from "./migrate";

/**
 * An embedded data folder initialised and migrated at build time (scripts/build.mjs): a first
 * start restores it (PGlite's loadDataDir) instead of running initdb and every migration.
 */
export const templateArchive = fileURLToPath(new URL("../dist/pglite-template.tar.gz", import.meta.url));
const templateMeta = fileURLToPath(new URL("../dist/pglite-template.json", import.meta.url));

/** The installed PGlite's version: its package.json is not exported, so it is found above its entry. */
export function installedPgliteVersion(): string {
  const require = createRequire(import.meta.url);
  let dir = dirname(require.resolve("@electric-sql/pglite"));
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  return (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string }).version;
}

/** True when the folder holds no database yet (PostgreSQL writes PG_VERSION first). */
export function dataDirIsEmpty(dataDir: string): boolean {
  return !existsSync(join(dataDir, "PG_VERSION"));
}

/**
 * The template for a first start on `dataDir`, or undefined: when the folder already holds a
 * database, or when no template was built by this PGlite for exactly the shipped migrations
 * (a template of another PostgreSQL build may not open; one of other migrations is not ours).
 */
export function embeddedTemplateFor(dataDir: string): Blob | undefined {
  if (!dataDirIsEmpty(dataDir) || !existsSync(templateArchive) || !existsSync(templateMeta)) return undefined;
  const meta = JSON.parse(readFileSync(templateMeta, "utf8")) as { pglite?: string; migration?: string };
  if (meta.pglite !== installedPgliteVersion() || meta.migration !== latestShippedMigration())
    return undefined;
  return new Blob([readFileSync(templateArchive)]);
}
