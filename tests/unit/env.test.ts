import { describe, expect, it } from "vitest";
import { basemapOrigins, basemapStyleUrl, loadEnv } from "../../server/env";

describe("environment", () => {
  it("defaults to the embedded database on port 3000", () => {
    const env = loadEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.DATA_DIR).toBe("./data");
    expect(env.SEED_DEMO).toBe(true);
  });

  it("names the variable at fault", () => {
    expect(() => loadEnv({ PORT: "http" })).toThrow(/PORT/);
    expect(() => loadEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
  });

  it("names the basemap's origins for a Content-Security-Policy", () => {
    expect(basemapOrigins(loadEnv({}))).toEqual(["https://data.geopf.fr"]);
    expect(basemapStyleUrl(loadEnv({ MAP_BASEMAP: "plan-ign-gris" }))).toMatch(/PLAN\.IGN\/gris\.json$/);
    expect(basemapOrigins(loadEnv({ MAP_BASEMAP: "none" }))).toEqual([]);
    const own = loadEnv({
      MAP_STYLE_URL: "https://carto.example.fr/style.json",
      MAP_TILE_ORIGINS: "https://tuiles.example.fr/a, https://glyphes.example.fr",
    });
    expect(basemapOrigins(own)).toEqual([
      "https://carto.example.fr",
      "https://tuiles.example.fr",
      "https://glyphes.example.fr",
    ]);
    expect(() => loadEnv({ MAP_BASEMAP: "osm" })).toThrow(/MAP_BASEMAP/);
    expect(() => loadEnv({ GEOCODER_URL: "pas une url" })).toThrow(/GEOCODER_URL/);
  });

  it("reads TRUST_PROXY as a number of trusted proxies", () => {
    expect(loadEnv({}).TRUST_PROXY).toBe(0);
    expect(loadEnv({ TRUST_PROXY: "false" }).TRUST_PROXY).toBe(0);
    expect(loadEnv({ TRUST_PROXY: "true" }).TRUST_PROXY).toBe(1);
    expect(loadEnv({ TRUST_PROXY: "2" }).TRUST_PROXY).toBe(2);
    expect(() => loadEnv({ TRUST_PROXY: "yes" })).toThrow(/TRUST_PROXY/);
  });
});
