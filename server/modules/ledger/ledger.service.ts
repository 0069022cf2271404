import type { Db } from "../../../db/client";
import { findLease } from "../leases/leases.queries";
import { billedUntil, TENANT_CONTRACT_KINDS } from "../leases/leases.rules";
import { findPerson } from "../persons/persons.queries";
import { provisionsInForce } from "../charges/charges.queries";
import { refuseFutureDates } from "../../lib/date-bounds";
import { compareDates, formatFrenchDate, type IsoDate, lastDayOfMonth } from "../../lib/dates";
import { AppError } from "../../lib/errors";
import { formatEuros } from "../../lib/money";
import { timeOrderedUuid } from "../../lib/ids";
import { actingUserId, type UseCaseContext } from "../../lib/use-case-context";
import type { AnyActor } from "../auth/actor";
import type { AuditWriter } from "../audit/audit.service";
import { type IdempotentResult, inMoneyTransaction, type OnceOnly } from "./idempotency";
import { type AccountSpec, chart } from "./ledger.accounts";
import {
  accountTotals,
  activeRentCalls,
  chargesClaimsOfLease,
  type BillableLease,
  ensureAccount,
  findLeaseRevisions,
  findLeaseTransactions,
  findReversalOf,
  ensureAccounts,
  findTransaction,
  insertReceipts,
  insertRentCalls,
  landlordNames,
  leaseAccountBalance,
  leaseReceipts,
  leasesRunningBetween,
  occupancyOfUnits,
  type PostingInput,
  postTransaction,
  postTransactions,
  type ReceiptRow,
  type RentCallRow,
  rentCallsStartingBetween,
  revisionsInEffectBy,
  transactionLines,
} from "./ledger.queries";
import {
  type EntryLine,
  monthStart,
  type PaymentFrequency,
  periodDays,
  periodsOfMonth,
  receiptsForPayment,
  type RentCallAmounts,
  type RentPeriod,
  rentCallForPeriod,
  reversalLines,
  settlePeriods,
  claimParts,
  coveredPeriod,
  vacancyCost,
  vacantDays,
} from "./ledger.rules";

/** What the ledger's use-cases receive: routes a user, the seed, the CLI and scheduled runs the system. */
type LedgerContext = UseCaseContext<AnyActor>;

const billedStatuses = ["signed", "notice_given", "ended"] as const;

const personName = (p: { firstName: string; lastName: string }) =>
  `${p.lastName.toUpperCase()} ${p.firstName}`;

/** The reference a tenant writes on a transfer so the bank import matches it: "LOY-1A2B3C4D". */
export function paymentReference(leaseId: string): string {
  return `LOY-${leaseId.replace(/-/g, "").slice(0, 8).toUpperCase()}`;
}

export async function loadLease(db: Db, organisationId: string, leaseId: string) {
  const lease = await findLease(db, organisationId, leaseId);
  if (!lease) throw AppError.notFound("Bail", leaseId);
  return lease;
}

/** A lease the organisation bills to a person, with the person's tenant account. */
export async function loadTenantLease(db: Db, organisationId: string, leaseId: string) {
  const lease = await loadLease(db, organisationId, leaseId);
  if (!lease.personId || !(TENANT_CONTRACT_KINDS as readonly string[]).includes(lease.kind))
    throw new AppError("LEASE_NOT_BILLABLE", "Ce bail n'a pas de locataire à qui appeler un loyer");
  const person = await findPerson(db, organisationId, lease.personId);
  if (!person) throw AppError.notFound("Personne", lease.personId);
  const tenantAccountId = await ensureAccount(
    db,
    organisationId,
    chart.tenant(person.id, personName(person)),
  );
  const cafAccountId = await ensureAccount(db, organisationId, chart.housingBenefit());
  return { lease, person, tenantAccountId, cafAccountId };
}

// ---------------------------------------------------------------------------------------------
// Rent calls

export type RentCallRunResult = {
  month: string;
  created: number;
  alreadyCalled: number;
  tenantCalls: number;
  headLeaseCalls: number;
  calledCents: number;
  vacancyCostCents: number;
};

/**
 * Calls the rent of every billed lease for the periods of `month` (idempotent: a lease and
 * period already called is skipped; the unique index rent_calls_lease_period_uq is the backstop).
 * Tenant leases: tenant part → 411, housing benefit → 441-CAF, rent → 706, charges → 708.
 * Head leases: rent owed to the landlord (401) every period, occupied or not; the share of
 * vacant days is the vacancy cost (6135), the rest is the head-lease rent expense (613).
 * Due date: the first day of the period (rent payable in advance).
 */
export async function createRentCallsForMonth(
  context: LedgerContext,
  month: string,
  once?: OnceOnly,
): Promise<IdempotentResult<RentCallRunResult>> {
  return inMoneyTransaction(context, once, 200, async (tx, audit) => {
    const run = await callRentsOfMonth(tx, context.actor.organisationId, month, actingUserId(context.actor));
    await audit.record({ action: "ledger.rent_calls.run", entityType: "rent_calls", details: { ...run } });
    return run;
  });
}

