import { type DocumentSeal, sealPdf } from "../documents/document-seal";
import type { Db } from "../../../db/client";
import { AppError } from "../../lib/errors";
import { type Page, type PageRequest, pageOfRows } from "../../lib/pagination";
import { inUseCaseTransaction, type UseCaseContext } from "../../lib/use-case-context";
import type { AuditWriter } from "../audit/audit.service";
import type { AnyActor } from "../auth/actor";
import { issuedNow, landlordParty, organisationHeader, unitFacts } from "../documents/document-parties";
import { findDocument } from "../documents/documents.queries";
import { sha256Hex } from "../documents/documents.rules";
import { generateDocument } from "../documents/documents.service";
import type { z } from "@hono/zod-openapi";
export type { MandateRow } from "./mandates.queries";
import type { ManagementMandateData as ManagementMandateSchema } from "../documents/template-data";
import { findContractPlace } from "../leases/contract-place";
import { findLandlord, findOrganisation } from "../leases/leases.queries";
import { contractEndDate } from "../leases/leases.rules";
import {
  countMandates,
  findMandate,
  headLeasesOnUnit,
  mandatesOnUnit,
  insertMandate,
  listMandates,
  type MandateListFilter,
  type MandateRow,
  takeNextMandateNumber,
  updateMandate,
} from "./mandates.queries";
import { CONSENT_TEXT, mandateConflict, signatureTimeLabel, typedNameMatches } from "./mandates.rules";
import { type CreateMandateBody, DEFAULT_MANDATE_SCOPE, type SignMandateBody } from "./mandates.schemas";

type ManagementMandateData = z.output<typeof ManagementMandateSchema>;

/** Staff act through the API; the demo seed acts as the system. */
type ServiceContext = UseCaseContext<AnyActor>;

async function mandatePage(
  context: UseCaseContext,
  filter: MandateListFilter,
  page: PageRequest,
): Promise<Page<MandateRow>> {
  const organisationId = context.actor.organisationId;
  const [rows, total] = await Promise.all([
    listMandates(context.db, organisationId, filter, page),
    countMandates(context.db, organisationId, filter),
  ]);
  return pageOfRows(rows, total, page);
}

export async function listMandatesFor(context: UseCaseContext, filter: MandateListFilter, page: PageRequest) {
  return mandatePage(context, filter, page);
}

/** One mandate of the organisation; another organisation's → 404. */
export async function getMandate(context: UseCaseContext, mandateId: string): Promise<MandateRow> {
  const row = await findMandate(context.db, context.actor.organisationId, mandateId);
  if (!row) throw AppError.notFound("Mandat", mandateId);
  return row;
}

/** The mandates of the landlord the portal account speaks for (none for an unlinked account). */
export async function listOwnMandates(context: UseCaseContext, page: PageRequest): Promise<Page<MandateRow>> {
  const { landlordId } = context.actor;
  if (!landlordId) return pageOfRows([], 0, page);
  return mandatePage(context, { landlordId }, page);
}

/** One of the portal landlord's mandates; another landlord's, like an unknown one → 404. */
export async function getOwnMandate(context: UseCaseContext, mandateId: string): Promise<MandateRow> {
  const { landlordId, organisationId } = context.actor;
  const row = await findMandate(context.db, organisationId, mandateId);
  if (!row || !landlordId || row.landlordId !== landlordId) throw AppError.notFound("Mandat", mandateId);
  return row;
}

/**
 * Creates a management mandate (loi Hoguet): the next number of the register, a fixed duration,
 * the fee and the pack sécurisation options; its PDF (with the pack annex) awaits the landlord's
 * signature in the portal.
 */
export async function createMandate(context: ServiceContext, body: CreateMandateBody): Promise<MandateRow> {
  return inUseCaseTransaction(context, (tx, audit) => createMandateInTransaction(tx, context, audit, body));
}

