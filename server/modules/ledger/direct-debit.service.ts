/**
 * Tenants' SEPA direct debits: the mandate a tenant signed (recorded from their account page), and
 * the month's collections of those tenants as a pain.008.001.08 file for the bank's portal. The
 * collections of a month are fixed the first time its file is prepared (amount, FRST or RCUR), so
 * the file can be downloaded again identical; the payments themselves are booked when the bank
 * credits them (bank statement import or a payment with the «prélèvement» method).
 */
import { createHash } from "node:crypto";
import { addDays, compareDates, type IsoDate, lastDayOfMonth } from "../../lib/dates";
import { AppError } from "../../lib/errors";
import { formatFrenchMonth } from "../../lib/french-months";
import { inUseCaseTransaction, type UseCaseContext } from "../../lib/use-case-context";
import { normalizeIban } from "../landlords/iban.rules";
import { findOrganisation } from "../organisations/organisations.queries";
import {
  collectionsBefore,
  collectionsOfMonth,
  debitCandidates,
  findDebitMandateByReference,
  findDebitMandateOfLease,
  insertCollections,
  insertDebitMandate,
  type TenantDebitMandateRow,
} from "./direct-debit.queries";
import { debitMandateIssues, monthDebitAmount, sequenceTypeFor } from "./direct-debit.rules";
import { monthStart } from "./ledger.rules";
import { loadTenantLease, paymentReference } from "./ledger.service";
import { buildDirectDebitFile, sepaIssues } from "./sepa.rules";
import { assertValidSepaFile } from "./sepa.schema";

export type DebitMandateInput = {
  reference?: string | null;
  signedOn: IsoDate;
  debtorName?: string | null;
  iban: string;
  bic?: string | null;
};

const NO_LATER_MONTH = "9999-12-01";

/** The mandate as the API shows it, with the sequence type its next collection takes. */
function mandateView(row: TenantDebitMandateRow, collections: number) {
  return {
    id: row.id,
    leaseId: row.leaseId,
    personId: row.personId,
    reference: row.reference,
    signedOn: row.signedOn,
    debtorName: row.debtorName,
    iban: row.iban,
    bic: row.bic,
    collections,
    nextSequenceType: sequenceTypeFor(collections),
  };
}

/** The tenant's SEPA mandate on a lease, or null. */
export async function tenantDebitMandate(context: UseCaseContext, leaseId: string) {
  const organisationId = context.actor.organisationId;
  const row = await findDebitMandateOfLease(context.db, organisationId, leaseId);
  if (!row) {
    await loadTenantLease(context.db, organisationId, leaseId); // 404 for another organisation's lease
    return { mandate: null };
  }
  const collections = await collectionsBefore(context.db, organisationId, row.id, NO_LATER_MONTH);
  return { mandate: mandateView(row, collections) };
}

/** Records the SEPA mandate a tenant signed; one per lease (409 DEBIT_MANDATE_EXISTS otherwise). */
export function recordTenantDebitMandate(context: UseCaseContext, leaseId: string, input: DebitMandateInput) {
  return inUseCaseTransaction(context, async (tx, audit) => {
    const organisationId = context.actor.organisationId;
    const { lease, person } = await loadTenantLease(tx, organisationId, leaseId);
    const reference = (input.reference ?? "").trim() || `${paymentReference(lease.id)}-1`;
    const iban = normalizeIban(input.iban);
    const bic = input.bic?.trim() ? input.bic.trim().toUpperCase() : null;
    const issues = debitMandateIssues({
      reference,
      signedOn: input.signedOn,
      iban,
      bic,
      today: context.clock.today(),
    });
    if (issues.length > 0) throw AppError.validation(issues, issues.map((i) => i.message).join(" ; "));
    const existing = await findDebitMandateOfLease(tx, organisationId, leaseId);
    if (existing)
      throw new AppError(
        "DEBIT_MANDATE_EXISTS",
        "Un mandat de prélèvement est déjà enregistré pour ce bail",
        {
          mandateId: existing.id,
        },
      );
    if (await findDebitMandateByReference(tx, organisationId, reference))
      throw AppError.validation(
        [{ path: "json.reference", message: "Cette référence de mandat (RUM) est déjà utilisée" }],
        "Cette référence de mandat (RUM) est déjà utilisée",
      );
    const row = await insertDebitMandate(tx, {
      organisationId,
      leaseId,
      personId: person.id,
      reference,
      signedOn: input.signedOn,
      debtorName: input.debtorName?.trim() || `${person.firstName} ${person.lastName}`,
      iban,
      bic,
    });
    await audit.record({
      action: "ledger.debit_mandate.record",
      entityType: "tenant_debit_mandate",
      entityId: row.id,
      after: { leaseId, reference, signedOn: input.signedOn },
    });
    return mandateView(row, 0);
  });
}

/**
 * Fixes the month's collections: for every mandate whose lease has rent called in the month, the
 * tenant parts minus the programme's rent complement; FRST for a mandate never collected before,
 * RCUR after. A mandate already collected for the month keeps its collection (idempotent).
 * The collection date is at the earliest the next day (the bank needs the file before it).
 */