/** What a rent-call run needs to know of the month, read once for every lease. */
type MonthToCall = {
  month: string;
  candidates: BillableLease[];
  /** "leaseId|periodStart" of the periods already called */
  calledPeriods: Set<string>;
  /** the leases with at least one period of the month already called */
  calledLeases: Set<string>;
  /** per lease, newest first */
  revisionsByLease: Map<string, { effectiveFrom: IsoDate; newRentCents: number }[]>;
  /** per lease, newest first */
  provisionsByLease: Map<string, { provisionFrom: IsoDate; provisionCents: number }[]>;
  personById: Map<string, { id: string; firstName: string; lastName: string }>;
  landlordById: Map<string, { id: string; displayName: string }>;
  /** sub-tenant occupancy of head-leased units */
  occupancyByUnit: Map<string, { start: IsoDate; end: IsoDate | null }[]>;
};

/** Groups rows per lease, newest first by `dateOf`. */
function newestFirstByLease<R extends { leaseId: string }, V>(
  rows: readonly R[],
  dateOf: (row: R) => IsoDate,
  value: (row: R) => V,
): Map<string, V[]> {
  const byLease = new Map<string, V[]>();
  for (const row of [...rows].sort((a, b) => compareDates(dateOf(b), dateOf(a)))) {
    const list = byLease.get(row.leaseId) ?? [];
    list.push(value(row));
    byLease.set(row.leaseId, list);
  }
  return byLease;
}

/** Step 1: the leases running in the month and what decides their calls. */
async function loadMonthToCall(db: Db, organisationId: string, month: string): Promise<MonthToCall> {
  const from = monthStart(month);
  const to = lastDayOfMonth(from);
  const candidates = await leasesRunningBetween(db, organisationId, billedStatuses, from, to);
  const called = await rentCallsStartingBetween(db, organisationId, from, to);
  const anyLease = candidates.length > 0;
  const revisions = anyLease ? await revisionsInEffectBy(db, organisationId, to) : [];
  // loi 89-462 art. 23: a confirmed regularisation sets the monthly charge provision from a month on
  const provisions = anyLease ? await provisionsInForce(db, organisationId, to) : [];
  const personById: MonthToCall["personById"] = new Map();
  for (const l of candidates)
    if (l.personId && l.personFirstName !== null && l.personLastName !== null)
      personById.set(l.personId, {
        id: l.personId,
        firstName: l.personFirstName,
        lastName: l.personLastName,
      });
  const headLeases = candidates.filter((l) => l.kind === "head_lease" && l.landlordId);
  const landlordIds = [...new Set(headLeases.map((l) => l.landlordId!))];
  const landlordRows = await landlordNames(db, organisationId, landlordIds);
  const headUnitIds = [...new Set(headLeases.map((l) => l.unitId))];
  // every signed tenant-side lease on a head-leased unit
  const occupancyRows = await occupancyOfUnits(
    db,
    organisationId,
    headUnitIds,
    TENANT_CONTRACT_KINDS,
    billedStatuses,
  );
  const occupancyByUnit: MonthToCall["occupancyByUnit"] = new Map();
  for (const o of occupancyRows) {
    const list = occupancyByUnit.get(o.unitId) ?? [];
    list.push({ start: o.start, end: o.end });
    occupancyByUnit.set(o.unitId, list);
  }
  return {
    month,
    candidates,
    calledPeriods: new Set(called.map((r) => `${r.leaseId}|${r.periodStart}`)),
    calledLeases: new Set(called.map((r) => r.leaseId)),
    revisionsByLease: newestFirstByLease(
      revisions,
      (r) => r.effectiveFrom,
      (r) => ({ effectiveFrom: r.effectiveFrom, newRentCents: r.newRentCents }),
    ),
    provisionsByLease: newestFirstByLease(
      provisions,
      (p) => p.provisionFrom!,
      (p) => ({ provisionFrom: p.provisionFrom!, provisionCents: p.provisionCents! }),
    ),
    personById,
    landlordById: new Map(landlordRows.map((l) => [l.id, l])),
    occupancyByUnit,
  };
}

/**
 * Step 2: the periods of the month already called for a lease. A run bills a lease's whole month at
 * once: once any period of the month is called, the month is done for that lease, even if its
 * payment terms changed since (a monthly call and a second fortnight would bill the same days
 * twice); new terms apply from the next month.
 */
function alreadyCalled(month: MonthToCall, lease: BillableLease, periods: readonly RentPeriod[]) {
  if (!month.calledLeases.has(lease.id)) return { monthDone: false, periods: 0 };
  // a call is keyed by the first day it covers (coveredPeriod)
  const calledFrom = (p: RentPeriod) =>
    coveredPeriod(p, lease.startDate, billedUntil(lease))?.start ?? p.start;
  return {
    monthDone: true,
    periods: periods.filter((p) => month.calledPeriods.has(`${lease.id}|${calledFrom(p)}`)).length,
  };
}

