import { describe, expect, it } from "vitest";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import {
  createBuilding,
  createChoices,
  createNeighbourhood,
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
  return { ...app, org, cookie };
}

async function setupAdmin(organisationId: string) {
  const user = await createUser(db.current.db, { organisationId, role: "admin" });
  return { cookie: await sessionCookieFor(db.current.db, user, new Date("2026-11-23T10:00:00+01:00")) };
}

describe("GET /api/persons/{id}/matches", () => {
  it("ranks available units by the person's choices, explains each, and lists the excluded with their reason", async () => {
    const { call, cookie, org } = await setup();
    const o = { organisationId: org.id };
    const centre = await createNeighbourhood(db.current.db, { ...o, name: "Centre" });
    const nord = await createNeighbourhood(db.current.db, { ...o, name: "Nord", center: [5.04, 47.34] });
    const gare = await createNeighbourhood(db.current.db, { ...o, name: "Gare", center: [5.02, 47.32] });
    const inCentre = await createBuilding(db.current.db, { ...o, neighbourhoodId: centre.id });
    const inNord = await createBuilding(db.current.db, {
      ...o,
      neighbourhoodId: nord.id,
      lng: 5.04,
      lat: 47.34,
    });
    const inGare = await createBuilding(db.current.db, {
      ...o,
      neighbourhoodId: gare.id,
      lng: 5.02,
      lat: 47.32,
    });
    const full = await createBuilding(db.current.db, { ...o, neighbourhoodId: centre.id, totalDwellings: 5 });
    const best = await createUnit(db.current.db, { ...o, buildingId: inCentre.id, reference: "best" });
    const second = await createUnit(db.current.db, { ...o, buildingId: inNord.id, reference: "second" });
    const excludedArea = await createUnit(db.current.db, { ...o, buildingId: inGare.id, reference: "gare" });
    const classG = await createUnit(db.current.db, {
      ...o,
      buildingId: inCentre.id,
      energyClass: "G",
      reference: "G",
    });
    const high = await createUnit(db.current.db, {
      ...o,
      buildingId: inCentre.id,
      floor: 5,
      reference: "high",
    });
    await createUnit(db.current.db, { ...o, buildingId: full.id, status: "let" });
    const capped = await createUnit(db.current.db, { ...o, buildingId: full.id, reference: "capped" });
    await createUnit(db.current.db, { ...o, buildingId: inCentre.id, status: "let", reference: "let" });
    const person = await createPerson(db.current.db, { ...o, housingBenefitCents: 30_000 });
    await createChoices(db.current.db, {
      ...o,
      personId: person.id,
      wantedNeighbourhoodIds: [centre.id, nord.id],
      excludedNeighbourhoodIds: [gare.id],
      highestFloorWithoutLift: 3,
      placesThatMatter: [{ label: "Travail", lng: 5.0415, lat: 47.322, maxDistanceKm: 5 }],
    });

    const res = await call("GET", `/api/persons/${person.id}/matches?include=excluded&startDate=2026-12-01`, {
      cookie,
    });
    expect(res.status).toBe(200);
    expect(res.json.candidates.map((c: { reference: string }) => c.reference)).toEqual(["best", "second"]);
    const [top] = res.json.candidates;
    expect(top.unitId).toBe(best.id);
    expect(top.constraints.every((c: { passed: boolean }) => c.passed)).toBe(true);
    expect(
      top.components.find((c: { component: string }) => c.component === "wanted_neighbourhood"),
    ).toMatchObject({
      points: 30,
      detail: "Quartier souhaité en choix n° 1 sur 2",
    });
    // rent 520 + charges 60 − APL 300 = 280 €; resources 607,33 € → ceiling 182,19 €, complement 97,81 €
    expect(top.residualRent).toMatchObject({
      residualCents: 28_000,
      ceilingCents: 18_219,
      complementCents: 9_781,
      effortRateBasisPoints: 4610,
    });
    expect(top.distances[0]).toMatchObject({ label: "Travail", within: true });
    const reasons = Object.fromEntries(
      res.json.excluded.map((e: { unitId: string; excludedBy: string }) => [e.unitId, e.excludedBy]),
    );
    expect(reasons).toEqual({
      [excludedArea.id]: "excluded_neighbourhood",
      [classG.id]: "energy_class",
      [high.id]: "floor",
      [capped.id]: "building_scatter",
    });
    expect(res.json).toMatchObject({ evaluatedCount: 6, eligibleCount: 2, resourcesTotalCents: 60_733 });

    const plain = await call("GET", `/api/persons/${person.id}/matches?limit=1`, { cookie });
    expect(plain.json.candidates).toHaveLength(1);
    // the database narrowing of the ranked list agrees with the rules: same eligible units, same order
    expect(plain.json.candidates[0].unitId).toBe(best.id);
    expect(plain.json.eligibleCount).toBe(2);
    expect(plain.json.evaluatedCount).toBe(2);
    expect(plain.json.excluded).toBeUndefined();

    // the excluded flats on demand: grouped by constraint, a page at a time, audited
    const excluded = await call("GET", `/api/persons/${person.id}/matches/excluded?startDate=2026-12-01`, {
      cookie,
    });
    expect(excluded.status).toBe(200);
    expect(excluded.json).toMatchObject({ personId: person.id, total: 4, limit: 50, offset: 0 });
    // HARD_CONSTRAINTS order: energy class, building scatter, floor, excluded neighbourhood
    expect(excluded.json.byConstraint).toEqual([
      { constraint: "energy_class", count: 1 },
      { constraint: "building_scatter", count: 1 },
      { constraint: "floor", count: 1 },
      { constraint: "excluded_neighbourhood", count: 1 },
    ]);
    expect(excluded.json.items.map((e: { unitId: string }) => e.unitId)).toEqual([
      classG.id,
      capped.id,
      high.id,
      excludedArea.id,
    ]);
    expect(excluded.json.items[2]).toMatchObject({
      reference: "high",
      excludedBy: "floor",
      reason: "Étage 5 sans ascenseur, au-delà du 3e étage accepté",
      lng: inCentre.lng,
      lat: inCentre.lat,
    });
    const nextPage = await call("GET", `/api/persons/${person.id}/matches/excluded?limit=2&offset=2`, {
      cookie,
    });
    expect(nextPage.json).toMatchObject({ total: 4, limit: 2, offset: 2 });
    expect(nextPage.json.items.map((e: { unitId: string }) => e.unitId)).toEqual([high.id, excludedArea.id]);
    const byFloor = await call("GET", `/api/persons/${person.id}/matches/excluded?constraint=floor`, {
      cookie,
    });
    expect(byFloor.json).toMatchObject({ total: 1, items: [{ unitId: high.id, excludedBy: "floor" }] });
    // the counts stay those of every excluded flat, whatever the filter
    expect(byFloor.json.byConstraint).toHaveLength(4);
    const unknown = await call("GET", `/api/persons/${person.id}/matches/excluded?constraint=price`, {
      cookie,
    });
    expect(unknown.status).toBe(422);
    const audit = await call("GET", "/api/audit?limit=500", { cookie: (await setupAdmin(org.id)).cookie });
    expect(
      audit.json.items.filter(
        (e: { action: string; entityId: string }) =>
          e.action === "person.matches.excluded.read" && e.entityId === person.id,
      ),
    ).toHaveLength(3); // each page read, the refused one not
  });

  it("checks the DPE against the intended start date", async () => {
    const { call, cookie, org } = await setup();
    const o = { organisationId: org.id };
    const building = await createBuilding(db.current.db, o);
    await createUnit(db.current.db, { ...o, buildingId: building.id, energyClass: "F" });
    const person = await createPerson(db.current.db, o);
    const before = await call("GET", `/api/persons/${person.id}/matches?startDate=2027-12-31`, { cookie });
    expect(before.json.eligibleCount).toBe(1);
    const after = await call(
      "GET",
      `/api/persons/${person.id}/matches?startDate=2028-01-01&include=excluded`,
      {
        cookie,
      },
    );
    expect(after.json.eligibleCount).toBe(0);
    expect(after.json.excluded[0].excludedBy).toBe("energy_class");
    const bad = await call("GET", `/api/persons/${person.id}/matches?startDate=demain`, { cookie });
    expect(bad.status).toBe(422);
  });

  it("is forbidden to finance and landlords, 404 across organisations", async () => {
    const { org } = await setup();
    const person = await createPerson(db.current.db, { organisationId: org.id });
    for (const role of ["finance", "landlord"] as const) {
      const other = await setup(role);
      for (const path of ["matches", "matches/excluded"]) {
        const res = await other.call("GET", `/api/persons/${person.id}/${path}`, { cookie: other.cookie });
        expect(res.status).toBe(403);
      }
    }
    const officer = await setup();
    for (const path of ["matches", "matches/excluded"]) {
      const res = await officer.call("GET", `/api/persons/${person.id}/${path}`, { cookie: officer.cookie });
      expect(res.status).toBe(404);
    }
  });
});
