import { describe, expect, it } from "vitest";
import { hasFixedTerm, noFixedTermViolation } from "../../server/modules/leases/leases.rules";
import {
  lastFirstJanuary,
  proposeRevision,
  publishedIrl,
  revisionSchedule,
} from "../../server/modules/ledger/revision.rules";

describe("a social landlord's lease has no fixed term (loi 89-462 art. 40; CCH L.442-6, L.353-15)", () => {
  it.each([
    // the landlord's own lease to its occupant, signed directly or after a glissement
    ["direct_lease", "social_landlord", false],
    ["direct_lease", "private_person", true],
    ["direct_lease", "sci", true],
    ["direct_lease", "company", true],
    // the operator is the lessor of its sub-leases: their term follows the head lease
    ["sublease", "social_landlord", true],
    ["sliding_sublease", "social_landlord", true],
    ["temporary_occupancy", "social_landlord", true],
    // the head lease to the operator is not the occupant's home (art. 2): contractual term
    ["head_lease", "social_landlord", true],
    ["direct_lease", null, true],
  ] as const)("%s from a %s lessor → fixed term %s", (kind, landlordKind, expected) => {
    expect(hasFixedTerm({ kind, landlordKind })).toBe(expected);
  });

  it("names the field and the articles when a term is stated anyway", () => {
    expect(noFixedTermViolation("durationMonths")).toMatchObject({
      path: "durationMonths",
      code: "no_fixed_term",
      message: expect.stringContaining("art. 40"),
    });
  });
});

describe("revision date: the anniversary (art. 17-1), or 1 January for a social landlord (CCH L.442-1, L.353-9-2)", () => {
  it.each([
    // [start, fixed term, quarter in the clause, today, revision date, quarter used]
    ["2025-03-15", true, "T3", "2026-12-02", "2026-03-15", 3],
    ["2025-12-01", true, "T2", "2026-11-30", null, 2],
    // 1 January of this year, on T2 whatever the clause says (the law fixes the quarter)
    ["2025-03-15", false, "T3", "2026-12-02", "2026-01-01", 2],
    ["2025-03-15", false, null, "2026-01-01", "2026-01-01", 2],
    // signed during the year: revised with every tenant on the next 1 January, not at a year
    ["2025-12-15", false, "T4", "2026-02-10", "2026-01-01", 2],
    // not before a first 1 January after the start, never on the start day
    ["2026-02-01", false, "T2", "2026-12-02", null, 2],
    ["2026-01-01", false, "T2", "2026-06-30", null, 2],
    ["2026-01-01", false, "T2", "2027-01-01", "2027-01-01", 2],
  ] as const)(
    "start %s, fixed term %s, clause %s, on %s → %s on T%i",
    (startDate, fixedTerm, irlReferenceQuarter, today, revisionOn, referenceQuarter) => {
      expect(revisionSchedule({ startDate, fixedTerm, irlReferenceQuarter }, today)).toEqual({
        revisionOn,
        referenceQuarter,
        basis: fixedTerm ? "anniversary" : "first_january",
      });
    },
  );

  it.each([
    ["2024-06-01", "2026-05-20", "2026-01-01"],
    ["2025-12-31", "2026-01-01", "2026-01-01"],
    ["2026-01-01", "2026-01-01", null],
  ] as const)("start %s, on %s → last 1 January %s", (start, today, expected) => {
    expect(lastFirstJanuary(start, today)).toBe(expected);
  });

  it("1 January 2026 is revised on IRL T2 2025 / T2 2024: the ceiling, never above it", () => {
    const { revisionOn, referenceQuarter } = revisionSchedule(
      { startDate: "2024-09-01", fixedTerm: false, irlReferenceQuarter: "T3" },
      "2026-03-01",
    );
    const proposal = proposeRevision({
      rentCents: 40_000,
      energyClass: "C",
      referenceQuarter,
      anniversaryOn: revisionOn,
      indices: publishedIrl,
    });
    // 40 000 × 146,68 / 145,17 = 40 416,06… → 40 416 cents
    expect(proposal).toEqual({
      kind: "revision",
      anniversaryOn: "2026-01-01",
      previousRentCents: 40_000,
      newRentCents: 40_416,
      irlYear: 2025,
      irlQuarter: 2,
      irlNewHundredths: 14668,
      irlOldHundredths: 14517,
    });
  });

  it("no revision of a class F or G flat, social landlord or not (loi Climat et résilience art. 159)", () => {
    expect(
      proposeRevision({
        rentCents: 40_000,
        energyClass: "F",
        referenceQuarter: 2,
        anniversaryOn: "2026-01-01",
        indices: publishedIrl,
      }),
    ).toEqual({ kind: "none", reason: "DPE_F_OR_G" });
  });
});
