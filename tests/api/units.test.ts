import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, unitTransitions } from "../../db/schema";
import {
  allowedNextStatuses,
  UNIT_STATUS_LABELS,
  UNIT_STATUSES,
} from "../../server/modules/units/pipeline.rules";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import { createBuilding, createUnit } from "../support/factories";
import { organisationWithStaff } from "../support/stock-fixture";
import { decentVisit } from "../support/decency";

const db = useTestDatabase();
const NOW = "2026-11-23T10:00:00+01:00";

const decent = decentVisit();

async function setup(overrides = {}) {
  const staff = await organisationWithStaff(db.current, overrides);
  const building = await createBuilding(db.current.db, { organisationId: staff.org.id, totalDwellings: 10 });
  return { ...staff, building, ...createTestApp(db.current, { now: NOW }) };
}

const unitBody = (buildingId: string) => ({
  buildingId,
  floor: 2,
  typology: "T2",
  surfaceM2: 41.5,
  rooms: 2,
  energyClass: "D",
  energyDiagnosisDate: "2024-03-01",
  rentCents: 55_000,
  chargesCents: 7_000,
  availableFrom: "2027-01-01",
});

describe("units CRUD", () => {
  it("creates a unit as a prospect, with its first transition and audit, and reads it back", async () => {
    const { call, officer, building, org } = await setup();
    const created = await call("POST", "/api/units", { cookie: officer, body: unitBody(building.id) });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      status: "prospect",
      statusSince: "2026-11-23",
      rentCents: 55_000,
      allowedTransitions: ["visit_scheduled", "withdrawn"],
      buildingScatter: { totalDwellings: 10, programmeUnits: 0, maxProgrammeUnits: 2, headroom: 2 },
      energyGate: { allowedForLeaseStartingToday: true, message: null },
    });
    const history = await call("GET", `/api/units/${created.json.id}/transitions`, { cookie: officer });
    expect(history.json.items).toEqual([
      expect.objectContaining({ fromStatus: null, toStatus: "prospect", effectiveDate: "2026-11-23" }),
    ]);
    const audits = await db.current.db.select().from(auditLog).where(eq(auditLog.organisationId, org.id));
    expect(audits.map((a) => a.action)).toContain("unit.create");

    const list = await call("GET", `/api/units?buildingId=${building.id}`, { cookie: officer });
    expect(list.json.items.map((u: { id: string }) => u.id)).toEqual([created.json.id]);
    const patched = await call("PATCH", `/api/units/${created.json.id}`, {
      cookie: officer,
      body: { rentCents: 56_000, furnished: true },
    });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ rentCents: 56_000, furnished: true, status: "prospect" });
  });

  it("refuses bad input field by field, an unknown building, and a rent above its ceiling", async () => {
    const { call, officer, building } = await setup();
    const bad = await call("POST", "/api/units", {
      cookie: officer,
      body: { ...unitBody(building.id), typology: "T9", rentCents: -1, energyClass: "H" },
    });
    expect(bad.status).toBe(422);
    expect(bad.json.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      "json.energyClass",
      "json.rentCents",
      "json.typology",
    ]);
    const unknown = await call("POST", "/api/units", {
      cookie: officer,
      body: unitBody("00000000-0000-4000-8000-000000000000"),
    });
    expect(unknown.status).toBe(422);
    expect(unknown.json.errors[0].path).toBe("buildingId");
    const ceiling = await call("POST", "/api/units", {
      cookie: officer,
      body: { ...unitBody(building.id), locAvantagesLevel: "loc2", rentCeilingCents: 50_000 },
    });
    expect(ceiling.status).toBe(422);
    expect(ceiling.json.errors[0].path).toBe("rentCents");
  });

  it("lets finance read but not write; hides units of another organisation; refuses landlords", async () => {
    const { call, finance, landlordUser, building, org } = await setup();
    const unit = await createUnit(db.current.db, { organisationId: org.id, buildingId: building.id });
    expect((await call("GET", `/api/units/${unit.id}`, { cookie: finance })).status).toBe(200);
    expect((await call("POST", "/api/units", { cookie: finance, body: unitBody(building.id) })).status).toBe(
      403,
    );
    expect((await call("GET", "/api/units", { cookie: landlordUser })).status).toBe(403);
    expect((await call("GET", "/api/units")).status).toBe(401);
    const other = await setup();
    expect((await call("GET", `/api/units/${unit.id}`, { cookie: other.officer })).status).toBe(404);
    const move = await call("POST", `/api/units/${unit.id}/transitions`, {
      cookie: other.officer,
      body: { to: "reserved", date: "2026-11-23" },
    });
    expect(move.status).toBe(404);
    expect((await call("DELETE", `/api/units/${unit.id}`, { cookie: other.officer })).status).toBe(404);
  });

  it("deletes a prospect but not a captured unit", async () => {
    const { call, officer, building, org } = await setup();
    const prospect = await createUnit(db.current.db, {
      organisationId: org.id,
      buildingId: building.id,
      status: "prospect",
    });
    const captured = await createUnit(db.current.db, {
      organisationId: org.id,
      buildingId: building.id,
      status: "available",
    });
    expect((await call("DELETE", `/api/units/${prospect.id}`, { cookie: officer })).status).toBe(204);
    expect((await call("GET", `/api/units/${prospect.id}`, { cookie: officer })).status).toBe(404);
    const refused = await call("DELETE", `/api/units/${captured.id}`, { cookie: officer });
    expect(refused.status).toBe(409);
    expect(refused.json.code).toBe("CONFLICT");
    expect(refused.json.detail).toContain("« Disponible »");
    expect(refused.json.detail).not.toMatch(/available|withdrawn/);
  });
});

