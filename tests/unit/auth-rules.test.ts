import { describe, expect, it } from "vitest";
import { isCrossOriginRequest } from "../../server/middleware/csrf";
import { clientAddress } from "../../server/lib/client-ip";
import {
  loginAttemptDecision,
  loginThrottle,
  passwordPolicyViolations,
  strictestThrottle,
} from "../../server/modules/auth/auth.rules";

const now = new Date("2026-11-23T10:00:00Z");
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

describe("loginThrottle: 10 failures within 15 minutes block the next attempt", () => {
  it.each([
    { failures: 9, spreadMinutes: 1, allowed: true },
    { failures: 10, spreadMinutes: 1, allowed: false },
    { failures: 25, spreadMinutes: 0.5, allowed: false },
  ])(
    "$failures failures one every $spreadMinutes min → allowed: $allowed",
    ({ failures, spreadMinutes, allowed }) => {
      const times = Array.from({ length: failures }, (_, i) => minutesAgo(i * spreadMinutes));
      expect(loginThrottle(times, now).allowed).toBe(allowed);
    },
  );

  it("forgets failures older than the window", () => {
    const old = Array.from({ length: 10 }, (_, i) => minutesAgo(15 + i));
    expect(loginThrottle(old, now)).toEqual({ allowed: true });
  });

  it("waits until the 10th latest failure leaves the window", () => {
    // 10 failures at 14, 13, …, 5 minutes ago: the oldest leaves the window in 1 minute
    const times = Array.from({ length: 10 }, (_, i) => minutesAgo(14 - i));
    expect(loginThrottle(times, now)).toEqual({ allowed: false, retryAfterSeconds: 60 });
    // with 12 failures the 10th latest decides, not the oldest
    const more = [...times, minutesAgo(3), minutesAgo(2)];
    expect(loginThrottle(more, now)).toEqual({ allowed: false, retryAfterSeconds: 180 });
  });

  it("keeps the longest wait of account and IP", () => {
    expect(
      strictestThrottle([
        { allowed: false, retryAfterSeconds: 30 },
        { allowed: true },
        { allowed: false, retryAfterSeconds: 600 },
      ]),
    ).toEqual({ allowed: false, retryAfterSeconds: 600 });
    expect(strictestThrottle([{ allowed: true }, { allowed: true }])).toEqual({ allowed: true });
  });
});

describe("password policy", () => {
  it.each([
    ["court", false],
    ["onze-caract", false], // 11
    ["douze-caract", true], // 12
    ["aaaaaaaaaaaaaaaa", false],
    ["x".repeat(257), false],
    ["une phrase de passe tout à fait longue", true],
  ])("%s → acceptable: %s", (password, acceptable) => {
    expect(passwordPolicyViolations(password).length === 0).toBe(acceptable);
  });

  it("asks 16 characters of an administrator (ANSSI MonServiceSécurisé), 12 of other roles", () => {
    expect(passwordPolicyViolations("quinze-caracter", { role: "admin" })).toHaveLength(1);
    expect(passwordPolicyViolations("seize-caracteres", { role: "admin" })).toEqual([]);
    expect(passwordPolicyViolations("quinze-caracter", { role: "finance" })).toEqual([]);
  });

  it("refuses the email as password", () => {
    expect(passwordPolicyViolations("Admin@Exemple.fr", { email: "admin@exemple.fr" })).toHaveLength(1);
  });
});

describe("CSRF decision", () => {
  const ownOrigins = ["http://localhost:3000", "https://logement.example.org"];
  it.each([
    { origin: "http://localhost:3000", secFetchSite: "same-origin", refused: false },
    { origin: "https://logement.example.org", secFetchSite: undefined, refused: false },
    { origin: undefined, secFetchSite: "none", refused: false },
    { origin: undefined, secFetchSite: undefined, refused: false }, // not a browser page
    { origin: "https://evil.example", secFetchSite: "cross-site", refused: true },
    { origin: "https://evil.example", secFetchSite: undefined, refused: true },
    { origin: undefined, secFetchSite: "cross-site", refused: true },
    { origin: "http://localhost:3000", secFetchSite: "same-site", refused: true },
    { origin: "null", secFetchSite: undefined, refused: true },
  ])(
    "Origin $origin, Sec-Fetch-Site $secFetchSite → refused: $refused",
    ({ origin, secFetchSite, refused }) => {
      expect(isCrossOriginRequest({ origin, secFetchSite, ownOrigins })).toBe(refused);
    },
  );
});

describe("loginAttemptDecision: pair, account and source counted separately (OWASP lockout guidance)", () => {
  const failures = (count: number) => Array.from({ length: count }, (_, i) => minutesAgo(i * 0.5));
  it.each([
    { pair: 9, account: 9, source: 19, known: false, allowed: true, why: "under every limit" },
    {
      pair: 10,
      account: 10,
      source: 10,
      known: true,
      allowed: false,
      why: "the pair limit binds known sources too",
    },
    {
      pair: 0,
      account: 40,
      source: 0,
      known: true,
      allowed: true,
      why: "a known source ignores the account count",
    },
    {
      pair: 0,
      account: 10,
      source: 0,
      known: false,
      allowed: false,
      why: "an unknown source is held by the account count",
    },
    {
      pair: 0,
      account: 0,
      source: 60,
      known: true,
      allowed: true,
      why: "a known account ignores the source count",
    },
    {
      pair: 0,
      account: 0,
      source: 20,
      known: false,
      allowed: false,
      why: "spraying from one source stops at 20",
    },
    {
      pair: 0,
      account: 0,
      source: 19,
      known: false,
      allowed: true,
      why: "19 failures of a shared address pass",
    },
  ])("$why", ({ pair, account, source, known, allowed }) => {
    const decision = loginAttemptDecision(
      {
        pairFailures: failures(pair),
        accountFailures: failures(account),
        sourceFailures: failures(source),
        knownSource: known,
      },
      now,
    );
    expect(decision.allowed).toBe(allowed);
  });
});

describe("clientAddress: TRUST_PROXY hops counted from the right of X-Forwarded-For", () => {
  it.each([
    { hops: 0, forwardedFor: "6.6.6.6", socket: "10.0.0.2", client: "10.0.0.2" },
    { hops: 1, forwardedFor: undefined, socket: "10.0.0.2", client: "10.0.0.2" },
    { hops: 1, forwardedFor: "203.0.113.7", socket: "10.0.0.2", client: "203.0.113.7" },
    { hops: 1, forwardedFor: "6.6.6.6, 203.0.113.7", socket: "10.0.0.2", client: "203.0.113.7" },
    { hops: 2, forwardedFor: "6.6.6.6, 203.0.113.7, 10.0.0.9", socket: "10.0.0.2", client: "203.0.113.7" },
    { hops: 3, forwardedFor: "203.0.113.7", socket: "10.0.0.2", client: "203.0.113.7" },
  ])("$hops hop(s), X-Forwarded-For «$forwardedFor» → $client", ({ hops, forwardedFor, socket, client }) => {
    expect(clientAddress({ socketAddress: socket, forwardedFor, trustedHops: hops })).toBe(client);
  });
});
