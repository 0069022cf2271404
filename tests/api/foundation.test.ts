import { describe, expect, it } from "vitest";
import { latestShippedMigration } from "../../db/migrate";
import { createTestApp } from "../support/app";
import { testBackend, useTestDatabase } from "../support/db";

const db = useTestDatabase();

describe("health", () => {
  it("reports the backend and the latest migration", async () => {
    const { call } = createTestApp(db.current);
    const { status, json, headers } = await call("GET", "/api/health");
    expect(status).toBe(200);
    expect(json).toEqual({ status: "ok", database: testBackend(), migration: latestShippedMigration() });
    expect(headers.get("x-request-id")).toBeTruthy();
  });

  it("answers 503 when the database is unreachable", async () => {
    const broken = { ...db.current, query: async () => Promise.reject(new Error("connection refused")) };
    const { call } = createTestApp(broken);
    const { status, json } = await call("GET", "/api/health");
    expect(status).toBe(503);
    expect(json.status).toBe("unavailable");
  });
});

describe("errors are problem+json, never a 500", () => {
  it("malformed JSON → 400 MALFORMED_JSON", async () => {
    const { call } = createTestApp(db.current);
    const { status, json, headers } = await call("POST", "/api/auth/login", { body: "{not json" });
    expect(status).toBe(400);
    expect(headers.get("content-type")).toContain("application/problem+json");
    expect(json).toMatchObject({
      code: "MALFORMED_JSON",
      status: 400,
      type: expect.any(String),
      title: expect.any(String),
    });
  });

  it("a body failing validation → 422 listing each field at fault", async () => {
    const { call } = createTestApp(db.current);
    const { status, json } = await call("POST", "/api/auth/login", { body: { email: "pas-une-adresse" } });
    expect(status).toBe(422);
    expect(json.code).toBe("VALIDATION_FAILED");
    expect(json.errors.map((e: { path: string }) => e.path).sort()).toEqual(["json.email", "json.password"]);
  });

  it("an unknown route → 404 ROUTE_NOT_FOUND", async () => {
    const { call } = createTestApp(db.current);
    const { status, json } = await call("GET", "/api/does-not-exist");
    expect(status).toBe(404);
    expect(json.code).toBe("ROUTE_NOT_FOUND");
  });

  it("keeps a well-formed incoming request id and echoes it", async () => {
    const { call } = createTestApp(db.current);
    const { headers, json } = await call("GET", "/api/nowhere", { headers: { "x-request-id": "abc-123" } });
    expect(headers.get("x-request-id")).toBe("abc-123");
    expect(json.requestId).toBe("abc-123");
  });
});

describe("OpenAPI", () => {
  it("documents the endpoints and renders them for a person", async () => {
    const { call, app } = createTestApp(db.current);
    const { status, json } = await call("GET", "/api/openapi.json");
    expect(status).toBe(200);
    expect(Object.keys(json.paths)).toContain("/api/health");
    const docs = await app.request("http://localhost/api/docs");
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain("swagger-ui-bundle.js");
    const asset = await app.request("http://localhost/api/docs/assets/swagger-ui-bundle.js");
    expect(asset.status).toBe(200);
  });
});
