import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

describe("GET /api/geocoding/search (the BAN, through the server)", () => {
  it("answers the BAN's suggestions, best first, with BAN id, postcode and INSEE code", async () => {
    const { call, officer } = await setup();
    const { status, json } = await call("GET", "/api/geocoding/search?q=12%20rue%20de%20la%20libert%C3%A9", {
      cookie: officer,
    });
    expect(status).toBe(200);
    expect(json.items).toHaveLength(2);
    expect(json.items[0]).toEqual({
      label: "12 Rue de la Liberté 21000 Dijon",
      score: 0.97,
      banId: "21231_4400_00012",
      kind: "housenumber",
      street: "12 Rue de la Liberté",
      postcode: "21000",
      city: "Dijon",
      inseeCode: "21231",
      lng: 5.0378,
      lat: 47.3222,
    });
    expect(json.items[1].inseeCode).toBe("21617");
    expect(geo.searches.at(-1)).toBe("12 rue de la liberté");
  });

  it("says the service is unavailable (503, a code the forms fall back on) when it does not answer", async () => {
    const { call, officer } = await setup({ GEOCODER_URL: "http://127.0.0.1:9/geocodage" });
    const { status, json } = await call("GET", "/api/geocoding/search?q=rue%20de%20la%20paix", {
      cookie: officer,
    });
    expect(status).toBe(503);
    expect(json.code).toBe("GEOCODER_UNAVAILABLE");
    expect(json.detail).toContain("placez le point sur la carte");
    const off = await setup({ GEOCODER_URL: "" });
    expect(
      (await off.call("GET", "/api/geocoding/search?q=rue%20de%20la%20paix", { cookie: off.officer })).json
        .code,
    ).toBe("GEOCODER_UNAVAILABLE");
  });

  it("refuses a question too short and an unauthenticated or landlord caller", async () => {
    const { call, officer, landlordUser } = await setup();
    const short = await call("GET", "/api/geocoding/search?q=ab", { cookie: officer });
    expect(short.status).toBe(422);
    expect(short.json.errors[0].path).toBe("query.q");
    expect((await call("GET", "/api/geocoding/search?q=rue%20de%20la%20paix")).status).toBe(401);
    expect(
      (await call("GET", "/api/geocoding/search?q=rue%20de%20la%20paix", { cookie: landlordUser })).status,
    ).toBe(403);
  });
});
