/**
 * The ledger's PDFs, rendered by the documents module (templates/rent_call.tpl, rent_receipt.tpl,
 * partial_payment_receipt.tpl, landlord_statement.tpl) and stored once: a second request returns
 * the document already generated (the same bytes, the same hash). Every generation runs in the
 * caller's audited transaction, which holds the organisation's lock, so two concurrent requests
 * cannot store two copies.
 */
import { FRENCH_MONTHS } from "../../lib/french-months";
import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import {
  buildings,
  documents,
  landlords,
  leases,
  mandates,
  organisations,
  persons,
  rentCalls,
  rentReceipts,
  units,
} from "../../../db/schema";
import type { Clock } from "../../lib/clock";
import { addDays, compareDates, type IsoDate, lastDayOfMonth } from "../../lib/dates";
import { AppError } from "../../lib/errors";
import { type PageRequest, pageOfRows } from "../../lib/pagination";
import { inUseCaseTransaction, type UseCaseContext } from "../../lib/use-case-context";
import type { AuditWriter } from "../audit/audit.service";
import type { AnyActor } from "../auth/actor";
import {
  buildingAddress,
  issuedNow,
  landlordParty,
  organisationHeader,
  personFullName,
} from "../documents/document-parties";
import { generateDocument } from "../documents/documents.service";
import { type MailSettings, queueMail } from "../mail/mail.service";
import type { MailTemplateData } from "../mail/mail.templates";
import { landlordStatement } from "./landlord.service";
import { findDebitMandateOfLease } from "./direct-debit.queries";
import { chart } from "./ledger.accounts";
import { monthStart, type TenantCreditSource, tenantPartPayers } from "./ledger.rules";
import { paymentReference } from "./ledger.service";
import { accountIdByCode, activeRentCalls, selectRows, tenantAccountCredits } from "./ledger.queries";

/**
 * Who paid the tenant part of a call: the tenant, the programme's rent complement, a debt written
 * off (the tenant account's credits applied oldest period first, in the order they were booked).
 */
async function payersOfCall(
  db: Db,
  organisationId: string,
  call: { id: string; leaseId: string; personId: string | null; tenantPartCents: number },
): Promise<Record<TenantCreditSource, number>> {
  const accountId = call.personId
    ? await accountIdByCode(db, organisationId, chart.tenant(call.personId, "").code)
    : null;
  if (!accountId) return { tenant: call.tenantPartCents, rent_complement: 0, write_off: 0 };
  const calls = await activeRentCalls(db, organisationId, call.leaseId);
  const credits = (await tenantAccountCredits(db, organisationId, accountId, call.leaseId)).map((c) => ({
    source: (c.kind === "rent_complement" || c.kind === "write_off"
      ? c.kind
      : "tenant") as TenantCreditSource,
    amountCents: c.amountCents,
  }));
  return (
    tenantPartPayers(calls, credits).get(call.id) ?? {
      tenant: call.tenantPartCents,
      rent_complement: 0,
      write_off: 0,
    }
  );
}

/**
 * `mail`: the site's mail settings when the document is made on a request; a new avis
 * d'échéance, quittance or statement is then e-mailed to a tenant or landlord who accepted it.
 */
type LedgerDocumentContext = {
  actor: AnyActor;
  clock: Clock;
  audit: AuditWriter;
  mail?: MailSettings;
};

/** The stored PDF, attached to an e-mail to whoever agreed to receive it by e-mail. */
async function mailDocument<T extends "rent_call" | "rent_receipt" | "landlord_statement">(
  db: Db,
  context: LedgerDocumentContext,
  recipient: { email: string | null; emailConsent: boolean },
  documentId: string,
  filename: string,
  template: T,
  data: MailTemplateData[T],
  about: { type: string; id: string },
): Promise<void> {
  // RGPD art. 6 and 7: only to an address given with the person's agreement to this use
  if (!context.mail || !recipient.email || !recipient.emailConsent) return;
  await queueMail(db, context, context.mail, {
    recipient: recipient.email,
    template,
    data,
    attachments: [{ documentId, filename }],
    about,
    dedupeKey: `document:${documentId}`,
  });
}
export type StoredDocumentRef = { documentId: string; url: string; templateId: string; created: boolean };

/** "Novembre 2026" for a whole month, "1er – 15 novembre 2026" for a fortnight. */
export function periodLabel(from: IsoDate, to: IsoDate): string {
  const [y, m, d] = from.split("-").map(Number) as [number, number, number];
  const month = `${FRENCH_MONTHS[m - 1]} ${y}`;
  if (d === 1 && to === lastDayOfMonth(from)) return month.charAt(0).toUpperCase() + month.slice(1);
  const [, , d2] = to.split("-").map(Number) as [number, number, number];
  return `${d === 1 ? "1er" : d} – ${d2} ${month}`;
}