export function prepareDirectDebits(
  context: UseCaseContext,
  input: { period: string; collectionDate: IsoDate },
) {
  return inUseCaseTransaction(context, async (tx, audit) => {
    const organisationId = context.actor.organisationId;
    const from = monthStart(input.period);
    const to = lastDayOfMonth(from);
    if (compareDates(input.collectionDate, addDays(context.clock.today(), 1)) < 0)
      throw AppError.validation(
        [{ path: "json.collectionDate", message: "La date de prélèvement est au plus tôt demain" }],
        "La date de prélèvement est au plus tôt demain",
      );
    const already = new Set(
      (await collectionsOfMonth(tx, organisationId, from)).map((c) => c.collection.mandateId),
    );
    const candidates = await debitCandidates(tx, organisationId, from, to);
    const rows = candidates
      .filter((c) => !already.has(c.mandateId))
      .map((c) => ({ ...c, amountCents: monthDebitAmount(c.tenantPartsCents, c.complementCents) }))
      .filter((c) => c.amountCents > 0)
      .map((c) => ({
        organisationId,
        mandateId: c.mandateId,
        leaseId: c.leaseId,
        periodStart: from,
        amountCents: c.amountCents,
        sequenceType: sequenceTypeFor(c.earlierCollections),
        collectionDate: input.collectionDate,
      }));
    await insertCollections(tx, rows);
    const month = await collectionsOfMonth(tx, organisationId, from);
    if (month.length === 0)
      throw new AppError(
        "SEPA_NOTHING_TO_COLLECT",
        `Aucun locataire ayant signé un mandat de prélèvement n'a de loyer appelé en ${formatFrenchMonth(input.period)}`,
        { period: input.period },
      );
    if (rows.length > 0)
      await audit.record({
        action: "ledger.direct_debits.prepare",
        entityType: "tenant_debit_collection",
        entityId: from,
        after: { period: input.period, created: rows.length, collectionDate: input.collectionDate },
      });
    return collectionsSummary(input.period, month, rows.length);
  });
}

function collectionsSummary(
  period: string,
  month: Awaited<ReturnType<typeof collectionsOfMonth>>,
  created: number,
) {
  return {
    period,
    created,
    count: month.length,
    totalCents: month.reduce((sum, c) => sum + c.collection.amountCents, 0),
    collections: month.map(({ collection, mandate }) => ({
      id: collection.id,
      leaseId: collection.leaseId,
      mandateReference: mandate.reference,
      debtorName: mandate.debtorName,
      amountCents: collection.amountCents,
      sequenceType: collection.sequenceType,
      collectionDate: collection.collectionDate,
    })),
  };
}

/** The month's collections as they were fixed, or 422 SEPA_NOTHING_TO_COLLECT before. */
export async function directDebitsOfMonth(context: UseCaseContext, period: string) {
  const month = await collectionsOfMonth(context.db, context.actor.organisationId, monthStart(period));
  return collectionsSummary(period, month, 0);
}

/**
 * The pain.008.001.08 file of the month's collections, creditor the organisation (its IBAN, BIC and
 * SEPA creditor identifier, ICS), validated against the ISO 20022 schema before it is handed out.
 */
export async function directDebitFile(context: UseCaseContext, period: string) {
  const organisationId = context.actor.organisationId;
  const organisation = await findOrganisation(context.db, organisationId);
  if (!organisation) throw AppError.notFound("Organisation");
  const month = await collectionsOfMonth(context.db, organisationId, monthStart(period));
  if (month.length === 0)
    throw new AppError(
      "SEPA_NOTHING_TO_COLLECT",
      `Les prélèvements de ${formatFrenchMonth(period)} ne sont pas encore préparés`,
      { period },
    );
  const holder = {
    name: organisation.bankAccountHolder ?? organisation.name,
    iban: organisation.bankIban ?? "",
    bic: organisation.bankBic,
  };
  const issues = sepaIssues({
    holder,
    creditorIdentifier: organisation.sepaCreditorIdentifier,
    parties: month.map((c) => ({ label: c.mandate.debtorName, iban: c.mandate.iban })),
  });
  if (issues.length > 0)
    throw new AppError("SEPA_DETAILS_MISSING", issues.map((issue) => issue.message).join(" ; "), { issues });
  const digest = createHash("sha256")
    .update(month.map((c) => c.collection.id).join(","))
    .digest("hex")
    .slice(0, 12);
  const label = formatFrenchMonth(period);
  const xml = buildDirectDebitFile({
    messageId: `PRL-${period.replace("-", "")}-${digest}`,
    createdAt: context.clock.now(),
    collectionDate: month[0]!.collection.collectionDate,
    creditor: holder,
    creditorIdentifier: organisation.sepaCreditorIdentifier!,
    debits: month.map(({ collection, mandate }) => ({
      endToEndId: collection.id.replace(/-/g, ""),
      amountCents: collection.amountCents,
      debtorName: mandate.debtorName,
      debtorIban: mandate.iban,
      debtorBic: mandate.bic,
      mandateReference: mandate.reference,
      mandateSignedOn: mandate.signedOn,
      sequenceType: collection.sequenceType,
      collectionDate: collection.collectionDate,
      remittance: `Loyer ${label} ${paymentReference(collection.leaseId)}`,
    })),
  });
  return {
    fileName: `prelevements-loyers-${period}.xml`,
    xml: await assertValidSepaFile("pain.008.001.08", xml),
  };
}
