import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { leases, mandateRegisterCounters, mandates } from "../../../db/schema";
import type { PageRequest } from "../../lib/pagination";

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

function mandateConditions(organisationId: string, filter: MandateListFilter) {
  return and(
    eq(mandates.organisationId, organisationId),
    filter.landlordId ? eq(mandates.landlordId, filter.landlordId) : undefined,
    filter.unitId ? eq(mandates.unitId, filter.unitId) : undefined,
    filter.status ? eq(mandates.status, filter.status) : undefined,
  );
}

/** A page of the register, newest number first. */
export async function listMandates(
  db: Db,
  organisationId: string,
  filter: MandateListFilter,
  page: PageRequest,
) {
  return db
    .select()
    .from(mandates)
    .where(mandateConditions(organisationId, filter))
    .orderBy(desc(mandates.number), asc(mandates.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countMandates(
  db: Db,
  organisationId: string,
  filter: MandateListFilter,
): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(mandates)
    .where(mandateConditions(organisationId, filter));
  return row?.n ?? 0;
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
