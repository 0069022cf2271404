import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, loginAttempts, sessions } from "../../db/schema";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import { createOrganisation, createUser, sessionCookieFor } from "../support/factories";

const db = useTestDatabase();
const PASSWORD = "correct-horse-battery";

/** Each test speaks from its own address (X-Forwarded-For behind a trusted proxy). */
function setup(env: Record<string, unknown> = {}) {
  const app = createTestApp(db.current, { env: { TRUST_PROXY: 1, ...env } });
  const ip = `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  const login = (email: string, password: string, from = ip) =>
    app.call("POST", "/api/auth/login", { body: { email, password }, headers: { "x-forwarded-for": from } });
  return { ...app, ip, login };
}

async function newUser(role: "admin" | "finance" = "finance") {
  const org = await createOrganisation(db.current.db);
  return createUser(db.current.db, { organisationId: org.id, role, password: PASSWORD });
}

describe("login answers", () => {
  it("gives the same answer for an unknown email and a wrong password, and records both failures", async () => {
    const { login, ip } = setup();
    const user = await newUser();
    const unknown = await login(`nobody-${randomUUID()}@test.fr`, PASSWORD);
    const wrong = await login(user.email, "not-the-password");
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    const strip = (json: Record<string, unknown>) => ({ ...json, requestId: undefined, instance: undefined });
    expect(strip(unknown.json)).toEqual(strip(wrong.json));
    expect(unknown.headers.get("set-cookie")).toBeNull();
    const failures = await db.current.db.select().from(loginAttempts).where(eq(loginAttempts.ip, ip));
    expect(failures).toHaveLength(2);
    expect(failures.map((f) => f.email)).toContain(user.email.toLowerCase());
  });

  it("refuses a disabled account with the same answer", async () => {
    const { login, call } = setup();
    const user = await newUser();
    const reference = await login(user.email, "wrong-password-here");
    const { users } = await import("../../db/schema");
    await db.current.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id));
    const disabled = await login(user.email, PASSWORD);
    expect(disabled.status).toBe(401);
    expect(disabled.json.detail).toBe(reference.json.detail);
    expect((await call("GET", "/api/auth/me")).status).toBe(401);
  });

  it("sets an HttpOnly, SameSite=Lax, Secure (over https) cookie with a fresh id at each login", async () => {
    const { login } = setup({ PUBLIC_ORIGIN: "https://logement.example.org" });
    const user = await newUser();
    const first = await login(user.email, PASSWORD);
    const second = await login(user.email, PASSWORD);
    expect(first.status).toBe(200);
    const cookie = first.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^iml_session=[A-Za-z0-9_-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/Path=\//);
    expect(second.headers.get("set-cookie")!.split(";")[0]).not.toBe(cookie.split(";")[0]);
    const stored = await db.current.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(stored).toHaveLength(2);
    // only the hash of the token is stored
    expect(stored.map((s) => s.tokenHash)).not.toContain(cookie.split(";")[0]!.split("=")[1]);
  });

  it("does not mark the cookie Secure over plain http", async () => {
    const { login } = setup();
    const user = await newUser();
    const response = await login(user.email, PASSWORD);
    expect(response.headers.get("set-cookie")).not.toMatch(/Secure/);
  });
});

describe("login throttling", () => {
  it("refuses the 11th attempt on one account from a source it never logged in from, with 429 and Retry-After", async () => {
    const { login, clock } = setup();
    const user = await newUser();
    for (let attempt = 1; attempt <= 10; attempt++) {
      // from different addresses: the account alone triggers it
      expect((await login(user.email, `wrong-${attempt}`, `10.1.1.${attempt}`)).status).toBe(401);
      clock.advance(30_000);
    }
    const eleventh = await login(user.email, PASSWORD, "10.1.2.1");
    expect(eleventh.status).toBe(429);
    expect(eleventh.json.code).toBe("TOO_MANY_ATTEMPTS");
    expect(eleventh.headers.get("content-type")).toContain("application/problem+json");
    // the first failure (5 min ago) leaves the 15-minute window in 10 minutes
    expect(eleventh.headers.get("retry-after")).toBe("600");
    clock.advance(9 * 60_000);
    expect((await login(user.email, PASSWORD, "10.1.2.2")).status).toBe(429);
    clock.advance(61_000);
    const later = await login(user.email, PASSWORD, "10.1.2.3");
    expect(later.status).toBe(200);
    // a success clears the account's failures from that source only
    const left = await db.current.db
      .select()
      .from(loginAttempts)
      .where(eq(loginAttempts.email, user.email.toLowerCase()));
    expect(left.map((row) => row.ip)).not.toContain("10.1.2.3");
  });

  it("never checks more passwords than the limit when 30 wrong logins arrive at once", async () => {
    const { login } = setup();
    const user = await newUser();
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => login(user.email, `wrong-parallel-${i}`, `10.3.${i}.1`)),
    );
    const statuses = answers.map((answer) => answer.status);
    // a 401 is an answer after a password check; a 429 is refused before it
    expect(statuses.filter((status) => status === 401)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(20);
    const recorded = await db.current.db
      .select()
      .from(loginAttempts)
      .where(eq(loginAttempts.email, user.email.toLowerCase()));
    expect(recorded).toHaveLength(10);
  });

  it("checks only the free failures of one account from one source for 30 parallel logins", async () => {
    const { login } = setup();
    const user = await newUser();
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => login(user.email, `wrong-same-source-${i}`)),
    );
    // 5 free failures; the 6th would have to wait 30 s after the 5th, so all others are refused
    expect(answers.filter((answer) => answer.status === 401)).toHaveLength(5);
    expect(answers.filter((answer) => answer.status === 429)).toHaveLength(25);
    for (const refused of answers.filter((answer) => answer.status === 429)) {
      expect(refused.headers.get("retry-after")).toBe("30");
    }
  });

  it("delays one account from one source longer after each failure, and lets the right password in after the wait", async () => {
    const { login, clock } = setup();
    const user = await newUser();
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await login(user.email, `typo-${attempt}`)).status).toBe(401);
    }
    const waits: number[] = [];
    for (let round = 0; round < 3; round++) {
      // even the right password waits: the delay is decided before any password check
      const early = await login(user.email, PASSWORD);
      expect(early.status).toBe(429);
      expect(early.json.code).toBe("TOO_MANY_ATTEMPTS");
      const wait = Number(early.headers.get("retry-after"));
      waits.push(wait);
      clock.advance(wait * 1000 - 1000);
      expect((await login(user.email, PASSWORD)).status).toBe(429); // a second too early
      clock.advance(1000);
      expect((await login(user.email, `typo-again-${round}`)).status).toBe(401);
    }
    expect(waits).toEqual([30, 60, 120]);
    const fourth = await login(user.email, PASSWORD);
    expect(fourth.headers.get("retry-after")).toBe("240");
    expect(fourth.json.detail).toContain("4 min");
    clock.advance(240_000);
    expect((await login(user.email, PASSWORD)).status).toBe(200);
    // the success clears the pair's failures: the next typo is free again
    expect((await login(user.email, "one-more-typo")).status).toBe(401);
    expect((await login(user.email, PASSWORD)).status).toBe(200);
  });

  it("cannot be used to lock a staff member out: their usual address still logs in", async () => {
    const { login, clock } = setup();
    const staff = await newUser("admin");
    const office = "192.0.2.10";
    expect((await login(staff.email, PASSWORD, office)).status).toBe(200);
    clock.advance(3_600_000);
    // an attacker fails on purpose, 40 times from 40 addresses
    for (let attempt = 1; attempt <= 40; attempt++) {
      await login(staff.email, `sabotage-${attempt}`, `203.0.113.${attempt}`);
    }
    expect((await login(staff.email, "still-a-guess", "203.0.113.200")).status).toBe(429);
    // the account is locked for unknown sources only
    expect((await login(staff.email, PASSWORD, office)).status).toBe(200);
  });

  it("delays one account from one address without delaying a colleague behind the same address", async () => {
    const { login } = setup();
    const alice = await newUser();
    const bob = await newUser();
    const office = `198.51.100.${Math.floor(Math.random() * 250)}`;
    for (let attempt = 1; attempt <= 10; attempt++) await login(alice.email, `typo-${attempt}`, office);
    expect((await login(alice.email, PASSWORD, office)).status).toBe(429);
    expect((await login(bob.email, PASSWORD, office)).status).toBe(200);
  });

  it("stops password spraying from one source after 20 failures, except for accounts known there", async () => {
    const { login, ip } = setup();
    const regular = await newUser();
    const newcomer = await newUser();
    expect((await login(regular.email, PASSWORD)).status).toBe(200);
    for (let attempt = 1; attempt <= 20; attempt++) {
      expect((await login(`unknown-${attempt}-${randomUUID()}@test.fr`, "whatever-pass")).status).toBe(401);
    }
    const blocked = await login(newcomer.email, PASSWORD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    // the colleague who logs in from here, and the newcomer from another address, get in
    expect((await login(regular.email, PASSWORD)).status).toBe(200);
    expect((await login(newcomer.email, PASSWORD, `${ip}9`)).status).toBe(200);
  });

  it("counts the address the trusted proxy saw, not the one the client wrote into X-Forwarded-For", async () => {
    const { login } = setup({ TRUST_PROXY: 1 });
    const target = await newUser();
    const proxySaw = `10.77.${Math.floor(Math.random() * 250)}.1`;
    for (let attempt = 1; attempt <= 20; attempt++) {
      // the client forges a new address each time; the proxy appends the real one
      const forged = `${attempt}.${attempt}.${attempt}.${attempt}, ${proxySaw}`;
      expect((await login(`spray-${attempt}-${randomUUID()}@test.fr`, "guess-guess", forged)).status).toBe(
        401,
      );
    }
    expect((await login(target.email, PASSWORD, `9.9.9.9, ${proxySaw}`)).status).toBe(429);
  });

  it("lets 4 failures in a row pass without any wait", async () => {
    const { login } = setup();
    const user = await newUser();
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect((await login(user.email, "wrong-password")).status).toBe(401);
    }
    expect((await login(user.email, PASSWORD)).status).toBe(200);
  });
});

describe("CSRF", () => {
  it("refuses a cross-origin POST carrying the session cookie with 403 problem+json", async () => {
    const { call, clock } = setup();
    const user = await newUser("admin");
    const cookie = await sessionCookieFor(db.current.db, user, clock.now());
    const crossSite = await call("POST", "/api/auth/logout", {
      cookie,
      headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    });
    expect(crossSite.status).toBe(403);
    expect(crossSite.json.code).toBe("CSRF_REJECTED");
    expect(crossSite.headers.get("content-type")).toContain("application/problem+json");
    const otherOrigin = await call("PATCH", "/api/organisation", {
      cookie,
      body: { city: "Ailleurs" },
      headers: { origin: "https://evil.example", "sec-fetch-site": "" },
    });
    expect(otherOrigin.status).toBe(403);
    // the session survived: the refused logout did nothing
    expect((await call("GET", "/api/auth/me", { cookie })).status).toBe(200);
    expect((await call("POST", "/api/auth/logout", { cookie })).status).toBe(204);
  });

  it("accepts the configured public origin and requests without a cookie", async () => {
    const { call, clock } = setup({ PUBLIC_ORIGIN: "https://logement.example.org" });
    const user = await newUser("admin");
    const cookie = await sessionCookieFor(db.current.db, user, clock.now());
    const viaProxy = await call("POST", "/api/auth/logout", {
      cookie,
      headers: { origin: "https://logement.example.org", "sec-fetch-site": "same-origin" },
    });
    expect(viaProxy.status).toBe(204);
    const anonymous = await call("POST", "/api/auth/login", {
      body: { email: "x@test.fr", password: "y" },
      headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    });
    expect(anonymous.status).not.toBe(403);
  });
});

describe("logout", () => {
  it("revokes the session and writes the audit row", async () => {
    const { call, clock } = setup();
    const user = await newUser("admin");
    const cookie = await sessionCookieFor(db.current.db, user, clock.now());
    expect((await call("POST", "/api/auth/logout", { cookie })).status).toBe(204);
    expect((await call("GET", "/api/auth/me", { cookie })).status).toBe(401);
    const [session] = await db.current.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(session?.revokedAt).not.toBeNull();
    const rows = await db.current.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, user.id), eq(auditLog.action, "auth.logout")));
    expect(rows).toHaveLength(1);
  });
});
