/**
 * Pure rules of the rent ledger: periods, rent-call split, allocation, ageing,
 * the unpaid-rent threshold, repayment plans, winter truce, vacancy. No I/O.
 */
import { type Cents, divideRounded } from "../../lib/money";
import {
  addDays,
  addMonths,
  compareDates,
  daysBetween,
  type IsoDate,
  isIsoMonth,
  lastDayOfMonth,
} from "../../lib/dates";

// ---------------------------------------------------------------------------------------------
// Entries and balance

export type EntryLine = { accountId: string; debitCents: Cents; creditCents: Cents; leaseId?: string | null };

/** Σ debits = Σ credits, at least two lines, each line on one side with a positive amount. */
export function isBalanced(lines: readonly EntryLine[]): boolean {
  if (lines.length < 2) return false;
  let debit = 0;
  let credit = 0;
  for (const line of lines) {
    if (!Number.isSafeInteger(line.debitCents) || !Number.isSafeInteger(line.creditCents)) return false;
    if (line.debitCents < 0 || line.creditCents < 0) return false;
    if ((line.debitCents === 0) === (line.creditCents === 0)) return false;
    debit += line.debitCents;
    credit += line.creditCents;
  }
  return debit === credit;
}

/** The entries of a reversing transaction: the same lines with debit and credit swapped. */
export function reversalLines(lines: readonly EntryLine[]): EntryLine[] {
  return lines.map((line) => ({
    accountId: line.accountId,
    debitCents: line.creditCents,
    creditCents: line.debitCents,
    leaseId: line.leaseId ?? null,
  }));
}

/** Drops zero lines (a rent call with no housing benefit has no CAF line). */
export function nonZeroLines(lines: readonly EntryLine[]): EntryLine[] {
  return lines.filter((line) => line.debitCents !== 0 || line.creditCents !== 0);
}

// ---------------------------------------------------------------------------------------------
// Periods

export type PaymentFrequency = "monthly" | "fortnightly";
export type RentPeriod = {
  start: IsoDate;
  end: IsoDate /** 1 or 2 for a fortnightly half, 1 monthly */;
  half: 1 | 2;
};

/** "2026-02" → "2026-02-01"; throws on anything else. */
export function monthStart(month: string): IsoDate {
  if (!isIsoMonth(month)) throw new RangeError(`not a month: "${month}"`);
  return `${month}-01`;
}

/**
 * The periods of a calendar month for a payment frequency.
 * Monthly: the 1st to the last day. Fortnightly ("loyer payé tous les 15 jours", possible in the
 * programme, seed 000): two half-month periods, the 1st–15th and the 16th–last day, so February
 * (28 or 29 days) and 30/31-day months always split into exactly two periods that tile the month
 * and every period belongs to one month (periods never straddle a month end).
 */
export function periodsOfMonth(month: string, frequency: PaymentFrequency): RentPeriod[] {
  const start = monthStart(month);
  const end = lastDayOfMonth(start);
  if (frequency === "monthly") return [{ start, end, half: 1 }];
  return [
    { start, end: `${month}-15`, half: 1 },
    { start: `${month}-16`, end, half: 2 },
  ];
}

/** The monthly amount carried by one period: halves for a fortnightly lease (the second takes the odd cent). */
export function periodShare(monthlyCents: Cents, frequency: PaymentFrequency, half: 1 | 2): Cents {
  if (frequency === "monthly") return monthlyCents;
  const first = Math.floor(monthlyCents / 2);
  return half === 1 ? first : monthlyCents - first;
}

/**
 * The days of a period a lease covers, as its call names them: an entry month is called from the
 * entry day, an exit month to the last day (the avis and the quittance state the period paid,
 * loi 89-462 art. 21). Null when the lease covers none of it.
 */
export function coveredPeriod(
  period: { start: IsoDate; end: IsoDate },
  leaseStart: IsoDate,
  leaseEnd: IsoDate | null,
): { start: IsoDate; end: IsoDate } | null {
  const start = compareDates(leaseStart, period.start) > 0 ? leaseStart : period.start;
  const end = leaseEnd && compareDates(leaseEnd, period.end) < 0 ? leaseEnd : period.end;
  return compareDates(start, end) <= 0 ? { start, end } : null;
}

