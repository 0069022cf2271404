/**
 * IML cost rules, pure. Rent complement (cahier des charges §8.11, §9.4: the residual rent must
 * not exceed 30 % of the person's resources; the programme pays what exceeds it).
 */
import type { MonthlyResources } from "../../../db/schema/persons";
import { type IsoDate, lastDayOfMonth } from "../../lib/dates";
import type { Cents } from "../../lib/money";
import { coveredDays, monthStart, periodDays, prorate } from "../ledger/ledger.rules";
import { residualRent, totalResources } from "../matching/residual-rent.rules";

/**
 * The monthly complement the programme pays, by the one residual-rent rule that matching and
 * panels use (matching/residual-rent.rules.ts): max(0, residual − ceiling × resources), the
 * ceiling being the organisation's residualRentCeilingBasisPoints (3000 = 30 %), rounded down in
 * the person's favour. Resources that are not whole cents are refused, never counted as 0.
 */
export function rentComplement(input: {
  rentCents: Cents;
  chargesCents: Cents;
  housingBenefitCents: Cents;
  resources: Partial<MonthlyResources> | null | undefined;
  ceilingBasisPoints: number;
}): { residualCents: Cents; affordableCents: Cents; complementCents: Cents } {
  const rule = residualRent({
    rentCents: input.rentCents,
    chargesCents: input.chargesCents,
    housingBenefitCents: input.housingBenefitCents,
    resourcesCents: totalResources((input.resources ?? {}) as Record<string, number>),
    ceilingBasisPoints: input.ceilingBasisPoints,
  });
  return {
    residualCents: rule.residualCents,
    affordableCents: rule.ceilingCents,
    complementCents: rule.complementCents,
  };
}

/**
 * The complement of one calendar month for a lease: the monthly complement prorated to the days the
 * lease covers in the month (entry and exit months), as the rent called for those days is
 * (loi 89-462 art. 7: rent is owed for the days of occupation only). Rounded half-up, in the
 * person's favour.
 */
export function rentComplementForMonth(
  input: Parameters<typeof rentComplement>[0] & {
    month: string;
    leaseStart: IsoDate;
    leaseEnd: IsoDate | null;
  },
): {
  residualCents: Cents;
  affordableCents: Cents;
  complementCents: Cents;
  coveredDays: number;
  monthDays: number;
} {
  const monthly = rentComplement(input);
  const month = { start: monthStart(input.month), end: lastDayOfMonth(monthStart(input.month)) };
  const days = coveredDays(month, input.leaseStart, input.leaseEnd);
  const total = periodDays(month);
  return {
    ...monthly,
    complementCents: prorate(monthly.complementCents, days, total),
    coveredDays: days,
    monthDays: total,
  };
}

/** Actual vs budget per category: remaining (negative when over budget) and consumption in basis points. */
export function budgetConsumption(actualCents: Cents, budgetCents: Cents | null) {
  return {
    actualCents,
    budgetCents,
    remainingCents: budgetCents === null ? null : budgetCents - actualCents,
    consumedBasisPoints: budgetCents ? Math.round((actualCents * 10_000) / budgetCents) : null,
  };
}
