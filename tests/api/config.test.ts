import { describe, expect, it } from "vitest";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";

const db = useTestDatabase();

describe("GET /api/config (public configuration of the web app)", () => {
  it("is offline by default (no basemap style) and gives the server's business date", async () => {
    const { call } = createTestApp(db.current, { now: "2026-11-23T23:30:00Z" }); // 00:30 on the 24th in Paris
    const { status, json } = await call("GET", "/api/config");
    expect(status).toBe(200);
    expect(json).toEqual({ mapStyleUrl: null, today: "2026-11-24" });
  });

  it("exposes MAP_STYLE_URL when configured, without a session", async () => {
    const url = "https://data.geopf.fr/annexes/ressources/vectorTiles/styles/PLAN.IGN/standard.json";
    const { call } = createTestApp(db.current, { env: { MAP_STYLE_URL: url } });
    const { status, json } = await call("GET", "/api/config");
    expect(status).toBe(200);
    expect(json.mapStyleUrl).toBe(url);
  });

  it("refuses other methods (no write on the public configuration)", async () => {
    const { call } = createTestApp(db.current);
    const { status } = await call("POST", "/api/config", { body: {} });
    expect(status).toBe(404);
  });
});