const refOf = (row: { id: string; templateId: string }, created: boolean): StoredDocumentRef => ({
  documentId: row.id,
  url: `/api/documents/${row.id}.pdf`,
  templateId: row.templateId,
  created,
});

async function existingDocument(db: Db, organisationId: string, subjectType: string, subjectId: string) {
  const [row] = await db
    .select({ id: documents.id, templateId: documents.templateId })
    .from(documents)
    .where(
      and(
        eq(documents.organisationId, organisationId),
        eq(documents.subjectType, subjectType),
        eq(documents.subjectId, subjectId),
      ),
    )
    .orderBy(desc(documents.createdAt))
    .limit(1);
  return row ?? null;
}

async function organisationRow(db: Db, organisationId: string) {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, organisationId));
  if (!row) throw AppError.notFound("Organisation", organisationId);
  return row;
}

/** The tenant as printed on a rent document: name and the flat's address. */
async function tenantOfLease(db: Db, organisationId: string, leaseId: string) {
  const [row] = await db
    .select({ lease: leases, person: persons, unit: units, building: buildings })
    .from(leases)
    .innerJoin(
      persons,
      and(eq(persons.organisationId, leases.organisationId), eq(persons.id, leases.personId)),
    )
    .innerJoin(units, and(eq(units.organisationId, leases.organisationId), eq(units.id, leases.unitId)))
    .innerJoin(
      buildings,
      and(eq(buildings.organisationId, units.organisationId), eq(buildings.id, units.buildingId)),
    )
    .where(and(eq(leases.organisationId, organisationId), eq(leases.id, leaseId)));
  if (!row) throw AppError.notFound("Bail", leaseId);
  const unitAddress = `${row.unit.reference ? `${row.unit.reference}, ` : ""}${buildingAddress(row.building)}`;
  return { ...row, addressee: { fullName: personFullName(row.person), address: unitAddress } };
}

/**
 * Who lets the flat: the organisation for a sub-lease or an occupancy agreement, the landlord
 * for a direct lease (signed in their name under a management mandate).
 */
async function lessorName(
  db: Db,
  organisationId: string,
  lease: typeof leases.$inferSelect,
  orgName: string,
) {
  if (lease.kind !== "direct_lease" || !lease.landlordId) return orgName;
  const [landlord] = await db
    .select({ name: landlords.displayName })
    .from(landlords)
    .where(and(eq(landlords.organisationId, organisationId), eq(landlords.id, lease.landlordId)));
  return landlord?.name ?? orgName;
}

/** Tenant balance of the lease from the transactions dated before `before` (arrears brought forward). */
async function tenantBalanceBefore(db: Db, organisationId: string, leaseId: string, before: IsoDate) {
  const [row] = await selectRows<{ balance: string }>(
    db,
    sql`select coalesce(sum(e.debit_cents - e.credit_cents), 0)::bigint as balance
          from ledger_entries e
          join ledger_accounts a on a.organisation_id = e.organisation_id and a.id = e.account_id
          join ledger_transactions t on t.organisation_id = e.organisation_id and t.id = e.transaction_id
         where e.organisation_id = ${organisationId} and e.lease_id = ${leaseId}
           and a.kind = 'tenant' and t.occurred_on < ${before}`,
  );
  return Number(row?.balance ?? 0);
}

/** Avis d'échéance of one rent call (tenant side), stored once. */
export async function rentCallDocument(
  context: UseCaseContext<AnyActor>,
  rentCallId: string,
  mail?: MailSettings,
): Promise<StoredDocumentRef> {
  return inUseCaseTransaction(context, (tx, audit) =>
    rentCallDocumentInTransaction(tx, context.actor.organisationId, rentCallId, { ...context, audit, mail }),
  );
}

