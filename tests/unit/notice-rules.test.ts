import { describe, expect, it } from "vitest";
import {
  isInTightMarket,
  lessorNoticeViolations,
  ageOn,
  elderlyTenantProtectionViolation,
  noticeEndDate,
  tenantNoticePeriod,
  winterTruceContaining,
} from "../../server/modules/leases/notice.rules";

describe("tenant's notice period (loi 89-462 art. 15 I; art. 25-8 furnished)", () => {
  it.each([
    // furnished, zone tendue, reason, justified → months, ground
    [false, false, "none", false, 3, null],
    [true, false, "none", false, 1, "furnished"], // art. 25-8
    [false, true, "none", false, 1, "tight_market"], // art. 15 I 1°
    [false, false, "first_job", true, 1, "personal_reason"], // 2°
    [false, false, "job_transfer", true, 1, "personal_reason"], // 2°
    [false, false, "job_loss", true, 1, "personal_reason"], // 2°
    [false, false, "new_job_after_job_loss", true, 1, "personal_reason"], // 2°
    [false, false, "health", true, 1, "personal_reason"], // 3°
    [false, false, "rsa_or_aah", true, 1, "personal_reason"], // 4°
    [false, false, "social_housing_offer", true, 1, "personal_reason"], // 5°
    [false, false, "domestic_violence", true, 1, "personal_reason"], // 6°
    // a reason stated without its proof with the letter: three months (art. 15 I, last para.)
    [false, false, "rsa_or_aah", false, 3, null],
    // zone tendue needs no proof of a personal reason
    [false, true, "health", false, 1, "tight_market"],
  ] as const)(
    "furnished %s, zone tendue %s, %s justified %s → %i month(s)",
    (furnished, tightMarket, reason, justificationReceived, months, ground) => {
      const period = tenantNoticePeriod({ furnished, tightMarket, reason, justificationReceived });
      expect(period.months).toBe(months);
      expect(period.ground).toBe(ground);
    },
  );

  it("flags a reduced-notice reason that came without its proof", () => {
    expect(
      tenantNoticePeriod({
        furnished: false,
        tightMarket: false,
        reason: "health",
        justificationReceived: false,
      }).unjustifiedReason,
    ).toBe(true);
  });

  it.each([
    // CPC art. 641: a period in months ends on the same day of the month, or the month's last day
    ["2027-01-10", 1, "2027-02-10"],
    ["2027-01-31", 1, "2027-02-28"],
    ["2027-11-30", 3, "2028-02-29"],
    ["2027-03-15", 3, "2027-06-15"],
  ] as const)("received %s, %i month(s) → ends %s", (receivedOn, months, end) => {
    expect(noticeEndDate(receivedOn, months)).toBe(end);
  });
});

describe("lessor's notice (loi 89-462 art. 15 I; art. 25-8 furnished)", () => {
  const base = {
    kind: "direct_lease" as const,
    landlordKind: "private_person" as const,
    furnished: false,
    termDate: "2029-11-30",
    receivedOn: "2029-05-02",
    effectiveDate: "2029-11-30",
    motive: "sale" as const,
    motiveDetail: "Vente au prix de 180 000 €",
  };
  const codes = (overrides: Partial<typeof base> | Record<string, unknown>) =>
    lessorNoticeViolations({ ...base, ...overrides } as typeof base).map((v) => v.code);

  it.each([
    ["lawful: for the term, 6 months ahead, motive stated", {}, []],
    ["before the term", { effectiveDate: "2028-06-30" }, ["lessor_notice_only_at_term"]],
    ["received 5 months ahead", { receivedOn: "2029-06-15" }, ["lessor_notice_too_late"]],
    ["received on the last day (term − 6 months)", { receivedOn: "2029-05-30" }, []],
    ["furnished: 3 months suffice", { furnished: true, receivedOn: "2029-08-30" }, []],
    [
      "furnished: 2 months is late",
      { furnished: true, receivedOn: "2029-10-01" },
      ["lessor_notice_too_late"],
    ],
    ["motive without its facts", { motiveDetail: " " }, ["motive_not_stated"]],
    [
      "repossession by a company",
      { motive: "repossession", landlordKind: "company" },
      ["repossession_not_open"],
    ],
    [
      "repossession by the operator of a sub-lease",
      { motive: "repossession", kind: "sublease" },
      ["repossession_not_open"],
    ],
    ["head-lease end on a direct lease", { motive: "head_lease_end" }, ["head_lease_end_not_applicable"]],
    ["head-lease end on a sub-lease", { motive: "head_lease_end", kind: "sublease" }, []],
  ] as const)("%s", (_label, overrides, expected) => {
    expect(codes(overrides)).toEqual(expected);
  });
});

describe("winter truce (CPCE L.412-6: 1 November – 31 March)", () => {
  it.each([
    ["2026-12-01", { from: "2026-11-01", to: "2027-03-31" }],
    ["2026-11-01", { from: "2026-11-01", to: "2027-03-31" }],
    ["2027-03-31", { from: "2026-11-01", to: "2027-03-31" }],
    ["2027-04-01", null],
    ["2027-10-31", null],
  ] as const)("%s → %j", (date, truce) => {
    expect(winterTruceContaining(date)).toEqual(truce);
  });
});

describe("zone tendue from the flat's commune (décret 2013-392 annex, as kept by the admins)", () => {
  const communes = [
    { inseeCode: "21231", name: "Dijon" },
    { inseeCode: "69123", name: "Lyon" },
    { inseeCode: "01001", name: "Saint-Denis" },
    { inseeCode: "93066", name: "Saint-Denis" },
  ];
  it.each([
    [{ inseeCode: "21231", city: "Dijon" }, true],
    [{ inseeCode: "25056", city: "Besançon" }, false],
    // no INSEE code: the commune's name, accents and case aside, when it is unique in the list
    [{ inseeCode: null, city: "LYON" }, true],
    [{ inseeCode: null, city: "Saint Denis" }, false],
    [{ inseeCode: null, city: "Besançon" }, false],
  ] as const)("%j → %s", (building, expected) => {
    expect(isInTightMarket(building, communes)).toBe(expected);
  });
});

describe("art. 15 III: elderly tenants of modest means (loi 89-462)", () => {
  it.each([
    ["1960-06-01", "2025-05-31", 64],
    ["1960-06-01", "2025-06-01", 65],
    ["1960-02-29", "2025-02-28", 64],
    ["1960-02-29", "2025-03-01", 65],
  ] as const)("born %s, on %s: %i years", (birth, on, age) => {
    expect(ageOn(birth, on)).toBe(age);
  });

  const base = {
    tenantBirthDate: "1960-06-01",
    termDate: "2025-06-01",
    tenantResourcesAboveCeiling: false,
    relocationOffered: false,
    lessorExempt: false,
  };
  it.each([
    ["65 at the term, resources below the ceiling: protected", {}, "elderly_tenant_protected"],
    ["64 at the term (age judged at the term, not at the notice)", { termDate: "2025-05-31" }, null],
    ["resources above the ceiling, as stated", { tenantResourcesAboveCeiling: true }, null],
    ["a matching dwelling offered nearby", { relocationOffered: true }, null],
    ["lessor a natural person over 65 or of modest means", { lessorExempt: true }, null],
    ["birth date unknown: the protection is not set aside", { tenantBirthDate: null }, "tenant_age_unknown"],
  ] as const)("%s", (_label, overrides, code) => {
    expect(elderlyTenantProtectionViolation({ ...base, ...overrides })?.code ?? null).toBe(code);
  });
});
