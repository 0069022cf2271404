import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, sessions, users } from "../../db/schema";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import { createLandlordRecord, createOrganisation, createUser, sessionCookieFor } from "../support/factories";

const db = useTestDatabase();

/** An organisation with its admin logged in. */
async function adminSession() {
  const app = createTestApp(db.current);
  const org = await createOrganisation(db.current.db);
  const admin = await createUser(db.current.db, { organisationId: org.id, role: "admin" });
  const cookie = await sessionCookieFor(db.current.db, admin, app.clock.now());
  return { ...app, org, admin, cookie };
}

const tokenOf = (url: string) => decodeURIComponent(url.split("#token=")[1]!);

describe("users admin", () => {
  it("creates a user with an invitation link that sets the password once", async () => {
    const { call, cookie, org } = await adminSession();
    const created = await call("POST", "/api/users", {
      cookie,
      body: { email: "nouvelle@test.fr", fullName: "Nadia Nouvelle", role: "housing_officer" },
    });
    expect(created.status).toBe(201);
    expect(created.json.user).toMatchObject({
      organisationId: org.id,
      role: "housing_officer",
      landlordId: null,
      hasPassword: false,
      disabledAt: null,
    });
    expect(created.json.user).not.toHaveProperty("passwordHash");
    expect(created.json.invitation.url).toMatch(/^http:\/\/localhost\/set-password#token=/);
    expect(created.json.invitation.expiresAt).toBe("2026-11-30T09:00:00.000Z");

    const token = tokenOf(created.json.invitation.url);
    const weak = await call("POST", "/api/auth/set-password", { body: { token, password: "trop-court" } });
    expect(weak.status).toBe(422);
    expect(weak.json.errors[0].path).toBe("json.password");
    const set = await call("POST", "/api/auth/set-password", {
      body: { token, password: "une phrase de passe solide" },
    });
    expect(set.status).toBe(204);
    const again = await call("POST", "/api/auth/set-password", {
      body: { token, password: "une autre phrase de passe" },
    });
    expect(again.status).toBe(422);
    expect(again.json.code).toBe("INVALID_TOKEN");

    const login = await call("POST", "/api/auth/login", {
      body: { email: "nouvelle@test.fr", password: "une phrase de passe solide" },
    });
    expect(login.status).toBe(200);
    const actions = await db.current.db
      .select({ action: auditLog.action, changes: auditLog.changes })
      .from(auditLog)
      .where(eq(auditLog.entityId, created.json.user.id));
    expect(actions.map((a) => a.action)).toEqual([
      "user.create",
      "user.invitation_issued",
      "user.invitation_accepted",
      "auth.login",
    ]);
    expect(actions[0]!.changes).toMatchObject({ email: { before: null, after: "nouvelle@test.fr" } });
    expect(JSON.stringify(actions)).not.toMatch(/argon2/);
  });

  it("links landlord accounts to a landlord of the organisation only", async () => {
    const { call, cookie, org } = await adminSession();
    const landlord = await createLandlordRecord(db.current.db, { organisationId: org.id });
    const otherOrg = await createOrganisation(db.current.db);
    const foreign = await createLandlordRecord(db.current.db, { organisationId: otherOrg.id });
    const base = { fullName: "Paul Bailleur", role: "landlord" };
    const missing = await call("POST", "/api/users", { cookie, body: { ...base, email: "p1@test.fr" } });
    expect(missing.status).toBe(422);
    expect(missing.json.errors[0].path).toBe("json.landlordId");
    const other = await call("POST", "/api/users", {
      cookie,
      body: { ...base, email: "p2@test.fr", landlordId: foreign.id },
    });
    expect(other.status).toBe(422);
    const officerWithLandlord = await call("POST", "/api/users", {
      cookie,
      body: { ...base, role: "finance", email: "p3@test.fr", landlordId: landlord.id },
    });
    expect(officerWithLandlord.status).toBe(422);
    const ok = await call("POST", "/api/users", {
      cookie,
      body: { ...base, email: "p4@test.fr", landlordId: landlord.id },
    });
    expect(ok.status).toBe(201);
    expect(ok.json.user.landlordId).toBe(landlord.id);
    // leaving the landlord role drops the link
    const moved = await call("PATCH", `/api/users/${ok.json.user.id}`, { cookie, body: { role: "finance" } });
    expect(moved.status).toBe(200);
    expect(moved.json).toMatchObject({ role: "finance", landlordId: null });
  });

  it("refuses a duplicate email, whatever its case or organisation", async () => {
    const { call, cookie } = await adminSession();
    const otherOrg = await createOrganisation(db.current.db);
    const existing = await createUser(db.current.db, { organisationId: otherOrg.id, role: "finance" });
    const duplicate = await call("POST", "/api/users", {
      cookie,
      body: { email: existing.email.toUpperCase(), fullName: "Doublon", role: "finance" },
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json.code).toBe("DUPLICATE");
  });

  it("lists, reads and updates the users of its own organisation only", async () => {
    const { call, cookie, org, admin } = await adminSession();
    const colleague = await createUser(db.current.db, { organisationId: org.id, role: "finance" });
    const gone = await createUser(db.current.db, {
      organisationId: org.id,
      role: "finance",
      disabledAt: new Date(),
    });
    const otherOrg = await createOrganisation(db.current.db);
    const stranger = await createUser(db.current.db, { organisationId: otherOrg.id, role: "finance" });

    const list = await call("GET", "/api/users", { cookie });
    expect(list.status).toBe(200);
    expect(list.json.items.map((u: { id: string }) => u.id).sort()).toEqual(
      [admin.id, colleague.id, gone.id].sort(),
    );
    const active = await call("GET", "/api/users?includeDisabled=false&role=finance", { cookie });
    expect(active.json.items.map((u: { id: string }) => u.id)).toEqual([colleague.id]);

    expect((await call("GET", `/api/users/${colleague.id}`, { cookie })).json.email).toBe(colleague.email);
    expect((await call("GET", `/api/users/${stranger.id}`, { cookie })).status).toBe(404);
    const foreignPatch = await call("PATCH", `/api/users/${stranger.id}`, {
      cookie,
      body: { fullName: "X" },
    });
    expect(foreignPatch.status).toBe(404);
    expect((await call("GET", "/api/users/not-a-uuid", { cookie })).status).toBe(422);

    const renamed = await call("PATCH", `/api/users/${colleague.id}`, {
      cookie,
      body: { fullName: "Fanny Finances", role: "housing_officer" },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.json).toMatchObject({ fullName: "Fanny Finances", role: "housing_officer" });
    const [row] = await db.current.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, colleague.id), eq(auditLog.action, "user.update")));
    expect(row?.changes).toEqual({
      fullName: { before: "Utilisateur finance", after: "Fanny Finances" },
      role: { before: "finance", after: "housing_officer" },
    });
  });

  it("disabling revokes the sessions and links; re-enabling works; the last admin stays", async () => {
    const { call, cookie, org, admin, clock } = await adminSession();
    const user = await createUser(db.current.db, { organisationId: org.id, role: "finance" });
    const userCookie = await sessionCookieFor(db.current.db, user, clock.now());
    const link = await call("POST", `/api/users/${user.id}/password-link`, {
      cookie,
      body: { purpose: "password_reset" },
    });
    expect(link.status).toBe(201);
    expect(link.json.expiresAt).toBe("2026-11-24T09:00:00.000Z");

    const disabled = await call("PATCH", `/api/users/${user.id}`, { cookie, body: { disabled: true } });
    expect(disabled.status).toBe(200);
    expect(disabled.json.disabledAt).toBe(clock.now().toISOString());
    expect((await call("GET", "/api/auth/me", { cookie: userCookie })).status).toBe(401);
    const useLink = await call("POST", "/api/auth/set-password", {
      body: { token: tokenOf(link.json.url), password: "une phrase de passe solide" },
    });
    expect(useLink.status).toBe(422);
    expect(
      (await call("POST", `/api/users/${user.id}/password-link`, { cookie, body: { purpose: "invitation" } }))
        .status,
    ).toBe(409);
    const enabled = await call("PATCH", `/api/users/${user.id}`, { cookie, body: { disabled: false } });
    expect(enabled.json.disabledAt).toBeNull();
    const actions = await db.current.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.entityId, user.id));
    expect(actions.map((a) => a.action)).toEqual([
      "user.password_reset_issued",
      "user.disable",
      "user.enable",
    ]);

    const selfDemote = await call("PATCH", `/api/users/${admin.id}`, { cookie, body: { role: "finance" } });
    expect(selfDemote.status).toBe(409);
    expect(selfDemote.json.code).toBe("LAST_ADMIN");
    expect((await call("PATCH", `/api/users/${admin.id}`, { cookie, body: { disabled: true } })).status).toBe(
      409,
    );
    await call("PATCH", `/api/users/${user.id}`, { cookie, body: { role: "admin" } });
    expect(
      (await call("PATCH", `/api/users/${admin.id}`, { cookie, body: { role: "finance" } })).status,
    ).toBe(200);
  });

  it("a new link voids the earlier one; an expired link is refused", async () => {
    const { call, cookie, org, clock } = await adminSession();
    const user = await createUser(db.current.db, { organisationId: org.id, role: "finance" });
    const first = await call("POST", `/api/users/${user.id}/password-link`, {
      cookie,
      body: { purpose: "invitation" },
    });
    const second = await call("POST", `/api/users/${user.id}/password-link`, {
      cookie,
      body: { purpose: "invitation" },
    });
    const password = "une phrase de passe solide";
    expect(
      (await call("POST", "/api/auth/set-password", { body: { token: tokenOf(first.json.url), password } }))
        .status,
    ).toBe(422);
    clock.advance(7 * 24 * 3_600_000 + 1000);
    const expired = await call("POST", "/api/auth/set-password", {
      body: { token: tokenOf(second.json.url), password },
    });
    expect(expired.status).toBe(422);
    expect(expired.json.code).toBe("INVALID_TOKEN");
    const unknown = await call("POST", "/api/auth/set-password", { body: { token: "nope", password } });
    expect(unknown.json.code).toBe("INVALID_TOKEN");
  });

  it("is refused to other roles (403) and to anonymous callers (401)", async () => {
    const { call, clock, org } = await adminSession();
    for (const role of ["housing_officer", "finance"] as const) {
      const user = await createUser(db.current.db, { organisationId: org.id, role });
      const cookie = await sessionCookieFor(db.current.db, user, clock.now());
      expect((await call("GET", "/api/users", { cookie })).status).toBe(403);
      expect(
        (
          await call("POST", "/api/users", {
            cookie,
            body: { email: "x@test.fr", fullName: "X", role: "admin" },
          })
        ).status,
      ).toBe(403);
    }
    expect((await call("GET", "/api/users")).status).toBe(401);
  });
});