async function rentCallDocumentInTransaction(
  db: Db,
  organisationId: string,
  rentCallId: string,
  context: LedgerDocumentContext,
): Promise<StoredDocumentRef> {
  const [call] = await db
    .select()
    .from(rentCalls)
    .where(and(eq(rentCalls.organisationId, organisationId), eq(rentCalls.id, rentCallId)));
  if (!call) throw AppError.notFound("Appel de loyer", rentCallId);
  if (!call.personId)
    throw new AppError(
      "LEASE_NOT_BILLABLE",
      "Un loyer dû au bailleur (bail principal) n'a pas d'avis d'échéance",
    );
  const existing = await existingDocument(db, organisationId, "rent_call", call.id);
  if (existing) return refOf(existing, false);
  const organisation = await organisationRow(db, organisationId);
  const { lease, addressee, person } = await tenantOfLease(db, organisationId, call.leaseId);
  const previousBalanceCents = await tenantBalanceBefore(db, organisationId, call.leaseId, call.periodStart);
  const reference = paymentReference(call.leaseId);
  const debitMandate = await findDebitMandateOfLease(db, organisationId, call.leaseId);
  const { row } = await generateDocument(db, {
    organisationId,
    templateId: "rent_call",
    data: {
      organisation: organisationHeader(organisation, context.actor),
      tenant: addressee,
      reference,
      period: {
        from: call.periodStart,
        to: call.periodEnd,
        label: periodLabel(call.periodStart, call.periodEnd),
      },
      dueDate: call.dueOn,
      rentCents: call.rentCents,
      chargesCents: call.chargesCents,
      housingBenefitCents: call.housingBenefitCents,
      housingBenefitPaidToOperator: lease.housingBenefitPaidToOperator,
      previousBalanceCents,
      totalDueCents: previousBalanceCents + call.tenantPartCents,
      // «prélèvement» only for a tenant who signed a SEPA mandate (a debit needs one: SDD Core)
      paymentInstructions: debitMandate
        ? `Par prélèvement SEPA sur le compte ${maskIban(debitMandate.iban)} (mandat ${debitMandate.reference}), ou par virement en indiquant la référence ${reference}.`
        : `Par virement en indiquant la référence ${reference}, par chèque à l'ordre de ${organisation.name} ou en espèces contre reçu.`,
      issued: issuedNow(organisation, context.clock),
    },
    links: {
      leaseId: call.leaseId,
      personId: call.personId,
      unitId: call.unitId,
      subjectType: "rent_call",
      subjectId: call.id,
    },
    createdAt: context.clock.now(),
    audit: context.audit,
  });
  const label = periodLabel(call.periodStart, call.periodEnd);
  await mailDocument(
    db,
    context,
    person,
    row.id,
    `avis-echeance-${call.periodStart.slice(0, 7)}.pdf`,
    "rent_call",
    {
      fullName: addressee.fullName,
      organisationName: organisation.name,
      periodLabel: label,
      totalCents: previousBalanceCents + call.tenantPartCents,
      dueOn: call.dueOn,
    },
    { type: "rent_call", id: call.id },
  );
  return refOf(row, true);
}

/** Quittance (fully paid period) or reçu (partial payment) of one issued receipt, stored once. */
export async function receiptDocument(
  context: UseCaseContext<AnyActor>,
  receiptId: string,
  mail?: MailSettings,
): Promise<StoredDocumentRef> {
  return inUseCaseTransaction(context, (tx, audit) =>
    receiptDocumentInTransaction(tx, context.actor.organisationId, receiptId, { ...context, audit, mail }),
  );
}

