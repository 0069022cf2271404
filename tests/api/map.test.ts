import { describe, expect, it } from "vitest";
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
