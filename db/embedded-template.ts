import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { IsoDate } from "../server/lib/dates";
import { dataDirIsEmpty } from "./data-dir-archive";
import { latestShippedMigration } from "./migrate";

/**
 * Embedded data folders prepared at build time (scripts/build.mjs), that a first start extracts
 * into its empty folder (db/data-dir-archive.ts) instead of running initdb and every migration:
 * - the migrated template: an empty, migrated database;
 * - the demo template: the same with the demo site seeded. The demo is planned from the day it is
 *   seeded (leases, rent calls, deadlines count from today), so it is restored only on that day;
 *   another day the migrated template is restored and the demo seeded live.
 */
export const templateArchive = fileURLToPath(new URL("../dist/pglite-template.tar.gz", import.meta.url));
const templateMeta = fileURLToPath(new URL("../dist/pglite-template.json", import.meta.url));
export const demoTemplateArchive = fileURLToPath(
  new URL("../dist/pglite-template-demo.tar.gz", import.meta.url),
);
const demoTemplateMeta = fileURLToPath(new URL("../dist/pglite-template-demo.json", import.meta.url));

/** What a template was made with: the PGlite that wrote it, its last migration, the demo's day. */
export type TemplateMeta = { pglite?: string; migration?: string | null; seededOn?: IsoDate };

/** The installed PGlite's version: its package.json is not exported, so it is found above its entry. */
export function installedPgliteVersion(): string {
  const require = createRequire(import.meta.url);
  let dir = dirname(require.resolve("@electric-sql/pglite"));
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  return (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string }).version;
}

function readMeta(path: string): TemplateMeta | undefined {
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, "utf8")) as TemplateMeta;
}

/** A template of another PostgreSQL build may not open; one of other migrations is not ours. */
function fitsThisCode(meta: TemplateMeta | undefined): boolean {
  return meta?.pglite === installedPgliteVersion() && meta.migration === latestShippedMigration();
}

export type EmbeddedTemplate = { archivePath: string; demoSeededOn: IsoDate | null };

/**
 * The template for a first start on `dataDir`, or undefined when the folder already holds a
 * database or no template fits this code. With `demoOn` (the demo is wanted, today's date), the
 * demo template when it was seeded that very day, else the migrated one.
 */
export function embeddedTemplateFor(
  dataDir: string,
  options: { demoOn?: IsoDate | undefined } = {},
  paths = { templateArchive, templateMeta, demoTemplateArchive, demoTemplateMeta },
): EmbeddedTemplate | undefined {
  if (!dataDirIsEmpty(dataDir)) return undefined;
  if (options.demoOn !== undefined && existsSync(paths.demoTemplateArchive)) {
    const meta = readMeta(paths.demoTemplateMeta);
    if (fitsThisCode(meta) && meta?.seededOn === options.demoOn)
      return { archivePath: paths.demoTemplateArchive, demoSeededOn: meta.seededOn };
  }
  if (!existsSync(paths.templateArchive) || !fitsThisCode(readMeta(paths.templateMeta))) return undefined;
  return { archivePath: paths.templateArchive, demoSeededOn: null };
}
