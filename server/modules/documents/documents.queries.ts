import { and, asc, count, desc, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { documents } from "../../../db/schema";
import type { PageRequest } from "../../lib/pagination";

export type DocumentRow = typeof documents.$inferSelect;
export type NewDocumentRow = typeof documents.$inferInsert;

export async function insertDocument(db: Db, values: NewDocumentRow): Promise<DocumentRow> {
  const [row] = await db.insert(documents).values(values).returning();
  return row!;
}

export async function findDocument(db: Db, organisationId: string, id: string): Promise<DocumentRow | null> {
  const [row] = await db
    .select()
    .from(documents)
    .where(and(eq(documents.organisationId, organisationId), eq(documents.id, id)))
    .limit(1);
  return row ?? null;
}

/** Metadata only (no bytes) of the documents linked to a lease, a mandate, a person, a landlord… */
export type DocumentFilter = {
  leaseId?: string;
  mandateId?: string;
  personId?: string;
  landlordId?: string;
  unitId?: string;
  /** only the documents a landlord may see in the portal */
  landlordVisibleOnly?: boolean;
};

function documentConditions(organisationId: string, filter: DocumentFilter) {
  const conditions = [eq(documents.organisationId, organisationId)];
  if (filter.leaseId) conditions.push(eq(documents.leaseId, filter.leaseId));
  if (filter.mandateId) conditions.push(eq(documents.mandateId, filter.mandateId));
  if (filter.personId) conditions.push(eq(documents.personId, filter.personId));
  if (filter.landlordId) conditions.push(eq(documents.landlordId, filter.landlordId));
  if (filter.unitId) conditions.push(eq(documents.unitId, filter.unitId));
  if (filter.landlordVisibleOnly) conditions.push(eq(documents.landlordVisible, true));
  return and(...conditions);
}

export async function listDocuments(
  db: Db,
  organisationId: string,
  filter: DocumentFilter,
  page?: PageRequest,
) {
  const query = db
    .select({
      id: documents.id,
      templateId: documents.templateId,
      templateVersion: documents.templateVersion,
      title: documents.title,
      sha256: documents.sha256,
      byteSize: documents.byteSize,
      landlordId: documents.landlordId,
      landlordVisible: documents.landlordVisible,
      leaseId: documents.leaseId,
      mandateId: documents.mandateId,
      personId: documents.personId,
      unitId: documents.unitId,
      subjectType: documents.subjectType,
      subjectId: documents.subjectId,
      supersedesId: documents.supersedesId,
      signed: documents.signed,
      createdAt: documents.createdAt,
    })
    .from(documents)
    .where(documentConditions(organisationId, filter))
    .orderBy(desc(documents.createdAt), asc(documents.id));
  return page ? query.limit(page.limit).offset(page.offset) : query;
}

export async function countDocuments(
  db: Db,
  organisationId: string,
  filter: DocumentFilter,
): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(documents)
    .where(documentConditions(organisationId, filter));
  return row?.n ?? 0;
}
