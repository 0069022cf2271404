import { describe, expect, it } from "vitest";
import { isCrossOriginRequest } from "../../server/middleware/csrf";
import {
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
