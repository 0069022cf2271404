import { describe, expect, it } from "vitest";
import {
  checkHardConstraints,
  compareEvaluations,
  evaluateUnit,
  type HardConstraint,
  type MatchContext,
  type MatchPerson,
  type MatchUnit,
  minimumRooms,
  minimumSurfaceM2,
  rankUnits,
} from "../../server/modules/matching/matching.rules";

const context: MatchContext = { startDate: "2026-12-01", today: "2026-11-23", ceilingBasisPoints: 3000 };

function unit(overrides: Partial<MatchUnit> = {}): MatchUnit {
  return {
    id: "u-1",
    reference: null,
    status: "available",
    statusSince: "2026-11-01",
    availableFrom: null,
    buildingId: "b-1",
    neighbourhoodId: "n-centre",
    inseeCode: "21231",
    floor: 1,
    hasElevator: false,
    typology: "T2",
    rooms: 2,
    surfaceM2: 40,
    furnished: false,
    wheelchairAccessible: false,
    stepFree: false,
    energyClass: "D",
    rentCents: 45_000,
    chargesCents: 5_000,
    lng: 5.0415,
    lat: 47.322,
    buildingHeadroom: 2,
    neighbourhoodHeadroom: Number.POSITIVE_INFINITY,
    ...overrides,
  };
}

function person(
  overrides: Partial<MatchPerson> = {},
  choices: Partial<MatchPerson["choices"]> = {},
): MatchPerson {
  return {
    adults: 1,
    children: 0,
    resourcesCents: 100_000,
    housingBenefitCents: 25_000,
    declinedUnits: new Map(),
    ...overrides,
    choices: {
      wantedNeighbourhoodIds: [],
      excludedNeighbourhoodIds: [],
      placesThatMatter: [],
      typologyMin: null,
      typologyMax: null,
      highestFloorWithoutLift: null,
      needsWheelchairAccess: false,
      needsStepFree: false,
      wantsFurnished: null,
      ...choices,
    },
  };
}

const failing = (u: MatchUnit, p: MatchPerson, ctx: MatchContext = context): HardConstraint[] =>
  checkHardConstraints(u, p, ctx)
    .filter((entry) => !entry.passed)
    .map((entry) => entry.constraint);

