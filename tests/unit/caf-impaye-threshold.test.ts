import { describe, expect, it } from "vitest";
import { monthlyAmountDueByTenant, unpaidRentThreshold } from "../../server/modules/ledger/ledger.rules";

// Aides personnelles au logement (CCH R.824-1 and following): the impayé is constituted when the
// debt reaches twice the monthly amount due by the tenant, NET of the benefit when the benefit is
// paid to the landlord or operator (tiers payant), gross otherwise; report to the CAF within 2 months.
describe("monthly amount the impayé threshold is counted on", () => {
  it.each([
    ["tiers payant: rent + charges − benefit", 45_000, 5_000, 30_000, true, 20_000],
    ["benefit paid to the tenant: gross", 45_000, 5_000, 30_000, false, 50_000],
    ["no benefit", 40_000, 5_000, 0, true, 45_000],
    ["benefit covering everything: nothing owed, never below zero", 30_000, 0, 35_000, true, 0],
  ])("%s", (_case, rentCents, chargesCents, housingBenefitCents, benefitPaidToOperator, expected) => {
    expect(
      monthlyAmountDueByTenant({ rentCents, chargesCents, housingBenefitCents, benefitPaidToOperator }),
    ).toBe(expected);
  });
});

describe("impayé in tiers payant (worked example)", () => {
  // rent 450 + charges 50, benefit 300 paid to the operator: the tenant owes 200 €/month, unpaid from June
  const monthly = monthlyAmountDueByTenant({
    rentCents: 45_000,
    chargesCents: 5_000,
    housingBenefitCents: 30_000,
    benefitPaidToOperator: true,
  });
  const calls = ["2026-06-01", "2026-07-01", "2026-08-01", "2026-09-01", "2026-10-01"].map((on) => ({
    on,
    amountCents: 20_000,
  }));

  it("constituted at 400 € on 1 July, CAF report due by 1 September", () => {
    expect(unpaidRentThreshold(calls.slice(0, 2), monthly)).toEqual({
      thresholdCents: 40_000,
      debtCents: 40_000,
      reachedOn: "2026-07-01",
      cafReportDueOn: "2026-09-01",
    });
  });

  it("not 1 000 € on 1 October (the gross reading) — it stays constituted from 1 July", () => {
    expect(unpaidRentThreshold(calls, monthly).reachedOn).toBe("2026-07-01");
    expect(unpaidRentThreshold(calls.slice(0, 1), monthly).reachedOn).toBeNull();
  });
});
