import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { admissions, auditLog, offerPanels } from "../../db/schema";
import { chainPendingReads } from "../../server/modules/audit/audit.service";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import {
  createNeighbourhood,
  createOrganisation,
  createPerson,
  createUser,
  sessionCookieFor,
} from "../support/factories";

const db = useTestDatabase();

async function setup(role: "housing_officer" | "admin" | "finance" | "landlord" = "housing_officer") {
  const app = createTestApp(db.current, { now: "2026-11-23T10:00:00+01:00" });
  const org = await createOrganisation(db.current.db);
  const user = await createUser(db.current.db, { organisationId: org.id, role });
  const cookie = await sessionCookieFor(db.current.db, user, app.clock.now());
  return { ...app, org, user, cookie };
}

const newPerson = {
  firstName: "Lucie",
  lastName: "Martin",
  birthDate: "1979-04-12",
  adults: 1,
  children: 1,
  resources: { rsa: 60_733, aah: 0, wages: 20_000 },
  housingBenefitCents: 30_000,
  entryDate: "2026-10-12",
};

describe("people", () => {
  it("finds a person by name whatever the accents and the case, first or last name first", async () => {
    const { call, cookie } = await setup();
    const aicha = await call("POST", "/api/persons", {
      cookie,
      body: { ...newPerson, firstName: "Aïcha", lastName: "Benali" },
    });
    const eloise = await call("POST", "/api/persons", {
      cookie,
      body: { ...newPerson, firstName: "Éloïse", lastName: "Lefèvre-Cœur" },
    });
    const found = async (q: string) =>
      (await call("GET", `/api/persons?q=${encodeURIComponent(q)}`, { cookie })).json.items.map(
        (item: { id: string }) => item.id,
      );
    for (const q of ["aicha", "AICHA", "Aïcha", "benali aicha", "aicha ben"])
      expect(await found(q), q).toEqual([aicha.json.id]);
    for (const q of ["eloise", "ÉLOÏSE", "lefevre", "coeur", "cœur"])
      expect(await found(q), q).toEqual([eloise.json.id]);
    expect(await found("50%")).toEqual([]);
  });

  it("creates a person with choices, lists them with the 8-week deadline, and audits opening the file", async () => {
    const { call, cookie, org, user } = await setup();
    const wanted = await createNeighbourhood(db.current.db, { organisationId: org.id, name: "Centre" });
    const excluded = await createNeighbourhood(db.current.db, { organisationId: org.id, name: "Gare" });
    const created = await call("POST", "/api/persons", {
      cookie,
      body: {
        ...newPerson,
        choices: {
          wantedNeighbourhoodIds: [wanted.id],
          excludedNeighbourhoodIds: [excluded.id],
          placesThatMatter: [{ label: "Sœur", lng: 5.04, lat: 47.32, maxDistanceKm: 2 }],
          typologyMin: "T2",
        },
      },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      status: "waiting",
      resourcesTotalCents: 80_733,
      resources: { rsa: 60_733, aah: 0, wages: 20_000, pension: 0, other: 0 },
      deadline: {
        firstOfferDeadline: "2026-12-07",
        state: "due_soon",
        daysLeft: 14,
        daysLate: 0,
        firstOfferOn: null,
        reoffer: null,
      },
      choices: { wantedNeighbourhoodIds: [wanted.id], typologyMin: "T2", typologyMax: null },
    });

    const list = await call("GET", "/api/persons?status=waiting&q=mart", { cookie });
    expect(list.status).toBe(200);
    expect(list.json.items).toEqual([expect.objectContaining({ id: created.json.id, lastName: "Martin" })]);

    const read = await call("GET", `/api/persons/${created.json.id}`, { cookie });
    expect(read.status).toBe(200);
    expect(read.json.choices.excludedNeighbourhoodIds).toEqual([excluded.id]);
    await chainPendingReads(db.current.db);
    const reads = await db.current.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.organisationId, org.id), eq(auditLog.action, "person.read")));
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ actorUserId: user.id, entityId: created.json.id });
  });

  it("refuses unknown or foreign neighbourhoods, and wanted ∩ excluded", async () => {
    const { call, cookie, org } = await setup();
    const other = await createOrganisation(db.current.db);
    const foreign = await createNeighbourhood(db.current.db, { organisationId: other.id });
    const own = await createNeighbourhood(db.current.db, { organisationId: org.id });
    const person = await createPerson(db.current.db, { organisationId: org.id });
    const res = await call("PUT", `/api/persons/${person.id}/choices`, {
      cookie,
      body: { wantedNeighbourhoodIds: [foreign.id, own.id], excludedNeighbourhoodIds: [own.id] },
    });
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: { path: string }) => e.path)).toEqual([
      "wantedNeighbourhoodIds.0",
      "wantedNeighbourhoodIds.1",
    ]);
    const ok = await call("PUT", `/api/persons/${person.id}/choices`, {
      cookie,
      body: { wantedNeighbourhoodIds: [own.id], highestFloorWithoutLift: 2, notes: "Aime les parcs" },
    });
    expect(ok.status).toBe(200);
    expect(ok.json.choices).toMatchObject({ wantedNeighbourhoodIds: [own.id], highestFloorWithoutLift: 2 });
  });

  it("validates the body (422) and updates a person (PATCH)", async () => {
    const { call, cookie, org } = await setup();
    const bad = await call("POST", "/api/persons", {
      cookie,
      body: { ...newPerson, entryDate: "2026-02-30", resources: { rsa: 12.5 } },
    });
    expect(bad.status).toBe(422);
    expect(bad.json.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      "json.entryDate",
      "json.resources.rsa",
    ]);
    const person = await createPerson(db.current.db, { organisationId: org.id });
    const patched = await call("PATCH", `/api/persons/${person.id}`, {
      cookie,
      body: { children: 2, housingBenefitCents: 31_000 },
    });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ children: 2, housingBenefitCents: 31_000 });
    const relocation = await call("PATCH", `/api/persons/${person.id}`, {
      cookie,
      body: { relocationRequested: true },
    });
    expect(relocation.status).toBe(409);
  });

  it("suspends, re-enters within six months, refuses after, readmits with a new day 1, records a departure", async () => {
    const { call, cookie, org, clock } = await setup();
    const person = await createPerson(db.current.db, {
      organisationId: org.id,
      status: "housed",
      entryDate: "2026-02-01",
    });
    const suspended = await call("POST", `/api/persons/${person.id}/status`, {
      cookie,
      body: { action: "suspend", date: "2026-05-10" },
    });
    expect(suspended.status).toBe(200);
    expect(suspended.json).toMatchObject({ status: "suspended", reentryRightEndsOn: "2026-11-10" });
    // today (23 Nov) is past 10 Nov: no immediate re-entry
    const late = await call("POST", `/api/persons/${person.id}/status`, {
      cookie,
      body: { action: "reenter" },
    });
    expect(late.status).toBe(422);
    expect(late.json.code).toBe("REENTRY_RIGHT_EXPIRED");
    expect(late.json.detail).toContain("a pris fin le 10/11/2026");
    const inTime = await call("POST", `/api/persons/${person.id}/status`, {
      cookie,
      body: { action: "reenter", date: "2026-09-01" },
    });
    expect(inTime.status).toBe(200);
    expect(inTime.json.status).toBe("housed");

    // a suspension dated before the re-entry just recorded would cut the six-month right short
    const backDated = await call("POST", `/api/persons/${person.id}/status`, {
      cookie,
      body: { action: "suspend", date: "2026-08-15" },
    });
    expect(backDated.status).toBe(422);
    expect(backDated.json.errors[0]).toMatchObject({ path: "json.date" });

    // suspended on 5 January, the right lapsed on 5 July: a new admission, a new day 1
    const former = await createPerson(db.current.db, { organisationId: org.id, entryDate: "2025-12-01" });
    const early = await call("POST", `/api/persons/${former.id}/status`, {
      cookie,
      body: { action: "suspend", date: "2025-11-20" },
    });
    expect(early.status).toBe(422);
    await call("POST", `/api/persons/${former.id}/status`, {
      cookie,
      body: { action: "suspend", date: "2026-01-05" },
    });
    const readmitted = await call("POST", `/api/persons/${former.id}/status`, {
      cookie,
      body: { action: "readmit", entryDate: clock.today() },
    });
    expect(readmitted.json).toMatchObject({
      status: "waiting",
      entryDate: "2026-11-23",
      suspendedOn: null,
      capacityWarning: null,
    });

    const left = await call("POST", `/api/persons/${person.id}/status`, {
      cookie,
      body: { action: "leave", reason: "direct_lease" },
    });
    expect(left.json).toMatchObject({ status: "left", leftOn: "2026-11-23", leftReason: "direct_lease" });
    const again = await call("POST", `/api/persons/${person.id}/status`, {
      cookie,
      body: { action: "leave", reason: "other" },
    });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe("ILLEGAL_STATUS_CHANGE");
    expect(again.json.detail).toBe("Sortie impossible depuis le statut « Sorti·e du programme »");
  });

  it("keeps each admission: a readmission starts a new day 1 without the old admission's offer", async () => {
    const { call, cookie, org } = await setup();
    const created = await call("POST", "/api/persons", {
      cookie,
      body: { ...newPerson, entryDate: "2026-01-05" },
    });
    expect(created.status).toBe(201);
    const id = created.json.id;
    // the first admission's offer, 36 days after day 1 (accepted, then the person left)
    await db.current.db.insert(offerPanels).values({
      organisationId: org.id,
      personId: id,
      status: "all_declined",
      proposedOn: "2026-02-10",
      intendedStartDate: "2026-02-10",
      expiresOn: "2026-03-12",
      closedOn: "2026-02-20",
      personStatusBefore: "waiting",
    });
    const left = await call("POST", `/api/persons/${id}/status`, {
      cookie,
      body: { action: "leave", date: "2026-06-30", reason: "moved_away" },
    });
    expect(left.status).toBe(200);
    const readmitted = await call("POST", `/api/persons/${id}/status`, {
      cookie,
      body: { action: "readmit", entryDate: "2026-09-01" },
    });
    expect(readmitted.status).toBe(200);
    const read = await call("GET", `/api/persons/${id}`, { cookie });
    // 8 weeks from 1 September ran out on 27 October: no offer of this admission, 27 days late
    expect(read.json.deadline).toMatchObject({ state: "overdue", firstOfferOn: null, daysLate: 27 });
    expect(read.json.admissions).toEqual([
      {
        sequence: 1,
        admittedOn: "2026-01-05",
        endedOn: "2026-06-30",
        outcome: "left",
        leftReason: "moved_away",
        firstOfferDeadline: "2026-03-02",
        firstOfferOn: "2026-02-10",
        daysToFirstOffer: 36,
        state: "met_on_time",
        daysLate: 0,
      },
      {
        sequence: 2,
        admittedOn: "2026-09-01",
        endedOn: null,
        outcome: null,
        leftReason: null,
        firstOfferDeadline: "2026-10-27",
        firstOfferOn: null,
        daysToFirstOffer: null,
        state: "overdue",
        daysLate: 27,
      },
    ]);
    const stored = await db.current.db
      .select({ sequence: admissions.sequence, endedOn: admissions.endedOn })
      .from(admissions)
      .where(eq(admissions.personId, id));
    expect(stored.sort((a, b) => a.sequence - b.sequence)).toEqual([
      { sequence: 1, endedOn: "2026-06-30" },
      { sequence: 2, endedOn: null },
    ]);

    // the activity report judges each admission: one met on time, one overdue
    const admin = await createUser(db.current.db, { organisationId: org.id, role: "admin" });
    const adminCookie = await sessionCookieFor(db.current.db, admin, new Date("2026-11-23T10:00:00+01:00"));
    const report = await call("GET", "/api/programme/reports/activity.xlsx?year=2026", {
      cookie: adminCookie,
    });
    expect(report.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await report.response.arrayBuffer()) as never);
    const value = (sheet: string, label: string) => {
      let found: unknown;
      workbook.getWorksheet(sheet)!.eachRow((row) => {
        if (row.getCell(1).value === label) found = row.getCell(2).value;
      });
      return String(found);
    };
    expect(value("Personnes", "Admissions (jour 1 dans l'année)")).toBe("2");
    expect(value("Personnes", "dont réadmissions (nouveau jour 1)")).toBe("1");
    expect(value("Personnes", "Sorties du programme")).toBe("1");
    expect(value("Délais", "Premières propositions faites dans le délai")).toBe("1");
    expect(value("Délais", "Sans proposition, délai dépassé")).toBe("1");
    expect(value("Délais", "Part des premières propositions dans le délai")).toBe("50 %");
    expect(value("Délais", "Délai médian jusqu'à la première proposition")).toBe("36 j");
  });

  it("a person who left without an offer: the lateness stops on the day of leaving, in the file and the list", async () => {
    const { call, cookie } = await setup();
    const created = await call("POST", "/api/persons", {
      cookie,
      body: { ...newPerson, lastName: "Sortie-Sans-Offre", entryDate: "2026-01-05" },
    });
    const id = created.json.id;
    // 8 weeks from 5 January ran out on 2 March; the person left on 1 April, 30 days late
    const left = await call("POST", `/api/persons/${id}/status`, {
      cookie,
      body: { action: "leave", date: "2026-04-01", reason: "moved_away" },
    });
    expect(left.status).toBe(200);
    const read = await call("GET", `/api/persons/${id}`, { cookie });
    expect(read.json.deadline).toMatchObject({ state: "overdue", daysLate: 30 });
    const list = await call("GET", "/api/persons?q=Sortie-Sans-Offre", { cookie });
    expect(list.json.items[0].deadline).toMatchObject({ state: "overdue", daysLate: 30 });
  });

  it("is invisible to finance and landlords, and another organisation's person is 404", async () => {
    const { call, cookie, org } = await setup("finance");
    const person = await createPerson(db.current.db, { organisationId: org.id });
    expect((await call("GET", "/api/persons", { cookie })).status).toBe(403);
    expect((await call("GET", `/api/persons/${person.id}`, { cookie })).status).toBe(403);
    const landlord = await setup("landlord");
    expect((await landlord.call("GET", "/api/persons", { cookie: landlord.cookie })).status).toBe(403);
    expect(
      (await landlord.call("POST", "/api/persons", { cookie: landlord.cookie, body: newPerson })).status,
    ).toBe(403);
    const officer = await setup("housing_officer");
    for (const [method, path, body] of [
      ["GET", `/api/persons/${person.id}`, undefined],
      ["PATCH", `/api/persons/${person.id}`, { children: 1 }],
      ["PUT", `/api/persons/${person.id}/choices`, {}],
      ["POST", `/api/persons/${person.id}/status`, { action: "suspend" }],
    ] as const) {
      const res = await officer.call(method, path, { cookie: officer.cookie, body });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect((await officer.call("GET", "/api/persons")).status).toBe(401);
  });
});