describe("hard constraints, one at a time", () => {
  it.each<{
    name: string;
    unit?: Partial<MatchUnit>;
    person?: Partial<MatchPerson>;
    choices?: Partial<MatchPerson["choices"]>;
    ctx?: Partial<MatchContext>;
    fails: HardConstraint[];
  }>([
    { name: "a plain available unit passes everything", fails: [] },
    { name: "a vacant unit is offerable", unit: { status: "vacant" }, fails: [] },
    { name: "a reserved unit is not available", unit: { status: "reserved" }, fails: ["unit_available"] },
    { name: "a let unit is not available", unit: { status: "let" }, fails: ["unit_available"] },
    {
      name: "available only after the intended start",
      unit: { availableFrom: "2027-01-01" },
      fails: ["unit_available"],
    },
    { name: "available on the intended start day", unit: { availableFrom: "2026-12-01" }, fails: [] },
    { name: "class G is banned since 2025", unit: { energyClass: "G" }, fails: ["energy_class"] },
    { name: "class F is fine before 2028", unit: { energyClass: "F" }, fails: [] },
    {
      name: "class F is banned for a lease starting in 2028",
      unit: { energyClass: "F" },
      ctx: { startDate: "2028-01-01" },
      fails: ["energy_class"],
    },
    { name: "no DPE, no offer", unit: { energyClass: null }, fails: ["energy_class"] },
    { name: "the building is at its 20% cap", unit: { buildingHeadroom: 0 }, fails: ["building_scatter"] },
    {
      name: "the neighbourhood is at the site's cap",
      unit: { neighbourhoodHeadroom: 0 },
      fails: ["neighbourhood_scatter"],
    },
    {
      name: "wheelchair needed, unit not accessible",
      choices: { needsWheelchairAccess: true },
      fails: ["accessibility"],
    },
    {
      name: "wheelchair needed, unit accessible",
      unit: { wheelchairAccessible: true },
      choices: { needsWheelchairAccess: true },
      fails: [],
    },
    { name: "step-free needed, unit with steps", choices: { needsStepFree: true }, fails: ["accessibility"] },
    {
      name: "step-free needed, step-free unit",
      unit: { stepFree: true },
      choices: { needsStepFree: true },
      fails: [],
    },
    {
      name: "4th floor without lift, limit 2",
      unit: { floor: 4 },
      choices: { highestFloorWithoutLift: 2 },
      fails: ["floor"],
    },
    {
      name: "4th floor with a lift, limit 2",
      unit: { floor: 4, hasElevator: true },
      choices: { highestFloorWithoutLift: 2 },
      fails: [],
    },
    {
      name: "2nd floor without lift, limit 2",
      unit: { floor: 2 },
      choices: { highestFloorWithoutLift: 2 },
      fails: [],
    },
    {
      name: "a studio is too small for a parent and two children",
      unit: { typology: "studio", rooms: 1, surfaceM2: 30 },
      person: { children: 2 },
      fails: ["household_size"],
    },
    {
      name: "a T2 of 24 m² is too small for three people (25 m²)",
      unit: { surfaceM2: 24 },
      person: { children: 2 },
      fails: ["household_size"],
    },
    { name: "below the wanted typology", choices: { typologyMin: "T3" }, fails: ["typology_choice"] },
    { name: "above the wanted typology", choices: { typologyMax: "T1" }, fails: ["typology_choice"] },
    {
      name: "within the wanted typologies",
      choices: { typologyMin: "studio", typologyMax: "T2" },
      fails: [],
    },
    {
      name: "in an excluded neighbourhood",
      choices: { excludedNeighbourhoodIds: ["n-centre"] },
      fails: ["excluded_neighbourhood"],
    },
    {
      name: "already declined by the person",
      person: { declinedUnits: new Map([["u-1", "person" as const]]) },
      fails: ["not_declined"],
    },
    {
      name: "already refused by the landlord for this person",
      person: { declinedUnits: new Map([["u-1", "landlord" as const]]) },
      fails: ["not_declined"],
    },
  ])("$name", (row) => {
    expect(failing(unit(row.unit), person(row.person, row.choices), { ...context, ...row.ctx })).toEqual(
      row.fails,
    );
  });

  // scatter.rules.ts capAreaOf: outside every contour the site's neighbourhood cap applies to the
  // building's commune (the headroom handed in is the commune's); the evaluation names the area
  it.each([
    {
      area: "its neighbourhood",
      unit: { neighbourhoodHeadroom: 0 },
      detail: "Le quartier a atteint le plafond de logements du programme fixé par le site",
    },
    {
      area: "its commune, outside every contour, at the cap",
      unit: { neighbourhoodId: null, neighbourhoodHeadroom: 0 },
      detail:
        "Hors des contours de quartier, la commune 21231 a atteint le plafond de logements du programme fixé par le site",
    },
    {
      area: "its commune, outside every contour, with room",
      unit: { neighbourhoodId: null, neighbourhoodHeadroom: 2 },
      detail:
        "Hors des contours de quartier, la commune 21231 peut encore accueillir 2 logement(s) du programme",
    },
    {
      area: "no area (no contour, no INSEE code)",
      unit: { neighbourhoodId: null, inseeCode: null },
      detail:
        "Immeuble hors de tout quartier et sans code commune : aucun plafond par quartier ne s'y applique",
    },
  ])("the neighbourhood cap, for a building in $area", (row) => {
    const evaluation = evaluateUnit(unit(row.unit), person(), context);
    const cap = evaluation.constraints.find((c) => c.constraint === "neighbourhood_scatter");
    expect(cap?.detail).toBe(row.detail);
    expect(cap?.passed).toBe(row.unit.neighbourhoodHeadroom !== 0);
  });

  it("reports every failing constraint and names the first as the reason", () => {
    const evaluation = evaluateUnit(
      unit({ energyClass: "G", buildingHeadroom: 0 }),
      person({}, { excludedNeighbourhoodIds: ["n-centre"] }),
      context,
    );
    expect(evaluation.eligible).toBe(false);
    expect(evaluation.excludedBy).toBe("energy_class");
    expect(evaluation.constraints.filter((c) => !c.passed).map((c) => c.constraint)).toEqual([
      "energy_class",
      "building_scatter",
      "excluded_neighbourhood",
    ]);
    expect(evaluation.components).toEqual([]);
  });

  it("sizes households by the CAF overcrowding norm", () => {
    expect([1, 2, 3, 4, 8, 9].map(minimumSurfaceM2)).toEqual([9, 16, 25, 34, 70, 70]);
    expect(minimumRooms(1, 0)).toBe(1);
    expect(minimumRooms(2, 0)).toBe(1);
    expect(minimumRooms(1, 1)).toBe(2);
    expect(minimumRooms(2, 3)).toBe(3);
    expect(minimumRooms(3, 0)).toBe(2);
  });
});

