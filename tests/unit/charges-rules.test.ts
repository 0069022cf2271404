import { describe, expect, it } from "vitest";
import {
  claimDeadline,
  earliestClaimOn,
  flatShare,
  instalmentsOffered,
  instalmentsThreshold,
  mayConfirmOn,
  occupancyShare,
  proposedMonthlyProvision,
  provisionsCalled,
  regularisationOutcome,
  supportingDocumentsAvailableUntil,
  timeBarred,
  twelveInstalments,
  wholeMonths,
} from "../../server/modules/charges/charges.rules";

const year2025 = { start: "2025-01-01", end: "2025-12-31" };
const owes = regularisationOutcome(12_000, 10_000);
const owed = regularisationOutcome(8_000, 10_000);

describe("split of a building's charges by surface, a flat's own charges in full (décret 87-713)", () => {
  const lines = [
    { category: "lift", label: "Ascenseur", amountCents: 100_000, unitId: null },
    { category: "water", label: "Eau (compteur)", amountCents: 12_345, unitId: "u1" },
    { category: "water", label: "Eau (compteur)", amountCents: 9_999, unitId: "u2" },
  ];
  it.each([
    // 30 m² of 200 m²: 15 000; plus its own meter
    ["u1", 30, 200, 15_000 + 12_345],
    // 33,33 m² of 200: 16 665 (floored, the tenant's favour)
    ["u2", 33.33, 200, 16_665 + 9_999],
    // a flat with no line of its own takes only its surface share
    ["u3", 45.5, 182, 25_000],
  ])("flat %s, %f m² of %f m² → %i cents", (id, surface, total, expected) => {
    expect(flatShare(lines, { id, surfaceM2: surface }, total).totalCents).toBe(expected);
  });

  it("the detail names the basis of every line", () => {
    expect(flatShare(lines, { id: "u1", surfaceM2: 30 }, 200).detail).toEqual([
      expect.objectContaining({
        category: "lift",
        basis: "surface",
        shareCents: 15_000,
        totalSurfaceM2: 200,
      }),
      expect.objectContaining({ category: "water", basis: "flat", shareCents: 12_345 }),
    ]);
  });
});

describe("partial occupancy and provisions called", () => {
  it.each([
    [36_500, 365, 365, 36_500],
    [36_500, 100, 365, 10_000],
    // rounded down: 10 000 × 7 / 365 = 191,78 → 191
    [10_000, 7, 365, 191],
    [10_000, 0, 365, 0],
  ])("share %i for %i of %i days → %i", (share, days, total, expected) => {
    expect(occupancyShare(share, days, total)).toBe(expected);
  });

  it("calls inside the period count whole, a straddling call by its days inside", () => {
    const calls = [
      { periodStart: "2024-12-01", periodEnd: "2024-12-31", chargesCents: 3_100 },
      { periodStart: "2025-01-01", periodEnd: "2025-01-31", chargesCents: 3_100 },
      { periodStart: "2025-02-01", periodEnd: "2025-02-14", chargesCents: 1_400 },
      { periodStart: "2025-12-16", periodEnd: "2026-01-15", chargesCents: 3_100 },
      { periodStart: "2026-01-16", periodEnd: "2026-01-31", chargesCents: 1_600 },
    ];
    // January 3 100, February fortnight 1 400, 16 of the 31 days of the last call: 1 600
    expect(provisionsCalled(calls, year2025)).toBe(3_100 + 1_400 + 1_600);
  });

  it.each([
    [12_000, 10_000, { kind: "tenant_owes", amountCents: 2_000 }],
    [8_000, 10_000, { kind: "tenant_is_owed", amountCents: 2_000 }],
    [10_000, 10_000, { kind: "balanced", amountCents: 0 }],
  ])("actual %i − provisions %i → %j", (actual, provisions, expected) => {
    expect(regularisationOutcome(actual, provisions)).toEqual(expected);
  });

  it.each([
    [year2025, 12],
    [{ start: "2025-07-01", end: "2026-06-30" }, 12],
    [{ start: "2025-03-01", end: "2025-03-31" }, 1],
    [{ start: "2025-01-02", end: "2025-12-31" }, null],
    [{ start: "2025-01-01", end: "2025-12-30" }, null],
  ])("period %j has %j whole months", (period, expected) => {
    expect(wholeMonths(period)).toBe(expected);
  });

  it.each([
    [120_000, 12, 10_000],
    // 1 000,01 € / 12 = 83,3342 → 83,33
    [100_001, 12, 8_333],
    // 1 000,06 € / 12 = 83,338 → 83,34 (half-up)
    [100_006, 12, 8_334],
    [30_000, 6, 5_000],
  ])("next provision of %i over %i months → %i a month", (share, months, expected) => {
    expect(proposedMonthlyProvision(share, months)).toBe(expected);
  });
});

