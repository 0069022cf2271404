import { describe, expect, it } from "vitest";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import { createOrganisation, createUser, sessionCookieFor } from "../support/factories";

const db = useTestDatabase();

/** The statements the app sent to the database while `run` ran. */
async function queriesDuring(run: () => Promise<unknown>): Promise<number> {
  const before = db.current.stats.queries;
  await run();
  return db.current.stats.queries - before;
}

describe("the session of a request", () => {
  it("is looked up once for a burst of requests of the same person", async () => {
    const { call, clock } = createTestApp(db.current);
    const org = await createOrganisation(db.current.db);
    const user = await createUser(db.current.db, { organisationId: org.id, role: "housing_officer" });
    const cookie = await sessionCookieFor(db.current.db, user, clock.now());
    const first = await queriesDuring(() => call("GET", "/api/auth/me", { cookie }));
    const second = await queriesDuring(() => call("GET", "/api/auth/me", { cookie }));
    expect(first).toBeGreaterThanOrEqual(1);
    expect(second).toBe(first - 1);
  });

  it("still expires with the idle window on the remembered session", async () => {
    const { call, clock } = createTestApp(db.current);
    const org = await createOrganisation(db.current.db);
    const user = await createUser(db.current.db, { organisationId: org.id, role: "finance" });
    const cookie = await sessionCookieFor(db.current.db, user, clock.now());
    expect((await call("GET", "/api/auth/me", { cookie })).status).toBe(200);
    clock.advance(31 * 60_000);
    expect((await call("GET", "/api/auth/me", { cookie })).status).toBe(401);
  });

  it("is refused at once after logout, and after its account is disabled or its role changed", async () => {
    const { call, clock } = createTestApp(db.current);
    const org = await createOrganisation(db.current.db);
    const admin = await createUser(db.current.db, { organisationId: org.id, role: "admin" });
    const officer = await createUser(db.current.db, { organisationId: org.id, role: "housing_officer" });
    const adminCookie = await sessionCookieFor(db.current.db, admin, clock.now());
    const officerCookie = await sessionCookieFor(db.current.db, officer, clock.now());

    expect((await call("GET", "/api/auth/me", { cookie: officerCookie })).json.role).toBe("housing_officer");
    const changed = await call("PATCH", `/api/users/${officer.id}`, {
      cookie: adminCookie,
      body: { role: "finance" },
    });
    expect(changed.status).toBe(200);
    expect((await call("GET", "/api/auth/me", { cookie: officerCookie })).json.role).toBe("finance");

    const disabled = await call("PATCH", `/api/users/${officer.id}`, {
      cookie: adminCookie,
      body: { disabled: true },
    });
    expect(disabled.status).toBe(200);
    expect((await call("GET", "/api/auth/me", { cookie: officerCookie })).status).toBe(401);

    expect((await call("GET", "/api/auth/me", { cookie: adminCookie })).status).toBe(200);
    expect((await call("POST", "/api/auth/logout", { cookie: adminCookie })).status).toBe(204);
    expect((await call("GET", "/api/auth/me", { cookie: adminCookie })).status).toBe(401);
  });
});
