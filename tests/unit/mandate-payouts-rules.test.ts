import { describe, expect, it } from "vitest";
import { pgArray } from "../../server/modules/ledger/ledger.queries";
import {
  guaranteeHeadroom,
  guaranteeRecovery,
  settleMandateMonth,
  signedLine,
} from "../../server/modules/ledger/mandate-payouts.rules";

describe("mandate month settlement", () => {
  it.each([
    // collected, fee bp, guarantee → fee, net
    [55_000, 700, 0, 3_850, 51_150],
    [33_333, 750, 0, 2_500, 30_833], // 2 499.975 → 2 500 (half-up)
    [0, 700, 45_000, 0, 45_000], // nothing collected, the guarantee paid the month
    [-10_000, 700, 0, 0, -10_000], // a refund larger than the month's receipts: no fee
    [10_000, 0, 0, 0, 10_000],
  ])("collected %i at %i bp, guarantee %i → fee %i, net %i", (collected, bp, guarantee, fee, net) => {
    const s = settleMandateMonth({
      collectedCents: collected,
      feeBasisPoints: bp,
      guaranteeCents: guarantee,
      rentCents: 50_000,
      chargesCents: 5_000,
    });
    expect(s.feeCents).toBe(fee);
    expect(s.netCents).toBe(net);
    expect(s.rentPartCents + s.chargesPartCents).toBe(collected);
  });

  it("splits what was collected back into rent and charges pro rata of the lease", () => {
    const s = settleMandateMonth({
      collectedCents: 55_000,
      feeBasisPoints: 700,
      guaranteeCents: 0,
      rentCents: 50_000,
      chargesCents: 5_000,
    });
    expect([s.rentPartCents, s.chargesPartCents]).toEqual([50_000, 5_000]);
  });
});

describe("guarantee recovery (subrogation, C. civ. art. 1346 and 1346-3)", () => {
  it.each([
    // called, collected, guarantee paid, already recovered, collected in the month → recovered
    [110_000, 55_000, 110_000, 0, 55_000, 55_000, "both months guaranteed: the repayment goes back"],
    [165_000, 110_000, 110_000, 55_000, 55_000, 0, "the month's own rent paid: the landlord's"],
    [165_000, 130_000, 110_000, 55_000, 75_000, 20_000, "rent + 200 € of plan: the 200 € go back"],
    [275_000, 75_000, 165_000, 0, 75_000, 0, "guarantee capped: the landlord's unpaid 1 100 € first"],
    [275_000, 200_000, 165_000, 0, 200_000, 90_000, "beyond the landlord's 1 100 €: recovered"],
    [110_000, 200_000, 110_000, 0, 200_000, 110_000, "never more than the guarantee paid"],
    [110_000, 55_000, 0, 0, 55_000, 0, "no guarantee paid: nothing to recover"],
    [110_000, 100_000, 110_000, 100_000, -10_000, 0, "a refund is not taken back"],
  ])(
    "called %i, collected %i, guarantee %i, recovered before %i, month %i → %i (%s)",
    (called, collected, guarantee, already, inMonth, expected) => {
      expect(
        guaranteeRecovery({
          calledCents: called,
          collectedCents: collected,
          guaranteePaidCents: guarantee,
          alreadyRecoveredCents: already,
          collectedInMonthCents: inMonth,
        }),
      ).toBe(expected);
    },
  );

  it("takes the recovered part out of what is handed over, fee included", () => {
    const s = settleMandateMonth({
      collectedCents: 75_000,
      recoveredCents: 20_000,
      feeBasisPoints: 800,
      guaranteeCents: 0,
      rentCents: 50_000,
      chargesCents: 5_000,
    });
    expect(s).toMatchObject({ recoveredCents: 20_000, feeCents: 4_400, netCents: 50_600 });
    expect(s.rentPartCents + s.chargesPartCents).toBe(75_000);
  });
});

describe("guarantee headroom (pack sécurisation)", () => {
  it.each([
    [300_000, 6, 55_000, 0, 300_000], // ceiling below 6 months of rent
    [600_000, 6, 55_000, 0, 330_000], // 6 months of rent below the ceiling
    [300_000, 6, 55_000, 250_000, 50_000],
    [300_000, 6, 55_000, 320_000, 0],
  ])("ceiling %i, %i months of %i, %i already paid → %i", (ceiling, months, monthly, paid, headroom) => {
    expect(
      guaranteeHeadroom({
        ceilingCents: ceiling,
        months,
        monthlyRentAndChargesCents: monthly,
        alreadyPaidCents: paid,
      }),
    ).toBe(headroom);
  });
});

describe("signed lines", () => {
  it("puts a negative amount on the other side", () => {
    expect(signedLine("a", 100, "debit")).toMatchObject({ debitCents: 100, creditCents: 0 });
    expect(signedLine("a", -100, "debit")).toMatchObject({ debitCents: 0, creditCents: 100 });
    expect(signedLine("a", -100, "credit")).toMatchObject({ debitCents: 100, creditCents: 0 });
  });
});

describe("pgArray (bulk inserts through unnest)", () => {
  it("quotes and escapes every element, NULL stays NULL", () => {
    expect(pgArray(["a", null, 12, 'Facture "A\\B", {x}'])).toBe(
      '{"a",NULL,"12","Facture \\"A\\\\B\\", {x}"}',
    );
  });
});
