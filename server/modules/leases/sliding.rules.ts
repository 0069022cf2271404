/**
 * The sliding lease (bail glissant, CCH L.442-8-3; from a private landlord the slide is
 * contractual): the clause's dates, the payment condition read from the ledger, and the
 * préfet's information by a social landlord. Pure.
 */
import { addDays, addMonths, compareDates, formatFrenchDate, type IsoDate } from "../../lib/dates";
import type { InvalidField } from "../../lib/errors";
import { formatEuros } from "../../lib/money";

/**
 * Defaults of the payment condition when the clause does not set its own: twelve months observed
 * (the usual "paiement régulier du loyer pendant douze mois" of sliding clauses) and no overdue
 * debt tolerated. Both are contractual, not legal, figures: the clause may set others.
 */
export const DEFAULT_SLIDING_OBSERVATION_MONTHS = 12;
export const DEFAULT_SLIDING_ARREARS_TOLERANCE_CENTS = 0;

export type SlidingClauseInput = {
  startDate: IsoDate;
  /** the contract's last day, null when it has no fixed term */
  endDate: IsoDate | null;
  targetDate: IsoDate;
  reviewDates: readonly IsoDate[];
};

/**
 * The clause's dates (CCH L.442-8-3: the slide is examined at periodic reviews during the
 * sub-lease): the target date after the start and within the contract, every review within
 * the sub-lease, from its start to the target date. The fields at fault.
 */
export function slidingClauseViolations(clause: SlidingClauseInput): InvalidField[] {
  const violations: InvalidField[] = [];
  if (compareDates(clause.targetDate, clause.startDate) <= 0) {
    violations.push({
      path: "sliding.targetDate",
      code: "sliding_target_before_start",
      message: `La date visée pour le glissement suit le début du contrat (${formatFrenchDate(clause.startDate)})`,
    });
  } else if (clause.endDate && compareDates(clause.targetDate, clause.endDate) > 0) {
    violations.push({
      path: "sliding.targetDate",
      code: "sliding_target_after_end",
      message: `La date visée pour le glissement tombe après la fin du contrat (${formatFrenchDate(clause.endDate)})`,
    });
  }
  const lastDay =
    clause.endDate && compareDates(clause.endDate, clause.targetDate) < 0
      ? clause.endDate
      : clause.targetDate;
  clause.reviewDates.forEach((date, index) => {
    if (compareDates(date, clause.startDate) < 0 || compareDates(date, lastDay) > 0) {
      violations.push({
        path: `sliding.reviewDates.${index}`,
        code: "sliding_review_outside_lease",
        message: `Point d'étape du ${formatFrenchDate(date)} hors de la sous-location : entre le ${formatFrenchDate(clause.startDate)} et le ${formatFrenchDate(lastDay)}`,
      });
    }
  });
  return violations;
}

/** A movement of the tenant's account for the lease: + due (on its due date), − paid (on its value date). */
export type TenantAccountEvent = { on: IsoDate; amountCents: number };

/**
 * The largest overdue debt over [from, to]: the tenant's balance at the end of each day, a call
 * counted on its due date and a payment on its value date (a payment on the due date is on
 * time), starting from the debt carried into the period. Returns the first day it was reached.
 */
export function worstOverdueDebt(
  events: readonly TenantAccountEvent[],
  from: IsoDate,
  to: IsoDate,
): { cents: number; on: IsoDate | null } {
  const ordered = [...events].sort((a, b) => compareDates(a.on, b.on));
  let balance = 0;
  let index = 0;
  for (; index < ordered.length && compareDates(ordered[index]!.on, from) < 0; index++) {
    balance += ordered[index]!.amountCents;
  }
  let worst = { cents: Math.max(0, balance), on: balance > 0 ? from : null };
  while (index < ordered.length && compareDates(ordered[index]!.on, to) <= 0) {
    const day = ordered[index]!.on;
    for (; index < ordered.length && ordered[index]!.on === day; index++)
      balance += ordered[index]!.amountCents;
    if (balance > worst.cents) worst = { cents: balance, on: day };
  }
  return worst;
}

/**
 * The tenant's account as the slide condition reads it: a rent call is booked on its period's
 * first day, but the lease gives a payment day (loi 89-462 art. 3, "date ou période de
 * paiement"): the rent is only late after it, counted from the period's start (the 5th → the
 * 5th of a month, the 20th of a second fortnight). The reading that favours the tenant.
 */
export function eventsAsDue(
  rows: readonly { on: IsoDate; rentCall: boolean; amountCents: number }[],
  paymentDay: number | null,
): TenantAccountEvent[] {
  return rows.map((row) => ({
    on: row.rentCall && paymentDay && paymentDay > 1 ? addDays(row.on, paymentDay - 1) : row.on,
    amountCents: row.amountCents,
  }));
}

