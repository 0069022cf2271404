import { describe, expect, it } from "vitest";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import { createOrganisation, createPerson, createUser, sessionCookieFor } from "../support/factories";

const db = useTestDatabase();

async function setup(role: "housing_officer" | "admin" | "finance" | "landlord" = "housing_officer") {
  const app = createTestApp(db.current, { now: "2026-11-23T10:00:00+01:00" });
  const org = await createOrganisation(db.current.db, { capacity: 90 });
  const user = await createUser(db.current.db, { organisationId: org.id, role });
  const cookie = await sessionCookieFor(db.current.db, user, app.clock.now());
  return { ...app, org, cookie };
}

describe("GET /api/alerts", () => {
  it("lists the people past or near their 8-week deadline and the ARS suspension threshold", async () => {
    const { call, cookie, org } = await setup();
    const late = await createPerson(db.current.db, { organisationId: org.id, entryDate: "2026-09-01" });
    await createPerson(db.current.db, { organisationId: org.id, entryDate: "2026-11-20" });
    for (let i = 0; i < 10; i++) {
      await createPerson(db.current.db, {
        organisationId: org.id,
        status: "suspended",
        suspendedOn: "2026-10-01",
      });
    }
    const res = await call("GET", "/api/alerts", { cookie });
    expect(res.status).toBe(200);
    expect(res.json.items.map((a: { kind: string }) => a.kind)).toEqual([
      "first_offer_overdue",
      "suspensions_above_threshold",
    ]);
    expect(res.json.items[0]).toMatchObject({
      personId: late.id,
      dueDate: "2026-10-27",
      severity: "critical",
    });
    expect(res.json.items[1].details).toEqual({ suspended: 10, capacity: 90 });
  });

  it("validates its parameter and is forbidden to finance and landlords", async () => {
    const { call, cookie } = await setup();
    expect((await call("GET", "/api/alerts?panelStaleDays=0", { cookie })).status).toBe(422);
    for (const role of ["finance", "landlord"] as const) {
      const other = await setup(role);
      expect((await other.call("GET", "/api/alerts", { cookie: other.cookie })).status).toBe(403);
    }
    const stranger = await setup();
    expect((await stranger.call("GET", "/api/alerts", { cookie: stranger.cookie })).json.items).toEqual([]);
  });
});
