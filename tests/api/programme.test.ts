import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog } from "../../db/schema";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import {
  createBuilding,
  createOrganisation,
  createPerson,
  createUnit,
  createUser,
  sessionCookieFor,
} from "../support/factories";

const db = useTestDatabase();

async function setup(role: "housing_officer" | "admin" | "finance" | "landlord" = "housing_officer") {
  const app = createTestApp(db.current, { now: "2026-11-23T10:00:00+01:00" });
  const org = await createOrganisation(db.current.db, { capacity: 90 });
  const user = await createUser(db.current.db, { organisationId: org.id, role });
  const cookie = await sessionCookieFor(db.current.db, user, app.clock.now());
  return { ...app, org, user, cookie };
}

const newPerson = {
  firstName: "Lou",
  lastName: "Martin",
  resources: { rsa: 60_733, aah: 0, wages: 0, pension: 0, other: 0 },
  entryDate: "2026-11-20",
};

describe("programme duties: suspensions, the ARS, exits and capacity (cahier des charges §8.1, §8.3.2, §8.5.2)", () => {
  it("counts only suspensions within six months, records «ARS informée» when above 10 %, then stops alerting", async () => {
    const { call, cookie, org } = await setup();
    // 90 places: 10 suspended within their right is over 10 % (9); one more is past six months
    for (let i = 0; i < 10; i++)
      await createPerson(db.current.db, {
        organisationId: org.id,
        status: "suspended",
        suspendedOn: "2026-10-01",
      });
    const lapsed = await createPerson(db.current.db, {
      organisationId: org.id,
      status: "suspended",
      suspendedOn: "2026-05-01",
      entryDate: "2025-06-01",
    });
    const overview = await call("GET", "/api/programme/suspensions", { cookie });
    expect(overview.status).toBe(200);
    expect(overview.json).toMatchObject({
      capacity: 90,
      counted: 10,
      thresholdExceeded: true,
      arsNotificationDue: true,
      notifications: [],
    });
    expect(overview.json.people.find((p: { personId: string }) => p.personId === lapsed.id)).toMatchObject({
      reentryRightEndsOn: "2026-11-01",
      rightLapsed: true,
      exitReviewId: null,
    });
    const kinds = async () =>
      (await call("GET", "/api/alerts", { cookie })).json.items.map((a: { kind: string }) => a.kind);
    expect(await kinds()).toEqual(
      expect.arrayContaining(["suspensions_above_threshold", "reentry_right_lapsed"]),
    );

    const future = await call("POST", "/api/programme/ars-notifications", {
      cookie,
      body: { informedOn: "2026-11-30" },
    });
    expect(future.status).toBe(422);
    const told = await call("POST", "/api/programme/ars-notifications", { cookie, body: {} });
    expect(told.status).toBe(201);
    expect(told.json).toMatchObject({ informedOn: "2026-11-23", suspendedCount: 10, capacity: 90 });
    expect(await kinds()).not.toContain("suspensions_above_threshold");
    const audit = await db.current.db.select().from(auditLog).where(eq(auditLog.entityId, org.id));
    expect(audit.map((row) => row.action)).toContain("programme.ars_notification");

    // the exit review opened on the lapsed right: criteria as answers, the decision dated
    const opened = await call("PUT", `/api/persons/${lapsed.id}/exit-review`, {
      cookie,
      body: { noContactOverSixMonths: "yes", lastContactOn: "2026-04-28" },
    });
    expect(opened.status).toBe(200);
    expect(opened.json).toMatchObject({
      openedOn: "2026-11-23",
      suspendedOn: "2026-05-01",
      noContactOverSixMonths: "yes",
      resteAVivreSufficient: "unknown",
      outcome: "pending",
      decidedOn: null,
    });
    expect(await kinds()).not.toContain("reentry_right_lapsed");
    const notes = await call("PUT", `/api/persons/${lapsed.id}/exit-review`, {
      cookie,
      body: { notes: "free text is not accepted" },
    });
    expect(notes.status).toBe(422);
    const decided = await call("PUT", `/api/persons/${lapsed.id}/exit-review`, {
      cookie,
      body: { slidingOrDirectLeasePossible: "no", outcome: "exit_agreed" },
    });
    expect(decided.json).toMatchObject({
      id: opened.json.id,
      outcome: "exit_agreed",
      decidedOn: "2026-11-23",
    });
    const history = await call("GET", `/api/persons/${lapsed.id}/exit-reviews`, { cookie });
    expect(history.json.items).toHaveLength(1);
  });

  it("refuses the ARS step below the threshold", async () => {
    const { call, cookie, org } = await setup();
    await createPerson(db.current.db, {
      organisationId: org.id,
      status: "suspended",
      suspendedOn: "2026-10-01",
    });
    const below = await call("POST", "/api/programme/ars-notifications", { cookie, body: {} });
    expect(below.status).toBe(409);
  });

  it("warns at an admission above capacity and tells the committee the places it can announce", async () => {
    const { call, cookie, org } = await setup();
    for (let i = 0; i < 89; i++)
      await createPerson(db.current.db, { organisationId: org.id, status: "housed" });
    await createPerson(db.current.db, { organisationId: org.id, status: "left", leftOn: "2026-10-01" });
    const building = await createBuilding(db.current.db, { organisationId: org.id });
    for (const status of ["available", "available", "vacant", "agreed"] as const)
      await createUnit(db.current.db, { organisationId: org.id, buildingId: building.id, status });

    const before = await call("GET", "/api/programme/capacity", { cookie });
    expect(before.json).toMatchObject({
      capacity: 90,
      followed: 89,
      supportPlaces: 1,
      offerableUnits: 3,
      agreedUnits: 1,
      awaitingHome: 0,
      housingHeadroom: 4,
      placesToAnnounce: 1,
    });
    const ninetieth = await call("POST", "/api/persons", { cookie, body: newPerson });
    expect(ninetieth.status).toBe(201);
    expect(ninetieth.json.capacityWarning).toBeNull();
    const ninetyFirst = await call("POST", "/api/persons", {
      cookie,
      body: { ...newPerson, lastName: "Durand" },
    });
    expect(ninetyFirst.status).toBe(201);
    expect(ninetyFirst.json.capacityWarning).toMatch(/91 personnes accompagnées pour 90 places/);
    const after = await call("GET", "/api/programme/capacity", { cookie });
    expect(after.json).toMatchObject({
      followed: 91,
      supportPlaces: 0,
      overCapacityBy: 1,
      awaitingHome: 2,
      placesToAnnounce: 0,
    });
  });

  it("is forbidden to finance and landlords for writes, and reads stay within the organisation", async () => {
    const finance = await setup("finance");
    expect((await finance.call("GET", "/api/programme/suspensions", { cookie: finance.cookie })).status).toBe(
      403,
    );
    expect(
      (await finance.call("POST", "/api/programme/ars-notifications", { cookie: finance.cookie, body: {} }))
        .status,
    ).toBe(403);
    const other = await setup();
    const stranger = await createPerson(db.current.db, { organisationId: finance.org.id });
    const foreign = await other.call("PUT", `/api/persons/${stranger.id}/exit-review`, {
      cookie: other.cookie,
      body: {},
    });
    expect(foreign.status).toBe(404);
  });
});