/** Days of [start, end] (inclusive) the lease covers, for pro rata at entry and exit. */
export function coveredDays(
  period: { start: IsoDate; end: IsoDate },
  leaseStart: IsoDate,
  leaseEnd: IsoDate | null,
): number {
  const covered = coveredPeriod(period, leaseStart, leaseEnd);
  return covered ? daysBetween(covered.start, covered.end) + 1 : 0;
}

export function periodDays(period: { start: IsoDate; end: IsoDate }): number {
  return daysBetween(period.start, period.end) + 1;
}

/** Prorates an amount to the days covered (rounded half-up to the cent). */
export function prorate(amount: Cents, days: number, totalDays: number): Cents {
  if (days >= totalDays) return amount;
  return divideRounded(amount * days, totalDays, "half-up");
}

export type RentCallAmounts = {
  rentCents: Cents;
  chargesCents: Cents;
  housingBenefitCents: Cents;
  tenantPartCents: Cents;
};

/**
 * The split of a rent call: rent + charges, of which the housing benefit expected from the CAF
 * when it is paid to the operator (tiers payant), the rest owed by the tenant. The benefit never
 * exceeds rent + charges.
 */
export function splitRentCall(input: {
  rentCents: Cents;
  chargesCents: Cents;
  housingBenefitCents: Cents;
  housingBenefitPaidToOperator: boolean;
}): RentCallAmounts {
  const total = input.rentCents + input.chargesCents;
  const benefit = input.housingBenefitPaidToOperator ? Math.min(input.housingBenefitCents, total) : 0;
  return {
    rentCents: input.rentCents,
    chargesCents: input.chargesCents,
    housingBenefitCents: benefit,
    tenantPartCents: total - benefit,
  };
}

/** The amounts of one period of a lease: the period share, prorated to the days the lease covers. */
export function rentCallForPeriod(
  lease: {
    rentCents: Cents;
    chargesCents: Cents;
    housingBenefitCents: Cents;
    housingBenefitPaidToOperator: boolean;
    paymentFrequency: PaymentFrequency;
    startDate: IsoDate;
    endDate: IsoDate | null;
  },
  period: RentPeriod,
): RentCallAmounts | null {
  const days = coveredDays(period, lease.startDate, lease.endDate);
  if (days === 0) return null;
  const total = periodDays(period);
  const share = (monthly: Cents) =>
    prorate(periodShare(monthly, lease.paymentFrequency, period.half), days, total);
  return splitRentCall({
    rentCents: share(lease.rentCents),
    chargesCents: share(lease.chargesCents),
    housingBenefitCents: share(lease.housingBenefitCents),
    housingBenefitPaidToOperator: lease.housingBenefitPaidToOperator,
  });
}

// ---------------------------------------------------------------------------------------------
// Allocation: payments settle the oldest period first

export type CallPart = { id: string; periodStart: IsoDate; dueOn: IsoDate; amountCents: Cents };
export type AllocatedPart = CallPart & { paidCents: Cents; outstandingCents: Cents };

/**
 * Allocates what was paid to the calls, oldest period first (then by id for a stable order).
 * What exceeds every call is an advance (credit), returned apart.
 */