/** The rent and charges a lease owes for a period, with its housing benefit split off. */
function amountsOf(month: MonthToCall, lease: BillableLease, period: RentPeriod): RentCallAmounts | null {
  const isHead = lease.kind === "head_lease";
  // loi 89-462 art. 17-1: a requested revision applies from the first period starting on/after its effect
  const revision = month.revisionsByLease
    .get(lease.id)
    ?.find((r) => compareDates(r.effectiveFrom, period.start) <= 0);
  const provision = month.provisionsByLease
    .get(lease.id)
    ?.find((p) => compareDates(p.provisionFrom, period.start) <= 0);
  return rentCallForPeriod(
    {
      rentCents: revision?.newRentCents ?? lease.rentCents,
      chargesCents: provision?.provisionCents ?? lease.chargesCents,
      housingBenefitCents: isHead ? 0 : lease.housingBenefitCents,
      housingBenefitPaidToOperator: isHead ? false : lease.housingBenefitPaidToOperator,
      paymentFrequency: lease.paymentFrequency as PaymentFrequency,
      startDate: lease.startDate,
      endDate: billedUntil(lease),
    },
    period,
  );
}

type AccountOf = (spec: AccountSpec) => string;

/** Step 3: a tenant lease's call: the tenant part and the benefit owed, the rent and charges earned. */
function tenantLeaseCallLines(
  account: AccountOf,
  person: { id: string; firstName: string; lastName: string },
  leaseId: string,
  amounts: RentCallAmounts,
): EntryLine[] {
  return [
    {
      accountId: account(chart.tenant(person.id, personName(person))),
      debitCents: amounts.tenantPartCents,
      creditCents: 0,
      leaseId,
    },
    {
      accountId: account(chart.housingBenefit()),
      debitCents: amounts.housingBenefitCents,
      creditCents: 0,
      leaseId,
    },
    { accountId: account(chart.rentIncome()), debitCents: 0, creditCents: amounts.rentCents, leaseId },
    { accountId: account(chart.chargesIncome()), debitCents: 0, creditCents: amounts.chargesCents, leaseId },
  ];
}

/**
 * Step 4: a head lease's call: the whole period owed to the landlord, occupied or not; the share of
 * the days no sub-tenant occupies the unit is the vacancy cost, the rest the head-lease rent.
 */
function headLeaseCall(
  account: AccountOf,
  month: MonthToCall,
  lease: BillableLease & { landlordId: string },
  period: RentPeriod,
  totalCents: number,
): { lines: EntryLine[]; vacantDays: number; vacancyCostCents: number } {
  const landlord = month.landlordById.get(lease.landlordId)!;
  const vacant = vacantDays(period, month.occupancyByUnit.get(lease.unitId) ?? []);
  const vacancyCents = vacancyCost(totalCents, vacant, periodDays(period));
  const leaseId = lease.id;
  return {
    lines: [
      {
        accountId: account(chart.headLeaseRent()),
        debitCents: totalCents - vacancyCents,
        creditCents: 0,
        leaseId,
      },
      { accountId: account(chart.cost("vacancy")), debitCents: vacancyCents, creditCents: 0, leaseId },
      {
        accountId: account(chart.landlord(lease.landlordId, landlord.displayName)),
        debitCents: 0,
        creditCents: totalCents,
        leaseId,
      },
    ],
    vacantDays: vacant,
    vacancyCostCents: vacancyCents,
  };
}

/** The accounts every call of the month may post to, created when missing, in one pass. */
async function rentCallAccounts(db: Db, organisationId: string, month: MonthToCall): Promise<AccountOf> {
  const specs: AccountSpec[] = [
    chart.housingBenefit(),
    chart.rentIncome(),
    chart.chargesIncome(),
    chart.headLeaseRent(),
    chart.cost("vacancy"),
  ];
  for (const p of month.personById.values()) specs.push(chart.tenant(p.id, personName(p)));
  for (const l of month.landlordById.values()) specs.push(chart.landlord(l.id, l.displayName));
  const accounts = await ensureAccounts(db, organisationId, specs);
  return (spec) => accounts.get(spec.code)!;
}

/** The month's calls of every lease, counted, then posted (step 5): one transaction per period. */
async function callRentsOfMonth(
  db: Db,
  organisationId: string,
  month: string,
  actorUserId: string | null,
): Promise<RentCallRunResult> {
  const toCall = await loadMonthToCall(db, organisationId, month);
  const account = await rentCallAccounts(db, organisationId, toCall);
  // the same periods for every lease of a frequency
  const periodsByFrequency: Record<PaymentFrequency, RentPeriod[]> = {
    monthly: periodsOfMonth(month, "monthly"),
    fortnightly: periodsOfMonth(month, "fortnightly"),
  };
  const postings: PostingInput[] = [];
  const callRows: RentCallRow[] = [];
  const result: RentCallRunResult = {
    month,
    created: 0,
    alreadyCalled: 0,
    tenantCalls: 0,
    headLeaseCalls: 0,
    calledCents: 0,
    vacancyCostCents: 0,
  };

  for (const lease of toCall.candidates) {
    const isHead = lease.kind === "head_lease";
    if (
      isHead
        ? !lease.landlordId || !toCall.landlordById.has(lease.landlordId)
        : !lease.personId || !toCall.personById.has(lease.personId)
    )
      continue;
    const periods = periodsByFrequency[lease.paymentFrequency];
    const done = alreadyCalled(toCall, lease, periods);
    result.alreadyCalled += done.periods;
    if (done.monthDone) continue;
    for (const period of periods) {
      const amounts = amountsOf(toCall, lease, period);
      if (!amounts) continue;
      const total = amounts.rentCents + amounts.chargesCents;
      const transactionId = timeOrderedUuid();
      let lines: EntryLine[];
      let vacant = 0;
      let vacancyCents = 0;
      if (isHead) {
        const call = headLeaseCall(
          account,
          toCall,
          { ...lease, landlordId: lease.landlordId! },
          period,
          total,
        );
        lines = call.lines;
        vacant = call.vacantDays;
        vacancyCents = call.vacancyCostCents;
        result.headLeaseCalls += 1;
        result.vacancyCostCents += vacancyCents;
      } else {
        lines = tenantLeaseCallLines(account, toCall.personById.get(lease.personId!)!, lease.id, amounts);
        result.tenantCalls += 1;
      }
      if (total === 0) continue;
      // an entry or exit month is called for the days the lease covers, and due from the entry day
      const called = { ...period, ...coveredPeriod(period, lease.startDate, billedUntil(lease))! };
      postings.push(rentCallPosting(lease, called, transactionId, lines, actorUserId));
      callRows.push(
        rentCallRow(organisationId, lease, called, amounts, { vacant, vacancyCents }, transactionId),
      );
      result.calledCents += total;
    }
  }
  await postTransactions(db, organisationId, postings);
  await insertRentCalls(db, organisationId, callRows);
  result.created = callRows.length;
  return result;
}

