import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, buildings } from "../../db/schema";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import { type GeoServices, startGeoServices } from "../support/geo-services";
import { organisationWithStaff } from "../support/stock-fixture";

const db = useTestDatabase();
let geo: GeoServices;
beforeAll(async () => {
  geo = await startGeoServices();
});
afterAll(async () => {
  await geo.close();
});

async function setup(env: Record<string, string> = {}) {
  const staff = await organisationWithStaff(db.current);
  return { ...staff, ...createTestApp(db.current, { env: { GEOCODER_URL: geo.geocoderUrl, ...env } }) };
}

/** Line 2: a certain address (0.97); line 3: only uncertain answers (Dijon 0.97 is not asked: « Talant » narrows it to 0.61); line 4: placed by hand. */
const BUILDINGS = [
  "reference;street;postcode;city;lng;lat;total_dwellings",
  "G1;5 avenue du Drapeau;21000;Dijon;;;20",
  "G2;12 rue de la Liberté;21240;Talant;;;8",
  "G3;1 place Darcy;21000;Dijon;5.0335;47.3225;10",
].join("\n");

const csv = (cookie: string) => ({ cookie, headers: { "content-type": "text/csv" } });

describe("CSV import of buildings: addresses without coordinates geocoded with the BAN", () => {
  it("scores each line, lists the uncertain ones with their candidates, and refuses to import them unchecked", async () => {
    const { call, officer, org } = await setup();
    const dry = await call("POST", "/api/buildings/import?dryRun=true", { ...csv(officer), body: BUILDINGS });
    expect(dry.status).toBe(200);
    expect(dry.json.errors).toEqual([]);
    expect(dry.json.valid).toBe(false);
    expect(dry.json.reviewCount).toBe(1);
    expect(dry.json.geocoded).toEqual([
      expect.objectContaining({
        line: 2,
        outcome: "found",
        score: 0.95,
        query: "5 avenue du Drapeau 21000 Dijon",
        candidates: [expect.objectContaining({ banId: "21231_1800_00005", inseeCode: "21231" })],
      }),
      expect.objectContaining({
        line: 3,
        outcome: "review",
        score: 0.61,
        candidates: [expect.objectContaining({ label: "12 Rue de la Liberté 21240 Talant" })],
      }),
    ]);
    // a real run does not trust the uncertain line: nothing is written
    const refused = await call("POST", "/api/buildings/import", { ...csv(officer), body: BUILDINGS });
    expect(refused.status).toBe(422);
    expect(refused.json.code).toBe("IMPORT_REJECTED");
    expect(refused.json.errors).toEqual([
      expect.objectContaining({ line: 3, field: "street", message: expect.stringContaining("score 0,61") }),
    ]);
    expect(await db.current.db.select().from(buildings).where(eq(buildings.organisationId, org.id))).toEqual(
      [],
    );
  });

  it("imports once the officer confirmed the uncertain line, keeping the BAN key and INSEE code, and audits who chose", async () => {
    const { call, officer, org } = await setup();
    const body = {
      csv: BUILDINGS,
      addresses: [{ line: 3, lng: 5.0062, lat: 47.3373, banId: "21617_0120_00012", inseeCode: "21617" }],
    };
    const result = await call("POST", "/api/buildings/import", { cookie: officer, body });
    expect(result.status).toBe(200);
    expect(result.json).toMatchObject({ created: 3, valid: true, reviewCount: 0 });
    const rows = await db.current.db
      .select({
        reference: buildings.reference,
        banId: buildings.banId,
        inseeCode: buildings.inseeCode,
        lng: buildings.lng,
      })
      .from(buildings)
      .where(eq(buildings.organisationId, org.id))
      .orderBy(buildings.reference);
    expect(rows).toEqual([
      { reference: "G1", banId: "21231_1800_00005", inseeCode: "21231", lng: 5.0505 },
      { reference: "G2", banId: "21617_0120_00012", inseeCode: "21617", lng: 5.0062 },
      { reference: "G3", banId: null, inseeCode: null, lng: 5.0335 },
    ]);
    const [event] = await db.current.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.organisationId, org.id), eq(auditLog.action, "import.buildings")));
    expect(event?.changes).toMatchObject({
      geocodedLines: { after: [2] },
      confirmedLines: { after: [3] },
    });
  });

  it("without a reachable geocoder, asks for the coordinates on each line instead of failing", async () => {
    const { call, officer } = await setup({ GEOCODER_URL: "http://127.0.0.1:9/geocodage" });
    const dry = await call("POST", "/api/buildings/import?dryRun=true", { ...csv(officer), body: BUILDINGS });
    expect(dry.status).toBe(200);
    expect(dry.json.errors.map((e: { line: number; field: string }) => [e.line, e.field])).toEqual([
      [2, "lng"],
      [3, "lng"],
    ]);
    expect(dry.json.errors[0].message).toContain("renseignez lng et lat");
  });

  it("refuses one coordinate without the other, a confirmation of a line that has its point, and a landlord", async () => {
    const { call, officer, landlordUser } = await setup();
    const half = [
      "reference;street;postcode;city;lng;lat;total_dwellings",
      "H1;5 avenue du Drapeau;21000;Dijon;5.05;;20",
    ].join("\n");
    const dry = await call("POST", "/api/buildings/import?dryRun=true", { ...csv(officer), body: half });
    expect(dry.json.errors).toEqual([expect.objectContaining({ line: 2, field: "lat" })]);
    const wrong = await call("POST", "/api/buildings/import?dryRun=true", {
      cookie: officer,
      body: { csv: BUILDINGS, addresses: [{ line: 4, lng: 5, lat: 47 }] },
    });
    expect(wrong.json.errors).toEqual([expect.objectContaining({ line: 4, field: "lng" })]);
    const forbidden = await call("POST", "/api/buildings/import?dryRun=true", {
      ...csv(landlordUser),
      body: BUILDINGS,
    });
    expect(forbidden.status).toBe(403);
  });
});
