import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import postgres from "postgres";
import { afterAll, beforeAll, inject } from "vitest";
import { type Database, openDatabase } from "../../db/client";

export type TestBackend = "embedded" | "server";

export function testBackend(): TestBackend {
  return process.env.TEST_BACKEND === "server" ? "server" : "embedded";
}

/** A migrated database of its own for one test file: a PGlite restored from the template, or a cloned PostgreSQL database. */
export async function openTestDatabase(): Promise<Database> {
  if (testBackend() === "embedded") {
    const bytes = readFileSync(inject("pgliteTemplatePath"));
    return openDatabase({ kind: "embedded-memory", loadDataDir: new Blob([bytes]) });
  }
  const url = process.env.TEST_DATABASE_URL!;
  const template = inject("serverTemplateDatabase");
  const name = `${template}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    // clones of one template may not run at the very same instant: retry briefly
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.unsafe(`create database ${name} template ${template}`);
        break;
      } catch (error) {
        if (attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  const fileUrl = new URL(url);
  fileUrl.pathname = `/${name}`;
  const database = await openDatabase({ kind: "server", url: fileUrl.toString(), maxConnections: 25 });
  const close = database.close;
  database.close = async () => {
    await close();
    const dropper = postgres(url, { max: 1, onnotice: () => {} });
    await dropper.unsafe(`drop database if exists ${name} with (force)`);
    await dropper.end();
  };
  return database;
}

/** Opens the file's database before its tests and closes it after: `const db = useTestDatabase();` then `db.current`. */
export function useTestDatabase(): { readonly current: Database } {
  let database: Database | undefined;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });
  return {
    get current() {
      if (!database) throw new Error("the test database is opened in beforeAll");
      return database;
    },
  };
}