/** The rent_calls row of one call: what was called, due on the period's first day. */
function rentCallRow(
  organisationId: string,
  lease: BillableLease,
  period: RentPeriod,
  amounts: RentCallAmounts,
  vacancy: { vacant: number; vacancyCents: number },
  transactionId: string,
): RentCallRow {
  return {
    id: timeOrderedUuid(),
    organisationId,
    leaseId: lease.id,
    leaseKind: lease.kind,
    unitId: lease.unitId,
    personId: lease.personId,
    landlordId: lease.landlordId,
    periodStart: period.start,
    periodEnd: period.end,
    dueOn: period.start,
    rentCents: amounts.rentCents,
    chargesCents: amounts.chargesCents,
    housingBenefitCents: amounts.housingBenefitCents,
    tenantPartCents: amounts.tenantPartCents,
    vacantDays: vacancy.vacant,
    vacancyCostCents: vacancy.vacancyCents,
    transactionId,
  };
}

/** The ledger transaction of one call, dated on its period's first day (rent payable in advance). */
function rentCallPosting(
  lease: BillableLease,
  period: RentPeriod,
  transactionId: string,
  lines: EntryLine[],
  actorUserId: string | null,
): PostingInput {
  const isHead = lease.kind === "head_lease";
  const dates = `du ${formatFrenchDate(period.start)} au ${formatFrenchDate(period.end)}`;
  return {
    id: transactionId,
    header: {
      kind: isHead ? "head_lease_rent" : "rent_call",
      occurredOn: period.start,
      label: isHead ? `Loyer dû au bailleur ${dates}` : `Appel de loyer ${dates}`,
      leaseId: lease.id,
      personId: lease.personId,
      unitId: lease.unitId,
      landlordId: lease.landlordId,
      periodStart: period.start,
      periodEnd: period.end,
      createdByUserId: actorUserId,
    },
    lines,
  };
}

// ---------------------------------------------------------------------------------------------
// Settlement, payments and receipts

export async function leaseSettlement(
  db: Db,
  organisationId: string,
  tenantLease: Awaited<ReturnType<typeof loadTenantLease>>,
) {
  const { lease, tenantAccountId, cafAccountId } = tenantLease;
  const calls = await activeRentCalls(db, organisationId, lease.id);
  // the yearly charges balances owed besides the calls, each part on the date it falls due
  const claims = await chargesClaimsOfLease(db, organisationId, lease.id);
  const otherDebts = claimParts(claims);
  const tenantBalance = await leaseAccountBalance(db, organisationId, tenantAccountId, lease.id);
  const cafBalance = await leaseAccountBalance(db, organisationId, cafAccountId, lease.id);
  const tenantOwed =
    calls.reduce((s, c) => s + c.tenantPartCents, 0) + otherDebts.reduce((s, d) => s + d.amountCents, 0);
  const cafCalled = calls.reduce((s, c) => s + c.housingBenefitCents, 0);
  const settlements = settlePeriods(calls, tenantOwed - tenantBalance, cafCalled - cafBalance, otherDebts);
  return { calls, claims, otherDebts, tenantOwed, tenantBalance, cafBalance, settlements };
}

export type IssuedReceipt = {
  id: string;
  kind: "quittance" | "recu";
  periodStart: string | null;
  periodEnd: string | null;
  amountCents: number;
  rentCents: number | null;
  chargesCents: number | null;
};

/** A stored quittance or reçu as the API shows it. */
function issuedReceipt(r: IssuedReceipt): IssuedReceipt {
  return {
    id: r.id,
    kind: r.kind,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    amountCents: r.amountCents,
    rentCents: r.rentCents,
    chargesCents: r.chargesCents,
  };
}

type LeaseSettlement = Awaited<ReturnType<typeof leaseSettlement>>;