export async function createMandateInTransaction(
  tx: Db,
  context: ServiceContext,
  audit: AuditWriter,
  body: CreateMandateBody,
): Promise<MandateRow> {
  const organisationId = context.actor.organisationId;
  const place = await findContractPlace(tx, organisationId, body.unitId, body.landlordId);
  const { landlord } = place;
  if (!landlord) {
    throw AppError.validation([{ path: "landlordId", message: "Le propriétaire du logement est requis" }]);
  }
  const landlordId = landlord.id;
  const organisation = await findOrganisation(tx, organisationId);
  if (!organisation) throw AppError.notFound("Organisation", organisationId);

  // the register counter row is locked from here: concurrent creations on a flat queue, so the
  // overlap check below sees every mandate committed before this one
  const number = await takeNextMandateNumber(tx, organisationId);
  const endDate = contractEndDate(body.startDate, body.durationMonths);
  const conflict = mandateConflict(
    { startOn: body.startDate, endOn: endDate },
    await mandatesOnUnit(tx, organisationId, body.unitId),
    await headLeasesOnUnit(tx, organisationId, body.unitId),
  );
  if (conflict?.code === "MANDATE_OVERLAP")
    throw new AppError(
      "MANDATE_OVERLAP",
      `Le logement est déjà sous le mandat n° ${conflict.number} sur cette période`,
      {
        mandateId: conflict.mandateId,
        errors: [{ path: "startDate", message: "un seul mandat de gestion à la fois pour un logement" }],
      },
    );
  if (conflict?.code === "UNIT_UNDER_HEAD_LEASE")
    throw new AppError(
      "UNIT_UNDER_HEAD_LEASE",
      "Le logement est loué à l'organisme par un bail principal sur cette période",
      {
        leaseId: conflict.leaseId,
        errors: [{ path: "unitId", message: "logement sous bail principal : pas de mandat de gestion" }],
      },
    );
  const scope = body.scope ?? DEFAULT_MANDATE_SCOPE;
  const { unpaidRentGuarantee, repairAid, socialWatch } = body.pack;
  const mandate = await insertMandate(tx, {
    organisationId,
    number,
    landlordId,
    unitId: body.unitId,
    startDate: body.startDate,
    endDate,
    durationMonths: body.durationMonths,
    managementFeeBasisPoints: body.managementFeeBasisPoints,
    scope,
    guaranteeEnabled: unpaidRentGuarantee !== null,
    guaranteeCeilingCents: unpaidRentGuarantee?.ceilingCents ?? null,
    guaranteeMonths: unpaidRentGuarantee?.months ?? null,
    repairAidEnabled: repairAid !== null,
    repairAidCeilingCents: repairAid?.ceilingCents ?? null,
    socialWatch,
  });
  const data: ManagementMandateData = {
    organisation: organisationHeader(organisation, context.actor),
    landlord: landlordParty(landlord),
    unit: unitFacts(place.unit, place.building),
    mandate: {
      number,
      startDate: body.startDate,
      endDate,
      durationMonths: body.durationMonths,
      managementFeeBasisPoints: body.managementFeeBasisPoints,
      scope,
      rentCents: place.unit.rentCents,
      chargesCents: place.unit.chargesCents,
    },
    pack: { unpaidRentGuarantee, repairAid, socialWatch },
    issued: issuedNow(organisation, context.clock),
  };
  const document = await generateDocument(tx, {
    organisationId,
    templateId: "management_mandate",
    data,
    links: { landlordId, unitId: body.unitId, mandateId: mandate.id },
    createdAt: context.clock.now(),
    audit,
  });
  const withDocument = await updateMandate(tx, organisationId, mandate.id, {
    documentId: document.documentId,
  });
  await audit.record({
    action: "mandate.create",
    entityType: "mandate",
    entityId: mandate.id,
    after: withDocument,
  });
  return withDocument;
}

export type SignatureEvidence = { ip: string; userAgent: string };

/**
 * The landlord signs their mandate in the portal: typed full name + consent. Stored: time, IP,
 * user agent and the SHA-256 of the document read; a signed PDF (the mandate + a signature
 * certificate page) is produced as a new document superseding the unsigned one, which never
 * changes. Another landlord's mandate → 404.
 */
