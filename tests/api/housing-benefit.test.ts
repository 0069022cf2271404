import { describe, expect, it } from "vitest";
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
const NOW = "2026-11-23T10:00:00+01:00";

async function setup() {
  const app = createTestApp(db.current, { now: NOW });
  const org = await createOrganisation(db.current.db);
  const cookieOf = async (role: "admin" | "housing_officer" | "finance" | "landlord") =>
    sessionCookieFor(
      db.current.db,
      await createUser(db.current.db, { organisationId: org.id, role }),
      app.clock.now(),
    );
  return {
    ...app,
    org,
    admin: await cookieOf("admin"),
    officer: await cookieOf("housing_officer"),
    cookieOf,
  };
}

const DIJON = {
  source: "Arrêté du 17 mars 1978 modifié relatif au classement des communes par zone géographique",
  communes: [{ inseeCode: "21231", name: "Dijon", zone: "II" }],
};

type Candidate = {
  unitId: string;
  housingBenefit: { cents: number; basis: string; unavailableReason: string | null };
};

describe("the housing benefit barème", () => {
  it("ships the values in force on 1 October 2025, each with its source, and none before", async () => {
    const { call, officer } = await setup();
    const res = await call("GET", "/api/housing-benefit/scale?date=2025-12-01", { cookie: officer });
    expect(res.status).toBe(200);
    expect(res.json.complete).toBe(true);
    const plafond = res.json.parameters.find((p: { key: string }) => p.key === "plafond.II.single");
    expect(plafond.inForce).toMatchObject({ effectiveFrom: "2025-10-01", value: 29034, origin: "shipped" });
    expect(plafond.inForce.source).toContain("JORFTEXT000052212770");
    for (const parameter of res.json.parameters) expect(parameter.inForce.source.length).toBeGreaterThan(20);

    const before = await call("GET", "/api/housing-benefit/scale?date=2025-09-30", { cookie: officer });
    expect(before.json.complete).toBe(false);
    expect(before.json.missing).toContain("plafond.I.single");
  });

  it("an admin records a dated value with its source; it applies from its date; others may not", async () => {
    const { call, admin, officer, cookieOf } = await setup();
    const body = {
      key: "p0.minimum",
      effectiveFrom: "2026-10-01",
      value: 4000,
      source: "Arrêté de revalorisation du 1er octobre 2026, art. 13",
    };
    expect((await call("POST", "/api/housing-benefit/scale", { cookie: officer, body })).status).toBe(403);
    expect(
      (await call("POST", "/api/housing-benefit/scale", { cookie: await cookieOf("landlord"), body })).status,
    ).toBe(403);
    const bad = await call("POST", "/api/housing-benefit/scale", {
      cookie: admin,
      body: { ...body, key: "nope" },
    });
    expect(bad.status).toBe(422);
    const created = await call("POST", "/api/housing-benefit/scale", { cookie: admin, body });
    expect(created.status).toBe(201);

    const now = await call("GET", "/api/housing-benefit/scale", { cookie: officer });
    const p0 = now.json.parameters.find((p: { key: string }) => p.key === "p0.minimum");
    expect(p0.inForce).toMatchObject({ value: 4000, origin: "organisation", effectiveFrom: "2026-10-01" });
    expect(p0.history.map((h: { value: number }) => h.value)).toEqual([3956, 4000]);
    const earlier = await call("GET", "/api/housing-benefit/scale?date=2026-09-30", { cookie: officer });
    expect(earlier.json.parameters.find((p: { key: string }) => p.key === "p0.minimum").inForce.value).toBe(
      3956,
    );
  });

  it("the commune zones are the admins' list: an officer reads it and may not replace it", async () => {
    const { call, admin, officer } = await setup();
    expect(
      (await call("PUT", "/api/housing-benefit/commune-zones", { cookie: officer, body: DIJON })).status,
    ).toBe(403);
    const duplicate = await call("PUT", "/api/housing-benefit/commune-zones", {
      cookie: admin,
      body: { ...DIJON, communes: [...DIJON.communes, ...DIJON.communes] },
    });
    expect(duplicate.status).toBe(422);
    expect(
      (await call("PUT", "/api/housing-benefit/commune-zones", { cookie: admin, body: DIJON })).status,
    ).toBe(200);
    const list = await call("GET", "/api/housing-benefit/commune-zones", { cookie: officer });
    expect(list.json).toEqual(DIJON);
  });
});

