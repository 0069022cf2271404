import { and, eq, gte, inArray, isNotNull, lte, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { TENANT_CONTRACT_KINDS } from "../leases/leases.rules";
import { provisionsInForce } from "../charges/charges.queries";
import {
  landlords,
  ledgerAccounts,
  ledgerEntries,
  ledgerTransactions,
  leases,
  persons,
  rentCalls,
  rentReceipts,
  rentRevisions,
} from "../../../db/schema";
import type { Clock } from "../../lib/clock";
import { compareDates, formatFrenchDate, type IsoDate, lastDayOfMonth } from "../../lib/dates";
import { AppError } from "../../lib/errors";
import { timeOrderedUuid } from "../../lib/ids";
import type { AnyActor } from "../auth/actor";
import type { AuditWriter } from "../audit/audit.service";
import { type AccountSpec, chart } from "./ledger.accounts";
import {
  activeRentCalls,
  ensureAccount,
  findLeaseRevisions,
  findLeaseTransactions,
  ensureAccounts,
  findTransaction,
  leaseAccountBalance,
  leasesRunningBetween,
  pgArray,
  type PostingInput,
  postTransaction,
  postTransactions,
  transactionLines,
} from "./ledger.queries";
import {
  type EntryLine,
  monthStart,
  type PaymentFrequency,
  periodDays,
  periodsOfMonth,
  receiptsForPayment,
  type RentPeriod,
  rentCallForPeriod,
  reversalLines,
  settlePeriods,
  vacancyCost,
  vacantDays,
} from "./ledger.rules";

export type LedgerContext = { actor: AnyActor; requestId: string | null; clock: Clock };

const billedStatuses = ["signed", "notice_given", "ended"] as const;

const personName = (p: { firstName: string; lastName: string }) =>
  `${p.lastName.toUpperCase()} ${p.firstName}`;

/** The reference a tenant writes on a transfer so the bank import matches it: "LOY-1A2B3C4D". */
export function paymentReference(leaseId: string): string {
  return `LOY-${leaseId.replace(/-/g, "").slice(0, 8).toUpperCase()}`;
}

export async function loadLease(db: Db, organisationId: string, leaseId: string) {
  const [lease] = await db
    .select()
    .from(leases)
    .where(and(eq(leases.organisationId, organisationId), eq(leases.id, leaseId)));
  if (!lease) throw AppError.notFound("Bail", leaseId);
  return lease;
}

/** A lease the organisation bills to a person, with the person's tenant account. */
export async function loadTenantLease(db: Db, organisationId: string, leaseId: string) {
  const lease = await loadLease(db, organisationId, leaseId);
  if (!lease.personId || !(TENANT_CONTRACT_KINDS as readonly string[]).includes(lease.kind))
    throw new AppError("LEASE_NOT_BILLABLE", "Ce bail n'a pas de locataire à qui appeler un loyer");
  const [person] = await db
    .select()
    .from(persons)
    .where(and(eq(persons.organisationId, organisationId), eq(persons.id, lease.personId)));
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
  db: Db,
  organisationId: string,
  month: string,
  actorUserId: string | null,
): Promise<RentCallRunResult> {
  const from = monthStart(month);
  const to = lastDayOfMonth(from);
  const candidates = await leasesRunningBetween(db, organisationId, billedStatuses, from, to);
  const calledThisMonth = await db
    .select({ leaseId: rentCalls.leaseId, periodStart: rentCalls.periodStart })
    .from(rentCalls)
    .where(
      and(
        eq(rentCalls.organisationId, organisationId),
        gte(rentCalls.periodStart, from),
        lte(rentCalls.periodStart, to),
      ),
    );
  const existing = new Set(calledThisMonth.map((r) => `${r.leaseId}|${r.periodStart}`));
  // a run bills a lease's whole month at once: once any period of the month is called, the month is
  // done for that lease, even if its payment terms changed since (a monthly call and a second
  // fortnight would bill the same days twice); new terms apply from the next month
  const leasesCalledThisMonth = new Set(calledThisMonth.map((r) => r.leaseId));
  const leaseIds = candidates.map((l) => l.id);
  const revisions = leaseIds.length
    ? await db
        .select({
          leaseId: rentRevisions.leaseId,
          effectiveFrom: rentRevisions.effectiveFrom,
          newRentCents: rentRevisions.newRentCents,
        })
        .from(rentRevisions)
        .where(
          and(
            eq(rentRevisions.organisationId, organisationId),
            isNotNull(rentRevisions.effectiveFrom),
            lte(rentRevisions.effectiveFrom, to),
          ),
        )
    : [];
  // newest first per lease (one pass, not a scan of every revision for each lease)
  const revisionsByLease = new Map<string, typeof revisions>();
  for (const r of [...revisions].sort((a, b) => compareDates(b.effectiveFrom!, a.effectiveFrom!)))
    revisionsByLease.set(r.leaseId, [...(revisionsByLease.get(r.leaseId) ?? []), r]);
  // loi 89-462 art. 23: a confirmed regularisation sets the monthly charge provision from a month on
  const provisionsByLease = new Map<string, { provisionFrom: IsoDate; provisionCents: number }[]>();
  if (leaseIds.length)
    for (const p of (await provisionsInForce(db, organisationId, to)).sort((a, b) =>
      compareDates(b.provisionFrom!, a.provisionFrom!),
    ))
      provisionsByLease.set(p.leaseId, [
        ...(provisionsByLease.get(p.leaseId) ?? []),
        { provisionFrom: p.provisionFrom!, provisionCents: p.provisionCents! },
      ]);
  const personById = new Map<string, { id: string; firstName: string; lastName: string }>();
  for (const l of candidates)
    if (l.personId && l.personFirstName !== null && l.personLastName !== null)
      personById.set(l.personId, {
        id: l.personId,
        firstName: l.personFirstName,
        lastName: l.personLastName,
      });
  const headLeases = candidates.filter((l) => l.kind === "head_lease" && l.landlordId);
  const landlordIds = [...new Set(headLeases.map((l) => l.landlordId!))];
  const landlordRows = landlordIds.length
    ? await db
        .select({ id: landlords.id, displayName: landlords.displayName })
        .from(landlords)
        .where(and(eq(landlords.organisationId, organisationId), inArray(landlords.id, landlordIds)))
    : [];
  const landlordById = new Map(landlordRows.map((l) => [l.id, l]));
  // sub-tenant occupancy of head-leased units (every signed tenant-side lease on the unit)
  const headUnitIds = [...new Set(headLeases.map((l) => l.unitId))];
  const occupancyRows = headUnitIds.length
    ? await db
        .select({ unitId: leases.unitId, start: leases.startDate, end: leases.endDate })
        .from(leases)
        .where(
          and(
            eq(leases.organisationId, organisationId),
            inArray(leases.unitId, headUnitIds),
            inArray(leases.kind, [...TENANT_CONTRACT_KINDS]),
            inArray(leases.status, [...billedStatuses]),
          ),
        )
    : [];
  const occupancyByUnit = new Map<string, { start: IsoDate; end: IsoDate | null }[]>();
  for (const o of occupancyRows) {
    const list = occupancyByUnit.get(o.unitId) ?? [];
    list.push({ start: o.start, end: o.end });
    occupancyByUnit.set(o.unitId, list);
  }

  const specs: AccountSpec[] = [
    chart.housingBenefit(),
    chart.rentIncome(),
    chart.chargesIncome(),
    chart.headLeaseRent(),
    chart.cost("vacancy"),
  ];
  for (const p of personById.values()) specs.push(chart.tenant(p.id, personName(p)));
  for (const l of landlordRows) specs.push(chart.landlord(l.id, l.displayName));
  const accounts = await ensureAccounts(db, organisationId, specs);
  const account = (spec: AccountSpec) => accounts.get(spec.code)!;
  const caf = account(chart.housingBenefit());
  const rentIncome = account(chart.rentIncome());
  const chargesIncome = account(chart.chargesIncome());
  const headRent = account(chart.headLeaseRent());
  const vacancy = account(chart.cost("vacancy"));

  // the same periods for every lease of a frequency
  const periodsByFrequency: Record<PaymentFrequency, RentPeriod[]> = {
    monthly: periodsOfMonth(month, "monthly"),
    fortnightly: periodsOfMonth(month, "fortnightly"),
  };
  const postings: PostingInput[] = [];
  const callRows: (typeof rentCalls.$inferInsert)[] = [];
  const result: RentCallRunResult = {
    month,
    created: 0,
    alreadyCalled: 0,
    tenantCalls: 0,
    headLeaseCalls: 0,
    calledCents: 0,
    vacancyCostCents: 0,
  };

  for (const lease of candidates) {
    const isHead = lease.kind === "head_lease";
    if (
      isHead
        ? !lease.landlordId || !landlordById.has(lease.landlordId)
        : !lease.personId || !personById.has(lease.personId)
    )
      continue;
    const leaseRevisions = revisionsByLease.get(lease.id) ?? [];
    for (const period of periodsByFrequency[lease.paymentFrequency]) {
      const key = `${lease.id}|${period.start}`;
      if (existing.has(key)) {
        result.alreadyCalled += 1;
        continue;
      }
      if (leasesCalledThisMonth.has(lease.id)) continue;
      // loi 89-462 art. 17-1: a requested revision applies from the first period starting on/after its effect
      const revision = leaseRevisions.find((r) => compareDates(r.effectiveFrom!, period.start) <= 0);
      const provision = provisionsByLease
        .get(lease.id)
        ?.find((p) => compareDates(p.provisionFrom, period.start) <= 0);
      const amounts = rentCallForPeriod(
        {
          rentCents: revision?.newRentCents ?? lease.rentCents,
          chargesCents: provision?.provisionCents ?? lease.chargesCents,
          housingBenefitCents: isHead ? 0 : lease.housingBenefitCents,
          housingBenefitPaidToOperator: isHead ? false : lease.housingBenefitPaidToOperator,
          paymentFrequency: lease.paymentFrequency as PaymentFrequency,
          startDate: lease.startDate,
          endDate: lease.endDate,
        },
        period,
      );
      if (!amounts) continue;
      const total = amounts.rentCents + amounts.chargesCents;
      const transactionId = timeOrderedUuid();
      let lines: EntryLine[];
      let vacant = 0;
      let vacancyCents = 0;
      if (isHead) {
        const landlordAccount = account(
          chart.landlord(lease.landlordId!, landlordById.get(lease.landlordId!)!.displayName),
        );
        vacant = vacantDays(period, occupancyByUnit.get(lease.unitId) ?? []);
        vacancyCents = vacancyCost(total, vacant, periodDays(period));
        lines = [
          { accountId: headRent, debitCents: total - vacancyCents, creditCents: 0, leaseId: lease.id },
          { accountId: vacancy, debitCents: vacancyCents, creditCents: 0, leaseId: lease.id },
          { accountId: landlordAccount, debitCents: 0, creditCents: total, leaseId: lease.id },
        ];
        result.headLeaseCalls += 1;
        result.vacancyCostCents += vacancyCents;
      } else {
        const person = personById.get(lease.personId!)!;
        lines = [
          {
            accountId: account(chart.tenant(person.id, personName(person))),
            debitCents: amounts.tenantPartCents,
            creditCents: 0,
            leaseId: lease.id,
          },
          { accountId: caf, debitCents: amounts.housingBenefitCents, creditCents: 0, leaseId: lease.id },
          { accountId: rentIncome, debitCents: 0, creditCents: amounts.rentCents, leaseId: lease.id },
          { accountId: chargesIncome, debitCents: 0, creditCents: amounts.chargesCents, leaseId: lease.id },
        ];
        result.tenantCalls += 1;
      }
      if (total === 0) continue;
      postings.push({
        id: transactionId,
        header: {
          kind: isHead ? "head_lease_rent" : "rent_call",
          occurredOn: period.start,
          label: isHead
            ? `Loyer dû au bailleur du ${formatFrenchDate(period.start)} au ${formatFrenchDate(period.end)}`
            : `Appel de loyer du ${formatFrenchDate(period.start)} au ${formatFrenchDate(period.end)}`,
          leaseId: lease.id,
          personId: lease.personId,
          unitId: lease.unitId,
          landlordId: lease.landlordId,
          periodStart: period.start,
          periodEnd: period.end,
          createdByUserId: actorUserId,
        },
        lines,
      });
      callRows.push({
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
        vacantDays: vacant,
        vacancyCostCents: vacancyCents,
        transactionId,
      });
      result.calledCents += total;
    }
  }
  await postTransactions(db, organisationId, postings);
  for (let i = 0; i < callRows.length; i += 20_000) {
    const chunk = callRows.slice(i, i + 20_000);
    const c = <K extends keyof (typeof chunk)[number]>(key: K) =>
      pgArray(chunk.map((r) => (r[key] ?? null) as string | number | null));
    await db.execute(sql`insert into rent_calls (organisation_id, id, lease_id, lease_kind, unit_id, person_id, landlord_id,
        period_start, period_end, due_on, rent_cents, charges_cents, housing_benefit_cents, tenant_part_cents,
        vacant_days, vacancy_cost_cents, transaction_id)
      select ${organisationId}::uuid, * from unnest(${c("id")}::uuid[], ${c("leaseId")}::uuid[], ${c("leaseKind")}::text[],
        ${c("unitId")}::uuid[], ${c("personId")}::uuid[], ${c("landlordId")}::uuid[], ${c("periodStart")}::date[],
        ${c("periodEnd")}::date[], ${c("dueOn")}::date[], ${c("rentCents")}::integer[], ${c("chargesCents")}::integer[],
        ${c("housingBenefitCents")}::integer[], ${c("tenantPartCents")}::integer[], ${c("vacantDays")}::integer[],
        ${c("vacancyCostCents")}::integer[], ${c("transactionId")}::uuid[])`);
  }
  result.created = callRows.length;
  return result;
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
  const tenantBalance = await leaseAccountBalance(db, organisationId, tenantAccountId, lease.id);
  const cafBalance = await leaseAccountBalance(db, organisationId, cafAccountId, lease.id);
  const tenantCalled = calls.reduce((s, c) => s + c.tenantPartCents, 0);
  const cafCalled = calls.reduce((s, c) => s + c.housingBenefitCents, 0);
  const settlements = settlePeriods(calls, tenantCalled - tenantBalance, cafCalled - cafBalance);
  return { calls, tenantBalance, cafBalance, settlements };
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

/** Quittance for each period the payment completes; reçu for the amount otherwise (art. 21). */
async function issueReceipts(
  db: Db,
  organisationId: string,
  tenantLease: Awaited<ReturnType<typeof loadTenantLease>>,
  before: Awaited<ReturnType<typeof leaseSettlement>>,
  payment: { transactionId: string; amountCents: number; on: IsoDate },
): Promise<IssuedReceipt[]> {
  const after = await leaseSettlement(db, organisationId, tenantLease);
  const decision = receiptsForPayment(before.settlements, after.settlements);
  const callById = new Map(after.calls.map((c) => [c.id, c]));
  const rows: (typeof rentReceipts.$inferInsert)[] = decision.quittances.map((id) => {
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
  if (rows.length === 0) return [];
  const inserted = await db.insert(rentReceipts).values(rows).onConflictDoNothing().returning();
  return inserted.map((r) => ({
    id: r.id,
    kind: r.kind,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    amountCents: r.amountCents,
    rentCents: r.rentCents,
    chargesCents: r.chargesCents,
  }));
}

export type PaymentInput = {
  leaseId: string;
  amountCents: number;
  method: "transfer" | "direct_debit" | "cheque" | "cash";
  receivedOn: IsoDate;
  reference?: string | null;
};

/** A tenant payment on the bank: Dr 512 / Cr 411 (or Cr 471 → 411 when it comes out of suspense). */
export async function recordPayment(
  db: Db,
  organisationId: string,
  input: PaymentInput & { fromSuspense?: boolean },
  actorUserId: string | null,
  audit: AuditWriter,
) {
  const tenantLease = await loadTenantLease(db, organisationId, input.leaseId);
  const before = await leaseSettlement(db, organisationId, tenantLease);
  const debitAccount = await ensureAccount(
    db,
    organisationId,
    input.fromSuspense ? chart.suspense() : chart.bank(),
  );
  const transactionId = await postTransaction(db, organisationId, {
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
      { accountId: debitAccount, debitCents: input.amountCents, creditCents: 0, leaseId: input.leaseId },
      {
        accountId: tenantLease.tenantAccountId,
        debitCents: 0,
        creditCents: input.amountCents,
        leaseId: input.leaseId,
      },
    ],
  });
  const receipts = await issueReceipts(db, organisationId, tenantLease, before, {
    transactionId,
    amountCents: input.amountCents,
    on: input.receivedOn,
  });
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
  return { transactionId, receipts };
}

/** CAF housing-benefit receipt (one bordereau, many leases): Dr 512 total / Cr 441-CAF per lease. */
export async function recordHousingBenefitReceipt(
  db: Db,
  organisationId: string,
  input: {
    receivedOn: IsoDate;
    reference?: string | null;
    lines: { leaseId: string; amountCents: number }[];
  },
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

/** Corrects a transaction by posting its mirror image; the original stays as it was. */
export async function reverseTransaction(
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
  const [already] = await db
    .select({ id: ledgerTransactions.id })
    .from(ledgerTransactions)
    .where(
      and(
        eq(ledgerTransactions.organisationId, organisationId),
        eq(ledgerTransactions.reversesTransactionId, original.id),
      ),
    );
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

export async function transactionDetail(db: Db, organisationId: string, id: string) {
  const transaction = await findTransaction(db, organisationId, id);
  if (!transaction) throw AppError.notFound("Écriture", id);
  const lines = await transactionLines(db, organisationId, id);
  const { organisationId: _tenant, recordedAt, ...header } = transaction;
  return { transaction: { ...header, recordedAt: recordedAt.toISOString() }, lines };
}

/** Refuses (404) a transaction id the organisation does not have. */
export async function assertTransactionExists(db: Db, organisationId: string, id: string): Promise<void> {
  if (!(await findTransaction(db, organisationId, id))) throw AppError.notFound("Écriture", id);
}

/** Per account: Σ debits, Σ credits, balance. Σ of all balances is zero (double entry). */
export async function trialBalance(db: Db, organisationId: string, asOf?: IsoDate) {
  const rows = await db
    .select({
      accountId: ledgerAccounts.id,
      code: ledgerAccounts.code,
      name: ledgerAccounts.name,
      kind: ledgerAccounts.kind,
      debit: sql<string>`coalesce(sum(${ledgerEntries.debitCents}), 0)`,
      credit: sql<string>`coalesce(sum(${ledgerEntries.creditCents}), 0)`,
    })
    .from(ledgerEntries)
    .innerJoin(
      ledgerAccounts,
      and(
        eq(ledgerAccounts.organisationId, ledgerEntries.organisationId),
        eq(ledgerAccounts.id, ledgerEntries.accountId),
      ),
    )
    .innerJoin(
      ledgerTransactions,
      and(
        eq(ledgerTransactions.organisationId, ledgerEntries.organisationId),
        eq(ledgerTransactions.id, ledgerEntries.transactionId),
      ),
    )
    .where(
      and(
        eq(ledgerEntries.organisationId, organisationId),
        asOf ? lte(ledgerTransactions.occurredOn, asOf) : undefined,
      ),
    )
    .groupBy(ledgerAccounts.id, ledgerAccounts.code, ledgerAccounts.name, ledgerAccounts.kind)
    .orderBy(ledgerAccounts.code);
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
  const receipts = await db
    .select()
    .from(rentReceipts)
    .where(and(eq(rentReceipts.organisationId, organisationId), eq(rentReceipts.leaseId, leaseId)))
    .orderBy(rentReceipts.issuedOn, rentReceipts.createdAt);
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
    receipts: receipts.map((r) => ({
      id: r.id,
      kind: r.kind,
      periodStart: r.periodStart,
      periodEnd: r.periodEnd,
      amountCents: r.amountCents,
      rentCents: r.rentCents,
      chargesCents: r.chargesCents,
      issuedOn: r.issuedOn,
    })),
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
 * Books a lease's yearly charges regularisation (loi 89-462 art. 23) as one transaction: a sum
 * the tenant owes Dr 411 / Cr 708 (charges invoiced), a credit Dr 708 / Cr 411. Returns its id.
 */
export async function postChargesRegularisation(
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
