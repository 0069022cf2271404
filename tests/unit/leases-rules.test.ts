import { describe, expect, it } from "vitest";
import {
  contractEndDate,
  contractTermViolations,
  depositCapCents,
  glissementRefusal,
  type MentionsInput,
  minimumDurationMonths,
  missingMandatoryMentions,
  previousRentRequired,
} from "../../server/modules/leases/leases.rules";

describe("minimum duration (loi 89-462 art. 10, 25-7)", () => {
  it.each([
    ["sublease", "private_person", false, 36],
    ["direct_lease", "private_person", false, 36],
    ["direct_lease", "sci", false, 72],
    ["sliding_sublease", "company", false, 72],
    ["head_lease", "social_landlord", false, 72],
    ["direct_lease", "company", true, 12],
    ["sublease", "private_person", true, 12],
    ["temporary_occupancy", "private_person", false, null],
  ] as const)("%s, %s landlord, furnished %s → %s months", (kind, landlordKind, furnished, expected) => {
    expect(minimumDurationMonths({ kind, landlordKind, furnished })).toBe(expected);
  });
});

describe("deposit cap (art. 22, 25-6)", () => {
  it.each([
    [52_000, false, 52_000],
    [52_000, true, 104_000],
  ])("rent %i, furnished %s → cap %i", (rentCents, furnished, cap) => {
    expect(depositCapCents({ rentCents, furnished })).toBe(cap);
  });

  it("names the deposit and the duration when both are wrong; a head lease has no deposit cap", () => {
    const terms = {
      kind: "sublease" as const,
      landlordKind: "private_person" as const,
      furnished: false,
      durationMonths: 24,
      rentCents: 50_000,
      depositCents: 60_000,
    };
    expect(contractTermViolations(terms).map((v) => v.path)).toEqual(["durationMonths", "depositCents"]);
    expect(contractTermViolations({ ...terms, kind: "head_lease", durationMonths: 36 })).toEqual([]);
  });
});

describe("mandatory mentions (art. 3)", () => {
  const complete: MentionsInput = {
    kind: "sublease",
    lessorName: "Association",
    lessorAddress: "12 rue de la Liberté",
    tenantName: "Jeanne Dupont",
    startDate: "2026-12-01",
    durationMonths: 36,
    surfaceM2: 42,
    rentCents: 52_000,
    chargesCents: 4_500,
    paymentFrequency: "monthly",
    paymentDay: 5,
    irlReferenceQuarter: "T2",
    depositCents: 52_000,
    previousRentCents: null,
    previousTenantLeftOn: null,
  };

  it("nothing missing in a complete lease", () => {
    expect(missingMandatoryMentions(complete)).toEqual([]);
  });

  it("names each missing mention", () => {
    const missing = missingMandatoryMentions({
      ...complete,
      lessorAddress: null,
      irlReferenceQuarter: null,
      paymentDay: null,
    });
    expect(missing.map((field) => field.path)).toEqual([
      "lessor.address",
      "paymentDay",
      "irlReferenceQuarter",
    ]);
  });

  it("asks for the previous rent when the last tenant left less than 18 months before", () => {
    expect(previousRentRequired("2025-07-01", "2026-12-01")).toBe(true);
    expect(previousRentRequired("2025-05-31", "2026-12-01")).toBe(false);
    const missing = missingMandatoryMentions({ ...complete, previousTenantLeftOn: "2026-06-30" });
    expect(missing.map((field) => field.path)).toEqual(["previousRentCents"]);
    expect(
      missingMandatoryMentions({
        ...complete,
        previousTenantLeftOn: "2026-06-30",
        previousRentCents: 50_000,
      }),
    ).toEqual([]);
  });
});

describe("glissement needs a favourable last review", () => {
  const review = (heldOn: string | null, outcome: string | null) => ({
    scheduledOn: heldOn ?? "2027-01-01",
    heldOn,
    outcome,
  });
  it.each([
    [[], false],
    [[review(null, null)], false],
    [[review("2027-06-01", "favourable"), review("2027-12-01", "unfavourable")], false],
    [[review("2027-06-01", "unfavourable"), review("2027-12-01", "postponed")], false],
    [[review("2027-06-01", "unfavourable"), review("2027-12-01", "favourable"), review(null, null)], true],
  ])("%j → allowed %s", (reviews, allowed) => {
    expect(glissementRefusal(reviews) === null).toBe(allowed);
  });
});

describe("contract end date", () => {
  it("is the day before the anniversary", () => {
    expect(contractEndDate("2026-12-01", 36)).toBe("2029-11-30");
    expect(contractEndDate("2024-03-01", 12)).toBe("2025-02-28");
  });
});
