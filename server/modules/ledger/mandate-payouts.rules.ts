/**
 * Mandate money, pure (mandat de gestion, loi Hoguet: the agency collects rent and charges for
 * the landlord, keeps its management fee and pays the rest out; the pack sécurisation guarantee
 * pays the landlord when the tenant does not).
 */
import { applyBasisPoints, type Cents, divideRounded } from "../../lib/money";
import type { EntryLine } from "./ledger.rules";

export type MandateSettlement = {
  collectedCents: Cents;
  /** the part of the collected money that goes back to the guarantee (subrogation), not to the landlord */
  recoveredCents: Cents;
  feeCents: Cents;
  guaranteeCents: Cents;
  netCents: Cents;
  /** the collected amount split back into rent (706) and charges (708), pro rata of the lease */
  rentPartCents: Cents;
  chargesPartCents: Cents;
};

/**
 * The month of a mandate: the part of the collected money recovered for the guarantee
 * (guaranteeRecovery) is kept; fee = what is handed over × fee basis points, rounded half-up to the
 * cent (none on a negative month, i.e. more refunded than collected); net = collected − recovered −
 * fee + guarantee.
 */
export function settleMandateMonth(input: {
  collectedCents: Cents;
  recoveredCents?: Cents;
  feeBasisPoints: number;
  guaranteeCents: Cents;
  rentCents: Cents;
  chargesCents: Cents;
}): MandateSettlement {
  const { collectedCents, feeBasisPoints, guaranteeCents, rentCents, chargesCents } = input;
  const recoveredCents = Math.max(0, Math.min(input.recoveredCents ?? 0, collectedCents));
  const handedOver = collectedCents - recoveredCents;
  const feeCents = handedOver > 0 ? applyBasisPoints(handedOver, feeBasisPoints, "half-up") : 0;
  const total = rentCents + chargesCents;
  const sign = collectedCents < 0 ? -1 : 1;
  const chargesPartCents =
    total > 0 ? sign * divideRounded(Math.abs(collectedCents) * chargesCents, total, "half-up") : 0;
  return {
    collectedCents,
    recoveredCents,
    feeCents,
    guaranteeCents,
    netCents: handedOver - feeCents + guaranteeCents,
    rentPartCents: collectedCents - chargesPartCents,
    chargesPartCents,
  };
}

/**
 * Subrogation (C. civ. art. 1346, 1346-4): the guarantee that paid the landlord for the tenant's
 * arrears takes over the landlord's claim for what it paid, so the tenant's later repayments of
 * those arrears go back to the guarantee, not to the landlord a second time. The landlord, paid
 * only in part, keeps priority for what is still owed to them (art. 1346-3): the tenant's money
 * first covers the rent the landlord was not paid for (called − guarantee), and only what exceeds
 * it recovers the guarantee, never more than it paid. Cumulative amounts to the end of the month;
 * returns what the month's settlement recovers (never negative: a later refund is not taken back
 * from the guarantee).
 */
export function guaranteeRecovery(input: {
  /** rent and charges called on the mandate's leases, to the end of the month */
  calledCents: Cents;
  /** collected on them (tenant, CAF, rent complement), to the end of the month */
  collectedCents: Cents;
  /** what the guarantee paid the landlord, to the end of the month */
  guaranteePaidCents: Cents;
  /** what earlier months already recovered */
  alreadyRecoveredCents: Cents;
  /** collected in the month being settled: the most it can recover */
  collectedInMonthCents: Cents;
}): Cents {
  const landlordShare = input.calledCents - input.guaranteePaidCents;
  const recoverable = Math.min(input.guaranteePaidCents, Math.max(0, input.collectedCents - landlordShare));
  return Math.max(
    0,
    Math.min(recoverable - input.alreadyRecoveredCents, Math.max(0, input.collectedInMonthCents)),
  );
}

/**
 * What the guarantee may still pay on a mandate: min(ceiling, months × monthly rent + charges)
 * minus what it already paid (pack sécurisation: a ceiling and a number of months of rent).
 */
export function guaranteeHeadroom(input: {
  ceilingCents: Cents;
  months: number;
  monthlyRentAndChargesCents: Cents;
  alreadyPaidCents: Cents;
}): Cents {
  const cover = Math.min(input.ceilingCents, input.months * input.monthlyRentAndChargesCents);
  return Math.max(0, cover - input.alreadyPaidCents);
}

/** An amount on one side of an account: positive → `side`, negative → the other side. */
export function signedLine(
  accountId: string,
  cents: Cents,
  side: "debit" | "credit",
  leaseId: string | null = null,
): EntryLine {
  const debit = (side === "debit") === cents >= 0;
  return {
    accountId,
    debitCents: debit ? Math.abs(cents) : 0,
    creditCents: debit ? 0 : Math.abs(cents),
    leaseId,
  };
}
