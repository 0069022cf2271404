import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { MAX_UNIT_FEATURES } from "../../server/modules/map/map.rules";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import { createBuilding, createNeighbourhood, createUnit } from "../support/factories";
import { organisationWithStaff } from "../support/stock-fixture";
import { buildingScatter } from "../../server/modules/scatter/scatter.rules";

const db = useTestDatabase();
const DIJON = "4.97,47.28,5.11,47.36";

async function setup(overrides = {}) {
  return { ...(await organisationWithStaff(db.current, overrides)), ...createTestApp(db.current) };
}

describe("GET /api/map/units.geojson", () => {
  it("returns the units inside the box with their building's programme share and headroom", async () => {
    const { call, officer, org } = await setup();
    const centre = await createBuilding(db.current.db, {
      organisationId: org.id,
      lng: 5.04,
      lat: 47.32,
      totalDwellings: 10,
    });
    const far = await createBuilding(db.current.db, { organisationId: org.id, lng: 6.02, lat: 47.24 });
    const let1 = await createUnit(db.current.db, {
      organisationId: org.id,
      buildingId: centre.id,
      status: "let",
      rentCents: 50_000,
      chargesCents: 5_000,
    });
    const free = await createUnit(db.current.db, {
      organisationId: org.id,
      buildingId: centre.id,
      status: "available",
      typology: "studio",
    });
    await createUnit(db.current.db, { organisationId: org.id, buildingId: far.id, status: "available" });

    const response = await call("GET", `/api/map/units.geojson?bbox=${DIJON}`, { cookie: officer });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/geo+json");
    expect(response.json.type).toBe("FeatureCollection");
    expect(response.json.features.map((f: { id: string }) => f.id).sort()).toEqual([let1.id, free.id].sort());
    const feature = response.json.features.find((f: { id: string }) => f.id === let1.id);
    expect(feature.geometry).toEqual({ type: "Point", coordinates: [5.04, 47.32] });
    expect(feature.properties).toEqual({
      id: let1.id,
      buildingId: centre.id,
      status: "let",
      typology: "T2",
      rentCents: 50_000,
      chargesCents: 5_000,
      totalCents: 55_000,
      buildingProgrammeUnits: 1,
      buildingTotalDwellings: 10,
      buildingShareBasisPoints: 1000,
      buildingHeadroom: 1,
    });

    const filtered = await call("GET", `/api/map/units.geojson?bbox=${DIJON}&status=available,vacant`, {
      cookie: officer,
    });
    expect(filtered.json.features.map((f: { id: string }) => f.id)).toEqual([free.id]);

    // pins only: the same units and positions, with their status and nothing else
    const pins = await call("GET", `/api/map/units.geojson?bbox=${DIJON}&fields=pins`, { cookie: officer });
    expect(pins.status).toBe(200);
    expect(pins.headers.get("content-type")).toContain("application/geo+json");
    expect(pins.json.features.map((f: { id: string }) => f.id)).toEqual(
      response.json.features.map((f: { id: string }) => f.id),
    );
    expect(pins.json.features.find((f: { id: string }) => f.id === let1.id)).toEqual({
      type: "Feature",
      id: let1.id,
      geometry: { type: "Point", coordinates: [5.04, 47.32] },
      properties: { id: let1.id, status: "let" },
    });
    const availablePins = await call(
      "GET",
      `/api/map/units.geojson?bbox=${DIJON}&status=available&fields=pins`,
      { cookie: officer },
    );
    expect(availablePins.json.features.map((f: { id: string }) => f.id)).toEqual([free.id]);
    const unknown = await call("GET", `/api/map/units.geojson?bbox=${DIJON}&fields=all`, { cookie: officer });
    expect(unknown.status).toBe(422);
  });

  it("computes shares and headroom exactly as the scatter rules do, for every building size", async () => {
    for (const smallBuildingException of [false, true]) {
      const { call, officer, org } = await setup({ smallBuildingException, buildingCapBasisPoints: 2000 });
      const expected = new Map<string, ReturnType<typeof buildingScatter>>();
      for (const total of [1, 2, 4, 5, 9, 10, 11, 14, 15, 33]) {
        const building = await createBuilding(db.current.db, {
          organisationId: org.id,
          totalDwellings: total,
        });
        const programme = total % 3 === 0 ? 1 : 0;
        if (programme)
          await createUnit(db.current.db, {
            organisationId: org.id,
            buildingId: building.id,
            status: "reserved",
          });
        await createUnit(db.current.db, {
          organisationId: org.id,
          buildingId: building.id,
          status: "available",
        });
        expected.set(
          building.id,
          buildingScatter(total, programme, { capBasisPoints: 2000, smallBuildingException }),
        );
      }
      const { json } = await call("GET", `/api/map/units.geojson?bbox=${DIJON}`, { cookie: officer });
      for (const feature of json.features) {
        const rule = expected.get(feature.properties.buildingId)!;
        expect([feature.properties.buildingHeadroom, feature.properties.buildingShareBasisPoints]).toEqual([
          rule.headroom,
          rule.shareBasisPoints,
        ]);
      }
      expect(json.features).toHaveLength(13); // 10 available + 3 reserved (9, 15, 33)
    }
  });

  it("refuses a malformed bbox or status, is closed to landlords, and never shows another organisation", async () => {
    const { call, officer, landlordUser, org } = await setup();
    const building = await createBuilding(db.current.db, { organisationId: org.id });
    await createUnit(db.current.db, { organisationId: org.id, buildingId: building.id });
    for (const bbox of ["5,47,6", "6,47,5,48", "a,b,c,d", "-200,0,0,0"]) {
      const response = await call("GET", `/api/map/units.geojson?bbox=${bbox}`, { cookie: officer });
      expect(response.status, bbox).toBe(422);
      expect(response.json.errors[0].path).toBe("query.bbox");
    }
    expect((await call("GET", "/api/map/units.geojson", { cookie: officer })).status).toBe(422);
    const status = await call("GET", `/api/map/units.geojson?bbox=${DIJON}&status=sold`, { cookie: officer });
    expect(status.json.errors[0].path).toBe("query.status");
    expect((await call("GET", `/api/map/units.geojson?bbox=${DIJON}`, { cookie: landlordUser })).status).toBe(
      403,
    );
    const other = await setup();
    const { json } = await call("GET", `/api/map/units.geojson?bbox=${DIJON}`, { cookie: other.officer });
    expect(json.features).toEqual([]);
  });
});

