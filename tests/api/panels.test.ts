import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, buildings, offerPanels, offers, unitTransitions, units } from "../../db/schema";
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
  const org = await createOrganisation(db.current.db);
  const user = await createUser(db.current.db, { organisationId: org.id, role });
  const cookie = await sessionCookieFor(db.current.db, user, app.clock.now());
  return { ...app, org, user, cookie };
}

/** n available units, each in its own 10-dwelling building (room for 2 programme flats). */
async function stock(
  organisationId: string,
  n: number,
  overrides: Parameters<typeof createUnit>[1] | object = {},
) {
  const created = [];
  for (let i = 0; i < n; i++) {
    const building = await createBuilding(db.current.db, { organisationId });
    created.push(
      await createUnit(db.current.db, {
        organisationId,
        buildingId: building.id,
        statusSince: "2026-10-01",
        ...overrides,
      }),
    );
  }
  return created;
}

async function unitStatus(id: string) {
  const [row] = await db.current.db.select().from(units).where(eq(units.id, id));
  return row!.status;
}

describe("offer panels", () => {
  it("reserves the units, records a visit, a decline, then an acceptance that releases the rest", async () => {
    const { call, cookie, org } = await setup();
    const [a, b, c] = await stock(org.id, 3);
    const person = await createPerson(db.current.db, { organisationId: org.id });

    const created = await call("POST", `/api/persons/${person.id}/panels`, {
      cookie,
      body: { unitIds: [a!.id, b!.id, c!.id] },
    });
    expect(created.status).toBe(201);
    const panel = created.json;
    expect(panel).toMatchObject({
      status: "open",
      proposedOn: "2026-11-23",
      expiresOn: "2026-12-23",
      reasonIfFewer: null,
    });
    expect(panel.offers.map((o: { unit: { unitId: string } }) => o.unit.unitId)).toEqual([
      a!.id,
      b!.id,
      c!.id,
    ]);
    // offer-sheet data: rent 520 + 60 − APL 280 = 300 €, resources 607,33 €
    expect(panel.offers[0].residualRent).toMatchObject({
      residualCents: 30_000,
      ceilingCents: 18_219,
      complementCents: 11_781,
    });
    expect(panel.person).toMatchObject({ resourcesTotalCents: 60_733, housingBenefitCents: 28_000 });
    for (const unit of [a, b, c]) expect(await unitStatus(unit!.id)).toBe("reserved");
    const read = await call("GET", `/api/persons/${person.id}`, { cookie });
    expect(read.json).toMatchObject({
      status: "offered",
      deadline: { state: "met_on_time", firstOfferOn: "2026-11-23", daysLate: 0, reoffer: null },
    });

    const [offerA, offerB, offerC] = panel.offers;
    const visit = await call("PATCH", `/api/panels/${panel.id}/offers/${offerA.id}`, {
      cookie,
      body: { visitDate: "2026-11-25" },
    });
    expect(visit.status).toBe(200);
    expect(visit.json.offers[0]).toMatchObject({ visitDate: "2026-11-25", status: "proposed" });

    const declined = await call("PATCH", `/api/panels/${panel.id}/offers/${offerA.id}`, {
      cookie,
      body: { decision: "declined", declinedBy: "person", declineReason: "too_far_from_places_that_matter" },
    });
    expect(declined.status).toBe(200);
    expect(declined.json.status).toBe("open");
    expect(await unitStatus(a!.id)).toBe("available");

    const accepted = await call("PATCH", `/api/panels/${panel.id}/offers/${offerB.id}`, {
      cookie,
      body: { decision: "accepted", details: "Coup de cœur pour le balcon" },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.json).toMatchObject({ status: "accepted", closedOn: "2026-11-23" });
    expect(accepted.json.offers.map((o: { status: string }) => o.status)).toEqual([
      "declined",
      "accepted",
      "released",
    ]);
    expect(await unitStatus(b!.id)).toBe("reserved");
    expect(await unitStatus(c!.id)).toBe("available");
    expect((await call("GET", `/api/persons/${person.id}`, { cookie })).json.status).toBe("housed");

    const transitions = await db.current.db
      .select()
      .from(unitTransitions)
      .where(eq(unitTransitions.unitId, c!.id));
    expect(transitions.map((t) => [t.fromStatus, t.toStatus])).toEqual([
      ["available", "reserved"],
      ["reserved", "available"],
    ]);

    const late = await call("PATCH", `/api/panels/${panel.id}/offers/${offerC.id}`, {
      cookie,
      body: { decision: "accepted" },
    });
    expect(late.status).toBe(409);
    expect(late.json.code).toBe("PANEL_CLOSED");

    const list = await call("GET", "/api/panels?status=accepted", { cookie });
    expect(list.json.items).toEqual([expect.objectContaining({ id: panel.id, offerCount: 3 })]);
  });

  it("needs three units, or fewer with a reason from the closed list", async () => {
    const { call, cookie, org } = await setup();
    const [a, b] = await stock(org.id, 2);
    const person = await createPerson(db.current.db, { organisationId: org.id });
    const short = await call("POST", `/api/persons/${person.id}/panels`, {
      cookie,
      body: { unitIds: [a!.id, b!.id] },
    });
    expect(short.status).toBe(422);
    expect(short.json).toMatchObject({ code: "PANEL_TOO_SMALL", minimum: 3, count: 2 });
    const unknownReason = await call("POST", `/api/persons/${person.id}/panels`, {
      cookie,
      body: { unitIds: [a!.id, b!.id], reasonIfFewerThanThree: "busy" },
    });
    expect(unknownReason.status).toBe(422);
    const withReason = await call("POST", `/api/persons/${person.id}/panels`, {
      cookie,
      body: { unitIds: [a!.id, b!.id], reasonIfFewerThanThree: "not_enough_matching_stock" },
    });
    expect(withReason.status).toBe(201);
    expect(withReason.json.reasonIfFewer).toBe("not_enough_matching_stock");
    const twice = await call("POST", `/api/persons/${person.id}/panels`, {
      cookie,
      body: { unitIds: [a!.id], reasonIfFewerThanThree: "market_constraints" },
    });
    expect(twice.status).toBe(409);
    expect(twice.json.code).toBe("PERSON_NOT_AWAITING_OFFER");
  });

  it("never puts a unit in two open panels (service and database)", async () => {
    const { call, cookie, org } = await setup();
    const [a, b, c, d, e] = await stock(org.id, 5);
    const first = await createPerson(db.current.db, { organisationId: org.id });
    const second = await createPerson(db.current.db, { organisationId: org.id });
    const panel = await call("POST", `/api/persons/${first.id}/panels`, {
      cookie,
      body: { unitIds: [a!.id, b!.id, c!.id] },
    });
    expect(panel.status).toBe(201);
    const clash = await call("POST", `/api/persons/${second.id}/panels`, {
      cookie,
      body: { unitIds: [c!.id, d!.id, e!.id] },
    });
    expect(clash.status).toBe(409);
    expect(clash.json).toMatchObject({ code: "UNIT_NOT_AVAILABLE", unitId: c!.id });
    expect(await unitStatus(d!.id)).toBe("available"); // nothing half-written

    // the partial unique index refuses a second undecided offer on the same unit
    const [existing] = await db.current.db.select().from(offers).where(eq(offers.unitId, c!.id));
    const duplicate = db.current.db.insert(offers).values({ ...existing!, id: undefined, position: 9 });
    await expect(duplicate).rejects.toThrow();
  });

  it("refuses a unit outside the person's constraints and a building at its cap", async () => {
    const { call, cookie, org } = await setup();
    const [ok1, ok2] = await stock(org.id, 2);
    const [classG] = await stock(org.id, 1, { energyClass: "G" });
    const person = await createPerson(db.current.db, { organisationId: org.id });
    const res = await call("POST", `/api/persons/${person.id}/panels`, {
      cookie,
      body: { unitIds: [ok1!.id, ok2!.id, classG!.id] },
    });
    expect(res.status).toBe(422);
    expect(res.json).toMatchObject({
      code: "UNIT_NOT_MATCHING",
      constraint: "energy_class",
      unitId: classG!.id,
    });

    const small = await createBuilding(db.current.db, { organisationId: org.id, totalDwellings: 5 });
    const x = await createUnit(db.current.db, { organisationId: org.id, buildingId: small.id });
    const y = await createUnit(db.current.db, { organisationId: org.id, buildingId: small.id });
    const capped = await call("POST", `/api/persons/${person.id}/panels`, {
      cookie,
      body: { unitIds: [ok1!.id, x.id, y.id] },
    });
    expect(capped.status).toBe(409);
    expect(capped.json).toMatchObject({
      code: "SCATTER_CAP_EXCEEDED",
      scope: "building",
      maxProgrammeUnits: 1,
    });
  });

  it("sends the person back to waiting when every offer is declined, keeps the history, and never re-proposes a declined flat", async () => {
    const { call, cookie, org } = await setup();
    const units3 = await stock(org.id, 3);
    const person = await createPerson(db.current.db, { organisationId: org.id });
    const panel = (
      await call("POST", `/api/persons/${person.id}/panels`, {
        cookie,
        body: { unitIds: units3.map((u) => u.id) },
      })
    ).json;
    const wrongParty = await call("PATCH", `/api/panels/${panel.id}/offers/${panel.offers[0].id}`, {
      cookie,
      body: { decision: "declined", declinedBy: "landlord", declineReason: "cost" },
    });
    expect(wrongParty.status).toBe(422);
    const otherWithoutDetails = await call("PATCH", `/api/panels/${panel.id}/offers/${panel.offers[0].id}`, {
      cookie,
      body: { decision: "declined", declinedBy: "person", declineReason: "other" },
    });
    expect(otherWithoutDetails.status).toBe(422);
    const decisions = [
      { declinedBy: "person", declineReason: "neighbourhood" },
      { declinedBy: "landlord", declineReason: "refused_candidate" },
      { declinedBy: "operator_withdrew", declineReason: "other", details: "Dégât des eaux" },
    ];
    let last: { json: any } = { json: null };
    for (const [index, decision] of decisions.entries()) {
      last = await call("PATCH", `/api/panels/${panel.id}/offers/${panel.offers[index].id}`, {
        cookie,
        body: { decision: "declined", ...decision },
      });
    }
    expect(last.json.status).toBe("all_declined");
    const after = (await call("GET", `/api/persons/${person.id}`, { cookie })).json;
    expect(after.status).toBe("waiting");
    // cahier des charges §8.3.2: another flat must be proposed, within the site's re-offer delay
    expect(after.deadline).toMatchObject({
      state: "met_on_time",
      reoffer: { since: "2026-11-23", deadline: "2026-12-21", offeredOn: null, state: "on_track" },
    });
    const alerts = await call("GET", "/api/alerts", { cookie });
    expect(alerts.json.items.map((a: { kind: string }) => a.kind)).not.toContain("reoffer_overdue");
    const history = await call("GET", `/api/persons/${person.id}/panels`, { cookie });
    expect(history.json.items).toEqual([expect.objectContaining({ id: panel.id, status: "all_declined" })]);
    const matches = await call("GET", `/api/persons/${person.id}/matches?include=excluded`, { cookie });
    const excludedBy = Object.fromEntries(
      matches.json.excluded.map((e: { unitId: string; excludedBy: string }) => [e.unitId, e.excludedBy]),
    );
    expect(excludedBy).toEqual({ [units3[0]!.id]: "not_declined", [units3[1]!.id]: "not_declined" });
    expect(matches.json.candidates.map((c: { unitId: string }) => c.unitId)).toEqual([units3[2]!.id]);
  });

  it("judges the 8 weeks on the current admission: a late first offer is met late, an earlier admission's panel does not count", async () => {
    const { call, cookie, org } = await setup();
    // day 1 on 1 September: the deadline was 27 October, the first offer comes on 23 November
    const late = await createPerson(db.current.db, { organisationId: org.id, entryDate: "2026-09-01" });
    await call("POST", `/api/persons/${late.id}/panels`, {
      cookie,
      body: { unitIds: (await stock(org.id, 3)).map((u) => u.id) },
    });
    const read = await call("GET", `/api/persons/${late.id}`, { cookie });
    expect(read.json.deadline).toMatchObject({
      firstOfferDeadline: "2026-10-27",
      firstOfferOn: "2026-11-23",
      state: "met_late",
      daysLate: 27,
    });
    const list = await call("GET", "/api/persons", { cookie });
    expect(list.json.items.find((p: { id: string }) => p.id === late.id).deadline.state).toBe("met_late");

    // readmitted on 1 October: the panel of the earlier admission (August) is not this one's offer
    const readmitted = await createPerson(db.current.db, { organisationId: org.id, entryDate: "2026-10-01" });
    await db.current.db.insert(offerPanels).values({
      organisationId: org.id,
      personId: readmitted.id,
      status: "all_declined",
      proposedOn: "2026-08-03",
      intendedStartDate: "2026-08-03",
      expiresOn: "2026-09-02",
      closedOn: "2026-08-20",
      personStatusBefore: "waiting",
    });
    const again = await call("GET", `/api/persons/${readmitted.id}`, { cookie });
    expect(again.json.deadline).toMatchObject({
      firstOfferDeadline: "2026-11-26",
      firstOfferOn: null,
      state: "due_soon",
      reoffer: null,
    });
  });

  it("offers a vacant unit (vacant → reserved) and, declined, restores it to vacant since its first day, through the units service", async () => {
    const { call, cookie, org } = await setup();
    const [vacant] = await stock(org.id, 1, { status: "vacant", statusSince: "2026-09-15" });
    const person = await createPerson(db.current.db, { organisationId: org.id });
    const created = await call("POST", `/api/persons/${person.id}/panels`, {
      cookie,
      body: { unitIds: [vacant!.id], reasonIfFewerThanThree: "not_enough_matching_stock" },
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect(await unitStatus(vacant!.id)).toBe("reserved");
    const declined = await call(
      "PATCH",
      `/api/panels/${created.json.id}/offers/${created.json.offers[0].id}`,
      {
        cookie,
        body: {
          decision: "declined",
          declinedBy: "person",
          declineReason: "too_far_from_places_that_matter",
        },
      },
    );
    expect(declined.status).toBe(200);
    const [row] = await db.current.db.select().from(units).where(eq(units.id, vacant!.id));
    // the vacancy keeps counting from its first day
    expect(row).toMatchObject({ status: "vacant", statusSince: "2026-09-15" });
    const transitions = await db.current.db
      .select()
      .from(unitTransitions)
      .where(eq(unitTransitions.unitId, vacant!.id));
    expect(transitions.map((t) => [t.fromStatus, t.toStatus, t.effectiveDate])).toEqual([
      ["vacant", "reserved", "2026-11-23"],
      ["reserved", "vacant", "2026-11-23"],
    ]);
    const audited = await db.current.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.organisationId, org.id),
          eq(auditLog.action, "unit.transition"),
          eq(auditLog.entityId, vacant!.id),
        ),
      )
      .orderBy(auditLog.sequence);
    expect(audited.map((entry) => entry.changes?.status)).toEqual([
      { before: "vacant", after: "reserved" },
      { before: "reserved", after: "vacant" },
    ]);
    expect(audited[1]!.changes?.restoredBeforeReservation).toEqual({ before: null, after: true });
  });

  it("expires a panel without decision after the site's delay and releases its units", async () => {
    const { call, org, clock, user, cookie: firstCookie } = await setup();
    let cookie = firstCookie;
    const units3 = await stock(org.id, 3);
    const person = await createPerson(db.current.db, { organisationId: org.id });
    const panel = (
      await call("POST", `/api/persons/${person.id}/panels`, {
        cookie,
        body: { unitIds: units3.map((u) => u.id) },
      })
    ).json;
    clock.set("2026-12-23T10:00:00+01:00");
    cookie = await sessionCookieFor(db.current.db, user, clock.now());
    expect((await call("POST", "/api/panels/expire", { cookie })).json.expiredPanelIds).toEqual([]);
    clock.set("2026-12-24T10:00:00+01:00");
    cookie = await sessionCookieFor(db.current.db, user, clock.now());
    expect((await call("GET", `/api/panels/${panel.id}`, { cookie })).json.overdue).toBe(true);
    const run = await call("POST", "/api/panels/expire", { cookie });
    expect(run.status).toBe(200);
    expect(run.json.expiredPanelIds).toEqual([panel.id]);
    expect(run.json.releasedUnitIds.sort()).toEqual(units3.map((u) => u.id).sort());
    const after = await call("GET", `/api/panels/${panel.id}`, { cookie });
    expect(after.json).toMatchObject({ status: "expired", closedOn: "2026-12-24" });
    expect(after.json.offers.every((o: { status: string }) => o.status === "expired")).toBe(true);
    for (const unit of units3) expect(await unitStatus(unit.id)).toBe("available");
    expect((await call("GET", `/api/persons/${person.id}`, { cookie })).json.status).toBe("waiting");
  });

  it("two simultaneous acceptances for a building's last place: one wins, one gets 409", async () => {
    const { call, cookie, org } = await setup();
    const shared = await createBuilding(db.current.db, { organisationId: org.id, totalDwellings: 10 });
    const u1 = await createUnit(db.current.db, { organisationId: org.id, buildingId: shared.id });
    const u2 = await createUnit(db.current.db, { organisationId: org.id, buildingId: shared.id });
    const panels = [];
    for (const unit of [u1, u2]) {
      const others = await stock(org.id, 2);
      const person = await createPerson(db.current.db, { organisationId: org.id });
      const res = await call("POST", `/api/persons/${person.id}/panels`, {
        cookie,
        body: { unitIds: [unit.id, ...others.map((u) => u.id)] },
      });
      expect(res.status).toBe(201);
      panels.push(res.json);
    }
    // the building's dwelling count is corrected (10 → 5): only one programme flat fits now
    await db.current.db.update(buildings).set({ totalDwellings: 5 }).where(eq(buildings.id, shared.id));
    const outcomes = await Promise.all(
      panels.map((panel) =>
        call("PATCH", `/api/panels/${panel.id}/offers/${panel.offers[0].id}`, {
          cookie,
          body: { decision: "accepted" },
        }),
      ),
    );
    expect(outcomes.map((o) => o.status).sort()).toEqual([200, 409]);
    expect(outcomes.find((o) => o.status === 409)!.json).toMatchObject({
      code: "SCATTER_CAP_EXCEEDED",
      maxProgrammeUnits: 1,
    });
    const acceptedOffers = await db.current.db
      .select()
      .from(offers)
      .where(and(eq(offers.organisationId, org.id), eq(offers.status, "accepted")));
    expect(acceptedOffers).toHaveLength(1);
  });

  it("is forbidden to finance and landlords, 404 across organisations", async () => {
    const { call, cookie, org } = await setup();
    const units3 = await stock(org.id, 3);
    const person = await createPerson(db.current.db, { organisationId: org.id });
    const panel = (
      await call("POST", `/api/persons/${person.id}/panels`, {
        cookie,
        body: { unitIds: units3.map((u) => u.id) },
      })
    ).json;
    const requests = [
      ["POST", `/api/persons/${person.id}/panels`, { unitIds: units3.map((u) => u.id) }],
      ["GET", `/api/persons/${person.id}/panels`, undefined],
      ["GET", "/api/panels", undefined],
      ["GET", `/api/panels/${panel.id}`, undefined],
      ["PATCH", `/api/panels/${panel.id}/offers/${panel.offers[0].id}`, { visitDate: "2026-11-30" }],
      ["POST", "/api/panels/expire", undefined],
    ] as const;
    for (const role of ["finance", "landlord"] as const) {
      const other = await setup(role);
      for (const [method, path, body] of requests) {
        const res = await other.call(method, path, { cookie: other.cookie, body });
        expect(res.status, `${role} ${method} ${path}`).toBe(403);
      }
    }
    const stranger = await setup();
    for (const [method, path, body] of requests.slice(0, 5).filter(([, path]) => path !== "/api/panels")) {
      const res = await stranger.call(method, path, { cookie: stranger.cookie, body });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect((await stranger.call("GET", "/api/panels", { cookie: stranger.cookie })).json.items).toEqual([]);
  });
});
