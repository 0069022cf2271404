/**
 * IML cost rules, pure. Rent complement (cahier des charges §8.11, §9.4: the residual rent must
 * not exceed 30 % of the person's resources; the programme pays what exceeds it).
 */
import type { MonthlyResources } from "../../../db/schema/persons";
import { type IsoDate, lastDayOfMonth } from "../../lib/dates";
import { applyBasisPoints, type Cents } from "../../lib/money";
import { coveredDays, monthStart, periodDays, prorate } from "../ledger/ledger.rules";

/** Reste à charge: rent + charges − housing benefit, never below 0. */
export function residualRent(rentCents: Cents, chargesCents: Cents, housingBenefitCents: Cents): Cents {
  return Math.max(0, rentCents + chargesCents - housingBenefitCents);
}

export function totalResources(resources: Partial<MonthlyResources> | null | undefined): Cents {
  return Object.values(resources ?? {}).reduce<number>((sum, value) => sum + (Number(value) || 0), 0);
}

/**
 * The monthly complement the programme pays: max(0, residual − ceiling × resources), the ceiling
 * being the organisation's residualRentCeilingBasisPoints (3000 = 30 %). The affordable part is
 * rounded down, in the person's favour.
 */
export function rentComplement(input: {
  rentCents: Cents;
  chargesCents: Cents;
  housingBenefitCents: Cents;
  resources: Partial<MonthlyResources> | null | undefined;
  ceilingBasisPoints: number;
}): { residualCents: Cents; affordableCents: Cents; complementCents: Cents } {
  const residualCents = residualRent(input.rentCents, input.chargesCents, input.housingBenefitCents);
  const affordableCents = applyBasisPoints(
    totalResources(input.resources),
    input.ceilingBasisPoints,
    "floor",
  );
  return { residualCents, affordableCents, complementCents: Math.max(0, residualCents - affordableCents) };
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