/** The settlement once the tenant paid `amountCents` more: what a fresh read would give. */
function settlementAfterTenantPayment(before: LeaseSettlement, amountCents: number): LeaseSettlement {
  const tenantBalance = before.tenantBalance - amountCents;
  const cafCalled = before.calls.reduce((s, c) => s + c.housingBenefitCents, 0);
  return {
    ...before,
    tenantBalance,
    settlements: settlePeriods(
      before.calls,
      before.tenantOwed - tenantBalance,
      cafCalled - before.cafBalance,
      before.otherDebts,
    ),
  };
}

/** Quittance for each period the payment completes; reçu for the amount otherwise (art. 21). */
function receiptRows(
  organisationId: string,
  tenantLease: Awaited<ReturnType<typeof loadTenantLease>>,
  before: LeaseSettlement,
  after: LeaseSettlement,
  payment: { transactionId: string; amountCents: number; on: IsoDate },
): ReceiptRow[] {
  const decision = receiptsForPayment(before.settlements, after.settlements);
  const callById = new Map(after.calls.map((c) => [c.id, c]));
  const rows: ReceiptRow[] = decision.quittances.map((id) => {
    const call = callById.get(id)!;
    return {
      organisationId,
      kind: "quittance",
      leaseId: tenantLease.lease.id,
      personId: tenantLease.lease.personId,
      rentCallId: id,
      transactionId: payment.transactionId,
      periodStart: call.periodStart,
      periodEnd: call.periodEnd,
      rentCents: call.rentCents,
      chargesCents: call.chargesCents,
      amountCents: call.rentCents + call.chargesCents,
      issuedOn: payment.on,
    };
  });
  if (decision.recu) {
    // the period the payment leaves partly paid (oldest first), printed on the reçu
    const partial = after.settlements.find(
      (p) => !p.fullyPaid && p.tenantPaidCents + p.housingBenefitPaidCents > 0,
    );
    const call = partial ? callById.get(partial.rentCallId) : undefined;
    rows.push({
      organisationId,
      kind: "recu",
      leaseId: tenantLease.lease.id,
      personId: tenantLease.lease.personId,
      rentCallId: call?.id ?? null,
      transactionId: payment.transactionId,
      periodStart: call?.periodStart ?? null,
      periodEnd: call?.periodEnd ?? null,
      rentCents: call?.rentCents ?? null,
      chargesCents: call?.chargesCents ?? null,
      dueCents: call ? call.rentCents + call.chargesCents : null,
      remainingCents: partial
        ? partial.tenantPartCents -
          partial.tenantPaidCents +
          partial.housingBenefitCents -
          partial.housingBenefitPaidCents
        : null,
      amountCents: payment.amountCents,
      issuedOn: payment.on,
    });
  }
  return rows;
}

/** Inserts receipts (in chunks: a bank statement may earn thousands) and returns them per transaction. */
async function insertIssuedReceipts(db: Db, rows: readonly ReceiptRow[]) {
  const byTransaction = new Map<string, IssuedReceipt[]>();
  for (let i = 0; i < rows.length; i += 1_000) {
    for (const r of await insertReceipts(db, rows.slice(i, i + 1_000))) {
      // every receipt of a payment names its transaction
      const key = r.transactionId ?? "";
      const issued = byTransaction.get(key) ?? [];
      issued.push(issuedReceipt(r));
      byTransaction.set(key, issued);
    }
  }
  return byTransaction;
}

/** Quittance for each period the payment completes; reçu for the amount otherwise, read afresh. */
async function issueReceipts(
  db: Db,
  organisationId: string,
  tenantLease: Awaited<ReturnType<typeof loadTenantLease>>,
  before: LeaseSettlement,
  payment: { transactionId: string; amountCents: number; on: IsoDate },
): Promise<IssuedReceipt[]> {
  const after = await leaseSettlement(db, organisationId, tenantLease);
  const rows = receiptRows(organisationId, tenantLease, before, after, payment);
  if (rows.length === 0) return [];
  return (await insertIssuedReceipts(db, rows)).get(payment.transactionId) ?? [];
}

export type PaymentInput = {
  leaseId: string;
  amountCents: number;
  method: "transfer" | "direct_debit" | "cheque" | "cash";
  receivedOn: IsoDate;
  reference?: string | null;
};

export type PaymentResult = { transactionId: string; receipts: IssuedReceipt[] };

/** A tenant payment on the bank: Dr 512 / Cr 411, with the quittances or the reçu it earns. */
export async function recordPayment(
  context: LedgerContext,
  input: PaymentInput,
  once?: OnceOnly,
): Promise<IdempotentResult<PaymentResult>> {
  refuseFutureDates(context.clock.today(), { "json.receivedOn": input.receivedOn });
  return inMoneyTransaction(context, once, 201, (tx, audit) =>
    recordPaymentInTransaction(tx, context.actor.organisationId, input, actingUserId(context.actor), audit),
  );
}

/**
 * A payment booked inside the caller's transaction: Dr 512 / Cr 411, or Cr 471 → 411 when it
 * comes out of suspense.
 */
export async function recordPaymentInTransaction(
  db: Db,
  organisationId: string,
  input: PaymentInput & { fromSuspense?: boolean },
  actorUserId: string | null,
  audit: AuditWriter,
): Promise<PaymentResult> {
  const [result] = await recordPaymentsInTransaction(db, organisationId, [input], actorUserId, audit);
  return result!;
}

