import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/db";
import { createBuilding, createUnit } from "../support/factories";
import { staffWithApp } from "../support/stock-fixture";

const db = useTestDatabase();

const square = (minLng: number, minLat: number, size: number) => [
  [minLng, minLat],
  [minLng + size, minLat],
  [minLng + size, minLat + size],
  [minLng, minLat + size],
  [minLng, minLat],
];

const collection = {
  type: "FeatureCollection",
  features: [
    {
      type: "Feature",
      properties: { code: "CENTRE", name: "Centre (illustratif)" },
      geometry: { type: "Polygon", coordinates: [square(5.03, 47.31, 0.02)] },
    },
    {
      type: "Feature",
      properties: { code: "GRES", name: "Grésilles (illustratif)", qpv: true },
      geometry: {
        type: "MultiPolygon",
        coordinates: [[square(5.05, 47.33, 0.01)], [square(5.07, 47.33, 0.01)]],
      },
    },
  ],
};

const buildingBody = {
  street: "18 rue de la Préfecture",
  postcode: "21000",
  city: "Dijon",
  inseeCode: "21231",
  lng: 5.04,
  lat: 47.32,
  totalDwellings: 12,
  hasElevator: true,
  yearBuilt: 1902,
};

describe("neighbourhoods", () => {
  it("imports polygons and multipolygons, lists them as GeoJSON and re-assigns existing buildings", async () => {
    const { call, officer, org } = await staffWithApp(db.current);
    const before = await createBuilding(db.current.db, { organisationId: org.id, lng: 5.075, lat: 47.335 });
    const imported = await call("POST", "/api/neighbourhoods/import", { cookie: officer, body: collection });
    expect(imported.status).toBe(200);
    expect(imported.json).toMatchObject({ created: 2, updated: 0, buildingsReassigned: 1 });
    const list = await call("GET", "/api/neighbourhoods", { cookie: officer });
    expect(list.headers.get("content-type")).toContain("application/geo+json");
    expect(list.json.type).toBe("FeatureCollection");
    const gres = list.json.features.find(
      (f: { properties: { code: string } }) => f.properties.code === "GRES",
    );
    expect(gres.properties).toMatchObject({ isQpv: true, buildings: 1 });
    expect(gres.geometry.type).toBe("MultiPolygon");
    const { json: building } = await call("GET", `/api/buildings/${before.id}`, { cookie: officer });
    expect(building.neighbourhood).toMatchObject({ code: "GRES", isQpv: true });

    // re-importing a code moves its contour: the building falls out of it
    const moved = structuredClone(collection);
    moved.features[1]!.geometry = { type: "Polygon", coordinates: [square(5.05, 47.33, 0.01)] };
    const again = await call("POST", "/api/neighbourhoods/import?isQpv=true", {
      cookie: officer,
      body: moved,
    });
    expect(again.json).toMatchObject({ created: 0, updated: 2, buildingsReassigned: 1 });
    expect(
      (await call("GET", `/api/buildings/${before.id}`, { cookie: officer })).json.neighbourhood,
    ).toBeNull();
  });

  it("reports every invalid feature and imports nothing", async () => {
    const { call, officer } = await staffWithApp(db.current);
    const broken = structuredClone(collection);
    (broken.features[0]!.geometry.coordinates as number[][][])[0]!.pop(); // open ring
    (broken.features[1]!.properties as Record<string, unknown>).name = "";
    const response = await call("POST", "/api/neighbourhoods/import", { cookie: officer, body: broken });
    expect(response.status).toBe(422);
    expect(response.json.errors.map((e: { path: string }) => e.path)).toEqual([
      "features.0.geometry.coordinates.0",
      "features.1.properties.name",
    ]);
    expect((await call("GET", "/api/neighbourhoods", { cookie: officer })).json.features).toHaveLength(0);
    const notJson = await call("POST", "/api/neighbourhoods/import", { cookie: officer, body: "{oops" });
    expect(notJson.status).toBe(400);
  });

  it("edits and deletes a neighbourhood, re-assigning its buildings", async () => {
    const { call, officer } = await staffWithApp(db.current);
    const { json } = await call("POST", "/api/neighbourhoods/import", { cookie: officer, body: collection });
    const centre = json.neighbourhoods.find((n: { code: string }) => n.code === "CENTRE");
    const { json: building } = await call("POST", "/api/buildings", { cookie: officer, body: buildingBody });
    expect(building.neighbourhood.code).toBe("CENTRE");
    const renamed = await call("PATCH", `/api/neighbourhoods/${centre.id}`, {
      cookie: officer,
      body: {
        name: "Centre-ville",
        isQpv: false,
        geometry: { type: "Polygon", coordinates: [square(6, 47, 0.1)] },
      },
    });
    expect(renamed.json).toMatchObject({ name: "Centre-ville", buildingsReassigned: 1 });
    const invalid = await call("PATCH", `/api/neighbourhoods/${centre.id}`, {
      cookie: officer,
      body: {
        geometry: {
          type: "Polygon",
          coordinates: [
            [
              [6, 47],
              [6.1, 47],
              [6, 47],
            ],
          ],
        },
      },
    });
    expect(invalid.status).toBe(422);
    expect((await call("DELETE", `/api/neighbourhoods/${centre.id}`, { cookie: officer })).status).toBe(204);
    expect((await call("DELETE", `/api/neighbourhoods/${centre.id}`, { cookie: officer })).status).toBe(404);
  });

  it("is read-only for finance, closed to landlords, and per organisation", async () => {
    const { call, officer, finance, landlordUser } = await staffWithApp(db.current);
    expect((await call("GET", "/api/neighbourhoods", { cookie: finance })).status).toBe(200);
    expect(
      (await call("POST", "/api/neighbourhoods/import", { cookie: finance, body: collection })).status,
    ).toBe(403);
    expect((await call("GET", "/api/neighbourhoods", { cookie: landlordUser })).status).toBe(403);
    const { json } = await call("POST", "/api/neighbourhoods/import", { cookie: officer, body: collection });
    const other = await staffWithApp(db.current);
    expect((await call("GET", "/api/neighbourhoods", { cookie: other.officer })).json.features).toHaveLength(
      0,
    );
    const patch = await call("PATCH", `/api/neighbourhoods/${json.neighbourhoods[0].id}`, {
      cookie: other.officer,
      body: { name: "x" },
    });
    expect(patch.status).toBe(404);
  });
});

