import { describe, expect, it } from "vitest";
import { pgArray } from "../../server/modules/ledger/ledger.queries";
import {
  guaranteeHeadroom,
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
