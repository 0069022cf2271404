import { describe, expect, it } from "vitest";
import {
  PARAMETER_KEYS,
  type ParameterKey,
  type ParameterRow,
  type Scale,
  annualResourcesCents,
  benefitFigure,
  estimateHousingBenefit,
  benefitUpperBound,
  estimateUpperBound,
  scaleOn,
} from "../../server/modules/housing-benefit/housing-benefit.rules";

/**
 * The barème in force on 1 October 2025 (arrêté du 27 septembre 2019 as amended by the arrêté du
 * 5 septembre 2025, JORFTEXT000052212770; R0 by the arrêté du 30 décembre 2024): the same values
 * the migration ships, written out here so the cases below can be checked by hand.
 */
const SCALE_2025_10: Scale = {
  // art. 7: plafonds de loyer (personne seule, couple, une personne à charge, par personne en plus)
  "plafond.I.single": 33314,
  "plafond.I.couple": 40178,
  "plafond.I.one_dependant": 45410,
  "plafond.I.per_extra_dependant": 6589,
  "plafond.II.single": 29034,
  "plafond.II.couple": 35538,
  "plafond.II.one_dependant": 39989,
  "plafond.II.per_extra_dependant": 5821,
  "plafond.III.single": 27212,
  "plafond.III.couple": 32988,
  "plafond.III.one_dependant": 36988,
  "plafond.III.per_extra_dependant": 5301,
  // art. 9: forfait charges 60,59 € + 13,74 € par personne à charge
  "charges.base": 6059,
  "charges.per_dependant": 1374,
  // art. 13: P0 = max(8,5 % × (L + C), 39,56 €)
  "p0.minimum": 3956,
  "p0.rate": 85000,
  // art. 14, 1°: TF
  "tf.single": 28300,
  "tf.couple": 31500,
  "tf.dependants_1": 27000,
  "tf.dependants_2": 23800,
  "tf.dependants_3": 20100,
  "tf.dependants_4": 18500,
  "tf.dependants_5": 17900,
  "tf.dependants_6": 17300,
  "tf.per_extra_dependant": -600,
  // art. 14, 2°: TL bands of RL (0 % < 45 %, 0,45 % 45–75 %, 0,68 % > 75 %) and LR (= zone II)
  "tl.threshold_1": 450000,
  "tl.threshold_2": 750000,
  "tl.rate_1": 0,
  "tl.rate_2": 4500,
  "tl.rate_3": 6800,
  "lr.single": 29034,
  "lr.couple": 35538,
  "lr.one_dependant": 39989,
  "lr.per_extra_dependant": 5821,
  // art. 15: R0 (annual)
  "r0.single": 523500,
  "r0.couple": 750100,
  "r0.dependants_1": 894700,
  "r0.dependants_2": 914800,
  "r0.dependants_3": 949800,
  "r0.dependants_4": 985100,
  "r0.dependants_5": 1020200,
  "r0.dependants_6": 1055400,
  "r0.per_extra_dependant": 34600,
  // art. 10: dégressivité (× plafond)
  "degressivity.I.start": 3400000,
  "degressivity.I.end": 4000000,
  "degressivity.II.start": 2500000,
  "degressivity.II.end": 3100000,
  "degressivity.III.start": 2500000,
  "degressivity.III.end": 3100000,
  // art. 11 and 12
  "reduction.flat": 500,
  "threshold.al": 1000,
};

const noIncome = { rsa: 0, aah: 0, wages: 0, pension: 0, other: 0 };

