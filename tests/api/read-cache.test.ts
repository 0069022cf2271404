import { gunzipSync } from "node:zlib";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accessLog, organisationDataVersions, units } from "../../db/schema";
import { dataVersion } from "../../server/lib/read-cache";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import { createBuilding, createPerson, createUnit } from "../support/factories";
import { organisationWithStaff } from "../support/stock-fixture";

/**
 * The heavy reads (a page of the stock, a map box, a person's file and matches) are kept as JSON
 * while the organisation's data and the day stay the same. These tests prove an answer is never
 * kept past a change, whoever makes it, and that every opening of a file is still recorded.
 */
const db = useTestDatabase();
const NOW = "2026-11-23T10:00:00+01:00";

async function setup() {
  const staff = await organisationWithStaff(db.current);
  const building = await createBuilding(db.current.db, { organisationId: staff.org.id, totalDwellings: 10 });
  const unit = await createUnit(db.current.db, {
    organisationId: staff.org.id,
    buildingId: building.id,
    status: "available",
    rentCents: 50_000,
  });
  const person = await createPerson(db.current.db, { organisationId: staff.org.id, status: "waiting" });
  return { ...staff, building, unit, person, ...createTestApp(db.current, { now: NOW }) };
}

const rentsOf = (page: { items: { id: string; rentCents: number }[] }) =>
  Object.fromEntries(page.items.map((item) => [item.id, item.rentCents]));