describe("change password", () => {
  it("checks the current password, applies the policy and revokes the other sessions", async () => {
    const app = createTestApp(db.current);
    const org = await createOrganisation(db.current.db);
    const user = await createUser(db.current.db, {
      organisationId: org.id,
      role: "finance",
      password: "ancienne phrase secrète",
    });
    const cookie = await sessionCookieFor(db.current.db, user, app.clock.now());
    const otherDevice = await sessionCookieFor(db.current.db, user, app.clock.now());

    const wrong = await app.call("POST", "/api/auth/change-password", {
      cookie,
      body: { currentPassword: "pas la bonne", newPassword: "nouvelle phrase secrète" },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.json.code).toBe("CURRENT_PASSWORD_INCORRECT");
    const weak = await app.call("POST", "/api/auth/change-password", {
      cookie,
      body: { currentPassword: "ancienne phrase secrète", newPassword: "court" },
    });
    expect(weak.status).toBe(422);
    expect(weak.json.errors[0].path).toBe("json.newPassword");
    expect((await app.call("GET", "/api/auth/me", { cookie: otherDevice })).status).toBe(200);

    const changed = await app.call("POST", "/api/auth/change-password", {
      cookie,
      body: { currentPassword: "ancienne phrase secrète", newPassword: "nouvelle phrase secrète" },
    });
    expect(changed.status).toBe(204);
    expect((await app.call("GET", "/api/auth/me", { cookie })).status).toBe(200);
    expect((await app.call("GET", "/api/auth/me", { cookie: otherDevice })).status).toBe(401);
    const live = await db.current.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(live.filter((s) => s.revokedAt === null)).toHaveLength(1);

    const oldLogin = await app.call("POST", "/api/auth/login", {
      body: { email: user.email, password: "ancienne phrase secrète" },
    });
    expect(oldLogin.status).toBe(401);
    const newLogin = await app.call("POST", "/api/auth/login", {
      body: { email: user.email, password: "nouvelle phrase secrète" },
    });
    expect(newLogin.status).toBe(200);
    const [audit] = await db.current.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, user.id), eq(auditLog.action, "user.password_changed")));
    expect(audit?.changes).toEqual({ sessionsRevoked: { before: null, after: 1 } });
    const [stored] = await db.current.db.select().from(users).where(eq(users.id, user.id));
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("is refused to anonymous callers", async () => {
    const { call } = createTestApp(db.current);
    const response = await call("POST", "/api/auth/change-password", {
      body: { currentPassword: "a", newPassword: "b" },
    });
    expect(response.status).toBe(401);
  });
});
