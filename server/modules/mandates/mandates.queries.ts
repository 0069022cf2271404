import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { leases, mandateRegisterCounters, mandates } from "../../../db/schema";

export type MandateRow = typeof mandates.$inferSelect;

/**
 * The next number of the organisation's chronological mandate register (loi Hoguet, décret
 * 72-678 art. 65). One upsert: the counter row stays locked until the transaction ends, so
 * concurrent creations queue on it, and a rolled-back creation gives its number back (no gap,
 * no reuse of a committed number).
 */
export async function takeNextMandateNumber(tx: Db, organisationId: string): Promise<number> {
  const [row] = await tx
    .insert(mandateRegisterCounters)
    .values({ organisationId, lastNumber: 1 })
    .onConflictDoUpdate({
      target: mandateRegisterCounters.organisationId,
      set: { lastNumber: sql`${mandateRegisterCounters.lastNumber} + 1` },
    })
    .returning({ lastNumber: mandateRegisterCounters.lastNumber });
  return row!.lastNumber;
}

export async function insertMandate(db: Db, values: typeof mandates.$inferInsert): Promise<MandateRow> {
  const [row] = await db.insert(mandates).values(values).returning();
  return row!;
}

export async function updateMandate(
  db: Db,
  organisationId: string,
  id: string,
  values: Partial<typeof mandates.$inferInsert>,
): Promise<MandateRow> {
  const [row] = await db
    .update(mandates)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(mandates.organisationId, organisationId), eq(mandates.id, id)))
    .returning();
  return row!;
}

export async function findMandate(db: Db, organisationId: string, id: string, forUpdate = false) {
  const query = db
    .select()
    .from(mandates)
    .where(and(eq(mandates.organisationId, organisationId), eq(mandates.id, id)))
    .limit(1);
  const [row] = forUpdate ? await query.for("update") : await query;
  return row ?? null;
}

export type MandateListFilter = { landlordId?: string; unitId?: string; status?: MandateRow["status"] };

export async function listMandates(db: Db, organisationId: string, filter: MandateListFilter) {
  const conditions = [eq(mandates.organisationId, organisationId)];
  if (filter.landlordId) conditions.push(eq(mandates.landlordId, filter.landlordId));
  if (filter.unitId) conditions.push(eq(mandates.unitId, filter.unitId));
  if (filter.status) conditions.push(eq(mandates.status, filter.status));
  return db
    .select()
    .from(mandates)
    .where(and(...conditions))
    .orderBy(desc(mandates.number), asc(mandates.id));
}

/** The mandates of a flat, whatever their state (the overlap rule reads them). */
export async function mandatesOnUnit(db: Db, organisationId: string, unitId: string) {
  return db
    .select({
      id: mandates.id,
      number: mandates.number,
      status: mandates.status,
      startDate: mandates.startDate,
      endDate: mandates.endDate,
      endedOn: mandates.endedOn,
    })
    .from(mandates)
    .where(and(eq(mandates.organisationId, organisationId), eq(mandates.unitId, unitId)));
}

/** The head leases (bail principal to the organisation) of a flat. */
export async function headLeasesOnUnit(db: Db, organisationId: string, unitId: string) {
  return db
    .select({
      id: leases.id,
      status: leases.status,
      startDate: leases.startDate,
      endDate: leases.endDate,
      endedOn: leases.endedOn,
    })
    .from(leases)
    .where(
      and(
        eq(leases.organisationId, organisationId),
        eq(leases.unitId, unitId),
        eq(leases.kind, "head_lease"),
      ),
    );
}