/**
 * Payments booked inside the caller's transaction, in the order given (a bank statement's
 * matched lines): each lease's account is read once, each payment's quittances or reçu decided
 * on the settlement the payments before it left, and the postings and receipts written in bulk.
 */
export async function recordPaymentsInTransaction(
  db: Db,
  organisationId: string,
  inputs: readonly (PaymentInput & { fromSuspense?: boolean })[],
  actorUserId: string | null,
  audit: AuditWriter,
): Promise<PaymentResult[]> {
  const bank = await ensureAccount(db, organisationId, chart.bank());
  const suspense = inputs.some((i) => i.fromSuspense)
    ? await ensureAccount(db, organisationId, chart.suspense())
    : null;
  const leases = new Map<
    string,
    { tenantLease: Awaited<ReturnType<typeof loadTenantLease>>; settlement: LeaseSettlement }
  >();
  const postings: PostingInput[] = [];
  const receipts: ReceiptRow[] = [];
  for (const input of inputs) {
    let state = leases.get(input.leaseId);
    if (!state) {
      const tenantLease = await loadTenantLease(db, organisationId, input.leaseId);
      state = { tenantLease, settlement: await leaseSettlement(db, organisationId, tenantLease) };
      leases.set(input.leaseId, state);
    }
    const { tenantLease } = state;
    const transactionId = timeOrderedUuid();
    postings.push({
      id: transactionId,
      header: {
        kind: "payment",
        occurredOn: input.receivedOn,
        label: `Règlement ${personName(tenantLease.person)}`,
        leaseId: input.leaseId,
        personId: tenantLease.person.id,
        unitId: tenantLease.lease.unitId,
        method: input.method,
        externalReference: input.reference ?? null,
        createdByUserId: actorUserId,
      },
      lines: [
        {
          accountId: input.fromSuspense ? suspense! : bank,
          debitCents: input.amountCents,
          creditCents: 0,
          leaseId: input.leaseId,
        },
        {
          accountId: tenantLease.tenantAccountId,
          debitCents: 0,
          creditCents: input.amountCents,
          leaseId: input.leaseId,
        },
      ],
    });
    const after = settlementAfterTenantPayment(state.settlement, input.amountCents);
    receipts.push(
      ...receiptRows(organisationId, tenantLease, state.settlement, after, {
        transactionId,
        amountCents: input.amountCents,
        on: input.receivedOn,
      }),
    );
    state.settlement = after;
  }
  await postTransactions(db, organisationId, postings);
  const issued = await insertIssuedReceipts(db, receipts);
  const results: PaymentResult[] = [];
  for (const [index, input] of inputs.entries()) {
    const transactionId = postings[index]!.id!;
    await audit.record({
      action: "ledger.payment.record",
      entityType: "ledger_transaction",
      entityId: transactionId,
      after: {
        leaseId: input.leaseId,
        amountCents: input.amountCents,
        method: input.method,
        receivedOn: input.receivedOn,
      },
    });
    results.push({ transactionId, receipts: issued.get(transactionId) ?? [] });
  }
  return results;
}

/**
 * Pays back what the tenant paid beyond what was owed (an advance, a charges credit): Dr 411 /
 * Cr 512, never more than the credit the account shows.
 */
export async function refundTenantCredit(
  context: LedgerContext,
  input: { leaseId: string; amountCents: number; paidOn: IsoDate },
  once?: OnceOnly,
): Promise<IdempotentResult<{ transactionId: string; creditLeftCents: number }>> {
  refuseFutureDates(context.clock.today(), { "json.paidOn": input.paidOn });
  const organisationId = context.actor.organisationId;
  await loadLease(context.db, organisationId, input.leaseId); // 404 before 428
  return inMoneyTransaction(context, once, 201, async (tx, audit) => {
    const tenantLease = await loadTenantLease(tx, organisationId, input.leaseId);
    const { lease, person, tenantAccountId } = tenantLease;
    const creditCents = -(await leaseAccountBalance(tx, organisationId, tenantAccountId, lease.id));
    if (input.amountCents > creditCents) {
      const message =
        creditCents > 0
          ? `Le remboursement dépasse le trop-perçu du locataire (${formatEuros(creditCents)})`
          : "Le locataire n'a pas de trop-perçu à rembourser";
      throw AppError.validation(
        [{ path: "json.amountCents", code: "above_tenant_credit", message }],
        message,
      );
    }
    const transactionId = await postTransaction(tx, organisationId, {
      header: {
        kind: "tenant_refund",
        occurredOn: input.paidOn,
        label: `Remboursement du trop-perçu à ${personName(person)}`,
        leaseId: lease.id,
        personId: person.id,
        unitId: lease.unitId,
        method: "transfer",
        createdByUserId: actingUserId(context.actor),
      },
      lines: [
        { accountId: tenantAccountId, debitCents: input.amountCents, creditCents: 0, leaseId: lease.id },
        {
          accountId: await ensureAccount(tx, organisationId, chart.bank()),
          debitCents: 0,
          creditCents: input.amountCents,
          leaseId: lease.id,
        },
      ],
    });
    await audit.record({
      action: "ledger.tenant_refund",
      entityType: "ledger_transaction",
      entityId: transactionId,
      after: input,
    });
    return { transactionId, creditLeftCents: creditCents - input.amountCents };
  });
}

