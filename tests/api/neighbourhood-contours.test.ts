import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/db";
import { buildingsAroundDijonIris, staffWithApp } from "../support/stock-fixture";

const db = useTestDatabase();
/** Two IRIS of Dijon as IGN publishes CONTOURS-IRIS: Lambert-93, `crs` member, CODE_IRIS/NOM_IRIS/INSEE_COM. */
const irisLambert93 = JSON.parse(
  readFileSync(new URL("../fixtures/contours/iris-dijon-lambert93.geojson", import.meta.url), "utf8"),
);

describe("importing official contours (IRIS, QPV) as published", () => {
  it("reprojects a Lambert-93 file named by its crs, reads IGN's fields and lists the buildings moved and outside", async () => {
    const { call, officer, org } = await staffWithApp(db.current);
    const { inside, elsewhere } = await buildingsAroundDijonIris(db.current, org.id);
    const { status, json } = await call("POST", "/api/neighbourhoods/import", {
      cookie: officer,
      body: irisLambert93,
    });
    expect(status).toBe(200);
    expect(json.reprojectedFrom).toBe("EPSG:2154");
    expect(json.neighbourhoods).toEqual([
      expect.objectContaining({ code: "212310104", name: "Liberté (extrait de test)", inseeCode: "21231" }),
      expect.objectContaining({ code: "212310105", name: "Darcy (extrait de test)", inseeCode: "21231" }),
    ]);
    expect(json.moved).toEqual([expect.objectContaining({ id: inside.id, from: null, to: "212310104" })]);
    expect(json.outside).toEqual([expect.objectContaining({ id: elsewhere.id, inseeCode: "21231" })]);
    const { json: building } = await call("GET", `/api/buildings/${inside.id}`, { cookie: officer });
    expect(building.neighbourhood).toMatchObject({ code: "212310104" });
    // the contour is stored in WGS84 degrees, near Dijon
    const list = await call("GET", "/api/neighbourhoods", { cookie: officer });
    const [lng, lat] = list.json.features[0].geometry.coordinates[0][0];
    expect(lng).toBeCloseTo(5.034, 4);
    expect(lat).toBeCloseTo(47.3205, 4);
  });

  it("says once that metres without a crs look like Lambert-93, and takes ?crs=EPSG:2154", async () => {
    const { call, officer } = await staffWithApp(db.current);
    const { crs: _crs, ...unnamed } = irisLambert93;
    const refused = await call("POST", "/api/neighbourhoods/import", { cookie: officer, body: unnamed });
    expect(refused.status).toBe(422);
    expect(refused.json.errors).toHaveLength(1);
    expect(refused.json.errors[0]).toMatchObject({ path: "crs" });
    expect(refused.json.errors[0].message).toContain("Lambert-93");
    const accepted = await call("POST", "/api/neighbourhoods/import?crs=EPSG:2154", {
      cookie: officer,
      body: unnamed,
    });
    expect(accepted.status).toBe(200);
    expect(accepted.json.created).toBe(2);
  });

  it("refuses a projection it does not know, naming it", async () => {
    const { call, officer } = await staffWithApp(db.current);
    const body = {
      ...irisLambert93,
      crs: { type: "name", properties: { name: "urn:ogc:def:crs:EPSG::27572" } },
    };
    const { status, json } = await call("POST", "/api/neighbourhoods/import", { cookie: officer, body });
    expect(status).toBe(422);
    expect(json.errors[0].message).toContain("EPSG::27572");
  });
});
