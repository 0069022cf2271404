import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Clock } from "../server/lib/clock";
import { openDatabase } from "./client";
import {
  demoTemplateArchive,
  installedPgliteVersion,
  type TemplateMeta,
  templateArchive,
} from "./embedded-template";
import { latestShippedMigration, migrate } from "./migrate";
import { seedDemo } from "./seed";

function writeAtomically(path: string, content: Buffer | string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.tmp`, content);
  renameSync(`${path}.tmp`, path);
}

/**
 * initdb and every migration once, dumped as the migrated template; then the demo seeded on the
 * same database as of `clock`'s day, dumped as the demo template. Each archive's description is
 * written after it, so a template is never described by the meta of another.
 */
export async function buildEmbeddedTemplates(clock: Clock): Promise<void> {
  const database = await openDatabase({ kind: "embedded-memory" });
  try {
    const pglite = database.pglite;
    if (!pglite) throw new Error("an embedded database has its PGlite instance");
    const meta: TemplateMeta = { pglite: installedPgliteVersion(), migration: latestShippedMigration() };
    await migrate(database);
    const dump = async (path: string, description: TemplateMeta) => {
      const archive = await pglite.dumpDataDir("gzip");
      writeAtomically(path, Buffer.from(await archive.arrayBuffer()));
      writeAtomically(path.replace(/\.tar\.gz$/, ".json"), `${JSON.stringify(description, null, 2)}\n`);
    };
    await dump(templateArchive, meta);
    await seedDemo(database, clock);
    await dump(demoTemplateArchive, { ...meta, seededOn: clock.today() });
  } finally {
    await database.close();
  }
}