export function allocateOldestFirst(
  calls: readonly CallPart[],
  paidCents: Cents,
): { parts: AllocatedPart[]; advanceCents: Cents } {
  const ordered = [...calls].sort(
    (a, b) => compareDates(a.periodStart, b.periodStart) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  let left = Math.max(0, paidCents);
  const parts = ordered.map((call) => {
    const paid = Math.min(call.amountCents, left);
    left -= paid;
    return { ...call, paidCents: paid, outstandingCents: call.amountCents - paid };
  });
  return { parts, advanceCents: left };
}

/**
 * A sum the tenant owes besides the rent calls: the yearly charges balance (loi 89-462 art. 23),
 * due the day it is claimed or, when the tenant asked for twelve instalments because it was
 * claimed late (al. 9), each instalment on its own date and no earlier.
 */
export type ChargesClaim = {
  id: string;
  transactionId: string;
  claimedOn: IsoDate;
  amountCents: Cents;
  instalments: readonly { dueOn: IsoDate; amountCents: Cents }[] | null;
};

/**
 * A claim as the parts that fall due: one on the day it was claimed, or one per instalment. They
 * take their place among the rent calls by due date, so that a payment settles what fell due
 * first and a sum not yet due is neither late nor settled before the rent.
 */
export function claimParts(claims: readonly ChargesClaim[]): CallPart[] {
  return claims.flatMap((claim) =>
    claim.instalments
      ? claim.instalments.map((instalment, index) => ({
          id: `${claim.id}:${index + 1}`,
          periodStart: instalment.dueOn,
          dueOn: instalment.dueOn,
          amountCents: instalment.amountCents,
        }))
      : [
          {
            id: claim.id,
            periodStart: claim.claimedOn,
            dueOn: claim.claimedOn,
            amountCents: claim.amountCents,
          },
        ],
  );
}

/**
 * The tenant account's movements with each claim paid in instalments owed on its instalments'
 * due dates instead of in one sum on the day it was booked (its booking is left out). Movements
 * keep their other fields; an instalment is marked as falling due like a rent call.
 */
export function spreadClaims<E extends { transactionId: string; on: IsoDate; amountCents: Cents }>(
  events: readonly E[],
  claims: readonly ChargesClaim[],
): (Omit<E, "transactionId"> & { transactionId: string | null; instalment: boolean })[] {
  const spread = new Map(claims.filter((c) => c.instalments).map((c) => [c.transactionId, c]));
  return events.flatMap((event) => {
    const claim = spread.get(event.transactionId);
    if (!claim) return [{ ...event, instalment: false }];
    return claim.instalments!.map((instalment) => ({
      ...event,
      transactionId: null,
      on: instalment.dueOn,
      amountCents: instalment.amountCents,
      instalment: true,
    }));
  });
}

export type PeriodSettlement = {
  rentCallId: string;
  tenantPartCents: Cents;
  tenantPaidCents: Cents;
  housingBenefitCents: Cents;
  housingBenefitPaidCents: Cents;
  fullyPaid: boolean;
};

/**
 * A period is fully paid when both the tenant's part and the expected housing benefit are
 * covered: only then may a quittance be issued (loi 89-462 art. 21); otherwise a reçu.
 */
export function settlePeriods(
  calls: readonly {
    id: string;
    periodStart: IsoDate;
    dueOn: IsoDate;
    tenantPartCents: Cents;
    housingBenefitCents: Cents;
  }[],
  tenantPaidCents: Cents,
  housingBenefitPaidCents: Cents,
  /** what else the tenant owes (claimParts), settled in due-date order with the calls */
  otherTenantDebts: readonly CallPart[] = [],
): PeriodSettlement[] {
  const tenant = allocateOldestFirst(
    [
      ...calls.map((c) => ({
        id: c.id,
        periodStart: c.periodStart,
        dueOn: c.dueOn,
        amountCents: c.tenantPartCents,
      })),
      ...otherTenantDebts,
    ],
    tenantPaidCents,
  ).parts;
  const callIds = new Set(calls.map((c) => c.id));
  const caf = new Map(
    allocateOldestFirst(
      calls.map((c) => ({
        id: c.id,
        periodStart: c.periodStart,
        dueOn: c.dueOn,
        amountCents: c.housingBenefitCents,
      })),
      housingBenefitPaidCents,
    ).parts.map((p) => [p.id, p]),
  );
  return tenant
    .filter((t) => callIds.has(t.id))
    .map((t) => {
      const c = caf.get(t.id)!;
      return {
        rentCallId: t.id,
        tenantPartCents: t.amountCents,
        tenantPaidCents: t.paidCents,
        housingBenefitCents: c.amountCents,
        housingBenefitPaidCents: c.paidCents,
        fullyPaid: t.outstandingCents === 0 && c.outstandingCents === 0,
      };
    });
}

export type TenantCreditSource = "tenant" | "rent_complement" | "write_off";

/**
 * Who paid each period's tenant part: the credits of the tenant account (the tenant's own
 * payments, the programme's rent complement, a debt written off), taken in the order they were
 * booked and each applied to the oldest period still unpaid (the same oldest-first rule as
 * settlePeriods, so every period's total is unchanged). A quittance names each payer apart: the
 * tenant is only acknowledged for what the tenant paid (loi 89-462 art. 21).
 */
export function tenantPartPayers(
  calls: readonly { id: string; periodStart: IsoDate; tenantPartCents: Cents }[],
  credits: readonly { source: TenantCreditSource; amountCents: Cents }[],
): Map<string, Record<TenantCreditSource, Cents>> {
  const ordered = [...calls].sort(
    (a, b) => compareDates(a.periodStart, b.periodStart) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const result = new Map<string, Record<TenantCreditSource, Cents>>(
    ordered.map((c) => [c.id, { tenant: 0, rent_complement: 0, write_off: 0 }]),
  );
  let index = 0;
  let leftOnCall = ordered[0]?.tenantPartCents ?? 0;
  for (const credit of credits) {
    let left = Math.max(0, credit.amountCents);
    while (left > 0 && index < ordered.length) {
      const applied = Math.min(left, leftOnCall);
      result.get(ordered[index]!.id)![credit.source] += applied;
      left -= applied;
      leftOnCall -= applied;
      if (leftOnCall === 0) {
        index += 1;
        leftOnCall = ordered[index]?.tenantPartCents ?? 0;
      }
    }
  }
  return result;
}

export type ReceiptKind = "quittance" | "recu";

/**
 * Which receipts a payment gives: a quittance for every period it completes (fully paid now,
 * not before), and a reçu for the amount when it leaves any period partly paid or completes none.
 */
export function receiptsForPayment(
  before: readonly PeriodSettlement[],
  after: readonly PeriodSettlement[],
): {
  quittances: string[];
  recu: boolean;
} {
  const paidBefore = new Set(before.filter((p) => p.fullyPaid).map((p) => p.rentCallId));
  const quittances = after
    .filter((p) => p.fullyPaid && !paidBefore.has(p.rentCallId))
    .map((p) => p.rentCallId);
  const partial = after.some((p) => !p.fullyPaid && p.tenantPaidCents + p.housingBenefitPaidCents > 0);
  return { quittances, recu: partial || quittances.length === 0 };
}

// ---------------------------------------------------------------------------------------------
// Arrears

export type AgeingBucket = "0-30" | "31-60" | "61-90" | "90+";
export const ageingBuckets: readonly AgeingBucket[] = ["0-30", "31-60", "61-90", "90+"];

/** Days past the due date → bucket (0–30, 31–60, 61–90, > 90 days). Not yet due counts as 0–30. */
export function ageingBucket(dueOn: IsoDate, today: IsoDate): AgeingBucket {
  const age = daysBetween(dueOn, today);
  if (age <= 30) return "0-30";
  if (age <= 60) return "31-60";
  if (age <= 90) return "61-90";
  return "90+";
}

export function ageOutstanding(
  parts: readonly { dueOn: IsoDate; outstandingCents: Cents }[],
  today: IsoDate,
): Record<AgeingBucket, Cents> {
  const result: Record<AgeingBucket, Cents> = { "0-30": 0, "31-60": 0, "61-90": 0, "90+": 0 };
  for (const part of parts) {
    if (part.outstandingCents > 0 && compareDates(part.dueOn, today) <= 0)
      result[ageingBucket(part.dueOn, today)] += part.outstandingCents;
  }
  return result;
}

/** The first due date of each bucket counted back from `asOf` (0–30 days: due on asOf − 30 or later). */
export function ageingBucketStarts(asOf: IsoDate): Record<Exclude<AgeingBucket, "90+">, IsoDate> {
  return { "0-30": addDays(asOf, -30), "31-60": addDays(asOf, -60), "61-90": addDays(asOf, -90) };
}

export type DebtEvent = { on: IsoDate /** + called, − paid */; amountCents: Cents };

/**
 * The monthly amount the "impayé" threshold is counted on (aides personnelles au logement,
 * CCH R.824-1 and following): when the benefit is paid to the landlord or the operator (tiers
 * payant) the tenant only owes rent + charges NET of the benefit, and the impayé is constituted
 * at twice that net amount; when the benefit is paid to the tenant, twice the gross rent + charges.
 * The net amount never goes below zero (a benefit covering everything leaves nothing to owe).
 */
export function monthlyAmountDueByTenant(input: {
  rentCents: Cents;
  chargesCents: Cents;
  housingBenefitCents: Cents;
  benefitPaidToOperator: boolean;
}): Cents {
  const gross = input.rentCents + input.chargesCents;
  return input.benefitPaidToOperator ? Math.max(0, gross - input.housingBenefitCents) : gross;
}

/**
 * "Impayé": the tenant's debt reaches 2 × the monthly amount due by the tenant
 * (monthlyAmountDueByTenant); it must be reported to the CAF within 2 months. Replays the
 * tenant's calls and payments in date order and returns the date the debt last crossed the
 * threshold and stayed above it (null when it is below today).
 */
export function unpaidRentThreshold(
  events: readonly DebtEvent[],
  monthlyDueByTenantCents: Cents,
): { thresholdCents: Cents; debtCents: Cents; reachedOn: IsoDate | null; cafReportDueOn: IsoDate | null } {
  const thresholdCents = 2 * monthlyDueByTenantCents;
  // calls of a day before that day's payments: a payment on the due date keeps the debt low
  const ordered = [...events].sort((a, b) => compareDates(a.on, b.on) || b.amountCents - a.amountCents);
  let debt = 0;
  let reachedOn: IsoDate | null = null;
  for (const event of ordered) {
    const wasAbove = debt >= thresholdCents;
    debt += event.amountCents;
    const isAbove = debt >= thresholdCents && thresholdCents > 0;
    if (isAbove && !wasAbove) reachedOn = event.on;
    if (!isAbove) reachedOn = null;
  }
  return {
    thresholdCents,
    debtCents: debt,
    reachedOn,
    cafReportDueOn: reachedOn ? addMonths(reachedOn, 2) : null,
  };
}

/**
 * Trêve hivernale (CPCE L.412-6): no eviction is carried out from 1 November to 31 March.
 * Returned with every eviction-related step so nobody schedules one during the truce.
 */
export function winterTruce(today: IsoDate): {
  inTruce: boolean;
  truceEndsOn: IsoDate | null;
  nextTruceStartsOn: IsoDate;
} {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  if (month >= 11)
    return { inTruce: true, truceEndsOn: `${year + 1}-03-31`, nextTruceStartsOn: `${year + 1}-11-01` };
  if (month <= 3) return { inTruce: true, truceEndsOn: `${year}-03-31`, nextTruceStartsOn: `${year}-11-01` };
  return { inTruce: false, truceEndsOn: null, nextTruceStartsOn: `${year}-11-01` };
}

export type InstalmentStatus = "followed" | "missed" | "upcoming";

/**
 * A repayment plan (plan d'apurement) is followed when, at each instalment's due date, the
 * tenant paid at least the rent parts called since the plan started plus the instalments due
 * so far. A missed instalment raises an alert.
 */
export function repaymentPlanStatus(input: {
  startOn: IsoDate;
  instalments: readonly { dueOn: IsoDate; amountCents: Cents }[];
  callsSinceStart: readonly { dueOn: IsoDate; amountCents: Cents }[];
  paymentsSinceStart: readonly { on: IsoDate; amountCents: Cents }[];
  today: IsoDate;
}): { instalments: { dueOn: IsoDate; amountCents: Cents; status: InstalmentStatus }[]; missed: number } {
  const ordered = [...input.instalments].sort((a, b) => compareDates(a.dueOn, b.dueOn));
  let instalmentsDue = 0;
  const result = ordered.map((instalment) => {
    instalmentsDue += instalment.amountCents;
    const expected =
      instalmentsDue +
      input.callsSinceStart
        .filter((c) => compareDates(c.dueOn, instalment.dueOn) <= 0)
        .reduce((s, c) => s + c.amountCents, 0);
    const paid = input.paymentsSinceStart
      .filter((p) => compareDates(p.on, instalment.dueOn) <= 0)
      .reduce((s, p) => s + p.amountCents, 0);
    const status: InstalmentStatus =
      paid >= expected ? "followed" : compareDates(instalment.dueOn, input.today) < 0 ? "missed" : "upcoming";
    return { ...instalment, status };
  });
  return { instalments: result, missed: result.filter((i) => i.status === "missed").length };
}

// ---------------------------------------------------------------------------------------------
// Vacancy (head lease): rent owed to the landlord whether or not a sub-tenant occupies the unit

/** Days of the period no sub-lease covers. */
export function vacantDays(
  period: { start: IsoDate; end: IsoDate },
  occupancies: readonly { start: IsoDate; end: IsoDate | null }[],
): number {
  // days counted as offsets from the period's start: two date conversions per occupancy instead
  // of one per day and occupancy (1 000 head leases in a monthly run)
  const length = periodDays(period);
  const spans = occupancies.map((o) => ({
    from: daysBetween(period.start, o.start),
    to: o.end === null ? length : daysBetween(period.start, o.end),
  }));
  let vacant = 0;
  for (let day = 0; day < length; day++)
    if (!spans.some((span) => span.from <= day && day <= span.to)) vacant += 1;
  return vacant;
}

/** The part of the head-lease rent for the period that falls on vacant days: the vacancy cost. */
export function vacancyCost(periodAmountCents: Cents, vacant: number, totalDays: number): Cents {
  if (vacant <= 0) return 0;
  return prorate(periodAmountCents, vacant, totalDays);
}