describe("GET /api/map/units.geojson grouped by the database above a density", () => {
  /** `count` units in 4-unit buildings spread over ≈ 2 × 1 km of central Dijon, plus one alone. */
  async function denseStock(organisationId: string, count: number) {
    await db.current.db.execute(sql`
      insert into buildings (organisation_id, street, postcode, city, lng, lat, total_dwellings)
      select ${organisationId}, g || ' rue Dense', '21000', 'Dijon',
             5.03 + (g % 50) * 0.0004, 47.315 + (g / 50) * 0.0004, 40
      from generate_series(0, ${count / 4 - 1}) g`);
    await db.current.db.execute(sql`
      insert into units (organisation_id, building_id, floor, typology, surface_m_2, rooms, rent_cents, charges_cents, energy_class, status, status_since)
      select b.organisation_id, b.id, k, 'T2', 40, 2, 45000, 5000, 'C',
             (case when k = 1 then 'available' else 'let' end)::unit_status, '2026-01-01'
      from buildings b cross join generate_series(1, 4) k
      where b.organisation_id = ${organisationId} and b.street like '% rue Dense'`);
    const lonely = await createBuilding(db.current.db, { organisationId, lng: 5.1, lat: 47.35 });
    return createUnit(db.current.db, {
      organisationId,
      buildingId: lonely.id,
      status: "available",
      rentCents: 45_000,
    });
  }

  it("sends grid cells with their unit counts instead of every unit, and the lone unit as itself", async () => {
    const { call, officer, org } = await setup();
    const total = MAX_UNIT_FEATURES + 200;
    const lonely = await denseStock(org.id, total);

    const grouped = await call("GET", `/api/map/units.geojson?bbox=${DIJON}&zoom=12`, { cookie: officer });
    expect(grouped.status).toBe(200);
    expect(grouped.json.grouped).toBe(true);
    const cells = grouped.json.features.filter((f: { properties: { units?: number } }) => f.properties.units);
    const singles = grouped.json.features.filter((f: { id?: string }) => f.id);
    // every unit counted once, in far fewer features than units
    const counted = cells.reduce(
      (sum: number, f: { properties: { units: number } }) => sum + f.properties.units,
      0,
    );
    expect(counted + singles.length).toBe(total + 1);
    expect(grouped.json.features.length).toBeLessThan(100);
    expect(
      cells.reduce(
        (sum: number, f: { properties: { available: number } }) => sum + f.properties.available,
        0,
      ) +
        singles.filter((f: { properties: { status: string } }) => f.properties.status === "available").length,
    ).toBe(total / 4 + 1);
    // the lone unit keeps its own feature, with its price for the map's popup
    expect(singles.map((f: { id: string }) => f.id)).toEqual([lonely.id]);
    expect(singles[0].properties).toMatchObject({ id: lonely.id, status: "available", rentCents: 45_000 });
    expect(cells[0].id).toBeUndefined();

    // finer cells closer in; pins keep the lone unit as a pin
    const closer = await call("GET", `/api/map/units.geojson?bbox=${DIJON}&zoom=14&fields=pins`, {
      cookie: officer,
    });
    expect(closer.json.grouped).toBe(true);
    expect(closer.json.features.length).toBeGreaterThan(grouped.json.features.length);
    expect(closer.json.features.find((f: { id?: string }) => f.id)?.properties).toEqual({
      id: lonely.id,
      status: "available",
    });

    // at street level, without a zoom, or under the density, every unit comes as itself
    for (const query of ["zoom=16", "", "zoom=12&status=available"]) {
      const response = await call("GET", `/api/map/units.geojson?bbox=${DIJON}&fields=pins&${query}`, {
        cookie: officer,
      });
      expect(response.json.grouped).toBe(false);
      expect(response.json.features.every((f: { id?: string }) => f.id)).toBe(true);
    }

    const invalid = await call("GET", `/api/map/units.geojson?bbox=${DIJON}&zoom=trente`, {
      cookie: officer,
    });
    expect(invalid.status).toBe(422);
    expect(invalid.json.errors[0].path).toContain("zoom");
  });
});

