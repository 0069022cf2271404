import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { and, asc, eq } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { drizzle } from "drizzle-orm/pglite";
import { type Db, openDatabase } from "../../db/client";
import * as schema from "../../db/schema";
import { accessLog, auditLog } from "../../db/schema";
import { fixedClock } from "../../server/lib/clock";
import {
  chainPendingReads,
  inAuditedTransaction,
  recordRead,
  verifyAuditChains,
  verifyOrganisationChain,
} from "../../server/modules/audit/audit.service";
import { toActor } from "../../server/modules/auth/auth.service";
import { createTestApp } from "../support/app";
import { testBackend, useTestDatabase } from "../support/db";
import { createOrganisation, createPerson, createUser, sessionCookieFor } from "../support/factories";

const db = useTestDatabase();

/** An organisation whose admin made `n` audited writes (organisation parameter changes). */
async function organisationWithHistory(n: number) {
  const app = createTestApp(db.current);
  const org = await createOrganisation(db.current.db);
  const admin = await createUser(db.current.db, { organisationId: org.id, role: "admin" });
  const cookie = await sessionCookieFor(db.current.db, admin, app.clock.now());
  for (let i = 0; i < n; i++) {
    const response = await app.call("PATCH", "/api/organisation", {
      cookie,
      body: { minimumPanelSize: 3 + i + 1 },
    });
    expect(response.status).toBe(200);
  }
  const rows = await db.current.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.organisationId, org.id))
    .orderBy(asc(auditLog.sequence));
  return { ...app, org, admin, cookie, rows };
}

async function chainReport(organisationId: string) {
  const reports = await verifyAuditChains(db.current.db, { batchSize: 2 });
  return reports.find((report) => report.organisationId === organisationId)!;
}

/** Tampering as someone with the database's owner rights would: the trigger switched off. */
async function tamper(sql: string, params: unknown[]) {
  await db.current.query("alter table audit_log disable trigger audit_log_append_only");
  try {
    await db.current.query(sql, params);
  } finally {
    await db.current.query("alter table audit_log enable trigger audit_log_append_only");
  }
}

describe("audit rows", () => {
  it("are written with every write, with actor, request id and the changed fields", async () => {
    const { rows, admin, org } = await organisationWithHistory(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      organisationId: org.id,
      actorUserId: admin.id,
      action: "organisation.update",
      entityType: "organisation",
      entityId: org.id,
      changes: { minimumPanelSize: { before: 3, after: 4 } },
      requestId: expect.any(String),
    });
  });

  it("are refused UPDATE, DELETE and TRUNCATE by the database", async () => {
    const { rows } = await organisationWithHistory(1);
    const sequence = rows[0]!.sequence;
    await expect(
      db.current.query("update audit_log set action = 'x' where sequence = $1", [sequence]),
    ).rejects.toThrow(/append-only/);
    await expect(db.current.query("delete from audit_log where sequence = $1", [sequence])).rejects.toThrow(
      /append-only/,
    );
    await expect(db.current.query("truncate audit_log")).rejects.toThrow(/append-only/);
    const [still] = await db.current.db.select().from(auditLog).where(eq(auditLog.sequence, sequence));
    expect(still?.action).toBe("organisation.update");
  });

  it("record the opening of a file with recordRead, chained by the chaining step", async () => {
    const { org, admin, clock } = await organisationWithHistory(0);
    const actor = toActor(admin);
    await recordRead(
      db.current.db,
      { actor, requestId: "req-1", clock },
      { entityType: "person", entityId: "p-42" },
    );
    const pending = await db.current.db.select().from(accessLog).where(eq(accessLog.organisationId, org.id));
    expect(pending).toMatchObject([{ action: "person.read", entityId: "p-42", requestId: "req-1" }]);
    expect(await db.current.db.select().from(auditLog).where(eq(auditLog.organisationId, org.id))).toEqual(
      [],
    );
    expect((await chainReport(org.id)).pendingReads).toBe(1);

    expect(await chainPendingReads(db.current.db)).toBeGreaterThanOrEqual(1);
    expect(await db.current.db.select().from(accessLog).where(eq(accessLog.organisationId, org.id))).toEqual(
      [],
    );
    const [row] = await db.current.db.select().from(auditLog).where(eq(auditLog.organisationId, org.id));
    expect(row).toMatchObject({
      action: "person.read",
      entityType: "person",
      entityId: "p-42",
      requestId: "req-1",
    });
    expect((await chainReport(org.id)).broken).toBeNull();
  });
});