export type HousingBenefitReceiptInput = {
  receivedOn: IsoDate;
  reference?: string | null;
  lines: { leaseId: string; amountCents: number }[];
};

/** CAF housing-benefit receipt (one bordereau, many leases): Dr 512 total / Cr 441-CAF per lease. */
export async function recordHousingBenefitReceipt(
  context: LedgerContext,
  input: HousingBenefitReceiptInput,
  once?: OnceOnly,
) {
  refuseFutureDates(context.clock.today(), { "json.receivedOn": input.receivedOn });
  return inMoneyTransaction(context, once, 201, (tx, audit) =>
    housingBenefitReceiptInTransaction(
      tx,
      context.actor.organisationId,
      input,
      actingUserId(context.actor),
      audit,
    ),
  );
}

async function housingBenefitReceiptInTransaction(
  db: Db,
  organisationId: string,
  input: HousingBenefitReceiptInput,
  actorUserId: string | null,
  audit: AuditWriter,
) {
  const tenantLeases = [];
  for (const line of input.lines) {
    const tenantLease = await loadTenantLease(db, organisationId, line.leaseId);
    tenantLeases.push({ tenantLease, before: await leaseSettlement(db, organisationId, tenantLease), line });
  }
  const bank = await ensureAccount(db, organisationId, chart.bank());
  const caf = await ensureAccount(db, organisationId, chart.housingBenefit());
  const total = input.lines.reduce((s, l) => s + l.amountCents, 0);
  const transactionId = await postTransaction(db, organisationId, {
    header: {
      kind: "housing_benefit_receipt",
      occurredOn: input.receivedOn,
      label: "Versement CAF (aides au logement)",
      method: "housing_benefit",
      externalReference: input.reference ?? null,
      leaseId: input.lines.length === 1 ? input.lines[0]!.leaseId : null,
      createdByUserId: actorUserId,
    },
    lines: [
      { accountId: bank, debitCents: total, creditCents: 0 },
      ...input.lines.map((l) => ({
        accountId: caf,
        debitCents: 0,
        creditCents: l.amountCents,
        leaseId: l.leaseId,
      })),
    ],
  });
  const receipts: (IssuedReceipt & { leaseId: string })[] = [];
  for (const { tenantLease, before, line } of tenantLeases) {
    const issued = await issueReceipts(db, organisationId, tenantLease, before, {
      transactionId,
      amountCents: line.amountCents,
      on: input.receivedOn,
    });
    // a CAF payment alone gets no reçu to the tenant: only the quittances it completes
    receipts.push(
      ...issued.filter((r) => r.kind === "quittance").map((r) => ({ ...r, leaseId: line.leaseId })),
    );
  }
  await audit.record({
    action: "ledger.housing_benefit.record",
    entityType: "ledger_transaction",
    entityId: transactionId,
    after: { totalCents: total, lines: input.lines.length, receivedOn: input.receivedOn },
  });
  return { transactionId, totalCents: total, receipts };
}

/**
 * Corrects a transaction by posting its mirror image, dated `on` (today unless said); the original
 * stays as it was.
 */
export async function reverseTransaction(
  context: LedgerContext,
  input: { transactionId: string; reason: string; on?: IsoDate },
  once?: OnceOnly,
) {
  const organisationId = context.actor.organisationId;
  // another organisation's transaction is not found, whatever the headers (404 before 428)
  if (!(await findTransaction(context.db, organisationId, input.transactionId)))
    throw AppError.notFound("Écriture", input.transactionId);
  const on = input.on ?? context.clock.today();
  return inMoneyTransaction(context, once, 201, (tx, audit) =>
    reverseInTransaction(tx, organisationId, { ...input, on }, actingUserId(context.actor), audit),
  );
}

async function reverseInTransaction(
  db: Db,
  organisationId: string,
  input: { transactionId: string; reason: string; on: IsoDate },
  actorUserId: string | null,
  audit: AuditWriter,
) {
  const original = await findTransaction(db, organisationId, input.transactionId);
  if (!original) throw AppError.notFound("Écriture", input.transactionId);
  if (original.kind === "reversal")
    throw new AppError("LEDGER_REVERSAL_OF_REVERSAL", "Une contre-passation ne peut pas être contre-passée");
  const already = await findReversalOf(db, organisationId, original.id);
  if (already)
    throw new AppError("LEDGER_ALREADY_REVERSED", "Cette écriture a déjà été contre-passée", {
      reversalId: already.id,
    });
  const lines = await transactionLines(db, organisationId, original.id);
  const transactionId = await postTransaction(db, organisationId, {
    header: {
      kind: "reversal",
      occurredOn: input.on,
      label: `Contre-passation : ${original.label} (${input.reason})`,
      leaseId: original.leaseId,
      personId: original.personId,
      unitId: original.unitId,
      landlordId: original.landlordId,
      costCategory: original.costCategory,
      periodStart: original.periodStart,
      periodEnd: original.periodEnd,
      reversesTransactionId: original.id,
      createdByUserId: actorUserId,
    },
    lines: reversalLines(lines),
  });
  await audit.record({
    action: "ledger.transaction.reverse",
    entityType: "ledger_transaction",
    entityId: transactionId,
    details: { reverses: original.id, reason: input.reason },
  });
  return { transactionId, reverses: original.id };
}

