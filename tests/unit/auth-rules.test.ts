import { describe, expect, it } from "vitest";
import { isCrossOriginRequest } from "../../server/middleware/csrf";
import { clientAddress } from "../../server/lib/client-ip";
import {
  LOGIN_THROTTLE,
  loginAttemptDecision,
  loginThrottle,
  passwordPolicyViolations,
  progressiveDelay,
  progressiveDelayDepth,
  progressiveDelaySeconds,
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

// OWASP Authentication Cheat Sheet, "Account lockout": an exponential delay instead of a fixed
// lock; NIST SP 800-63B §5.2.2: a wait after each failure that grows "e.g., 30 seconds up to an hour".
describe("progressiveDelay: one account from one source waits longer after each failure, never locked", () => {
  const policy = LOGIN_THROTTLE.pairDelay;
  it.each([
    { failures: 0, seconds: 0 },
    { failures: 4, seconds: 0 },
    { failures: 5, seconds: 30 },
    { failures: 6, seconds: 60 },
    { failures: 7, seconds: 120 },
    { failures: 10, seconds: 960 },
    { failures: 11, seconds: 1920 },
    { failures: 12, seconds: 3600 },
    { failures: 40, seconds: 3600 },
  ])("after $failures failures the next attempt waits $seconds s", ({ failures, seconds }) => {
    expect(progressiveDelaySeconds(failures, policy)).toBe(seconds);
  });

  it("needs only the latest failures up to the cap", () => {
    expect(progressiveDelayDepth(policy)).toBe(12);
    expect(progressiveDelaySeconds(progressiveDelayDepth(policy), policy)).toBe(policy.maxDelaySeconds);
    expect(progressiveDelaySeconds(progressiveDelayDepth(policy) - 1, policy)).toBeLessThan(3600);
  });

  const secondsAgo = (seconds: number) => new Date(now.getTime() - seconds * 1000);
  it.each([
    { why: "4 failures just now are free", ago: [0, 1, 2, 3], decision: { allowed: true } },
    {
      why: "the 5th failure 10 s ago leaves 20 s of the 30 s",
      ago: [10, 11, 12, 13, 14],
      decision: { allowed: false, retryAfterSeconds: 20 },
    },
    {
      why: "30 s after the 5th failure it is allowed",
      ago: [30, 40, 50, 60, 70],
      decision: { allowed: true },
    },
    {
      why: "the wait counts from the latest failure, in any order",
      ago: [300, 100, 200, 5, 400, 500],
      decision: { allowed: false, retryAfterSeconds: 55 },
    },
    {
      why: "failures older than 24 h are forgotten",
      ago: [0, 1, 2, 3, 24 * 3600, 24 * 3600 + 1],
      decision: { allowed: true },
    },
    {
      why: "12 failures wait one hour, not a lock for the day",
      ago: Array.from({ length: 12 }, (_, i) => 3599 + i),
      decision: { allowed: false, retryAfterSeconds: 1 },
    },
    {
      why: "and an hour after the latest, one more attempt is checked",
      ago: Array.from({ length: 30 }, (_, i) => 3600 + i),
      decision: { allowed: true },
    },
  ])("$why", ({ ago, decision }) => {
    expect(progressiveDelay(ago.map(secondsAgo), now)).toEqual(decision);
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
    { pair: 4, account: 9, source: 19, known: false, allowed: true, why: "under every limit" },
    {
      pair: 5,
      account: 5,
      source: 5,
      known: true,
      allowed: false,
      why: "the pair's delay binds known sources too",
    },
    {
      pair: 10,
      account: 0,
      source: 0,
      known: false,
      allowed: false,
      why: "the pair's delay binds unknown sources",
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