describe("loi 89-462 art. 23 al. 5: the décompte one month before the regularisation", () => {
  it.each([
    ["2026-03-15", "2026-04-15"],
    ["2026-01-31", "2026-02-28"],
    ["2028-01-31", "2028-02-29"],
  ])("sent %s → claimable from %s", (sentOn, expected) => {
    expect(earliestClaimOn(sentOn)).toBe(expected);
  });

  it.each([
    // a sum owed by the tenant waits the whole month
    [owes, "2026-03-15", "2026-04-14", false],
    [owes, "2026-03-15", "2026-04-15", true],
    // a credit is the tenant's money: refunded at once (the tenant's favour)
    [owed, "2026-03-15", "2026-03-15", true],
    [owed, "2026-03-15", "2026-03-14", false],
  ])("%j sent %s, confirmed %s → %s", (outcome, sentOn, on, expected) => {
    expect(mayConfirmOn(outcome, sentOn, on)).toBe(expected);
  });
});

describe("loi 89-462 art. 23 al. 6: supporting documents available six months after sending", () => {
  it.each([
    ["2026-03-15", "2026-09-15"],
    ["2026-08-31", "2027-02-28"],
  ])("sent %s → available until %s", (sentOn, expected) => {
    expect(supportingDocumentsAvailableUntil(sentOn)).toBe(expected);
  });
});

describe("loi 89-462 art. 23 al. 9: twelve instalments when regularised after the following year", () => {
  it.each([
    [year2025, "2026-12-31"],
    // a straddling period: its first year's charges were exigible in 2025, so 31/12/2026,
    // sooner than one year after its end (30/06/2027)
    [{ start: "2025-07-01", end: "2026-06-30" }, "2026-12-31"],
  ])("period %j → late after %s", (period, expected) => {
    expect(instalmentsThreshold(period)).toBe(expected);
  });

  it.each([
    ["2026-06-30", false],
    ["2026-12-31", false],
    ["2027-01-01", true],
    ["2028-06-01", true],
  ])("charges of 2025 claimed on %s → instalments offered: %s", (claimedOn, expected) => {
    expect(instalmentsOffered(year2025, claimedOn)).toBe(expected);
  });

  it.each([
    [120_000, Array(12).fill(10_000)],
    // 1 000,05 €: 83,33 × 3 then 83,34 × 9, the odd cents last
    [100_005, [...Array(3).fill(8_333), ...Array(9).fill(8_334)]],
    [5, [...Array(7).fill(0), ...Array(5).fill(1)]],
  ])("%i cents in twelve", (amount, expected) => {
    const plan = twelveInstalments(amount, "2027-02-01");
    expect(plan.map((i) => i.amountCents)).toEqual(expected);
    expect(plan.reduce((s, i) => s + i.amountCents, 0)).toBe(amount);
    expect(plan[0]!.dueOn).toBe("2027-02-01");
    expect(plan[11]!.dueOn).toBe("2028-01-01");
  });
});

describe("loi 89-462 art. 7-1: a claim older than three years is time-barred", () => {
  it("three years from the period's end", () => {
    expect(claimDeadline(year2025)).toBe("2028-12-31");
  });

  it.each([
    [owes, "2028-12-31", false],
    [owes, "2029-01-01", true],
    // prescription is the debtor's defence: a refund to the tenant is never refused
    [owed, "2030-01-01", false],
  ])("%j claimed on %s → time-barred: %s", (outcome, claimedOn, expected) => {
    expect(timeBarred(outcome, year2025, claimedOn)).toBe(expected);
  });
});