describe("capture pipeline through the API", () => {
  it("walks a unit from prospect to let, then notice, vacancy, works and back to available", async () => {
    const { call, officer, building, org } = await setup();
    const { json: unit } = await call("POST", "/api/units", { cookie: officer, body: unitBody(building.id) });
    const steps: [string, Record<string, unknown>][] = [
      ["visit_scheduled", { date: "2026-11-24" }],
      ["visited", { date: "2026-11-30", decency: decent }],
      ["agreed", { date: "2026-12-05", captureFormula: "sliding_lease" }],
      ["available", { date: "2027-01-01" }],
      ["reserved", { date: "2027-01-10" }],
      ["let", { date: "2027-02-01" }],
      ["notice_given", { date: "2028-05-01", reason: "départ du locataire" }],
      ["vacant", { date: "2028-06-01" }],
      ["works", { date: "2028-06-02" }],
      ["available", { date: "2028-07-01" }],
    ];
    for (const [to, extra] of steps) {
      const response = await call("POST", `/api/units/${unit.id}/transitions`, {
        cookie: officer,
        body: { to, ...extra },
      });
      expect(response.status, `${to}: ${JSON.stringify(response.json)}`).toBe(201);
      expect(response.json.unit.status).toBe(to);
      expect(response.json.unit.allowedTransitions).toEqual([...allowedNextStatuses(to as never)]);
    }
    const history = await call("GET", `/api/units/${unit.id}/transitions`, { cookie: officer });
    expect(
      history.json.items.map(
        (t: { toStatus: string; effectiveDate: string }) => `${t.toStatus}@${t.effectiveDate}`,
      ),
    ).toEqual(["prospect@2026-11-23", ...steps.map(([to, extra]) => `${to}@${extra.date}`)]);
    const { json: final } = await call("GET", `/api/units/${unit.id}`, { cookie: officer });
    expect(final).toMatchObject({ captureFormula: "sliding_lease", statusSince: "2028-07-01" });
    expect(final.decencyChecklist).toMatchObject({ mainRoomSurfaceM2: 14, decentVia: "surface_and_height" });
    const rows = await db.current.db
      .select()
      .from(unitTransitions)
      .where(and(eq(unitTransitions.organisationId, org.id), eq(unitTransitions.unitId, unit.id)));
    expect(rows).toHaveLength(steps.length + 1);
  });

  it("answers 409 ILLEGAL_TRANSITION with the allowed targets for every illegal transition", async () => {
    const { call, officer, building, org } = await setup();
    let checked = 0;
    for (const from of UNIT_STATUSES) {
      const unit = await createUnit(db.current.db, {
        organisationId: org.id,
        buildingId: building.id,
        status: from,
        statusSince: "2026-01-01",
      });
      const allowed = allowedNextStatuses(from);
      for (const to of UNIT_STATUSES.filter((status) => !allowed.includes(status))) {
        const response = await call("POST", `/api/units/${unit.id}/transitions`, {
          cookie: officer,
          body: { to, date: "2026-11-23" },
        });
        expect(response.status, `${from} → ${to}`).toBe(409);
        expect(response.json).toMatchObject({ code: "ILLEGAL_TRANSITION", from, to, allowed: [...allowed] });
        // the officer reads French words, never the API's codes
        expect(response.json.detail).toContain(`« ${UNIT_STATUS_LABELS[from]} »`);
        expect(response.json.detail).not.toMatch(new RegExp(`\\b(${UNIT_STATUSES.join("|")})\\b`));
        checked++;
      }
    }
    expect(checked).toBe(96);
    const stored = await db.current.db
      .select()
      .from(unitTransitions)
      .where(eq(unitTransitions.organisationId, org.id));
    expect(stored).toHaveLength(0);
  });

  it("refuses a visit without its checklist, a main room that is not décent, and a banned energy class", async () => {
    const { call, officer, building, org } = await setup();
    const make = (energyClass: "D" | "G" | "F") =>
      createUnit(db.current.db, {
        organisationId: org.id,
        buildingId: building.id,
        status: "visit_scheduled",
        energyClass,
      });
    const unit = await make("D");
    const go = (id: string, body: Record<string, unknown>) =>
      call("POST", `/api/units/${id}/transitions`, {
        cookie: officer,
        body: { to: "visited", date: "2026-11-23", ...body },
      });

    const missing = await go(unit.id, {});
    expect(missing.status).toBe(422);
    expect(missing.json.errors[0].path).toBe("decency");
    const small = await go(unit.id, {
      decency: decentVisit({ mainRoomSurfaceM2: 8.5, ceilingHeightM: 2.3 }),
    });
    expect(small.status).toBe(422);
    expect(small.json.code).toBe("DECENCY_NOT_MET");
    // 8 m² under 2.50 m = 20 m³: décent by volume
    expect(
      (await go(unit.id, { decency: decentVisit({ mainRoomSurfaceM2: 8, ceilingHeightM: 2.5 }) })).status,
    ).toBe(201);

    const classG = await make("G");
    const refusedG = await go(classG.id, { decency: decent });
    expect(refusedG.status).toBe(422);
    expect(refusedG.json).toMatchObject({
      code: "ENERGY_CLASS_NOT_ALLOWED",
      energyClass: "G",
      bannedSince: "2025-01-01",
    });
    // class F: fine for a lease starting on 31/12/2027, refused from 01/01/2028
    const classF = await make("F");
    const late = await go(classF.id, { decency: decent, leaseStartDate: "2028-01-01" });
    expect(late.status).toBe(422);
    expect(late.json.bannedSince).toBe("2028-01-01");
    expect((await go(classF.id, { decency: decent, leaseStartDate: "2027-12-31" })).status).toBe(201);
  });

  it("counts only the parts of the main room at least 1.80 m high (décret 2002-120 art. 4, CCH R.156-1)", async () => {
    const { call, officer, building, org } = await setup();
    const attic = await createUnit(db.current.db, {
      organisationId: org.id,
      buildingId: building.id,
      status: "visit_scheduled",
    });
    const go = (decency: Record<string, unknown>) =>
      call("POST", `/api/units/${attic.id}/transitions`, {
        cookie: officer,
        body: { to: "visited", date: "2026-11-23", decency },
      });
    // 13 m² under 1.60 m would be 20.8 m³ if the low ceiling were counted
    const low = await go(decentVisit({ mainRoomSurfaceM2: 13, ceilingHeightM: 1.6 }));
    expect(low.status).toBe(422);
    expect(low.json).toMatchObject({ code: "DECENCY_NOT_MET", countedSurfaceM2: 0, habitableVolumeM3: 0 });
    expect(low.json.errors[0].path).toBe("decency.mainRoomSurfaceM2");
    // 12 m² of which 4 m² under a slope: 8 m² × 2.40 m = 19.2 m³
    const sloped = await go(
      decentVisit({ mainRoomSurfaceM2: 12, ceilingHeightM: 2.4, surfaceUnder180M2: 4 }),
    );
    expect(sloped.status).toBe(422);
    expect(sloped.json.countedSurfaceM2).toBe(8);
  });

  it("checks the décret's other criteria, each with its evidence, and keeps them with the unit", async () => {
    const { call, officer, building, org } = await setup();
    const unit = await createUnit(db.current.db, {
      organisationId: org.id,
      buildingId: building.id,
      status: "visit_scheduled",
    });
    const go = (decency: Record<string, unknown>) =>
      call("POST", `/api/units/${unit.id}/transitions`, {
        cookie: officer,
        body: { to: "visited", date: "2026-11-23", decency },
      });
    const bare = await go({ mainRoomSurfaceM2: 14, ceilingHeightM: 2.5 });
    expect(bare.status).toBe(422);
    expect(bare.json.code).toBe("DECENCY_NOT_MET");
    expect(bare.json.errors).toHaveLength(13);
    const full = decentVisit();
    const noWc = await go({
      ...full,
      criteria: { ...full.criteria, sanitary: { met: false, evidence: "WC sur le palier" } },
    });
    expect(noWc.status).toBe(422);
    expect(noWc.json.errors).toEqual([expect.objectContaining({ path: "decency.criteria.sanitary" })]);
    const ok = await go(full);
    expect(ok.status).toBe(201);
    const read = await call("GET", `/api/units/${unit.id}`, { cookie: officer });
    expect(read.json.decencyChecklist.criteria.heating).toEqual({
      met: true,
      evidence: "constaté lors de la visite",
    });
  });

  it("refuses to capture a flat whose DPE has expired (décret 2020-1610), at the visit and at the planned start", async () => {
    const { call, officer, building, org } = await setup();
    const make = (energyDiagnosisDate: string | null) =>
      createUnit(db.current.db, {
        organisationId: org.id,
        buildingId: building.id,
        status: "visit_scheduled",
        energyDiagnosisDate,
      });
    const go = (id: string, extra: Record<string, unknown> = {}) =>
      call("POST", `/api/units/${id}/transitions`, {
        cookie: officer,
        body: { to: "visited", date: "2026-11-23", decency: decent, ...extra },
      });
    // made in 2019: expired on 31/12/2024
    const old = await go((await make("2019-05-01")).id);
    expect(old.status).toBe(422);
    expect(old.json).toMatchObject({ code: "DPE_NOT_VALID", validUntil: "2024-12-31" });
    expect(old.json.errors[0]).toMatchObject({ path: "unit.energyDiagnosisDate", code: "dpe_expired" });
    const none = await go((await make(null)).id);
    expect(none.json.errors[0].code).toBe("dpe_date_missing");
    // made on 15/08/2021 → valid until 14/08/2031: refused for a lease planned to start after it
    const later = await make("2021-08-15");
    const planned = await go(later.id, { leaseStartDate: "2031-09-01" });
    expect(planned.json).toMatchObject({ code: "DPE_NOT_VALID", validUntil: "2031-08-14" });
    expect((await go(later.id)).status).toBe(201);
  });

  it("needs a capture formula to agree, a reason to withdraw, and a date not before the current status", async () => {
    const { call, officer, building, org } = await setup();
    const visited = await createUnit(db.current.db, {
      organisationId: org.id,
      buildingId: building.id,
      status: "visited",
      statusSince: "2026-11-01",
      captureFormula: null,
    });
    const go = (body: Record<string, unknown>) =>
      call("POST", `/api/units/${visited.id}/transitions`, { cookie: officer, body });
    expect((await go({ to: "agreed", date: "2026-11-23" })).json.errors[0].path).toBe("captureFormula");
    expect((await go({ to: "withdrawn", date: "2026-11-23" })).json.errors[0].path).toBe("reason");
    const early = await go({ to: "agreed", date: "2026-10-31", captureFormula: "management_mandate" });
    expect(early.status).toBe(422);
    expect(early.json.errors[0].path).toBe("date");
    const ok = await go({ to: "agreed", date: "2026-11-01", captureFormula: "management_mandate" });
    expect(ok.status).toBe(201);
    expect(ok.json.unit.captureFormula).toBe("management_mandate");
  });

  it("reserves within the building's 20% cap and answers 409 SCATTER_CAP_EXCEEDED beyond it", async () => {
    const { call, officer, building, org } = await setup();
    const units = [];
    for (let i = 0; i < 3; i++)
      units.push(
        await createUnit(db.current.db, {
          organisationId: org.id,
          buildingId: building.id,
          status: "available",
        }),
      );
    const reserve = (id: string) =>
      call("POST", `/api/units/${id}/transitions`, {
        cookie: officer,
        body: { to: "reserved", date: "2026-11-23" },
      });
    expect((await reserve(units[0]!.id)).status).toBe(201);
    const second = await reserve(units[1]!.id);
    expect(second.json.unit.buildingScatter).toMatchObject({ programmeUnits: 2, headroom: 0 });
    const third = await reserve(units[2]!.id);
    expect(third.status).toBe(409);
    expect(third.json).toMatchObject({
      code: "SCATTER_CAP_EXCEEDED",
      scope: "building",
      maxProgrammeUnits: 2,
    });
    // reserved → let does not count twice
    const letIt = await call("POST", `/api/units/${units[0]!.id}/transitions`, {
      cookie: officer,
      body: { to: "let", date: "2026-12-01" },
    });
    expect(letIt.status).toBe(201);
  });

  it("refuses to reserve a class G unit for a lease starting now", async () => {
    const { call, officer, building, org } = await setup();
    const unit = await createUnit(db.current.db, {
      organisationId: org.id,
      buildingId: building.id,
      status: "available",
      energyClass: "G",
    });
    const { json: read } = await call("GET", `/api/units/${unit.id}`, { cookie: officer });
    expect(read.energyGate.allowedForLeaseStartingToday).toBe(false);
    const refused = await call("POST", `/api/units/${unit.id}/transitions`, {
      cookie: officer,
      body: { to: "reserved", date: "2026-11-23" },
    });
    expect(refused.status).toBe(422);
    expect(refused.json.code).toBe("ENERGY_CLASS_NOT_ALLOWED");
  });

  it("refuses transitions to finance (read-only) and reads history only in the organisation", async () => {
    const { call, finance, officer, building, org } = await setup();
    const unit = await createUnit(db.current.db, {
      organisationId: org.id,
      buildingId: building.id,
      status: "prospect",
    });
    const forbidden = await call("POST", `/api/units/${unit.id}/transitions`, {
      cookie: finance,
      body: { to: "visit_scheduled", date: "2026-11-23" },
    });
    expect(forbidden.status).toBe(403);
    expect((await call("GET", `/api/units/${unit.id}/transitions`, { cookie: finance })).status).toBe(200);
    const other = await setup();
    expect((await call("GET", `/api/units/${unit.id}/transitions`, { cookie: other.officer })).status).toBe(
      404,
    );
    const invalid = await call("POST", `/api/units/${unit.id}/transitions`, {
      cookie: officer,
      body: { to: "somewhere", date: "23/11/2026" },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.json.errors.map((e: { path: string }) => e.path).sort()).toEqual(["json.date", "json.to"]);
  });
});
