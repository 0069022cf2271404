import { describe, expect, it } from "vitest";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import { createOrganisation, createUser, sessionCookieFor } from "../support/factories";

const db = useTestDatabase();

describe("login, me, logout", () => {
  it("opens an HttpOnly SameSite=Lax session and tells who is logged in", async () => {
    const { call } = createTestApp(db.current);
    const org = await createOrganisation(db.current.db);
    const user = await createUser(db.current.db, {
      organisationId: org.id,
      role: "housing_officer",
      password: "secret-123",
    });
    const login = await call("POST", "/api/auth/login", {
      body: { email: user.email.toUpperCase(), password: "secret-123" },
    });
    expect(login.status).toBe(200);
    const setCookie = login.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const cookie = setCookie.split(";")[0]!;
    const me = await call("GET", "/api/auth/me", { cookie });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ userId: user.id, role: "housing_officer", organisationId: org.id });
  });

  it("refuses an anonymous call with 401 and an expired session too", async () => {
    const { call, clock } = createTestApp(db.current);
    expect((await call("GET", "/api/auth/me")).status).toBe(401);
    const org = await createOrganisation(db.current.db);
    const user = await createUser(db.current.db, { organisationId: org.id, role: "finance" });
    const cookie = await sessionCookieFor(db.current.db, user, clock.now());
    expect((await call("GET", "/api/auth/me", { cookie })).status).toBe(200);
    clock.advance(31 * 60_000);
    const expired = await call("GET", "/api/auth/me", { cookie });
    expect(expired.status).toBe(401);
    expect(expired.json.code).toBe("UNAUTHENTICATED");
  });

  it("logout revokes the session", async () => {
    const { call, clock } = createTestApp(db.current);
    const org = await createOrganisation(db.current.db);
    const user = await createUser(db.current.db, { organisationId: org.id, role: "admin" });
    const cookie = await sessionCookieFor(db.current.db, user, clock.now());
    expect((await call("POST", "/api/auth/logout", { cookie })).status).toBe(204);
    expect((await call("GET", "/api/auth/me", { cookie })).status).toBe(401);
  });
});
