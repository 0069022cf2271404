/**
 * The restore drill, on each backend: seed money (the demo's year of rent calls, payments,
 * arrears and costs), back up with `npm run db:backup`, restore with `npm run db:restore` into a
 * fresh folder or database, and compare what an auditor would: the trial balance of every
 * organisation, the verification of every audit chain (npm run audit:verify's function) and the
 * row count of every table. The embedded backup is taken while another process holds the folder,
 * as the running server does.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { serveBackupSocket } from "../../db/backup";
import { type Database, openDatabase } from "../../db/client";
import { organisations } from "../../db/schema";
import { seedDemo } from "../../db/seed";
import { fixedClock } from "../../server/lib/clock";
import { verifyAuditChains } from "../../server/modules/audit/audit.service";
import { trialBalance } from "../../server/modules/ledger/ledger.service";
import { testBackend } from "../support/db";
import { createLedgerTransaction } from "../support/factories/ledger-fixtures";

const clock = fixedClock("2026-11-23T10:00:00+01:00");
const repo = join(import.meta.dirname, "../..");
const tsx = join(repo, "node_modules/.bin/tsx");

/** Runs one of the tools as an operator would (`npm run db:backup` is `tsx server/cli/db-backup.ts`). */
function tool(
  name: "db-backup" | "db-restore",
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(tsx, [join(repo, `server/cli/${name}.ts`), ...args], {
      cwd: repo,
      env: { ...process.env, DATABASE_URL: "", LOG_LEVEL: "silent", ...env },
    });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.on("close", (code) => resolve({ code, output }));
  });
}

/** What must survive a backup and a restore, unchanged. */
async function fingerprint(database: Database) {
  const tables = await database.query<{ name: string }>(
    `select schemaname || '.' || tablename as name from pg_tables
     where schemaname in ('public', 'drizzle') order by 1`,
  );
  const rows: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await database.query<{ n: number }>(`select count(*)::int as n from ${name}`);
    rows[name] = row!.n;
  }
  const balances: Record<string, unknown> = {};
  for (const { id } of await database.db.select({ id: organisations.id }).from(organisations))
    balances[id] = await trialBalance(database.db, id);
  const chains = (await verifyAuditChains(database.db)).sort((a, b) =>
    a.organisationId.localeCompare(b.organisationId),
  );
  return { rows, balances, chains };
}

function expectMoneyAndAudit(print: Awaited<ReturnType<typeof fingerprint>>) {
  const balances = Object.values(print.balances) as { totalDebitCents: number; totalCreditCents: number }[];
  expect(balances.some((balance) => balance.totalDebitCents > 0)).toBe(true);
  for (const balance of balances) expect(balance.totalDebitCents).toBe(balance.totalCreditCents);
  expect(print.chains.length).toBeGreaterThan(0);
  for (const chain of print.chains) {
    expect(chain.broken).toBeNull();
    expect(chain.checked).toBeGreaterThan(0);
  }
}