describe("audit chain verification", () => {
  it("accepts an intact chain", async () => {
    const { org } = await organisationWithHistory(5);
    expect(await chainReport(org.id)).toEqual({
      organisationId: org.id,
      checked: 5,
      broken: null,
      pendingReads: 0,
    });
  });

  it("detects an edited row", async () => {
    const { org, rows } = await organisationWithHistory(5);
    await tamper(
      `update audit_log set changes = '{"minimumPanelSize":{"before":3,"after":9}}' where sequence = $1`,
      [rows[2]!.sequence],
    );
    const report = await chainReport(org.id);
    expect(report.broken).toMatchObject({ sequence: rows[2]!.sequence, reason: "hash_mismatch" });
    expect(report.checked).toBe(2);
  });

  it("detects a deleted row", async () => {
    const { org, rows } = await organisationWithHistory(5);
    await tamper("delete from audit_log where sequence = $1", [rows[1]!.sequence]);
    const report = await chainReport(org.id);
    expect(report.broken).toMatchObject({
      sequence: rows[2]!.sequence,
      reason: "previous_hash_mismatch",
      expected: rows[0]!.hash,
      found: rows[1]!.hash,
    });
  });

  it("keeps chains of organisations apart", async () => {
    const first = await organisationWithHistory(2);
    const second = await organisationWithHistory(2);
    await tamper("delete from audit_log where sequence = $1", [first.rows[0]!.sequence]);
    expect((await chainReport(first.org.id)).broken).not.toBeNull();
    expect((await chainReport(second.org.id)).broken).toBeNull();
  });
});

/** Tampering with the access log as the database's owner would. */
async function tamperAccessLog(sql: string, params: unknown[]) {
  await db.current.query("alter table access_log disable trigger access_log_append_only");
  try {
    await db.current.query(sql, params);
  } finally {
    await db.current.query("alter table access_log enable trigger access_log_append_only");
  }
}