describe("housing benefit estimate (CCH D. 823-16, D. 823-17; arrêté du 27/09/2019)", () => {
  // Each expected amount is computed by hand from the barème above; see the working in `why`.
  it.each([
    {
      why: "single, zone II, rent 450 €, RSA only: L 290,34 + C 60,59 − P0 39,56 = 311,37; − 5 = 306,37",
      rentCents: 45000,
      zone: "II" as const,
      household: { adults: 1, children: 0 },
      resources: { ...noIncome, rsa: 60000 },
      expected: 30637,
    },
    {
      why: "AAH is not taxable income either: same as RSA",
      rentCents: 45000,
      zone: "II" as const,
      household: { adults: 1, children: 0 },
      resources: { ...noIncome, aah: 100000 },
      expected: 30637,
    },
    {
      why: "single, zone I, rent 400 €, wages 1 000 €/month: R 12 000, R0 5 235; RL 114,74 % → TL 0,405 %, Tp 3,235 %; Pp 39,56 + 218,85 = 258,41; 393,73 − 258,41 − 5 = 130,32",
      rentCents: 40000,
      zone: "I" as const,
      household: { adults: 1, children: 0 },
      resources: { ...noIncome, wages: 100000 },
      expected: 13032,
    },
    {
      why: "couple with two children, zone III, rent 600 €, wages 1 800 €/month: L 422,89, C 88,07, P0 43,43 (8,5 %); RL 92,31 % → TL 0,253 %, Tp 2,633 %; R 21 600 − R0 9 148; Pp 371,29; 510,96 − 371,29 − 5 = 134,67",
      rentCents: 60000,
      zone: "III" as const,
      household: { adults: 2, children: 2 },
      resources: { ...noIncome, wages: 180000 },
      expected: 13467,
    },
    {
      why: "single, zone II, R 14 800 (1 233,33 €/month rounded up): 311,37 − 299,86 = 11,51; − 5 = 6,51 < 10 € threshold → 0",
      rentCents: 40000,
      zone: "II" as const,
      household: { adults: 1, children: 0 },
      resources: { ...noIncome, wages: 123333 },
      expected: 0,
    },
    {
      why: "single, zone II, wages 1 500 €/month: Pp 439,74 above L + C → 0",
      rentCents: 40000,
      zone: "II" as const,
      household: { adults: 1, children: 0 },
      resources: { ...noIncome, wages: 150000 },
      expected: 0,
    },
    {
      why: "single, zone II, rent 800 € above 2,5 × 290,34 = 725,85: 311,37 × (900,05 − 800) / (900,05 − 725,85) = 178,83; − 5 = 173,83",
      rentCents: 80000,
      zone: "II" as const,
      household: { adults: 1, children: 0 },
      resources: noIncome,
      expected: 17383,
    },
    {
      why: "single, zone II, rent 950 € above 3,1 × the plafond: nothing",
      rentCents: 95000,
      zone: "II" as const,
      household: { adults: 1, children: 0 },
      resources: noIncome,
      expected: 0,
    },
  ])("$why", ({ rentCents, zone, household, resources, expected }) => {
    const estimate = estimateHousingBenefit({ rentCents, zone, household, resources }, SCALE_2025_10);
    expect(estimate.computable).toBe(true);
    expect(Math.abs(estimate.amountCents - expected)).toBeLessThanOrEqual(100);
  });

  it("shows its working: L, C, P0, RL, Tp and Pp of the zone I case", () => {
    const estimate = estimateHousingBenefit(
      {
        rentCents: 40000,
        zone: "I",
        household: { adults: 1, children: 0 },
        resources: { ...noIncome, wages: 100000 },
      },
      SCALE_2025_10,
    );
    if (!estimate.computable) throw new Error("expected an estimate");
    expect(estimate.detail).toMatchObject({
      retainedRentCents: 33314,
      chargesFlatCents: 6059,
      p0Cents: 3956,
      rentRatioHundredthsOfPercent: 11474,
      participationRateThousandthsOfPercent: 3235,
      annualResourcesCents: 1200000,
      abatementCents: 523500,
    });
  });

  it("cannot be computed without the commune's zone, and says so", () => {
    const estimate = estimateHousingBenefit(
      { rentCents: 45000, zone: null, household: { adults: 1, children: 0 }, resources: noIncome },
      SCALE_2025_10,
    );
    expect(estimate).toMatchObject({ computable: false, reason: "zone_unknown", amountCents: 0 });
    expect(benefitFigure(null, estimate)).toEqual({
      cents: 0,
      basis: "unavailable",
      unavailableReason: "zone_unknown",
    });
  });

  it("the CAF's notified amount wins over the estimate", () => {
    const estimate = estimateHousingBenefit(
      { rentCents: 45000, zone: "II", household: { adults: 1, children: 0 }, resources: noIncome },
      SCALE_2025_10,
    );
    expect(benefitFigure({ cents: 25000 }, estimate)).toEqual({
      cents: 25000,
      basis: "notified",
      unavailableReason: null,
    });
    expect(benefitFigure(null, estimate).basis).toBe("estimate");
  });

  it("R is twelve months of taxable resources rounded up to the next 100 €", () => {
    expect(annualResourcesCents({ ...noIncome, wages: 100000 })).toBe(1200000);
    expect(annualResourcesCents({ ...noIncome, wages: 123333 })).toBe(1480000);
    expect(annualResourcesCents({ ...noIncome, pension: 80001, rsa: 50000 })).toBe(960100 + 9900);
  });

  it("the upper bound is never below a flat's estimate, in its zone and for its rent", () => {
    for (const zone of ["I", "II", "III"] as const) {
      for (const rentCents of [5000, 20000, 26000, 35000, 50000, 80000, 120000]) {
        for (const resources of [
          noIncome,
          { ...noIncome, rsa: 64652 },
          { ...noIncome, wages: 80000 },
          { ...noIncome, wages: 150000 },
        ]) {
          for (const household of [
            { adults: 1, children: 0 },
            { adults: 2, children: 0 },
            { adults: 1, children: 1 },
            { adults: 2, children: 3 },
          ]) {
            const estimate = estimateHousingBenefit({ rentCents, zone, household, resources }, SCALE_2025_10);
            const bound = estimateUpperBound(household, resources, SCALE_2025_10)!;
            expect(benefitUpperBound(bound, { rentCents, zone })).toBeGreaterThanOrEqual(
              estimate.amountCents,
            );
          }
        }
      }
    }
  });

  it("the upper bound follows the flat: its zone's plafond, its rent below it, nothing without a zone", () => {
    const household = { adults: 1, children: 0 };
    const resources = { ...noIncome, rsa: 64652 };
    const bound = estimateUpperBound(household, resources, SCALE_2025_10)!;
    const [zoneI, zoneIII] = [bound.plafondByZone.I, bound.plafondByZone.III];
    expect(zoneI).toBeGreaterThan(zoneIII);
    const dear = (zone: "I" | "III") => benefitUpperBound(bound, { rentCents: 100000, zone });
    expect(dear("I") - dear("III")).toBe(zoneI - zoneIII);
    // a rent below the plafond bounds L (D. 823-16: L is the rent within the plafond)
    expect(benefitUpperBound(bound, { rentCents: zoneIII - 5000, zone: "III" })).toBe(dear("III") - 5000);
    // no zone, no estimate (benefitFigure gives 0)
    expect(benefitUpperBound(bound, { rentCents: 100000, zone: null })).toBe(0);
    expect(estimateUpperBound(household, resources, null)).toBeNull();
  });
});

