import { describe, expect, it } from "vitest";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";

const db = useTestDatabase();

describe("GET /api/config (public configuration of the web app)", () => {
  it("draws Plan IGN by default, with its credit, and gives the server's business date", async () => {
    const { call } = createTestApp(db.current, { now: "2026-11-23T23:30:00Z" }); // 00:30 on the 24th in Paris
    const { status, json } = await call("GET", "/api/config");
    expect(status).toBe(200);
    expect(json).toEqual({
      mapStyleUrl: "https://data.geopf.fr/annexes/ressources/vectorTiles/styles/PLAN.IGN/standard.json",
      mapAttribution: "© IGN – Géoplateforme, Plan IGN (Licence Ouverte 2.0)",
      geocoder: true,
      today: "2026-11-24",
    });
  });

  it("offers the plain background and no geocoder when switched off", async () => {
    const { call } = createTestApp(db.current, { env: { MAP_BASEMAP: "none", GEOCODER_URL: "" } });
    const { json } = await call("GET", "/api/config");
    expect(json).toMatchObject({ mapStyleUrl: null, mapAttribution: null, geocoder: false });
  });

  it("exposes MAP_STYLE_URL when configured, without a session (its own credits, none added)", async () => {
    const url = "https://tuiles.example.fr/styles/plan.json";
    const { call } = createTestApp(db.current, { env: { MAP_STYLE_URL: url, MAP_BASEMAP: "plan-ign-gris" } });
    const { status, json } = await call("GET", "/api/config");
    expect(status).toBe(200);
    expect(json.mapStyleUrl).toBe(url);
    expect(json.mapAttribution).toBeNull();
  });

  it("refuses other methods (no write on the public configuration)", async () => {
    const { call } = createTestApp(db.current);
    const { status } = await call("POST", "/api/config", { body: {} });
    expect(status).toBe(404);
  });
});