export async function signMandateAsLandlord(
  context: UseCaseContext,
  mandateId: string,
  body: SignMandateBody,
  evidence: SignatureEvidence,
  /** the operator's certificate the signed file is sealed with, when one is configured */
  seal: DocumentSeal | null = null,
): Promise<MandateRow> {
  const { actor } = context;
  const organisationId = actor.organisationId;
  return inUseCaseTransaction(context, async (tx, audit) => {
    const mandate = await findMandate(tx, organisationId, mandateId, true);
    if (
      !mandate ||
      actor.role !== "landlord" ||
      !actor.landlordId ||
      mandate.landlordId !== actor.landlordId
    ) {
      throw AppError.notFound("Mandat", mandateId);
    }
    if (mandate.status !== "awaiting_signature" || !mandate.documentId) {
      throw new AppError("MANDATE_STATE_CONFLICT", "Ce mandat n'attend pas de signature", {
        status: mandate.status,
      });
    }
    const landlord = await findLandlord(tx, organisationId, mandate.landlordId);
    if (!landlord) throw AppError.notFound("Propriétaire", mandate.landlordId);
    if (!typedNameMatches(body.fullName, [landlord.displayName, actor.fullName])) {
      throw AppError.validation(
        [{ path: "json.fullName", message: "Saisissez votre nom complet tel qu'il figure au mandat" }],
        "Le nom saisi ne correspond pas au mandant",
      );
    }
    return applyMandateSignature(
      tx,
      context,
      audit,
      mandate,
      {
        signerName: body.fullName,
        landlordName: landlord.displayName,
        ...evidence,
      },
      seal,
    );
  });
}

/**
 * Records a signature on a mandate awaiting it: evidence, the signed document (mandate +
 * certificate page) superseding the unsigned one, status signed. The caller checked who signs.
 */
export async function applyMandateSignature(
  tx: Db,
  context: ServiceContext,
  audit: AuditWriter,
  mandate: MandateRow,
  signature: { signerName: string; landlordName: string; ip: string; userAgent: string },
  /** the operator's certificate (SEAL_P12_PATH); null: the file says it is not sealed */
  seal: DocumentSeal | null = null,
): Promise<MandateRow> {
  const organisationId = context.actor.organisationId;
  if (mandate.status !== "awaiting_signature" || !mandate.documentId) {
    throw new AppError("MANDATE_STATE_CONFLICT", "Ce mandat n'attend pas de signature", {
      status: mandate.status,
    });
  }
  const original = await findDocument(tx, organisationId, mandate.documentId);
  if (!original) throw AppError.notFound("Document", mandate.documentId);
  // the hash certified is the one of the bytes the landlord was shown, checked again now
  const originalSha256 = sha256Hex(original.pdf);
  if (originalSha256 !== original.sha256) {
    throw new AppError("INTERNAL", "L'empreinte du document du mandat ne correspond plus");
  }
  const signedAt = context.clock.now();
  const mandateData = original.data as ManagementMandateData;
  const signed = await generateDocument(tx, {
    organisationId,
    templateId: "signed_management_mandate",
    data: {
      management_mandate: mandateData,
      mandate_signature_certificate: {
        organisation: mandateData.organisation,
        mandateNumber: mandate.number,
        signerName: signature.signerName,
        landlordName: signature.landlordName,
        signedAtLabel: signatureTimeLabel(signedAt),
        ip: signature.ip,
        userAgent: signature.userAgent,
        consentText: CONSENT_TEXT,
        originalDocumentId: original.id,
        originalSha256,
        seal: seal
          ? { sealed: true, holder: seal.holder, issuer: seal.issuer, serialNumber: seal.serialNumber }
          : { sealed: false, holder: null, issuer: null, serialNumber: null },
      },
    },
    links: { landlordId: mandate.landlordId, unitId: mandate.unitId, mandateId: mandate.id },
    createdAt: signedAt,
    supersedesId: original.id,
    signed: true,
    audit,
    finish: seal
      ? (pdf) =>
          sealPdf(pdf, seal, {
            signingTime: signedAt,
            reason: `Mandat de gestion n° ${mandate.number} signé par le mandant`,
            location: mandateData.issued.place,
            name: mandateData.organisation.name,
          })
      : undefined,
  });
  const updated = await updateMandate(tx, organisationId, mandate.id, {
    status: "signed",
    signedDocumentId: signed.documentId,
    signedAt,
    signerName: signature.signerName,
    signerIp: signature.ip,
    signerUserAgent: signature.userAgent,
    signedDocumentSha256: originalSha256,
  });
  await audit.record({
    action: "mandate.sign",
    entityType: "mandate",
    entityId: mandate.id,
    before: mandate,
    after: updated,
    // the SHA-256 of the final file, sealed or not: what a copy is checked against
    details: {
      signedPdfSha256: signed.sha256,
      sealed: seal !== null,
      sealCertificate: seal
        ? { holder: seal.holder, issuer: seal.issuer, serialNumber: seal.serialNumber }
        : null,
    },
  });
  return updated;
}