describe("reads of a person's file", () => {
  async function officerReading() {
    const history = await organisationWithHistory(1);
    const officer = await createUser(db.current.db, {
      organisationId: history.org.id,
      role: "housing_officer",
    });
    const officerCookie = await sessionCookieFor(db.current.db, officer, history.clock.now());
    const person = await createPerson(db.current.db, { organisationId: history.org.id });
    return { ...history, officer, officerCookie, person };
  }

  it("are recorded with the answer, then chained in order between the writes", async () => {
    const { call, org, officer, officerCookie, person, cookie } = await officerReading();
    const read = await call("GET", `/api/persons/${person.id}`, { cookie: officerCookie });
    expect(read.status).toBe(200);
    const matches = await call("GET", `/api/persons/${person.id}/matches`, { cookie: officerCookie });
    expect(matches.status).toBe(200);
    const pending = await db.current.db
      .select()
      .from(accessLog)
      .where(eq(accessLog.organisationId, org.id))
      .orderBy(asc(accessLog.id));
    expect(pending).toMatchObject([
      {
        action: "person.read",
        entityId: person.id,
        actorUserId: officer.id,
        requestId: read.headers.get("x-request-id"),
      },
      { action: "person.matches.read", entityId: person.id, requestId: matches.headers.get("x-request-id") },
    ]);
    // a write after the reads, before they are chained
    expect((await call("PATCH", "/api/organisation", { cookie, body: { minimumPanelSize: 7 } })).status).toBe(
      200,
    );

    await chainPendingReads(db.current.db, { batchSize: 1 });
    const chain = await db.current.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.organisationId, org.id))
      .orderBy(asc(auditLog.sequence));
    expect(chain.map((row) => row.action)).toEqual([
      "organisation.update",
      "organisation.update",
      "person.read",
      "person.matches.read",
    ]);
    expect(chain[2]).toMatchObject({ actorUserId: officer.id, requestId: read.headers.get("x-request-id") });
    expect(await chainReport(org.id)).toEqual({
      organisationId: org.id,
      checked: 4,
      broken: null,
      pendingReads: 0,
    });
    expect(await db.current.db.select().from(accessLog).where(eq(accessLog.organisationId, org.id))).toEqual(
      [],
    );
  });

  it("arriving together are inserted together, each one kept", async () => {
    const { org, officer, clock } = await officerReading();
    const context = { actor: toActor(officer), requestId: null, clock };
    const before = db.current.stats.queries;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        recordRead(db.current.db, context, { entityType: "person", entityId: `p-${i}` }),
      ),
    );
    // the first insert alone, then the 19 that arrived while it committed
    expect(db.current.stats.queries - before).toBeLessThanOrEqual(2);
    const rows = await db.current.db
      .select({ entityId: accessLog.entityId })
      .from(accessLog)
      .where(eq(accessLog.organisationId, org.id))
      .orderBy(asc(accessLog.id));
    expect(rows.map((row) => row.entityId)).toEqual(Array.from({ length: 20 }, (_, i) => `p-${i}`));
  });

  it("are refused UPDATE, DELETE and TRUNCATE while they wait", async () => {
    const { call, org, officerCookie, person } = await officerReading();
    await call("GET", `/api/persons/${person.id}`, { cookie: officerCookie });
    const [row] = await db.current.db.select().from(accessLog).where(eq(accessLog.organisationId, org.id));
    await expect(
      db.current.query("update access_log set action = 'x' where id = $1", [row!.id]),
    ).rejects.toThrow(/append-only/);
    await expect(db.current.query("delete from access_log where id = $1", [row!.id])).rejects.toThrow(
      /append-only/,
    );
    await expect(db.current.query("truncate access_log")).rejects.toThrow(/append-only/);
    expect(await db.current.db.select().from(accessLog).where(eq(accessLog.id, row!.id))).toHaveLength(1);
  });

  it("show an edited or deleted read in the verification, endpoint and service", async () => {
    const { call, org, officerCookie, person, cookie } = await officerReading();
    for (let i = 0; i < 3; i++) {
      expect((await call("GET", `/api/persons/${person.id}`, { cookie: officerCookie })).status).toBe(200);
    }
    // the endpoint chains what is pending first
    const intact = await call("GET", "/api/audit/verify", { cookie });
    expect(intact.status).toBe(200);
    expect(intact.json).toEqual({ organisationId: org.id, checked: 4, broken: null, pendingReads: 0 });

    const reads = await db.current.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.organisationId, org.id), eq(auditLog.action, "person.read")))
      .orderBy(asc(auditLog.sequence));
    expect(reads).toHaveLength(3);
    // someone hides who opened the file
    await tamper("update audit_log set actor_label = 'personne' where sequence = $1", [reads[1]!.sequence]);
    const edited = await call("GET", "/api/audit/verify", { cookie });
    expect(edited.json.broken).toMatchObject({ sequence: reads[1]!.sequence, reason: "hash_mismatch" });
    await tamper("update audit_log set actor_label = $2 where sequence = $1", [
      reads[1]!.sequence,
      reads[1]!.actorLabel,
    ]);
    expect((await chainReport(org.id)).broken).toBeNull();

    await tamper("delete from audit_log where sequence = $1", [reads[1]!.sequence]);
    const deleted = await call("GET", "/api/audit/verify", { cookie });
    expect(deleted.json.broken).toEqual({
      sequence: reads[2]!.sequence,
      reason: "previous_hash_mismatch",
      expected: reads[0]!.hash,
      found: reads[1]!.hash,
    });
    expect((await chainReport(org.id)).broken).toMatchObject({ sequence: reads[2]!.sequence });
  });

  it("lets only the organisation's admin verify, and only its own chain", async () => {
    const { call, officerCookie, org } = await officerReading();
    const stranger = await organisationWithHistory(2);
    expect((await call("GET", "/api/audit/verify", { cookie: officerCookie })).status).toBe(403);
    expect((await call("GET", "/api/audit/verify")).status).toBe(401);
    const own = await call("GET", "/api/audit/verify", { cookie: stranger.cookie });
    expect(own.json).toMatchObject({ organisationId: stranger.org.id, checked: 2 });
    expect(own.json.organisationId).not.toBe(org.id);
  });

  it.runIf(testBackend() === "server")("are not held up by a write holding the chain lock", async () => {
    const { org, officer, clock } = await officerReading();
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const context = { actor: toActor(officer), requestId: null, clock };
    const write = inAuditedTransaction(db.current.db, context, async (_tx, audit) => {
      await audit.record({ action: "slow.write", entityType: "test", entityId: "1" });
      locked();
      await held;
    });
    await lockTaken;
    const read = recordRead(db.current.db, context, { entityType: "person", entityId: "p-1" });
    const outcome = await Promise.race([
      read.then(() => "recorded"),
      new Promise((resolve) => setTimeout(() => resolve("waited"), 2000)),
    ]);
    release();
    await write;
    await read;
    expect(outcome).toBe("recorded");
    // two chaining steps at once (two server processes) chain each read exactly once
    for (let i = 0; i < 40; i++)
      await recordRead(db.current.db, context, { entityType: "person", entityId: `p-${i}` });
    await Promise.all([
      chainPendingReads(db.current.db, { batchSize: 7 }),
      chainPendingReads(db.current.db, { batchSize: 5 }),
    ]);
    const report = await chainReport(org.id);
    expect(report).toEqual({ organisationId: org.id, checked: 1 + 1 + 41, broken: null, pendingReads: 0 });
  });
});