describe("the residual rent per flat", () => {
  it("estimates each flat's benefit until the CAF's notification is recorded, then uses it", async () => {
    const { call, admin, officer, org } = await setup();
    const o = { organisationId: org.id };
    const building = await createBuilding(db.current.db, { ...o, inseeCode: "21231" });
    const dear = await createUnit(db.current.db, {
      ...o,
      buildingId: building.id,
      rentCents: 45_000,
      chargesCents: 5_000,
    });
    const cheap = await createUnit(db.current.db, {
      ...o,
      buildingId: building.id,
      rentCents: 25_000,
      chargesCents: 3_000,
    });
    // a single person on RSA (not taxable: R = 0), no notification yet
    const person = await createPerson(db.current.db, { ...o, housingBenefitCents: 0 });
    expect(person.housingBenefitBasis).toBe("estimate");

    const unknownZone = await call("GET", `/api/persons/${person.id}/matches`, { cookie: officer });
    expect(unknownZone.status).toBe(200);
    for (const candidate of unknownZone.json.candidates as Candidate[])
      expect(candidate.housingBenefit).toEqual({
        cents: 0,
        basis: "unavailable",
        unavailableReason: "zone_unknown",
      });

    await call("PUT", "/api/housing-benefit/commune-zones", { cookie: admin, body: DIJON });
    const estimated = await call("GET", `/api/persons/${person.id}/matches`, { cookie: officer });
    expect(estimated.json.housingBenefitBasis).toBe("estimate");
    const byUnit = new Map((estimated.json.candidates as Candidate[]).map((c) => [c.unitId, c]));
    // zone II, single, R = 0: 450 € → L 290,34 + C 60,59 − P0 39,56 − 5 = 306,37 €;
    // 250 € → 250 + 60,59 − 39,56 − 5 = 266,03 €
    expect(byUnit.get(dear.id)!.housingBenefit).toEqual({
      cents: 30637,
      basis: "estimate",
      unavailableReason: null,
    });
    expect(byUnit.get(cheap.id)!.housingBenefit).toEqual({
      cents: 26603,
      basis: "estimate",
      unavailableReason: null,
    });
    expect(
      (estimated.json.candidates as (Candidate & { residualRent: { residualCents: number } })[]).find(
        (c) => c.unitId === dear.id,
      )!.residualRent.residualCents,
    ).toBe(45_000 + 5_000 - 30637);

    // a panel keeps each offer's estimate, labelled as such
    const panel = await call("POST", `/api/persons/${person.id}/panels`, {
      cookie: officer,
      body: { unitIds: [dear.id, cheap.id], reasonIfFewerThanThree: "not_enough_matching_stock" },
    });
    expect(panel.status).toBe(201);
    expect(panel.json.person.housingBenefitBasis).toBe("estimate");
    expect(
      panel.json.offers.map(
        (offer: { housingBenefit: { cents: number; basis: string } }) => offer.housingBenefit,
      ),
    ).toEqual([
      { cents: 30637, basis: "estimate", unavailableReason: null },
      { cents: 26603, basis: "estimate", unavailableReason: null },
    ]);

    // «droits APL ouverts»: the CAF's amount replaces the estimate, on the open panel too
    const future = await call("POST", `/api/persons/${person.id}/housing-benefit-rights`, {
      cookie: officer,
      body: { openedOn: "2026-12-24", monthlyAmountCents: 29_000 },
    });
    expect(future.status).toBe(422);
    const rights = await call("POST", `/api/persons/${person.id}/housing-benefit-rights`, {
      cookie: officer,
      body: { openedOn: "2026-11-20", monthlyAmountCents: 29_000 },
    });
    expect(rights.status).toBe(200);
    expect(rights.json).toMatchObject({
      housingBenefitBasis: "notified",
      housingBenefitCents: 29_000,
      housingBenefitRightsOpenedOn: "2026-11-20",
    });
    const sheet = await call("GET", `/api/panels/${panel.json.id}`, { cookie: officer });
    expect(sheet.json.offers[0].housingBenefit).toEqual({
      cents: 29_000,
      basis: "notified",
      unavailableReason: null,
    });
    expect(sheet.json.offers[0].residualRent.residualCents).toBe(45_000 + 5_000 - 29_000);
  });

  it("a finance or landlord user may not record the CAF's notification", async () => {
    const { call, org, cookieOf } = await setup();
    const person = await createPerson(db.current.db, { organisationId: org.id });
    for (const role of ["finance", "landlord"] as const) {
      const res = await call("POST", `/api/persons/${person.id}/housing-benefit-rights`, {
        cookie: await cookieOf(role),
        body: { openedOn: "2026-11-20", monthlyAmountCents: 29_000 },
      });
      expect(res.status).toBe(403);
    }
  });
});