export async function transactionDetail(context: UseCaseContext, id: string) {
  const { db } = context;
  const { organisationId } = context.actor;
  const transaction = await findTransaction(db, organisationId, id);
  if (!transaction) throw AppError.notFound("Écriture", id);
  const lines = await transactionLines(db, organisationId, id);
  const { organisationId: _tenant, recordedAt, ...header } = transaction;
  return { transaction: { ...header, recordedAt: recordedAt.toISOString() }, lines };
}

/** Per account: Σ debits, Σ credits, balance. Σ of all balances is zero (double entry). */
export async function trialBalance(db: Db, organisationId: string, asOf?: IsoDate) {
  const rows = await accountTotals(db, organisationId, asOf);
  const accounts = rows.map((r) => ({
    accountId: r.accountId,
    code: r.code,
    name: r.name,
    kind: r.kind,
    debitCents: Number(r.debit),
    creditCents: Number(r.credit),
    balanceCents: Number(r.debit) - Number(r.credit),
  }));
  return {
    accounts,
    totalDebitCents: accounts.reduce((s, a) => s + a.debitCents, 0),
    totalCreditCents: accounts.reduce((s, a) => s + a.creditCents, 0),
  };
}

/** The tenant side of a lease: periods with what is paid, balance, receipts, payment reference. */
export async function leaseLedger(db: Db, organisationId: string, leaseId: string) {
  const tenantLease = await loadTenantLease(db, organisationId, leaseId);
  const { calls, tenantBalance, cafBalance, settlements } = await leaseSettlement(
    db,
    organisationId,
    tenantLease,
  );
  const byId = new Map(settlements.map((s) => [s.rentCallId, s]));
  const receipts = await leaseReceipts(db, organisationId, leaseId);
  return {
    leaseId,
    personId: tenantLease.person.id,
    paymentReference: paymentReference(leaseId),
    tenantBalanceCents: tenantBalance,
    housingBenefitBalanceCents: cafBalance,
    periods: calls.map((c) => ({
      rentCallId: c.id,
      periodStart: c.periodStart,
      periodEnd: c.periodEnd,
      dueOn: c.dueOn,
      rentCents: c.rentCents,
      chargesCents: c.chargesCents,
      housingBenefitCents: c.housingBenefitCents,
      tenantPartCents: c.tenantPartCents,
      tenantPaidCents: byId.get(c.id)!.tenantPaidCents,
      housingBenefitPaidCents: byId.get(c.id)!.housingBenefitPaidCents,
      fullyPaid: byId.get(c.id)!.fullyPaid,
    })),
    receipts: receipts.map((r) => ({ ...issuedReceipt(r), issuedOn: r.issuedOn })),
    transactions: (await findLeaseTransactions(db, organisationId, leaseId)).map((t) => ({
      ...t,
      // a reversal cannot itself be reversed, nor a transaction twice
      reversible: t.kind !== "reversal" && t.reversedById === null,
    })),
    revisions: await findLeaseRevisions(db, organisationId, leaseId),
  };
}

// ---------------------------------------------------------------------------------------------
// Charges regularisation

/**
 * Books a lease's yearly charges regularisation (loi 89-462 art. 23), inside the caller's
 * transaction, as one ledger transaction: a sum
 * the tenant owes Dr 411 / Cr 708 (charges invoiced), a credit Dr 708 / Cr 411. Returns its id.
 */
export async function postChargesRegularisationInTransaction(
  db: Db,
  organisationId: string,
  input: {
    leaseId: string;
    occurredOn: IsoDate;
    balanceCents: number;
    periodStart: IsoDate;
    periodEnd: IsoDate;
    createdByUserId: string | null;
  },
): Promise<string> {
  const { lease, person, tenantAccountId } = await loadTenantLease(db, organisationId, input.leaseId);
  const chargesIncome = await ensureAccount(db, organisationId, chart.chargesIncome());
  const amount = Math.abs(input.balanceCents);
  const tenantOwes = input.balanceCents > 0;
  return postTransaction(db, organisationId, {
    header: {
      kind: "charges_regularisation",
      occurredOn: input.occurredOn,
      label: `Régularisation des charges du ${formatFrenchDate(input.periodStart)} au ${formatFrenchDate(input.periodEnd)}`,
      leaseId: lease.id,
      personId: person.id,
      unitId: lease.unitId,
      landlordId: lease.landlordId,
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      createdByUserId: input.createdByUserId,
    },
    lines: [
      {
        accountId: tenantAccountId,
        debitCents: tenantOwes ? amount : 0,
        creditCents: tenantOwes ? 0 : amount,
        leaseId: lease.id,
      },
      {
        accountId: chargesIncome,
        debitCents: tenantOwes ? 0 : amount,
        creditCents: tenantOwes ? amount : 0,
        leaseId: lease.id,
      },
    ],
  });
}
