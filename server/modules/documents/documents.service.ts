import type { z } from "@hono/zod-openapi";
import type { Db } from "../../../db/client";
import { formatFrenchDate } from "../../lib/dates";
import { AppError } from "../../lib/errors";
import { type PageRequest, pageOfRows } from "../../lib/pagination";
import type { UseCaseContext } from "../../lib/use-case-context";
import { zodIssuesToFields } from "../../lib/openapi";
import type { AuditWriter } from "../audit/audit.service";
import {
  type compositeTemplates,
  type DocumentKind,
  describeKind,
  type documentTemplates,
  loadTemplate,
  type TemplateId,
} from "./documents.templates";
import {
  countDocuments,
  type DocumentRow,
  findDocument,
  insertDocument,
  listDocuments,
} from "./documents.queries";
import { canActorReadDocument, sha256Hex } from "./documents.rules";
import { renderBlocksToPdf } from "./pdf-renderer";
import { MissingTemplateValueError, renderTemplate } from "./template-language";
import type { OrganisationHeaderData } from "./template-data";

export type DocumentData<K extends DocumentKind> = K extends TemplateId
  ? z.input<(typeof documentTemplates)[K]["schema"]>
  : K extends keyof typeof compositeTemplates
    ? z.input<(typeof compositeTemplates)[K]["schema"]>
    : never;

export type DocumentLinks = {
  landlordId?: string | null;
  unitId?: string | null;
  personId?: string | null;
  leaseId?: string | null;
  mandateId?: string | null;
  subjectType?: string | null;
  subjectId?: string | null;
};

type Validated = {
  data: Record<string, unknown>;
  version: number;
  versionDate: string | null;
  title: string;
  parts: TemplateId[];
};

/** Validates the data against the kind's schema: 422 naming every missing or invalid field. */
function validate(kind: DocumentKind, data: unknown): Validated {
  const { schema, parts } = describeKind(kind);
  const result = schema.safeParse(data);
  if (!result.success) {
    throw AppError.validation(
      zodIssuesToFields(result.error.issues, "data"),
      `Données incomplètes pour le document « ${kind} »`,
    );
  }
  const first = loadTemplate(parts[0]!);
  return {
    data: result.data as Record<string, unknown>,
    version: first.version,
    versionDate: first.date,
    title: first.title,
    parts: [...parts],
  };
}

function organisationOf(data: Record<string, unknown>): z.output<typeof OrganisationHeaderData> {
  const direct = data.organisation as z.output<typeof OrganisationHeaderData> | undefined;
  if (direct) return direct;
  // composite: every part carries the organisation; take the first
  for (const value of Object.values(data)) {
    const nested = (value as { organisation?: z.output<typeof OrganisationHeaderData> })?.organisation;
    if (nested) return nested;
  }
  throw new Error("document data without organisation header");
}

async function renderValidated(kind: DocumentKind, validated: Validated, createdAt: Date): Promise<Buffer> {
  const composite = validated.parts.length > 1;
  const blockParts = validated.parts.map((part) => {
    const template = loadTemplate(part);
    try {
      return renderTemplate(template, composite ? validated.data[part] : validated.data);
    } catch (error) {
      if (error instanceof MissingTemplateValueError) {
        throw AppError.validation(
          error.paths.map((path) => ({
            path: `data.${composite ? `${part}.` : ""}${path}`,
            message: "requis",
          })),
          `Données incomplètes pour le document « ${kind} »`,
        );
      }
      throw error;
    }
  });
  const organisation = organisationOf(validated.data);
  return renderBlocksToPdf(
    blockParts,
    {
      organisationName: organisation.name,
      organisationLines: [organisation.address, ...(organisation.approval ? [organisation.approval] : [])],
      documentTitle: validated.title,
      versionLabel: validated.versionDate ? `modèle du ${formatFrenchDate(validated.versionDate)}` : null,
    },
    createdAt,
  );
}

/**
 * Renders a document to PDF bytes without storing it. Same kind, data and createdAt → same bytes.
 * Throws AppError VALIDATION_FAILED (422) naming the fields when the data is incomplete.
 */
