import { describe, expect, it } from "vitest";
import {
  bearerSecret,
  effectiveScopes,
  expiryProblems,
  scopeProblems,
  secretPrefixOf,
  tokenState,
} from "../../server/modules/api-tokens/api-tokens.rules";
import { actions, tokenGrantableActions } from "../../server/modules/auth/permissions";
import { newApiTokenSecret } from "../../server/modules/auth/tokens";

describe("API token secrets", () => {
  it("start with csd_ and 256 random bits; the stored prefix is csd_ and 8 characters", () => {
    const secret = newApiTokenSecret();
    expect(secret).toMatch(/^csd_[A-Za-z0-9_-]{43}$/);
    expect(newApiTokenSecret()).not.toBe(secret);
    expect(secretPrefixOf(secret)).toBe(secret.slice(0, 12));
  });

  it.each([
    [undefined, undefined],
    ["Basic dXNlcjpwYXNz", undefined],
    ["Bearer csd_abc", "csd_abc"],
    ["bearer   csd_abc  ", "csd_abc"],
    ["Bearer", ""],
    ["Bearer ", ""],
    ["Bearer a b", ""],
    ["Bearercsd_abc", undefined],
  ])("Authorization %j → secret %j", (header, secret) => {
    expect(bearerSecret(header)).toBe(secret);
  });
});

describe("expiry: required, after today, at most a year ahead", () => {
  it.each([
    ["2026-11-24", true],
    ["2027-11-23", true],
    ["2026-11-23", false],
    ["2026-11-01", false],
    ["2027-11-24", false],
  ])("created 23/11/2026, expiring %s → accepted %s", (expiresOn, accepted) => {
    expect(expiryProblems(expiresOn, "2026-11-23").length === 0).toBe(accepted);
  });

  it.each([
    [{ revokedAt: null, expiresOn: "2026-11-23" }, "2026-11-23", "active"],
    [{ revokedAt: null, expiresOn: "2026-11-23" }, "2026-11-24", "expired"],
    [{ revokedAt: new Date("2026-11-01T00:00:00Z"), expiresOn: "2027-01-01" }, "2026-11-23", "revoked"],
    [{ revokedAt: new Date("2026-11-01T00:00:00Z"), expiresOn: "2026-11-02" }, "2026-11-23", "revoked"],
  ] as const)("%j on %s is %s (valid through its last day)", (token, today, state) => {
    expect(tokenState(token, today)).toBe(state);
  });
});

describe("scopes never exceed the creator's permissions", () => {
  it("an admin grants everything but account management and the landlord portal", () => {
    expect(tokenGrantableActions("admin")).not.toContain("users.manage");
    expect(tokenGrantableActions("admin")).not.toContain("portal.read");
    expect(tokenGrantableActions("admin")).toContain("ledger.write");
    expect(tokenGrantableActions("landlord")).toEqual([]);
  });

  it("refuses each scope the creator's role lacks, at its index", () => {
    expect(
      scopeProblems(["ledger.read", "persons.read", "users.manage"], "finance").map((p) => p.path),
    ).toEqual(["json.scopes.1", "json.scopes.2"]);
    expect(scopeProblems(["ledger.read", "ledger.write"], "finance")).toEqual([]);
  });

  it("narrows at use when the creator's role no longer grants a scope", () => {
    expect(effectiveScopes(["ledger.read", "landlords.read", "no.such"], "housing_officer")).toEqual([
      "landlords.read",
    ]);
    expect(effectiveScopes([...actions], "landlord")).toEqual([]);
  });
});