describe("buildings", () => {
  it("creates a building in its neighbourhood with its scatter headroom, lists, updates and moves it", async () => {
    const { call, officer } = await staffWithApp(db.current);
    await call("POST", "/api/neighbourhoods/import", { cookie: officer, body: collection });
    const created = await call("POST", "/api/buildings", { cookie: officer, body: buildingBody });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      totalDwellings: 12,
      neighbourhood: { code: "CENTRE", isQpv: false },
      scatter: { programmeUnits: 0, maxProgrammeUnits: 2, headroom: 2, shareBasisPoints: 0 },
    });
    const list = await call("GET", "/api/buildings", { cookie: officer });
    expect(list.json.items).toHaveLength(1);
    const moved = await call("PATCH", `/api/buildings/${created.json.id}`, {
      cookie: officer,
      body: { lng: 5.055, lat: 47.335, totalDwellings: 25 },
    });
    expect(moved.json).toMatchObject({ neighbourhood: { code: "GRES" }, scatter: { maxProgrammeUnits: 5 } });
  });

  it("requires the dwelling count; refuses lowering it below the programme's units; refuses deleting with units", async () => {
    const { call, officer, org } = await staffWithApp(db.current);
    const { totalDwellings: _, ...withoutCount } = buildingBody;
    const missing = await call("POST", "/api/buildings", { cookie: officer, body: withoutCount });
    expect(missing.status).toBe(422);
    expect(missing.json.errors.map((e: { path: string }) => e.path)).toEqual(["json.totalDwellings"]);
    const badPostcode = await call("POST", "/api/buildings", {
      cookie: officer,
      body: { ...buildingBody, postcode: "2100", lat: 91 },
    });
    expect(badPostcode.json.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      "json.lat",
      "json.postcode",
    ]);

    const building = await createBuilding(db.current.db, { organisationId: org.id, totalDwellings: 10 });
    await createUnit(db.current.db, { organisationId: org.id, buildingId: building.id, status: "let" });
    await createUnit(db.current.db, { organisationId: org.id, buildingId: building.id, status: "reserved" });
    const lowered = await call("PATCH", `/api/buildings/${building.id}`, {
      cookie: officer,
      body: { totalDwellings: 9 },
    });
    expect(lowered.status).toBe(409);
    expect(lowered.json).toMatchObject({ code: "SCATTER_CAP_EXCEEDED", maxProgrammeUnits: 1 });
    const deleted = await call("DELETE", `/api/buildings/${building.id}`, { cookie: officer });
    expect(deleted.status).toBe(409);
    const empty = await createBuilding(db.current.db, { organisationId: org.id });
    expect((await call("DELETE", `/api/buildings/${empty.id}`, { cookie: officer })).status).toBe(204);
  });

  it("is read-only for finance, closed to landlords, and 404 in another organisation", async () => {
    const { call, finance, landlordUser, org } = await staffWithApp(db.current);
    const building = await createBuilding(db.current.db, { organisationId: org.id });
    expect((await call("GET", `/api/buildings/${building.id}`, { cookie: finance })).status).toBe(200);
    expect((await call("POST", "/api/buildings", { cookie: finance, body: buildingBody })).status).toBe(403);
    expect((await call("GET", "/api/buildings", { cookie: landlordUser })).status).toBe(403);
    const other = await staffWithApp(db.current);
    expect((await call("GET", `/api/buildings/${building.id}`, { cookie: other.officer })).status).toBe(404);
    expect((await call("DELETE", `/api/buildings/${building.id}`, { cookie: other.officer })).status).toBe(
      404,
    );
  });
});