async function receiptDocumentInTransaction(
  db: Db,
  organisationId: string,
  receiptId: string,
  context: LedgerDocumentContext,
): Promise<StoredDocumentRef> {
  const [receipt] = await db
    .select()
    .from(rentReceipts)
    .where(and(eq(rentReceipts.organisationId, organisationId), eq(rentReceipts.id, receiptId)));
  if (!receipt) throw AppError.notFound("Reçu", receiptId);
  const existing = await existingDocument(db, organisationId, "rent_receipt", receipt.id);
  if (existing) return refOf(existing, false);
  const organisation = await organisationRow(db, organisationId);
  const { lease, addressee, person } = await tenantOfLease(db, organisationId, receipt.leaseId);
  const lessor = await lessorName(db, organisationId, lease, organisation.name);
  const header = organisationHeader(organisation, context.actor);
  const issued = issuedNow(organisation, context.clock);
  const reference = paymentReference(receipt.leaseId);
  const links = {
    leaseId: receipt.leaseId,
    personId: receipt.personId,
    unitId: lease.unitId,
    subjectType: "rent_receipt",
    subjectId: receipt.id,
  };
  if (receipt.kind === "quittance") {
    // loi 89-462 art. 21: the quittance shows rent and charges apart
    const [call] = await db
      .select()
      .from(rentCalls)
      .where(and(eq(rentCalls.organisationId, organisationId), eq(rentCalls.id, receipt.rentCallId!)));
    if (!call) throw AppError.notFound("Appel de loyer", receipt.rentCallId ?? "");
    const payers = await payersOfCall(db, organisationId, call);
    const { row } = await generateDocument(db, {
      organisationId,
      templateId: "rent_receipt",
      data: {
        organisation: header,
        lessorName: lessor,
        tenant: addressee,
        reference,
        period: {
          from: call.periodStart,
          to: call.periodEnd,
          label: periodLabel(call.periodStart, call.periodEnd),
        },
        rentCents: call.rentCents,
        chargesCents: call.chargesCents,
        housingBenefitCents: call.housingBenefitCents,
        housingBenefitPaidToOperator: lease.housingBenefitPaidToOperator,
        tenantPaidCents: payers.tenant,
        rentComplementCents: payers.rent_complement,
        writtenOffCents: payers.write_off,
        totalCents: call.rentCents + call.chargesCents,
        paidOn: receipt.issuedOn,
        issued,
      },
      links,
      createdAt: context.clock.now(),
      audit: context.audit,
    });
    await mailDocument(
      db,
      context,
      person,
      row.id,
      `quittance-${call.periodStart.slice(0, 7)}.pdf`,
      "rent_receipt",
      {
        fullName: addressee.fullName,
        organisationName: organisation.name,
        periodLabel: periodLabel(call.periodStart, call.periodEnd),
        totalCents: call.rentCents + call.chargesCents,
      },
      { type: "rent_receipt", id: receipt.id },
    );
    return refOf(row, true);
  }
  // a reçu: the period the payment left partly paid, or (payment in advance) the payment's month
  const from = receipt.periodStart ?? monthStart(receipt.issuedOn.slice(0, 7));
  const to = receipt.periodEnd ?? lastDayOfMonth(from);
  const { row } = await generateDocument(db, {
    organisationId,
    templateId: "partial_payment_receipt",
    data: {
      organisation: header,
      lessorName: lessor,
      tenant: addressee,
      reference,
      period: { from, to, label: periodLabel(from, to) },
      amountDueCents: receipt.dueCents ?? 0,
      amountPaidCents: receipt.amountCents,
      remainingCents: Math.max(0, receipt.remainingCents ?? 0),
      paidOn: receipt.issuedOn,
      issued,
    },
    links,
    createdAt: context.clock.now(),
    audit: context.audit,
  });
  return refOf(row, true);
}

/** IBAN shown masked on a statement: "FR76 •••• •••• 1234". */
export function maskIban(iban: string | null): string | null {
  if (!iban) return null;
  const compact = iban.replace(/\s+/g, "");
  return `${compact.slice(0, 4)} •••• •••• ${compact.slice(-4)}`;
}

/**
 * Relevé de gérance of a landlord for a closed month, as a PDF visible in their portal; stored
 * once per landlord and month (a closed month's ledger no longer changes: corrections are dated
 * on the day they are made).
 */
export async function landlordStatementDocument(
  context: UseCaseContext<AnyActor>,
  landlordId: string,
  month: string,
  mail?: MailSettings,
): Promise<StoredDocumentRef> {
  return inUseCaseTransaction(context, (tx, audit) =>
    landlordStatementDocumentInTransaction(tx, context.actor.organisationId, landlordId, month, {
      ...context,
      audit,
      mail,
    }),
  );
}