describe("GET /api/audit", () => {
  it("lists the organisation's rows newest first, filtered by entity, actor and Paris dates", async () => {
    const { call, org, admin, clock } = await organisationWithHistory(2);
    const other = await createUser(db.current.db, { organisationId: org.id, role: "finance" });
    // 2026-11-24T23:30Z is already 25 November in Paris
    clock.set("2026-11-24T23:30:00Z");
    await recordRead(
      db.current.db,
      { actor: toActor(other), requestId: null, clock },
      { entityType: "person", entityId: "p-1" },
    );
    const stranger = await organisationWithHistory(1);
    const cookie = await sessionCookieFor(db.current.db, admin, clock.now()); // the first one idled out

    const all = await call("GET", "/api/audit", { cookie });
    expect(all.status).toBe(200);
    expect(all.json.total).toBe(3);
    expect(all.json.items.map((r: { action: string }) => r.action)).toEqual([
      "person.read",
      "organisation.update",
      "organisation.update",
    ]);
    expect(all.json.items.map((r: { entityId: string }) => r.entityId)).not.toContain(stranger.org.id);

    const byEntity = await call("GET", "/api/audit?entityType=person&entityId=p-1", { cookie });
    expect(byEntity.json.items).toHaveLength(1);
    const byActor = await call("GET", `/api/audit?actorUserId=${admin.id}`, { cookie });
    expect(byActor.json.total).toBe(2);
    const on25 = await call("GET", "/api/audit?from=2026-11-25&to=2026-11-25", { cookie });
    expect(on25.json.items.map((r: { action: string }) => r.action)).toEqual(["person.read"]);
    const upTo24 = await call("GET", "/api/audit?to=2026-11-24", { cookie });
    expect(upTo24.json.total).toBe(2);
    const page = await call("GET", "/api/audit?limit=1&offset=1", { cookie });
    expect(page.json).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect(page.json.items[0].sequence).toBe(all.json.items[1].sequence);
  });

  it("refuses bad filters with 422 and other roles with 403", async () => {
    const { call, cookie, org, clock } = await organisationWithHistory(0);
    expect((await call("GET", "/api/audit?from=2026-02-30", { cookie })).status).toBe(422);
    expect((await call("GET", "/api/audit?from=2026-11-25&to=2026-11-01", { cookie })).status).toBe(422);
    expect((await call("GET", "/api/audit?limit=5000", { cookie })).status).toBe(422);
    const officer = await createUser(db.current.db, { organisationId: org.id, role: "housing_officer" });
    const officerCookie = await sessionCookieFor(db.current.db, officer, clock.now());
    expect((await call("GET", "/api/audit", { cookie: officerCookie })).status).toBe(403);
    expect((await call("GET", "/api/audit")).status).toBe(401);
  });
});

// The CLI opens the configured database itself: an embedded folder, built once from the template.
describe.runIf(testBackend() === "embedded")("npm run audit:verify", () => {
  it("exits 0 on an intact chain and 1, naming the row, on a deleted one", async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), "iml-audit-")), "data");
    const pglite = await PGlite.create({
      dataDir,
      loadDataDir: new Blob([readFileSync(inject("pgliteTemplatePath"))]),
    });
    const pgDb = drizzle(pglite, { schema, casing: "snake_case" }) as unknown as Db;
    const clock = fixedClock("2026-11-23T10:00:00Z");
    const [org] = await pgDb
      .insert(schema.organisations)
      .values({ name: "CLI", kind: "iml_association", city: "Dijon", capacity: 10 })
      .returning();
    const context = {
      actor: { kind: "system" as const, organisationId: org!.id, label: "test" },
      requestId: null,
      clock,
    };
    for (let i = 0; i < 3; i++) {
      await inAuditedTransaction(pgDb, context, (_tx, audit) =>
        audit.record({ action: `step.${i}`, entityType: "test", entityId: String(i) }),
      );
    }
    const rows = (
      await pglite.query<{ sequence: number }>("select sequence from audit_log order by sequence")
    ).rows;
    await pglite.close();

    const cli = fileURLToPath(new URL("../../server/modules/audit/verify-cli.ts", import.meta.url));
    const run = () =>
      spawnSync(process.execPath, ["--import", "tsx", cli], {
        env: { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir, NODE_ENV: "test" },
        encoding: "utf8",
        timeout: 60_000,
      });
    const intact = run();
    expect(intact.stdout).toContain("3 lignes vérifiées");
    expect(intact.status).toBe(0);

    const again = await openDatabase({ kind: "embedded", dataDir });
    await again.query("alter table audit_log disable trigger audit_log_append_only");
    await again.query("delete from audit_log where sequence = $1", [rows[1]!.sequence]);
    await again.close();

    const broken = run();
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain(`ligne ${rows[2]!.sequence}`);
    expect(broken.stderr).toContain("maillon manquant");
  }, 60_000);
});