describe("GET /api/scatter", () => {
  it("reports programme units, total, share and headroom per building and neighbourhood", async () => {
    const { call, officer, finance, landlordUser, org } = await staffWithApp(db.current);
    await call("POST", "/api/neighbourhoods/import", { cookie: officer, body: collection });
    const { json: full } = await call("POST", "/api/buildings", {
      cookie: officer,
      body: { ...buildingBody, totalDwellings: 10 },
    });
    const { json: roomy } = await call("POST", "/api/buildings", {
      cookie: officer,
      body: { ...buildingBody, street: "3 rue Jean Moulin", lng: 5.055, lat: 47.335, totalDwellings: 20 },
    });
    for (const status of ["reserved", "let", "available"] as const)
      await createUnit(db.current.db, { organisationId: org.id, buildingId: full.id, status });
    await createUnit(db.current.db, { organisationId: org.id, buildingId: roomy.id, status: "notice_given" });

    const response = await call("GET", "/api/scatter", { cookie: finance });
    expect(response.status).toBe(200);
    expect(response.json.programmeUnits).toBe(3);
    expect(response.json.buildings.map((b: { buildingId: string }) => b.buildingId)).toEqual([
      full.id,
      roomy.id,
    ]);
    expect(response.json.buildings[0]).toMatchObject({
      totalDwellings: 10,
      programmeUnits: 2,
      headroom: 0,
      shareBasisPoints: 2000,
    });
    expect(response.json.buildings[1]).toMatchObject({
      totalDwellings: 20,
      programmeUnits: 1,
      headroom: 3,
      shareBasisPoints: 500,
    });
    const byCode = Object.fromEntries(response.json.neighbourhoods.map((n: { code: string }) => [n.code, n]));
    expect(byCode.CENTRE).toMatchObject({
      programmeUnits: 2,
      totalDwellings: 10,
      shareOfProgrammeBasisPoints: 6667,
      headroom: null,
    });
    expect(byCode.GRES).toMatchObject({ programmeUnits: 1, isQpv: true, shareOfProgrammeBasisPoints: 3333 });
    expect((await call("GET", "/api/scatter", { cookie: landlordUser })).status).toBe(403);
    const other = await staffWithApp(db.current);
    expect((await call("GET", "/api/scatter", { cookie: other.officer })).json.buildings).toEqual([]);
  });
});