async function landlordStatementDocumentInTransaction(
  db: Db,
  organisationId: string,
  landlordId: string,
  month: string,
  context: LedgerDocumentContext,
): Promise<StoredDocumentRef> {
  const from = monthStart(month);
  const to = lastDayOfMonth(from);
  if (compareDates(context.clock.today(), addDays(to, 1)) < 0)
    throw new AppError("PERIOD_NOT_CLOSED", "Le relevé d'un mois n'est établi qu'une fois le mois terminé", {
      period: month,
    });
  const statement = await landlordStatement(db, organisationId, landlordId, month);
  // subject: the landlord; the month is in the data (one statement per landlord and month)
  const [existing] = await db
    .select({ id: documents.id, templateId: documents.templateId })
    .from(documents)
    .where(
      and(
        eq(documents.organisationId, organisationId),
        eq(documents.subjectType, "landlord_statement"),
        eq(documents.subjectId, landlordId),
        sql`${documents.data} -> 'period' ->> 'from' = ${from}`,
      ),
    );
  if (existing) return refOf(existing, false);
  const organisation = await organisationRow(db, organisationId);
  const [landlord] = await db
    .select()
    .from(landlords)
    .where(and(eq(landlords.organisationId, organisationId), eq(landlords.id, landlordId)));
  const [mandate] = await db
    .select({ number: mandates.number })
    .from(mandates)
    .where(
      and(
        eq(mandates.organisationId, organisationId),
        eq(mandates.landlordId, landlordId),
        eq(mandates.status, "signed"),
      ),
    )
    .orderBy(mandates.number)
    .limit(1);
  const unitIds = [
    ...new Set(statement.lines.map((l) => l.unitId).filter((id): id is string => Boolean(id))),
  ];
  const unitLabels = new Map<string, string>();
  for (const unitId of unitIds) {
    const [u] = await db
      .select({ unit: units, building: buildings })
      .from(units)
      .innerJoin(
        buildings,
        and(eq(buildings.organisationId, units.organisationId), eq(buildings.id, units.buildingId)),
      )
      .where(and(eq(units.organisationId, organisationId), eq(units.id, unitId)));
    if (u)
      unitLabels.set(
        unitId,
        `${u.unit.reference ? `${u.unit.reference}, ` : ""}${buildingAddress(u.building)}`,
      );
  }
  const lines = statement.lines.map((l) => ({
    date: l.on,
    unitLabel: (l.unitId && unitLabels.get(l.unitId)) || "—",
    label: l.label,
    creditCents: l.owedCents,
    debitCents: l.paidCents,
  }));
  const totalCreditCents = lines.reduce((s, l) => s + l.creditCents, 0);
  const totalDebitCents = lines.reduce((s, l) => s + l.debitCents, 0);
  const payouts = statement.lines.filter((l) => l.kind === "landlord_payout" && l.paidCents > 0);
  const { row } = await generateDocument(db, {
    organisationId,
    templateId: "landlord_statement",
    data: {
      organisation: organisationHeader(organisation, context.actor),
      landlord: landlordParty(landlord!),
      reference: `RG-${month}-${landlordId.slice(0, 8).toUpperCase()}`,
      period: { from, to, label: periodLabel(from, to) },
      mandateNumber: mandate?.number ?? null,
      lines,
      totalCreditCents,
      totalDebitCents,
      // what was transferred to the landlord during the month
      netPayoutCents: payouts.reduce((s, l) => s + l.paidCents, 0),
      payoutDate: payouts.at(-1)?.on ?? null,
      maskedIban: maskIban(landlord!.iban ?? null),
      guarantee: {
        ...statement.guarantee,
        shown: statement.guarantee.paidToDateCents > 0,
        outstandingCents: Math.max(
          0,
          statement.guarantee.paidToDateCents - statement.guarantee.recoveredToDateCents,
        ),
      },
      issued: issuedNow(organisation, context.clock),
    },
    links: { landlordId, subjectType: "landlord_statement", subjectId: landlordId },
    createdAt: context.clock.now(),
    audit: context.audit,
  });
  await mailDocument(
    db,
    context,
    landlord!,
    row.id,
    `releve-gerance-${month}.pdf`,
    "landlord_statement",
    {
      displayName: landlord!.displayName,
      organisationName: organisation.name,
      monthLabel: periodLabel(from, to).toLocaleLowerCase("fr-FR"),
      netCents: payouts.reduce((s, l) => s + l.paidCents, 0),
    },
    { type: "landlord", id: landlordId },
  );
  return refOf(row, true);
}

/** A page of the statement PDFs of a landlord, newest month first (portal and back office). */
export async function landlordStatementDocuments(
  context: UseCaseContext,
  landlordId: string,
  page: PageRequest,
) {
  const { db } = context;
  const { organisationId } = context.actor;
  const period = sql<string>`${documents.data} -> 'period' ->> 'from'`;
  const ofLandlord = and(
    eq(documents.organisationId, organisationId),
    eq(documents.subjectType, "landlord_statement"),
    eq(documents.landlordId, landlordId),
  );
  const [rows, [counted]] = await Promise.all([
    db
      .select({
        id: documents.id,
        templateId: documents.templateId,
        period,
        sha256: documents.sha256,
        createdAt: documents.createdAt,
      })
      .from(documents)
      .where(ofLandlord)
      .orderBy(desc(period), asc(documents.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(documents).where(ofLandlord),
  ]);
  return pageOfRows(
    rows.map((r) => ({
      documentId: r.id,
      period: r.period.slice(0, 7),
      sha256: r.sha256,
      createdAt: r.createdAt.toISOString(),
      url: `/api/documents/${r.id}.pdf`,
    })),
    counted?.n ?? 0,
    page,
  );
}
