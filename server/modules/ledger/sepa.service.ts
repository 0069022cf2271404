/**
 * The SEPA credit-transfer file (pain.001.001.09) of a day's transfers to landlords, for the
 * bank's portal: nothing is re-keyed by hand. The file is a view of what the ledger booked (each
 * `landlord_payout` is one transfer, its id the end-to-end reference), produced on request and
 * validated against the ISO 20022 schema before it is handed out.
 */
import { createHash } from "node:crypto";
import type { IsoDate } from "../../lib/dates";
import { compareDates } from "../../lib/dates";
import { AppError } from "../../lib/errors";
import type { UseCaseContext } from "../../lib/use-case-context";
import { findOrganisation } from "../organisations/organisations.queries";
import { landlordTransfersOn } from "./sepa.queries";
import { buildCreditTransferFile, sepaIssues } from "./sepa.rules";
import { assertValidSepaFile } from "./sepa.schema";

export async function landlordTransferFile(context: UseCaseContext, paidOn: IsoDate) {
  const organisationId = context.actor.organisationId;
  const organisation = await findOrganisation(context.db, organisationId);
  if (!organisation) throw AppError.notFound("Organisation");
  const transfers = await landlordTransfersOn(context.db, organisationId, paidOn);
  if (transfers.length === 0)
    throw new AppError("SEPA_NOTHING_TO_PAY", `Aucun virement aux bailleurs enregistré le ${paidOn}`, {
      paidOn,
    });
  const holder = {
    name: organisation.bankAccountHolder ?? organisation.name,
    iban: organisation.bankIban ?? "",
    bic: organisation.bankBic,
  };
  const issues = sepaIssues({
    holder,
    parties: transfers.map((t) => ({ label: t.landlordName, iban: t.iban })),
  });
  if (issues.length > 0)
    throw new AppError("SEPA_DETAILS_MISSING", issues.map((issue) => issue.message).join(" ; "), { issues });
  // the same transfers give the same message id: a bank refuses a file it already received
  const digest = createHash("sha256")
    .update(transfers.map((t) => t.transactionId).join(","))
    .digest("hex")
    .slice(0, 12);
  const today = context.clock.today();
  const xml = buildCreditTransferFile({
    messageId: `VIR-${paidOn.replace(/-/g, "")}-${digest}`,
    createdAt: context.clock.now(),
    // a bank executes on a business day from today on: a transfer booked earlier goes out today
    executionDate: compareDates(paidOn, today) < 0 ? today : paidOn,
    debtor: holder,
    transfers: transfers.map((t) => ({
      endToEndId: t.transactionId.replace(/-/g, ""),
      amountCents: t.amountCents,
      creditorName: t.landlordName,
      creditorIban: t.iban!,
      remittance: t.label,
    })),
  });
  return {
    fileName: `virements-bailleurs-${paidOn}.xml`,
    xml: await assertValidSepaFile("pain.001.001.09", xml),
    count: transfers.length,
    totalCents: transfers.reduce((sum, t) => sum + t.amountCents, 0),
  };
}
