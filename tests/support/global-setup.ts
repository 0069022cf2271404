import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../db/client";
import { migrate } from "../../db/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplatePath: string;
    serverTemplateDatabase: string;
  }
}

/**
 * A fresh PGlite costs seconds: migrate once, dump the data folder, and let each
 * test file restore the dump. On PostgreSQL, migrate one template database that each test
 * file clones with CREATE DATABASE … TEMPLATE.
 */
export default async function setup(project: TestProject) {
  const backend = project.config.env?.TEST_BACKEND ?? "embedded";
  if (backend === "server") {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error("TEST_DATABASE_URL is required for the server test project");
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    const template = `iml_tpl_${randomBytes(4).toString("hex")}`;
    await admin.unsafe(`create database ${template}`);
    const templateUrl = new URL(url);
    templateUrl.pathname = `/${template}`;
    const database = await openDatabase({ kind: "server", url: templateUrl.toString(), maxConnections: 1 });
    await migrate(database);
    await database.close();
    project.provide("serverTemplateDatabase", template);
    return async () => {
      // drop the template and any test database a crashed file left behind
      const leftovers = await admin<{ datname: string }[]>`
        select datname from pg_database where datname like ${`${template}%`}`;
      for (const { datname } of leftovers)
        await admin.unsafe(`drop database if exists ${datname} with (force)`);
      await admin.end();
    };
  }

  const database = await openDatabase({ kind: "embedded-memory" });
  await migrate(database);
  const dump = await database.pglite!.dumpDataDir("none");
  await database.close();
  const dir = mkdtempSync(join(tmpdir(), "iml-pglite-"));
  const path = join(dir, "template.tar");
  writeFileSync(path, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgliteTemplatePath", path);
  return () => rmSync(dir, { recursive: true, force: true });
}
