import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { apiTokens, auditLog, users } from "../../db/schema";
import { hashToken } from "../../server/modules/auth/tokens";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import { bearerFor, createOrganisation, createUser, sessionCookieFor } from "../support/factories";

const db = useTestDatabase();

/** An organisation with its admin logged in (the test clock reads 23/11/2026, Paris). */
async function adminSession() {
  const app = createTestApp(db.current);
  const org = await createOrganisation(db.current.db);
  const admin = await createUser(db.current.db, {
    organisationId: org.id,
    role: "admin",
    fullName: "Alice Admin",
    email: `alice-${org.id.slice(0, 8)}@test.fr`,
  });
  const cookie = await sessionCookieFor(db.current.db, admin, app.clock.now());
  return { ...app, org, admin, cookie };
}

const bankImport = {
  name: "Import bancaire de nuit",
  scopes: ["ledger.read", "ledger.write"],
  expiresOn: "2027-06-30",
};

async function auditRows(organisationId: string) {
  return db.current.db.select().from(auditLog).where(eq(auditLog.organisationId, organisationId));
}

describe("API tokens: creation", () => {
  it("shows the secret once, stores only its hash, and lists the token without it", async () => {
    const { call, cookie, org } = await adminSession();
    const created = await call("POST", "/api/api-tokens", { cookie, body: bankImport });
    expect(created.status).toBe(201);
    const secret: string = created.json.secret;
    expect(secret).toMatch(/^csd_[A-Za-z0-9_-]{43}$/);
    expect(created.json.token).toMatchObject({
      name: "Import bancaire de nuit",
      scopes: ["ledger.read", "ledger.write"],
      expiresOn: "2027-06-30",
      lastUsedAt: null,
      revokedAt: null,
      state: "active",
      secretPrefix: secret.slice(0, 12),
      createdBy: { fullName: "Alice Admin" },
    });

    const [row] = await db.current.db.select().from(apiTokens).where(eq(apiTokens.id, created.json.token.id));
    expect(row!.tokenHash).toBe(hashToken(secret));
    expect(JSON.stringify(row)).not.toContain(secret);

    const list = await call("GET", "/api/api-tokens", { cookie });
    expect(list.status).toBe(200);
    expect(list.json.total).toBe(1);
    expect(list.json.items[0].id).toBe(created.json.token.id);
    expect(JSON.stringify(list.json)).not.toContain(secret);
    // the audit of the creation names the token, never its secret
    const audit = await auditRows(org.id);
    expect(audit.map((r) => r.action)).toContain("api_token.create");
    expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it("requires an expiry after today and at most a year ahead", async () => {
    const { call, cookie } = await adminSession();
    for (const expiresOn of ["2026-11-23", "2026-01-01", "2027-11-24"]) {
      const refused = await call("POST", "/api/api-tokens", { cookie, body: { ...bankImport, expiresOn } });
      expect(refused.status, expiresOn).toBe(422);
      expect(refused.json.errors[0].path).toBe("json.expiresOn");
    }
    const missing = await call("POST", "/api/api-tokens", {
      cookie,
      body: { name: "x", scopes: ["ledger.read"] },
    });
    expect(missing.status).toBe(422);
    const yearAhead = await call("POST", "/api/api-tokens", {
      cookie,
      body: { ...bankImport, expiresOn: "2027-11-23" },
    });
    expect(yearAhead.status).toBe(201);
  });

  it("never grants more than the creator holds, nor account management", async () => {
    const { call, cookie, org } = await adminSession();
    for (const scope of ["portal.read", "users.manage"]) {
      const refused = await call("POST", "/api/api-tokens", {
        cookie,
        body: { ...bankImport, scopes: [scope] },
      });
      expect(refused.status, scope).toBe(422);
      expect(refused.json.errors[0].path).toBe("json.scopes.0");
    }
    const finance = await createUser(db.current.db, { organisationId: org.id, role: "finance" });
    const financeCookie = await sessionCookieFor(db.current.db, finance, new Date("2026-11-23T09:00:00Z"));
    const notAdmin = await call("POST", "/api/api-tokens", { cookie: financeCookie, body: bankImport });
    expect(notAdmin.status).toBe(403);
    expect(notAdmin.json.code).toBe("FORBIDDEN");
  });
});

describe("API tokens: use", () => {
  it("acts within its scopes, audited as the token and its creator, last use recorded", async () => {
    const { call, cookie, org, admin } = await adminSession();
    const created = await call("POST", "/api/api-tokens", {
      cookie,
      body: {
        name: "Synchro bailleurs",
        scopes: ["landlords.read", "landlords.write"],
        expiresOn: "2027-01-31",
      },
    });
    const headers = { authorization: `Bearer ${created.json.secret}` };

    const list = await call("GET", "/api/landlords", { headers });
    expect(list.status).toBe(200);
    const write = await call("POST", "/api/landlords", {
      headers,
      body: { kind: "social_landlord", displayName: "Grand Dijon Habitat" },
    });
    expect(write.status).toBe(201);
    const outOfScope = await call("GET", "/api/audit", { headers });
    expect(outOfScope.status).toBe(403);
    expect(outOfScope.json.code).toBe("FORBIDDEN");
    expect(outOfScope.response.headers.get("content-type")).toContain("application/problem+json");

    const audit = await auditRows(org.id);
    const uses = audit.filter((r) => r.action === "api_token.use");
    // every use, the refused one included
    expect(uses.map((r) => r.changes?.path?.after)).toEqual([
      "/api/landlords",
      "/api/landlords",
      "/api/audit",
    ]);
    for (const use of uses) {
      expect(use.actorUserId).toBe(admin.id);
      expect(use.entityId).toBe(created.json.token.id);
    }
    const landlordRow = audit.find((r) => r.entityType === "landlord" && r.entityId === write.json.id);
    expect(landlordRow!.actorUserId).toBe(admin.id);
    expect(landlordRow!.actorLabel).toBe(
      `jeton « Synchro bailleurs » (créé par Alice Admin <${admin.email}>)`,
    );

    const after = await call("GET", "/api/api-tokens", { cookie });
    expect(after.json.items[0].lastUsedAt).toBe("2026-11-23T09:00:00.000Z");
  });

  it("is not held to the Origin rule, which still guards the session cookie", async () => {
    const { call, cookie, admin } = await adminSession();
    const { authorization } = await bearerFor(db.current.db, admin, { scopes: ["landlords.write"] });
    const crossSite = { origin: "https://ailleurs.example", "sec-fetch-site": "cross-site" };
    const body = { kind: "social_landlord", displayName: "Bailleur importé" };
    const viaToken = await call("POST", "/api/landlords", { headers: { ...crossSite, authorization }, body });
    expect(viaToken.status).toBe(201);
    const viaCookie = await call("POST", "/api/landlords", { cookie, headers: crossSite, body });
    expect(viaCookie.status).toBe(403);
    expect(viaCookie.json.code).toBe("CSRF_REJECTED");
  });

  it("refuses a request carrying both a token and the session cookie", async () => {
    const { call, cookie, admin } = await adminSession();
    const { authorization } = await bearerFor(db.current.db, admin, { scopes: ["landlords.read"] });
    const both = await call("GET", "/api/landlords", { cookie, headers: { authorization } });
    expect(both.status).toBe(400);
    expect(both.json.code).toBe("CREDENTIALS_AMBIGUOUS");
  });

  it("answers 401 with a code for an unknown, expired or revoked token", async () => {
    const { call, cookie, admin } = await adminSession();
    const unknown = await call("GET", "/api/landlords", {
      headers: { authorization: "Bearer csd_0000000000000000000000000000000000000000000" },
    });
    expect(unknown.status).toBe(401);
    expect(unknown.json.code).toBe("API_TOKEN_INVALID");
    expect(unknown.response.headers.get("content-type")).toContain("application/problem+json");
    const empty = await call("GET", "/api/landlords", { headers: { authorization: "Bearer" } });
    expect(empty.json.code).toBe("API_TOKEN_INVALID");
    // another scheme is no API token: the request is anonymous
    const basic = await call("GET", "/api/landlords", { headers: { authorization: "Basic dXNlcjpwYXNz" } });
    expect(basic.json.code).toBe("UNAUTHENTICATED");

    // valid through its expiry day, Paris time (the clock reads 23/11/2026)
    const lastDay = await bearerFor(db.current.db, admin, {
      scopes: ["landlords.read"],
      expiresOn: "2026-11-23",
    });
    expect(
      (await call("GET", "/api/landlords", { headers: { authorization: lastDay.authorization } })).status,
    ).toBe(200);
    const expired = await bearerFor(db.current.db, admin, {
      scopes: ["landlords.read"],
      expiresOn: "2026-11-22",
    });
    const expiredUse = await call("GET", "/api/landlords", {
      headers: { authorization: expired.authorization },
    });
    expect(expiredUse.status).toBe(401);
    expect(expiredUse.json.code).toBe("API_TOKEN_EXPIRED");
    expect(expiredUse.json.detail).toContain("22/11/2026");

    const revocable = await bearerFor(db.current.db, admin, { scopes: ["landlords.read"] });
    const revoked = await call("POST", `/api/api-tokens/${revocable.id}/revoke`, { cookie });
    expect(revoked.status).toBe(200);
    expect(revoked.json.state).toBe("revoked");
    const afterRevocation = await call("GET", "/api/landlords", {
      headers: { authorization: revocable.authorization },
    });
    expect(afterRevocation.status).toBe(401);
    expect(afterRevocation.json.code).toBe("API_TOKEN_REVOKED");
    const again = await call("POST", `/api/api-tokens/${revocable.id}/revoke`, { cookie });
    expect(again.status).toBe(409);
  });

  it("stops working when its creator is disabled, and narrows when the creator's role does", async () => {
    const { call, org, admin } = await adminSession();
    const second = await createUser(db.current.db, { organisationId: org.id, role: "admin" });
    const { authorization } = await bearerFor(db.current.db, second, {
      scopes: ["ledger.read", "landlords.read"],
    });
    await db.current.db
      .update(users)
      .set({ role: "housing_officer" })
      .where(and(eq(users.organisationId, org.id), eq(users.id, second.id)));
    expect((await call("GET", "/api/landlords", { headers: { authorization } })).status).toBe(200);
    const ledger = await call("GET", "/api/ledger/arrears", { headers: { authorization } });
    expect(ledger.status).toBe(403);
    await db.current.db
      .update(users)
      .set({ disabledAt: new Date("2026-11-20T09:00:00Z") })
      .where(and(eq(users.organisationId, org.id), eq(users.id, second.id)));
    const disabled = await call("GET", "/api/landlords", { headers: { authorization } });
    expect(disabled.status).toBe(401);
    expect(disabled.json.code).toBe("API_TOKEN_REVOKED");
    expect(admin.id).not.toBe(second.id);
  });

  it("never reaches what takes a person's session", async () => {
    const { call, admin } = await adminSession();
    const { authorization } = await bearerFor(db.current.db, admin);
    for (const [method, path, body] of [
      ["GET", "/api/auth/me", undefined],
      ["POST", "/api/auth/logout", undefined],
      ["POST", "/api/auth/change-password", { currentPassword: "x", newPassword: "y" }],
      ["GET", "/api/api-tokens", undefined],
      ["POST", "/api/api-tokens", bankImport],
    ] as const) {
      const refused = await call(method, path, { headers: { authorization }, body });
      expect(refused.status, path).toBe(403);
      expect(refused.json.code, path).toBe("SESSION_REQUIRED");
    }
    const users = await call("GET", "/api/users", { headers: { authorization } });
    expect(users.status).toBe(403);
  });

  it("revokes only the organisation's own tokens", async () => {
    const home = await adminSession();
    const away = await adminSession();
    const foreign = await bearerFor(db.current.db, away.admin, { scopes: ["landlords.read"] });
    const refused = await home.call("POST", `/api/api-tokens/${foreign.id}/revoke`, { cookie: home.cookie });
    expect(refused.status).toBe(404);
    expect((await home.call("GET", "/api/api-tokens", { cookie: home.cookie })).json.total).toBe(0);
  });
});