describe("the soft score and its ordering", () => {
  const wanted = { wantedNeighbourhoodIds: ["n-a", "n-b", "n-c"] };

  it("ranks the first wanted neighbourhood above the second, the second above none", () => {
    const p = person({}, wanted);
    const { eligible } = rankUnits(
      [
        unit({ id: "elsewhere", neighbourhoodId: "n-z" }),
        unit({ id: "second", neighbourhoodId: "n-b" }),
        unit({ id: "first", neighbourhoodId: "n-a" }),
      ],
      p,
      context,
    );
    expect(eligible.map((e) => e.unit.id)).toEqual(["first", "second", "elsewhere"]);
    const component = (id: string) => eligible.find((e) => e.unit.id === id)!.components[0]!;
    expect(component("first")).toMatchObject({ component: "wanted_neighbourhood", points: 30 });
    expect(component("second").points).toBe(20);
    expect(component("second").detail).toBe("Quartier souhaité en choix n° 2 sur 3");
    expect(component("elsewhere").points).toBe(0);
  });

  it("prefers the unit nearer a place that matters and gives nothing beyond its maximum distance", () => {
    const p = person(
      {},
      { placesThatMatter: [{ label: "Sœur", lng: 5.0415, lat: 47.322, maxDistanceKm: 3 }] },
    );
    const near = evaluateUnit(unit({ id: "near", lng: 5.0425, lat: 47.322 }), p, context);
    const far = evaluateUnit(unit({ id: "far", lng: 5.07, lat: 47.322 }), p, context);
    const beyond = evaluateUnit(unit({ id: "beyond", lng: 5.2, lat: 47.322 }), p, context);
    const points = (e: typeof near) => e.components.find((c) => c.component === "places_that_matter")!.points;
    expect(points(near)).toBeGreaterThan(points(far));
    expect(points(far)).toBeGreaterThan(0);
    expect(points(beyond)).toBe(0);
    expect(beyond.distances[0]).toMatchObject({ label: "Sœur", within: false });
    expect(compareEvaluations(near, far)).toBeLessThan(0);
  });

  it("prefers a residual within the ceiling to one needing a complement", () => {
    const p = person({ resourcesCents: 60_000, housingBenefitCents: 20_000 });
    const cheap = evaluateUnit(unit({ id: "cheap", rentCents: 30_000, chargesCents: 0 }), p, context);
    const dear = evaluateUnit(unit({ id: "dear", rentCents: 60_000, chargesCents: 5_000 }), p, context);
    expect(cheap.figures.complementCents).toBe(0);
    expect(dear.figures.complementCents).toBe(27_000);
    expect(dear.components.find((c) => c.component === "effort_rate")!.points).toBe(0);
    expect(compareEvaluations(cheap, dear)).toBeLessThan(0);
  });

  it("prefers lower floors without a lift, and the longest-vacant unit", () => {
    const p = person();
    const ground = evaluateUnit(unit({ id: "ground", floor: 0 }), p, context);
    const third = evaluateUnit(unit({ id: "third", floor: 3 }), p, context);
    expect(compareEvaluations(ground, third)).toBeLessThan(0);
    const old = evaluateUnit(unit({ id: "old", statusSince: "2026-06-01" }), p, context);
    const fresh = evaluateUnit(unit({ id: "fresh", statusSince: "2026-11-20" }), p, context);
    expect(old.components.find((c) => c.component === "days_vacant")).toMatchObject({
      points: 10,
      detail: "Vacant depuis 175 jour(s)",
    });
    expect(compareEvaluations(old, fresh)).toBeLessThan(0);
  });

  it("rewards the furnished preference only when the person has one", () => {
    const furnished = unit({ furnished: true });
    const pts = (p: MatchPerson) =>
      evaluateUnit(furnished, p, context).components.find((c) => c.component === "furnished")!.points;
    expect(pts(person({}, { wantsFurnished: true }))).toBe(5);
    expect(pts(person({}, { wantsFurnished: false }))).toBe(0);
    expect(pts(person())).toBe(0);
  });

  it("the score is the sum of its components, each within its maximum", () => {
    const evaluation = evaluateUnit(unit({ neighbourhoodId: "n-a" }), person({}, wanted), context);
    const sum = evaluation.components.reduce((total, c) => total + c.points, 0);
    expect(evaluation.score).toBeCloseTo(sum, 5);
    for (const c of evaluation.components) expect(c.points).toBeLessThanOrEqual(c.maxPoints);
  });
});