export async function renderPdf<K extends DocumentKind>(
  kind: K,
  data: DocumentData<K>,
  createdAt: Date,
): Promise<Buffer> {
  return renderValidated(kind, validate(kind, data), createdAt);
}

export type GenerateDocumentInput<K extends DocumentKind> = {
  organisationId: string;
  templateId: K;
  data: DocumentData<K>;
  links?: DocumentLinks;
  /** the creation instant, from the injected clock: printed in the PDF metadata */
  createdAt: Date;
  supersedesId?: string | null;
  signed?: boolean;
  /** when given, the generation is written to the audit trail of the surrounding transaction */
  audit?: AuditWriter;
  /**
   * a last step on the rendered bytes before they are hashed and stored (the operator's seal): the
   * stored PDF and its SHA-256 are those of the final file
   */
  finish?: (pdf: Buffer) => Promise<Buffer>;
};

/**
 * Renders and stores a document inside the caller's transaction (other modules: leases,
 * mandates, ledger, panels). Stores template id + version, the validated data, the PDF and its hash.
 */
export async function generateDocument<K extends DocumentKind>(
  tx: Db,
  input: GenerateDocumentInput<K>,
): Promise<{ documentId: string; sha256: string; pdf: Buffer; row: DocumentRow }> {
  const validated = validate(input.templateId, input.data);
  const rendered = await renderValidated(input.templateId, validated, input.createdAt);
  const pdf = input.finish ? await input.finish(rendered) : rendered;
  const sha256 = sha256Hex(pdf);
  const links = input.links ?? {};
  const row = await insertDocument(tx, {
    organisationId: input.organisationId,
    templateId: input.templateId,
    templateVersion: validated.version,
    title: validated.title,
    data: validated.data,
    sha256,
    byteSize: pdf.byteLength,
    pdf,
    landlordId: links.landlordId ?? null,
    unitId: links.unitId ?? null,
    personId: links.personId ?? null,
    leaseId: links.leaseId ?? null,
    mandateId: links.mandateId ?? null,
    subjectType: links.subjectType ?? null,
    subjectId: links.subjectId ?? null,
    landlordVisible: describeKind(input.templateId).landlordVisible,
    supersedesId: input.supersedesId ?? null,
    signed: input.signed ?? false,
    createdAt: input.createdAt,
  });
  await input.audit?.record({
    action: "document.generate",
    entityType: "document",
    entityId: row.id,
    details: { templateId: input.templateId, templateVersion: validated.version, sha256, ...links },
  });
  return { documentId: row.id, sha256, pdf, row };
}

/** The PDF of a document the actor may read: other organisation, or another landlord's → 404. */
export async function readDocumentPdf(
  context: UseCaseContext,
  documentId: string,
): Promise<{ row: DocumentRow; pdf: Buffer }> {
  const { actor } = context;
  const row = await findDocument(context.db, actor.organisationId, documentId);
  if (!row || !canActorReadDocument(actor, row)) throw AppError.notFound("Document", documentId);
  return { row, pdf: Buffer.from(row.pdf) };
}

export type DocumentListFilter = Omit<Parameters<typeof listDocuments>[2], "landlordVisibleOnly">;

/**
 * The documents linked to a lease, a mandate, a person, a landlord or a unit, without their bytes.
 * A landlord lists only the documents addressed to them, whatever the filter says.
 */
export async function listReadableDocuments(
  context: UseCaseContext,
  query: DocumentListFilter,
  page: PageRequest,
) {
  const { actor } = context;
  if (actor.role === "landlord" && !actor.landlordId) return pageOfRows([], 0, page);
  // a landlord sees only the documents of their own that are marked visible (canActorReadDocument), in SQL so pages stay full
  const filter =
    actor.role === "landlord"
      ? { ...query, landlordId: actor.landlordId ?? "none", landlordVisibleOnly: true }
      : query;
  const [rows, total] = await Promise.all([
    listDocuments(context.db, actor.organisationId, filter, page),
    countDocuments(context.db, actor.organisationId, filter),
  ]);
  return pageOfRows(
    rows.filter((row) => canActorReadDocument(actor, row)),
    total,
    page,
  );
}
