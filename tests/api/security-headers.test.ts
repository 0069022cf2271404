import { describe, expect, it } from "vitest";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import { createOrganisation, createPerson, createUser, sessionCookieFor } from "../support/factories";

const db = useTestDatabase();

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: string | null): Record<string, string[]> {
  const parsed: Record<string, string[]> = {};
  for (const part of (header ?? "").split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) parsed[name] = values;
  }
  return parsed;
}

describe("protective headers", () => {
  it("gives the web app a strict Content-Security-Policy allowing the basemap's origin only", async () => {
    const { call } = createTestApp(db.current);
    const page = await call("GET", "/carte");
    const csp = directives(page.headers.get("content-security-policy"));
    expect(csp["default-src"]).toEqual(["'self'"]);
    expect(csp["script-src"]).toEqual(["'self'"]);
    expect(csp["style-src"]).toEqual(["'self'"]);
    expect(csp["object-src"]).toEqual(["'none'"]);
    expect(csp["frame-ancestors"]).toEqual(["'self'"]);
    expect(csp["connect-src"]).toEqual(["'self'", "https://data.geopf.fr"]);
    expect(csp["img-src"]).toContain("https://data.geopf.fr");
    expect(page.headers.get("content-security-policy")).not.toMatch(/unsafe-(inline|eval)/);
  });

  it("follows the configured basemap: its own origins, or none with the plain background", async () => {
    const own = createTestApp(db.current, {
      env: {
        MAP_STYLE_URL: "https://carto.example.fr/style.json",
        MAP_TILE_ORIGINS: ["https://tuiles.example.fr/a"],
      },
    });
    const withOwn = directives((await own.call("GET", "/")).headers.get("content-security-policy"));
    expect(withOwn["connect-src"]).toEqual([
      "'self'",
      "https://carto.example.fr",
      "https://tuiles.example.fr",
    ]);
    const plain = createTestApp(db.current, { env: { MAP_BASEMAP: "none" } });
    const withNone = directives((await plain.call("GET", "/")).headers.get("content-security-policy"));
    expect(withNone["connect-src"]).toEqual(["'self'"]);
  });

  it("protects the API documentation page the same way", async () => {
    const { call } = createTestApp(db.current);
    const docs = await call("GET", "/api/docs");
    expect(docs.status).toBe(200);
    expect(directives(docs.headers.get("content-security-policy"))["script-src"]).toEqual(["'self'"]);
  });

  it("sends Permissions-Policy, nosniff, Referrer-Policy and X-Frame-Options everywhere", async () => {
    const { call } = createTestApp(db.current);
    for (const path of ["/", "/api/health", "/api/persons"]) {
      const response = await call("GET", path);
      expect(response.headers.get("permissions-policy")).toMatch(/camera=\(\)/);
      expect(response.headers.get("permissions-policy")).toMatch(/geolocation=\(\)/);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
      expect(response.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    }
  });

  it("sends Strict-Transport-Security only when the public origin is https", async () => {
    const plain = createTestApp(db.current);
    expect((await plain.call("GET", "/")).headers.get("strict-transport-security")).toBeNull();
    const secure = createTestApp(db.current, { env: { PUBLIC_ORIGIN: "https://logement.example.org" } });
    expect((await secure.call("GET", "/")).headers.get("strict-transport-security")).toMatch(
      /^max-age=31536000/,
    );
  });
});

describe("no caching of personal data", () => {
  it("marks a person's file no-store, and the refusals too", async () => {
    const app = createTestApp(db.current);
    const org = await createOrganisation(db.current.db);
    const officer = await createUser(db.current.db, { organisationId: org.id, role: "housing_officer" });
    const landlord = await createUser(db.current.db, { organisationId: org.id, role: "landlord" });
    const person = await createPerson(db.current.db, { organisationId: org.id });
    const cookie = await sessionCookieFor(db.current.db, officer, app.clock.now());
    const file = await app.call("GET", `/api/persons/${person.id}`, { cookie });
    expect(file.status).toBe(200);
    expect(file.headers.get("cache-control")).toBe("no-store");
    const forbidden = await app.call("GET", `/api/persons/${person.id}`, {
      cookie: await sessionCookieFor(db.current.db, landlord, app.clock.now()),
    });
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers.get("cache-control")).toBe("no-store");
    const anonymous = await app.call("GET", `/api/persons/${person.id}`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("cache-control")).toBe("no-store");
  });
});