describe.runIf(testBackend() === "embedded")("restore drill, embedded database", () => {
  let root: string;
  let dataDir: string;
  let source: Database;
  let socket: { close(): Promise<void> };
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "iml-drill-"));
    dataDir = join(root, "data");
    const template = readFileSync(inject("pgliteTemplatePath"));
    source = await openDatabase({ kind: "embedded", dataDir, loadDataDir: new Blob([template]) });
    // what the running server does: it holds the folder, and makes the backups asked of it
    socket = await serveBackupSocket(source, dataDir);
    expect(await seedDemo(source, clock)).toBe(true);
  }, 400_000);
  afterAll(async () => {
    await socket?.close();
    await source?.close();
  });

  it("backs up while the folder is held, restores into a fresh folder, and finds the same books", {
    timeout: 300_000,
  }, async () => {
    const before = await fingerprint(source);
    expectMoneyAndAudit(before);

    // the folder is locked by this process: the tool must ask it, not open the folder
    const archive = join(root, "backups", "drill.tar.gz");
    const backup = await tool("db-backup", [archive], { DATA_DIR: dataDir });
    expect(backup.output).toContain("server");
    expect(backup.code).toBe(0);
    const sum = readFileSync(`${archive}.sha256`, "utf8");
    expect(sum).toMatch(/^[0-9a-f]{64} {2}drill\.tar\.gz\n$/);
    expect(spawnSync("sha256sum", ["-c", `${archive}.sha256`], { cwd: join(root, "backups") }).status).toBe(
      0,
    );

    const restoredDir = join(root, "restored");
    const restore = await tool("db-restore", [archive, "--to", restoredDir], { DATA_DIR: dataDir });
    expect(restore.output).toContain("restauré");
    expect(restore.code).toBe(0);
    expect(existsSync(join(restoredDir, "app.lock"))).toBe(false);

    const restored = await openDatabase({ kind: "embedded", dataDir: restoredDir });
    try {
      expect(await fingerprint(restored)).toEqual(before);
    } finally {
      await restored.close();
    }

    // never over a folder that holds anything, never from an archive that does not match its sum
    const again = await tool("db-restore", [archive, "--to", restoredDir], {});
    expect(again.code).toBe(2);
    expect(again.output).toContain("n'est pas vide");
    const tampered = join(root, "backups", "tampered.tar.gz");
    const bytes = readFileSync(archive);
    const middle = bytes.length >> 1;
    bytes.writeUInt8(bytes.readUInt8(middle) ^ 0xff, middle);
    writeFileSync(tampered, bytes);
    writeFileSync(`${tampered}.sha256`, sum.replace("drill.tar.gz", "tampered.tar.gz"));
    const refused = await tool("db-restore", [tampered, "--to", join(root, "fresh")], {});
    expect(refused.code).toBe(2);
    expect(refused.output).toContain("somme de contrôle");
    expect(existsSync(join(root, "fresh"))).toBe(false);
    const unsummed = join(root, "backups", "unsummed.tar.gz");
    writeFileSync(unsummed, readFileSync(archive));
    expect((await tool("db-restore", [unsummed, "--to", join(root, "fresh")], {})).code).toBe(2);
  });

  it("takes a consistent snapshot while money is being written", { timeout: 300_000 }, async () => {
    const [{ id: organisationId }] = (await source.db
      .select({ id: organisations.id })
      .from(organisations)) as [{ id: string }];
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        await createLedgerTransaction(source.db, organisationId, 1_000 + written);
        written++;
        // as requests do: each write arrives from I/O, so the socket is served between two of them
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const archive = join(root, "live.tar.gz");
    const backup = await tool("db-backup", [archive], { DATA_DIR: dataDir });
    writing = false;
    await writer;
    expect(backup.code, backup.output).toBe(0);
    expect(written).toBeGreaterThan(0);

    const restoredDir = join(root, "restored-live");
    expect((await tool("db-restore", [archive, "--to", restoredDir], {})).code).toBe(0);
    const restored = await openDatabase({ kind: "embedded", dataDir: restoredDir });
    try {
      // whatever instant the snapshot fell on, every transaction in it is whole: the books balance
      expectMoneyAndAudit(await fingerprint(restored));
    } finally {
      await restored.close();
    }
  });
});

const hasPgTools = ["pg_dump", "pg_restore"].every(
  (command) => spawnSync(command, ["--version"]).status === 0,
);

// in CI the drill must run on both backends: a missing pg_dump fails there instead of skipping
const requirePgTools = process.env.CI === "true";

describe.runIf(testBackend() === "server" && (hasPgTools || requirePgTools))(
  "restore drill, PostgreSQL (pg_dump/pg_restore)",
  () => {
    it("restores a pg_dump into a fresh database and finds the same books", {
      timeout: 240_000,
    }, async () => {
      expect(hasPgTools, "pg_dump and pg_restore (Debian: postgresql-client)").toBe(true);
      const url = process.env.TEST_DATABASE_URL!;
      const suffix = Math.random().toString(16).slice(2, 10);
      const sourceName = `iml_drill_src_${suffix}`;
      const targetName = `iml_drill_dst_${suffix}`;
      const admin = postgres(url, { max: 1, onnotice: () => {} });
      const urlOf = (name: string) => {
        const address = new URL(url);
        address.pathname = `/${name}`;
        return address.toString();
      };
      await admin.unsafe(`create database ${sourceName} template ${inject("serverTemplateDatabase")}`);
      await admin.unsafe(`create database ${targetName} template template0`);
      const source = await openDatabase({ kind: "server", url: urlOf(sourceName) });
      let target: Database | undefined;
      try {
        expect(await seedDemo(source, clock)).toBe(true);
        const before = await fingerprint(source);
        expectMoneyAndAudit(before);

        const folder = mkdtempSync(join(tmpdir(), "iml-drill-pg-"));
        mkdirSync(folder, { recursive: true });
        const archive = join(folder, "drill.dump");
        const backup = await tool("db-backup", [archive], { DATABASE_URL: urlOf(sourceName) });
        expect(backup.code, backup.output).toBe(0);
        expect(readFileSync(`${archive}.sha256`, "utf8")).toMatch(/^[0-9a-f]{64} {2}drill\.dump\n$/);

        // a database with tables is refused
        const refused = await tool("db-restore", [archive], { DATABASE_URL: urlOf(sourceName) });
        expect(refused.code).toBe(2);
        expect(refused.output).toContain("contient déjà");

        const restore = await tool("db-restore", [archive], { DATABASE_URL: urlOf(targetName) });
        expect(restore.code, restore.output).toBe(0);
        target = await openDatabase({ kind: "server", url: urlOf(targetName) });
        expect(await fingerprint(target)).toEqual(before);
      } finally {
        await target?.close();
        await source.close();
        await admin.unsafe(`drop database if exists ${sourceName} with (force)`);
        await admin.unsafe(`drop database if exists ${targetName} with (force)`);
        await admin.end();
      }
    });
  },
);
