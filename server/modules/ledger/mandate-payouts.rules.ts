/**
 * Mandate money, pure (mandat de gestion, loi Hoguet: the agency collects rent and charges for
 * the landlord, keeps its management fee and pays the rest out; the pack sécurisation guarantee
 * pays the landlord when the tenant does not).
 */
import { applyBasisPoints, type Cents, divideRounded } from "../../lib/money";
import type { EntryLine } from "./ledger.rules";

export type MandateSettlement = {
  collectedCents: Cents;
  feeCents: Cents;
  guaranteeCents: Cents;
  netCents: Cents;
  /** the collected amount split back into rent (706) and charges (708), pro rata of the lease */
  rentPartCents: Cents;
  chargesPartCents: Cents;
};

/**
 * The month of a mandate: fee = collected × fee basis points, rounded half-up to the cent (none on
 * a negative month, i.e. more refunded than collected); net = collected − fee + guarantee.
 */
export function settleMandateMonth(input: {
  collectedCents: Cents;
  feeBasisPoints: number;
  guaranteeCents: Cents;
  rentCents: Cents;
  chargesCents: Cents;
}): MandateSettlement {
  const { collectedCents, feeBasisPoints, guaranteeCents, rentCents, chargesCents } = input;
  const feeCents = collectedCents > 0 ? applyBasisPoints(collectedCents, feeBasisPoints, "half-up") : 0;
  const total = rentCents + chargesCents;
  const sign = collectedCents < 0 ? -1 : 1;
  const chargesPartCents =
    total > 0 ? sign * divideRounded(Math.abs(collectedCents) * chargesCents, total, "half-up") : 0;
  return {
    collectedCents,
    feeCents,
    guaranteeCents,
    netCents: collectedCents - feeCents + guaranteeCents,
    rentPartCents: collectedCents - chargesPartCents,
    chargesPartCents,
  };
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
