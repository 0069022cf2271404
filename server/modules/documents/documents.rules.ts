import { createHash } from "node:crypto";
import type { Actor } from "../auth/actor";

/** SHA-256 of the PDF bytes, hex: what the documents table keeps and a signature certifies. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Privacy: a landlord reads only the documents addressed to them. */
export function canActorReadDocument(
  actor: Pick<Actor, "role" | "landlordId">,
  document: { landlordId: string | null; landlordVisible: boolean },
): boolean {
  if (actor.role !== "landlord") return true;
  return actor.landlordId !== null && document.landlordVisible && document.landlordId === actor.landlordId;
}

/**
 * The French name a document file is saved under, e.g. "quittance-2026-11-LOY-1A2B3C4D.pdf",
 * "bail-sous-location-LOY-1A2B3C4D.pdf", "mandat-gestion-17.pdf": what it is, the month it is
 * about (calls, receipts, statements), then a reference a person can quote: the document's own
 * (receipt, statement), the mandate number, the lease reference (the one on the tenant's
 * transfers), else the first eight characters of the document's identifier. Never a person's name.
 */
export function documentFileName(document: {
  id: string;
  templateId: string;
  leaseId: string | null;
  data: Record<string, unknown>;
}): string {
  const data = document.data;
  const kind = FILE_KINDS[document.templateId] ?? "document";
  const words = [kind];
  const period = (data.period as { from?: unknown } | undefined)?.from;
  const month = typeof period === "string" ? period.slice(0, 7) : null;
  const reference = typeof data.reference === "string" && data.reference ? data.reference : null;
  if (month && !reference?.includes(month)) words.push(month);
  if (document.templateId === "inspection_report") {
    words.push((data.inspection as { isExit?: boolean } | undefined)?.isExit ? "sortie" : "entrée");
  }
  if (document.templateId === "offer_sheet") {
    const createdOn = (data.panel as { createdOn?: unknown } | undefined)?.createdOn;
    if (typeof createdOn === "string") words.push(createdOn);
  }
  const mandateNumber = mandateNumberOf(data);
  if (reference) words.push(reference);
  else if (mandateNumber !== null) words.push(String(mandateNumber));
  else if (document.leaseId) words.push(leaseReference(document.leaseId));
  else words.push(document.id.replace(/-/g, "").slice(0, 8).toUpperCase());
  if (document.templateId === "signed_management_mandate") words.push("signé");
  return `${words.join("-").replace(/[^\p{L}\p{N}.-]+/gu, "-")}.pdf`;
}

/** The lease reference a tenant quotes (and writes on a transfer): "LOY-1A2B3C4D". */
export function leaseReference(leaseId: string): string {
  return `LOY-${leaseId.replace(/-/g, "").slice(0, 8).toUpperCase()}`;
}

const FILE_KINDS: Record<string, string> = {
  head_lease: "bail-principal",
  sublease: "bail-sous-location",
  sliding_lease_agreement: "convention-bail-glissant",
  glissement_amendment: "avenant-glissement",
  management_mandate: "mandat-gestion",
  signed_management_mandate: "mandat-gestion",
  mandate_signature_certificate: "certificat-signature-mandat",
  offer_sheet: "fiche-proposition",
  rent_call: "avis-échéance",
  rent_receipt: "quittance",
  partial_payment_receipt: "reçu-paiement-partiel",
  landlord_statement: "relevé-gérance",
  tenant_notice_receipt: "accusé-réception-congé",
  lessor_notice: "congé-bailleur",
  inspection_report: "état-des-lieux",
  deposit_return: "restitution-dépôt-garantie",
  payment_terms_amendment: "avenant-modalités-paiement",
  prefect_information: "information-préfet",
  charges_statement: "décompte-charges",
};

function mandateNumberOf(data: Record<string, unknown>): number | null {
  const direct = (data.mandate as { number?: unknown } | undefined)?.number ?? data.mandateNumber;
  if (typeof direct === "number") return direct;
  const part = (data.management_mandate as { mandate?: { number?: unknown } } | undefined)?.mandate?.number;
  return typeof part === "number" ? part : null;
}