describe("the dated barème", () => {
  const shipped = (key: ParameterKey, effectiveFrom: string, value: number): ParameterRow => ({
    key,
    effectiveFrom,
    value,
    ownRow: false,
  });
  const full = PARAMETER_KEYS.map((key) => shipped(key, "2025-10-01", SCALE_2025_10[key]));

  it("takes the latest row dated on or before the day", () => {
    const rows = [...full, shipped("charges.base", "2026-10-01", 7000)];
    expect(scaleOn(rows, "2026-09-30").scale?.["charges.base"]).toBe(6059);
    expect(scaleOn(rows, "2026-10-01").scale?.["charges.base"]).toBe(7000);
  });

  it("an admin's row of the same date wins over the shipped one", () => {
    const rows = [...full, { ...shipped("p0.minimum", "2025-10-01", 4000), ownRow: true }];
    expect(scaleOn(rows, "2025-12-01").scale?.["p0.minimum"]).toBe(4000);
  });

  it("before the first dated row the barème is incomplete: nothing is guessed", () => {
    const result = scaleOn(full, "2025-09-30");
    expect(result.scale).toBeNull();
    expect(result.missing).toContain("plafond.I.single");
    const estimate = estimateHousingBenefit(
      { rentCents: 45000, zone: "II", household: { adults: 1, children: 0 }, resources: noIncome },
      result.scale,
      result.missing,
    );
    expect(estimate).toMatchObject({ computable: false, reason: "scale_incomplete" });
  });
});
