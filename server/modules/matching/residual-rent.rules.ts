import { type Cents, assertCents, applyBasisPoints, divideRounded } from "../../lib/money";

/**
 * The residual-rent rule (cahier des charges §8.11 and §9.4): the rent left to the tenant
 * ("reste à charge": rent + charges − housing benefit) must not exceed 30% of their resources
 * (the percentage is the organisation parameter `residualRentCeilingBasisPoints`, 3000 = 30%).
 * Above the ceiling the programme pays a rent complement ("complément de loyer"), an IML cost.
 *
 * Reference period and rounding (all integer cents, no floats):
 * - every input is a MONTHLY amount; the rule is judged on monthly amounts. A fortnightly lease
 *   (seed 000: paying every 15 days must be possible) pays two half-month periods per month; the
 *   half-month amounts are derived from the monthly result, never the other way round;
 * - residual = max(0, rent + charges − benefit): a benefit above rent + charges leaves nothing to pay
 *   (the surplus is reported, never turned into a negative rent);
 * - ceiling = resources × ceiling rate, rounded DOWN to the cent, so the tenant never pays a cent
 *   above the percentage (the rounding goes in the tenant's favour, the complement absorbs it);
 * - complement = max(0, residual − ceiling); tenant share = residual − complement;
 * - effort rate = residual / resources in basis points, rounded half-up (display only, never used
 *   to compute money); with zero resources it is undefined (null): the ceiling is 0 and the
 *   programme pays the whole residual as complement;
 * - half-month split: first half rounded down, second half gets the remainder, so the two
 *   periods always add up to the monthly amount exactly.
 */
export type PaymentFrequency = "monthly" | "fortnightly";

export type ResidualRentInput = {
  rentCents: Cents;
  chargesCents: Cents;
  housingBenefitCents: Cents;
  /** monthly resources of the household, all kinds together */
  resourcesCents: Cents;
  /** organisation parameter: 3000 = 30% */
  ceilingBasisPoints: number;
  paymentFrequency?: PaymentFrequency;
};

export type PeriodAmounts = {
  residualCents: Cents;
  complementCents: Cents;
  tenantShareCents: Cents;
};

export type ResidualRent = {
  /** rent + charges */
  grossCents: Cents;
  residualCents: Cents;
  /** benefit above rent + charges (never a negative residual) */
  benefitSurplusCents: Cents;
  ceilingCents: Cents;
  complementCents: Cents;
  /** what the tenant pays per month once the programme's complement is deducted */
  tenantShareCents: Cents;
  /** residual / resources (basis points, half-up); null when resources are zero */
  effortRateBasisPoints: number | null;
  /** tenant share / resources (basis points, half-up); null when resources are zero */
  tenantEffortRateBasisPoints: number | null;
  ceilingBasisPoints: number;
  /** residual > ceiling: the 30% rule needs a complement */
  aboveCeiling: boolean;
  noResources: boolean;
  paymentFrequency: PaymentFrequency;
  /** the amounts of each payment period: one month, or two half-months for a fortnightly lease */
  periods: PeriodAmounts[];
};

export function splitInHalves(cents: Cents): [Cents, Cents] {
  const first = divideRounded(cents, 2, "floor");
  return [first, cents - first];
}

export function residualRent(input: ResidualRentInput): ResidualRent {
  const rent = assertCents(input.rentCents, "rentCents");
  const charges = assertCents(input.chargesCents, "chargesCents");
  const benefit = assertCents(input.housingBenefitCents, "housingBenefitCents");
  const resources = assertCents(input.resourcesCents, "resourcesCents");
  if (rent < 0 || charges < 0 || benefit < 0 || resources < 0) {
    throw new RangeError("residual rent inputs are non-negative monthly amounts");
  }
  const bp = input.ceilingBasisPoints;
  if (!Number.isInteger(bp) || bp < 0 || bp > 10_000) {
    throw new RangeError(`ceiling must be 0–10000 basis points, got ${bp}`);
  }
  const paymentFrequency = input.paymentFrequency ?? "monthly";

  const gross = rent + charges;
  const residual = Math.max(0, gross - benefit);
  const benefitSurplus = Math.max(0, benefit - gross);
  const ceiling = applyBasisPoints(resources, bp, "floor");
  const complement = Math.max(0, residual - ceiling);
  const tenantShare = residual - complement;
  const noResources = resources === 0;
  const rate = (cents: Cents) => (noResources ? null : divideRounded(cents * 10_000, resources, "half-up"));

  let periods: PeriodAmounts[];
  if (paymentFrequency === "monthly") {
    periods = [{ residualCents: residual, complementCents: complement, tenantShareCents: tenantShare }];
  } else {
    const [r1, r2] = splitInHalves(residual);
    const [c1, c2] = splitInHalves(complement);
    periods = [
      { residualCents: r1, complementCents: c1, tenantShareCents: r1 - c1 },
      { residualCents: r2, complementCents: c2, tenantShareCents: r2 - c2 },
    ];
  }

  return {
    grossCents: gross,
    residualCents: residual,
    benefitSurplusCents: benefitSurplus,
    ceilingCents: ceiling,
    complementCents: complement,
    tenantShareCents: tenantShare,
    effortRateBasisPoints: rate(residual),
    tenantEffortRateBasisPoints: rate(tenantShare),
    ceilingBasisPoints: bp,
    aboveCeiling: complement > 0,
    noResources,
    paymentFrequency,
    periods,
  };
}

/** Monthly resources by kind (RSA, AAH, wages, pension, other) added up. */
export function totalResources(resources: Record<string, number>): Cents {
  let total = 0;
  for (const value of Object.values(resources)) total += assertCents(value, "resources");
  return total;
}