export type SlidingLedgerTerms = {
  observationMonths: number | null;
  toleranceCents: number | null;
};

export type LedgerRefusal = {
  field: InvalidField;
  observedFrom: IsoDate;
  observedTo: IsoDate;
  worstDebtCents: number;
  worstDebtOn: IsoDate;
  toleranceCents: number;
};

/**
 * The payment condition of the slide: over the observation period ending `asOf` (the ledger as
 * it stands; from the sub-lease's start when it is younger), the tenant's overdue debt never went
 * above the tolerance. A period without any call shows no arrears: the slide is not refused for
 * want of history (the reading that favours the tenant). The refusal, or null.
 */
export function glissementLedgerRefusal(
  events: readonly TenantAccountEvent[],
  terms: SlidingLedgerTerms,
  lease: { startDate: IsoDate },
  asOf: IsoDate,
): LedgerRefusal | null {
  const months = terms.observationMonths ?? DEFAULT_SLIDING_OBSERVATION_MONTHS;
  const toleranceCents = terms.toleranceCents ?? DEFAULT_SLIDING_ARREARS_TOLERANCE_CENTS;
  const windowStart = addMonths(asOf, -months);
  const observedFrom = compareDates(windowStart, lease.startDate) < 0 ? lease.startDate : windowStart;
  const worst = worstOverdueDebt(events, observedFrom, asOf);
  if (worst.cents <= toleranceCents || !worst.on) return null;
  return {
    field: {
      path: "ledger",
      code: "arrears_beyond_tolerance",
      message: `Impayé de ${formatEuros(worst.cents)} le ${formatFrenchDate(worst.on)}, au-delà de la tolérance de ${formatEuros(toleranceCents)} sur les ${months} mois observés (depuis le ${formatFrenchDate(observedFrom)})`,
    },
    observedFrom,
    observedTo: asOf,
    worstDebtCents: worst.cents,
    worstDebtOn: worst.on,
    toleranceCents,
  };
}

/**
 * CCH L.442-8-3: when the lessor of the head lease is a social landlord, it informs the préfet
 * two months before the end of the review period, which ends at the clause's target date.
 */
export function prefectInformationDueOn(targetDate: IsoDate): IsoDate {
  return addMonths(targetDate, -2);
}

export type PrefectInformationStatus =
  | { required: false }
  | {
      required: true;
      dueOn: IsoDate;
      informedOn: IsoDate | null;
      state: "done" | "upcoming" | "due" | "late";
    };

/**
 * Where the préfet's information stands: not required when the landlord is not a social
 * landlord (the slide is then contractual); done once recorded; due in the month up to the day
 * two months before the target date (the alert), late after that day; upcoming before.
 */
export function prefectInformationStatus(input: {
  socialLandlord: boolean;
  targetDate: IsoDate | null;
  informedOn: IsoDate | null;
  today: IsoDate;
}): PrefectInformationStatus {
  if (!input.socialLandlord || !input.targetDate) return { required: false };
  const dueOn = prefectInformationDueOn(input.targetDate);
  const base = { required: true as const, dueOn, informedOn: input.informedOn };
  if (input.informedOn) return { ...base, state: "done" };
  if (compareDates(input.today, dueOn) > 0) return { ...base, state: "late" };
  if (compareDates(input.today, addMonths(dueOn, -1)) >= 0) return { ...base, state: "due" };
  return { ...base, state: "upcoming" };
}

export type DepositHandover = "transferred_to_landlord" | "refunded_to_tenant";

export const DEPOSIT_HANDOVER_LABELS: Record<DepositHandover, string> = {
  transferred_to_landlord: "remis par l'organisme au propriétaire, qui le détient pour le bail direct",
  refunded_to_tenant: "restitué au locataire, qui le verse au propriétaire pour le bail direct",
};

/**
 * The deposit held under the sub-lease at the glissement (loi 89-462 art. 22: the lessor holds
 * it; the lessor changes): the organisation no longer owes it to its sub-tenant and pays it out,
 * to the landlord who becomes the lessor or back to the tenant. Both leave the deposits account
 * (165) for the bank (512), on the sub-lease; nothing when no deposit was held.
 */
export function depositHandoverLines(input: {
  amountCents: number;
  depositAccountId: string;
  bankAccountId: string;
  leaseId: string;
}): { accountId: string; debitCents: number; creditCents: number; leaseId: string }[] {
  if (input.amountCents <= 0) return [];
  return [
    {
      accountId: input.depositAccountId,
      debitCents: input.amountCents,
      creditCents: 0,
      leaseId: input.leaseId,
    },
    { accountId: input.bankAccountId, debitCents: 0, creditCents: input.amountCents, leaseId: input.leaseId },
  ];
}
