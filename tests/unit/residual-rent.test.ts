import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  residualRent,
  splitInHalves,
  totalResources,
} from "../../server/modules/matching/residual-rent.rules";

// cahier des charges §8.11 / §9.4: residual = rent + charges − benefit ≤ 30% of resources
describe("residual rent and the 30% rule", () => {
  const base = { ceilingBasisPoints: 3000 };
  it.each([
    // rent, charges, benefit, resources → residual, ceiling, complement, effort bp
    {
      rent: 50_000,
      charges: 5_000,
      benefit: 30_000,
      resources: 100_000,
      residual: 25_000,
      ceiling: 30_000,
      complement: 0,
      effort: 2500,
    },
    {
      rent: 60_000,
      charges: 8_000,
      benefit: 20_000,
      resources: 100_000,
      residual: 48_000,
      ceiling: 30_000,
      complement: 18_000,
      effort: 4800,
    },
    // exactly at the ceiling: no complement
    {
      rent: 40_000,
      charges: 0,
      benefit: 10_000,
      resources: 100_000,
      residual: 30_000,
      ceiling: 30_000,
      complement: 0,
      effort: 3000,
    },
    // ceiling rounded down in the tenant's favour: 30% of 607,33 € = 182,199 € → 182,19 €
    {
      rent: 20_000,
      charges: 0,
      benefit: 1_780,
      resources: 60_733,
      residual: 18_220,
      ceiling: 18_219,
      complement: 1,
      effort: 3000,
    },
    // benefit above rent + charges: residual 0, never negative
    {
      rent: 30_000,
      charges: 2_000,
      benefit: 35_000,
      resources: 56_500,
      residual: 0,
      ceiling: 16_950,
      complement: 0,
      effort: 0,
    },
    // zero resources: ceiling 0, the programme pays the whole residual, effort rate undefined
    {
      rent: 45_000,
      charges: 5_000,
      benefit: 38_000,
      resources: 0,
      residual: 12_000,
      ceiling: 0,
      complement: 12_000,
      effort: null,
    },
    // zero resources and benefit covering everything: nothing to pay
    {
      rent: 30_000,
      charges: 0,
      benefit: 30_000,
      resources: 0,
      residual: 0,
      ceiling: 0,
      complement: 0,
      effort: null,
    },
  ])("rent $rent + charges $charges − benefit $benefit, resources $resources", (row) => {
    const result = residualRent({
      ...base,
      rentCents: row.rent,
      chargesCents: row.charges,
      housingBenefitCents: row.benefit,
      resourcesCents: row.resources,
    });
    expect(result.residualCents).toBe(row.residual);
    expect(result.ceilingCents).toBe(row.ceiling);
    expect(result.complementCents).toBe(row.complement);
    expect(result.effortRateBasisPoints).toBe(row.effort);
    expect(result.tenantShareCents).toBe(row.residual - row.complement);
    expect(result.aboveCeiling).toBe(row.complement > 0);
    expect(result.noResources).toBe(row.resources === 0);
  });

  it("reports the benefit surplus instead of a negative residual", () => {
    const result = residualRent({
      ...base,
      rentCents: 30_000,
      chargesCents: 2_000,
      housingBenefitCents: 35_000,
      resourcesCents: 50_000,
    });
    expect(result.benefitSurplusCents).toBe(3_000);
    expect(result.residualCents).toBe(0);
  });

  it("uses the organisation's ceiling parameter", () => {
    const result = residualRent({
      ceilingBasisPoints: 2500,
      rentCents: 40_000,
      chargesCents: 0,
      housingBenefitCents: 10_000,
      resourcesCents: 100_000,
    });
    expect(result.ceilingCents).toBe(25_000);
    expect(result.complementCents).toBe(5_000);
    expect(result.tenantEffortRateBasisPoints).toBe(2500);
  });

  it("judges a fortnightly lease on the monthly amounts and splits them into two exact halves", () => {
    const monthly = residualRent({
      ...base,
      rentCents: 60_001,
      chargesCents: 8_000,
      housingBenefitCents: 20_000,
      resourcesCents: 100_000,
    });
    const fortnightly = residualRent({
      ...base,
      rentCents: 60_001,
      chargesCents: 8_000,
      housingBenefitCents: 20_000,
      resourcesCents: 100_000,
      paymentFrequency: "fortnightly",
    });
    expect(fortnightly.complementCents).toBe(monthly.complementCents);
    expect(fortnightly.residualCents).toBe(48_001);
    expect(fortnightly.periods).toEqual([
      { residualCents: 24_000, complementCents: 9_000, tenantShareCents: 15_000 },
      { residualCents: 24_001, complementCents: 9_001, tenantShareCents: 15_000 },
    ]);
    expect(monthly.periods).toHaveLength(1);
  });

  it("refuses floats and negative amounts", () => {
    expect(() =>
      residualRent({ ...base, rentCents: 100.5, chargesCents: 0, housingBenefitCents: 0, resourcesCents: 1 }),
    ).toThrow(RangeError);
    expect(() =>
      residualRent({ ...base, rentCents: -1, chargesCents: 0, housingBenefitCents: 0, resourcesCents: 1 }),
    ).toThrow(RangeError);
    expect(() =>
      residualRent({
        ceilingBasisPoints: 12_000,
        rentCents: 1,
        chargesCents: 0,
        housingBenefitCents: 0,
        resourcesCents: 1,
      }),
    ).toThrow(RangeError);
  });

  it("never lets the tenant's share exceed the ceiling, and halves always add up (property)", () => {
    const cents = fc.integer({ min: 0, max: 500_000 });
    fc.assert(
      fc.property(
        cents,
        cents,
        cents,
        cents,
        fc.integer({ min: 0, max: 10_000 }),
        (rent, charges, benefit, resources, bp) => {
          const r = residualRent({
            rentCents: rent,
            chargesCents: charges,
            housingBenefitCents: benefit,
            resourcesCents: resources,
            ceilingBasisPoints: bp,
            paymentFrequency: "fortnightly",
          });
          expect(r.tenantShareCents).toBeLessThanOrEqual(r.ceilingCents);
          expect(r.tenantShareCents * 10_000).toBeLessThanOrEqual(resources * bp);
          expect(r.tenantShareCents + r.complementCents).toBe(r.residualCents);
          expect(r.periods.reduce((sum, p) => sum + p.residualCents, 0)).toBe(r.residualCents);
          expect(r.periods.reduce((sum, p) => sum + p.complementCents, 0)).toBe(r.complementCents);
        },
      ),
    );
  });

  it("splits odd amounts and totals resources by kind", () => {
    expect(splitInHalves(101)).toEqual([50, 51]);
    expect(totalResources({ rsa: 60_733, aah: 0, wages: 12_000, pension: 0, other: 500 })).toBe(73_233);
  });
});