describe("read cache", () => {
  it("a write through the API is seen by the next read", async () => {
    const { call, officer, unit } = await setup();
    const first = await call("GET", "/api/units?limit=50", { cookie: officer });
    expect(rentsOf(first.json)[unit.id]).toBe(50_000);
    expect((await call("GET", "/api/units?limit=50", { cookie: officer })).json).toEqual(first.json);
    const patched = await call("PATCH", `/api/units/${unit.id}`, {
      cookie: officer,
      body: { rentCents: 52_000 },
    });
    expect(patched.status).toBe(200);
    expect(rentsOf((await call("GET", "/api/units?limit=50", { cookie: officer })).json)[unit.id]).toBe(
      52_000,
    );
  });

  it("a write by another process (plain SQL, no server involved) is seen by the next read", async () => {
    const { call, officer, unit, org, building } = await setup();
    await call("GET", "/api/units?limit=50", { cookie: officer });
    const before = await dataVersion(db.current.db, org.id);
    await db.current.db.update(units).set({ rentCents: 47_000 }).where(eq(units.id, unit.id));
    expect(await dataVersion(db.current.db, org.id)).toBe(before + 1);
    expect(rentsOf((await call("GET", "/api/units?limit=50", { cookie: officer })).json)[unit.id]).toBe(
      47_000,
    );

    // an insert and a delete count too
    const added = await createUnit(db.current.db, { organisationId: org.id, buildingId: building.id });
    const afterInsert = await call("GET", "/api/units?limit=50", { cookie: officer });
    expect(afterInsert.json.items.map((item: { id: string }) => item.id)).toContain(added.id);
    await db.current.db.delete(units).where(eq(units.id, added.id));
    const afterDelete = await call("GET", "/api/units?limit=50", { cookie: officer });
    expect(afterDelete.json.items.map((item: { id: string }) => item.id)).not.toContain(added.id);
  });

  it("a change of the organisation's own settings is seen by the next read", async () => {
    const { call, officer, org, building } = await setup();
    const scatterOf = async () =>
      (await call("GET", "/api/units?limit=50", { cookie: officer })).json.items[0].buildingScatter;
    const before = await scatterOf();
    await db.current.db.execute(
      sql`update organisations set building_cap_basis_points = 5000 where id = ${org.id}`,
    );
    const after = await scatterOf();
    expect(after).not.toEqual(before);
    expect(building.id).toBeTruthy();
  });

  it("the next day, the answer is written again (what is allowed today may change)", async () => {
    // a class F flat may be let until 31/12/2027, not from 01/01/2028 (loi Climat et résilience)
    const evening = "2027-12-31T23:55:00+01:00";
    const staff = await organisationWithStaff(db.current, {}, evening);
    const building = await createBuilding(db.current.db, {
      organisationId: staff.org.id,
      totalDwellings: 10,
    });
    const unit = await createUnit(db.current.db, {
      organisationId: staff.org.id,
      buildingId: building.id,
      energyClass: "F",
    });
    const { call, clock } = createTestApp(db.current, { now: evening });
    const gateOf = async () =>
      (await call("GET", "/api/units?limit=50", { cookie: staff.officer })).json.items.find(
        (item: { id: string }) => item.id === unit.id,
      ).energyGate.allowedForLeaseStartingToday;
    expect(await gateOf()).toBe(true);
    const version = await dataVersion(db.current.db, staff.org.id);
    clock.set("2028-01-01T00:05:00+01:00");
    expect(await gateOf()).toBe(false);
    expect(await dataVersion(db.current.db, staff.org.id)).toBe(version); // nothing was written
  });

  it("every opening of a person's file and matches is recorded, kept answers included", async () => {
    const { call, officer, person } = await setup();
    for (let i = 0; i < 3; i++) {
      expect((await call("GET", `/api/persons/${person.id}`, { cookie: officer })).status).toBe(200);
      expect((await call("GET", `/api/persons/${person.id}/matches`, { cookie: officer })).status).toBe(200);
    }
    const reads = await db.current.db
      .select({ action: accessLog.action })
      .from(accessLog)
      .where(and(eq(accessLog.entityId, person.id)));
    expect(reads.filter((row) => row.action === "person.read")).toHaveLength(3);
    expect(reads.filter((row) => row.action === "person.matches.read")).toHaveLength(3);
  });

  it("asks made together share one version lookup; a later ask has its own and sees earlier writes", async () => {
    const { org, unit } = await setup();
    const first = dataVersion(db.current.db, org.id);
    expect(dataVersion(db.current.db, org.id)).toBe(first);
    const version = await first;
    await db.current.db.update(units).set({ rentCents: 48_000 }).where(eq(units.id, unit.id));
    const later = dataVersion(db.current.db, org.id);
    expect(later).not.toBe(first);
    expect(await later).toBe(version + 1);
  });

  it("a client accepting gzip gets the same answer gzipped; others get it as it is", async () => {
    const { app, officer, person, org, building } = await setup();
    for (let i = 0; i < 5; i++)
      await createUnit(db.current.db, { organisationId: org.id, buildingId: building.id });
    const read = (path: string, encoding?: string) =>
      app.request(`http://localhost${path}`, {
        headers: { cookie: officer, ...(encoding ? { "accept-encoding": encoding } : {}) },
      });
    let compressed = 0;
    for (const path of [
      `/api/persons/${person.id}/matches`,
      "/api/units?limit=50",
      "/api/map/units.geojson?bbox=4.9,47.2,5.2,47.4",
    ]) {
      const plain = await read(path);
      expect(plain.headers.get("content-encoding"), path).toBeNull();
      const text = await plain.text();
      const gzipped = await read(path, "gzip, deflate, br");
      expect(gzipped.status, path).toBe(200);
      expect(gzipped.headers.get("vary"), path).toBe("accept-encoding");
      if (text.length < 1400) continue; // small answers are sent as they are
      compressed++;
      expect(gzipped.headers.get("content-encoding"), path).toBe("gzip");
      const body = new Uint8Array(await gzipped.arrayBuffer());
      expect(body.byteLength, path).toBeLessThan(text.length);
      expect(gunzipSync(body).toString("utf8"), path).toBe(text);
      expect((await read(path, "br, gzip;q=0")).headers.get("content-encoding"), path).toBeNull();
    }
    expect(compressed).toBeGreaterThan(0);
  });

  it("another user does not get an answer kept for someone else", async () => {
    const { call, officer, landlordUser } = await setup();
    expect((await call("GET", "/api/units?limit=50", { cookie: officer })).status).toBe(200);
    // the landlord may not read the stock: the kept page is not a way around the permission
    expect((await call("GET", "/api/units?limit=50", { cookie: landlordUser })).status).toBe(403);
  });

  it("an unknown person is refused every time, and nothing is kept for it", async () => {
    const { call, officer } = await setup();
    const unknown = "00000000-0000-4000-8000-0000000000aa";
    expect((await call("GET", `/api/persons/${unknown}`, { cookie: officer })).status).toBe(404);
    expect((await call("GET", `/api/persons/${unknown}`, { cookie: officer })).status).toBe(404);
  });

  it("reads, sessions and logs do not move the version; every table of the organisation's data does", async () => {
    const { call, officer, person, org } = await setup();
    const before = await dataVersion(db.current.db, org.id);
    await call("GET", `/api/persons/${person.id}`, { cookie: officer });
    await call("POST", "/api/auth/login", { body: { email: "nobody@example.fr", password: "x".repeat(12) } });
    expect(await dataVersion(db.current.db, org.id)).toBe(before);

    const counted = await db.current.db.execute<{ table_name: string }>(sql`
      select c.table_name from information_schema.columns c
      where c.table_schema = current_schema() and c.column_name = 'organisation_id'
        and (select count(*) from pg_trigger t join pg_class r on r.oid = t.tgrelid
             where r.relname = c.table_name and t.tgname like '%\\_count\\_%') = 3
    `);
    const uncounted = await db.current.db.execute<{ table_name: string }>(sql`
      select c.table_name from information_schema.columns c
      where c.table_schema = current_schema() and c.column_name = 'organisation_id'
        and not exists (select 1 from pg_trigger t join pg_class r on r.oid = t.tgrelid
                        where r.relname = c.table_name and t.tgname like '%\\_count\\_%')
      order by 1
    `);
    const rowsOf = (result: unknown) =>
      (
        (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { table_name: string }[]
      ).map((row) => row.table_name);
    // a table added later with an organisation_id must count its writes, or be named here
    expect(rowsOf(uncounted)).toEqual([
      "access_log",
      "api_tokens",
      "audit_log",
      "idempotency_keys",
      "mail_outbox",
      "organisation_data_versions",
      "sessions",
      "user_tokens",
    ]);
    expect(rowsOf(counted)).toEqual(expect.arrayContaining(["units", "persons", "leases", "ledger_entries"]));
    const [row] = await db.current.db
      .select()
      .from(organisationDataVersions)
      .where(eq(organisationDataVersions.organisationId, org.id));
    expect(row?.version).toBe(before);
  });
});