describe("buildings and neighbourhoods for the map", () => {
  it("lists buildings with their scatter and neighbourhoods with the programme share", async () => {
    const { call, officer, finance, landlordUser, org } = await setup();
    const neighbourhood = await createNeighbourhood(db.current.db, {
      organisationId: org.id,
      code: "CV",
      isQpv: true,
    });
    const building = await createBuilding(db.current.db, {
      organisationId: org.id,
      neighbourhoodId: neighbourhood.id,
      totalDwellings: 5,
    });
    await createUnit(db.current.db, { organisationId: org.id, buildingId: building.id, status: "let" });

    const buildings = await call("GET", "/api/map/buildings.geojson", { cookie: finance });
    expect(buildings.status).toBe(200);
    expect(buildings.json.features[0].properties).toMatchObject({
      id: building.id,
      neighbourhoodCode: "CV",
      programmeUnits: 1,
      maxProgrammeUnits: 1,
      headroom: 0,
      shareBasisPoints: 2000,
      // the map's status filter hides the buildings none of whose units it shows
      unitStatuses: ",let,",
    });
    const neighbourhoods = await call("GET", "/api/map/neighbourhoods.geojson", { cookie: officer });
    expect(neighbourhoods.json.features[0]).toMatchObject({
      geometry: { type: "Polygon" },
      properties: { code: "CV", isQpv: true, programmeUnits: 1, shareOfProgrammeBasisPoints: 10_000 },
    });
    expect((await call("GET", "/api/map/buildings.geojson", { cookie: landlordUser })).status).toBe(403);
    expect((await call("GET", "/api/map/neighbourhoods.geojson", { cookie: landlordUser })).status).toBe(403);
    const other = await setup();
    expect(
      (await call("GET", "/api/map/buildings.geojson", { cookie: other.officer })).json.features,
    ).toEqual([]);
  });
});
