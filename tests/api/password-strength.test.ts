import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/demo-accounts";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import { createOrganisation, createUser, sessionCookieFor } from "../support/factories";

const db = useTestDatabase();
const tokenOf = (url: string) => decodeURIComponent(url.split("#token=")[1]!);

/** An admin invites `fullName` with `role`; the link's token, to accept the invitation with. */
async function invitation(
  role: "housing_officer" | "admin" = "housing_officer",
  fullName = "Noémie Lefèvre",
) {
  const app = createTestApp(db.current);
  const org = await createOrganisation(db.current.db);
  const admin = await createUser(db.current.db, { organisationId: org.id, role: "admin" });
  const cookie = await sessionCookieFor(db.current.db, admin, app.clock.now());
  const email = `invite.${Math.random().toString(36).slice(2, 8)}@test.fr`;
  const created = await app.call("POST", "/api/users", { cookie, body: { email, fullName, role } });
  expect(created.status).toBe(201);
  return { ...app, cookie, user: created.json.user, token: tokenOf(created.json.invitation.url) };
}

describe("a weak password is refused when an invitation is accepted", () => {
  it.each([
    "123456789012",
    "password1234",
    "azertyuiopqs",
    "Motdepasse12",
    "abababababab",
    DEMO_PASSWORD,
    "Noemie Lefevre 2026",
    "lefevre-noemie-bureau",
  ])("«%s» → 422 PASSWORD_TOO_WEAK, explained in French at the field", async (password) => {
    const { call, token } = await invitation();
    const refused = await call("POST", "/api/auth/set-password", { body: { token, password } });
    expect(refused.status).toBe(422);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    expect(refused.json.code).toBe("PASSWORD_TOO_WEAK");
    expect(refused.json.errors[0].path).toBe("json.password");
    expect(refused.json.detail).toMatch(/mot de passe/i);
    // the link is still usable with a strong one
    const accepted = await call("POST", "/api/auth/set-password", {
      body: { token, password: "Parapluie violet sous la pluie de Brest" },
    });
    expect(accepted.status).toBe(204);
  });

  it("asks 16 characters of an administrator, 12 of other roles", async () => {
    const admin = await invitation("admin");
    const short = await admin.call("POST", "/api/auth/set-password", {
      body: { token: admin.token, password: "Girafe*Bleue#42" }, // 15
    });
    expect(short.status).toBe(422);
    expect(short.json.detail).toContain("16 caractères");
    const officer = await invitation("housing_officer");
    const twelve = await officer.call("POST", "/api/auth/set-password", {
      body: { token: officer.token, password: "Girafe*Bleue#42" },
    });
    expect(twelve.status).toBe(204);
  });
});

describe("a weak password is refused at reset and change too", () => {
  it("refuses a weak password with a reset link", async () => {
    const { call, cookie, user } = await invitation();
    const link = await call("POST", `/api/users/${user.id}/password-link`, {
      cookie,
      body: { purpose: "password_reset" },
    });
    expect(link.status).toBe(201);
    const refused = await call("POST", "/api/auth/set-password", {
      body: { token: tokenOf(link.json.url), password: "password1234" },
    });
    expect(refused.status).toBe(422);
    expect(refused.json.code).toBe("PASSWORD_TOO_WEAK");
  });

  it("refuses a weak new password in change-password, and only a logged-in user may try", async () => {
    const app = createTestApp(db.current);
    const org = await createOrganisation(db.current.db);
    const current = "ancienne phrase secrète du bureau";
    const user = await createUser(db.current.db, {
      organisationId: org.id,
      role: "finance",
      password: current,
    });
    const cookie = await sessionCookieFor(db.current.db, user, app.clock.now());
    const weak = await app.call("POST", "/api/auth/change-password", {
      cookie,
      body: { currentPassword: current, newPassword: "azertyuiopqs" },
    });
    expect(weak.status).toBe(422);
    expect(weak.json.code).toBe("PASSWORD_TOO_WEAK");
    expect(weak.json.errors[0].path).toBe("json.newPassword");
    const anonymous = await app.call("POST", "/api/auth/change-password", {
      body: { currentPassword: current, newPassword: "Parapluie violet sous la pluie" },
    });
    expect(anonymous.status).toBe(401);
    const strong = await app.call("POST", "/api/auth/change-password", {
      cookie,
      body: { currentPassword: current, newPassword: "Parapluie violet sous la pluie" },
    });
    expect(strong.status).toBe(204);
  });
});
