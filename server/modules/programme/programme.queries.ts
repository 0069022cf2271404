import { and, count, desc, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "../../../db/client";
import {
  arsNotifications,
  exitReviews,
  organisations,
  persons,
  units,
  unitTransitions,
} from "../../../db/schema";

/** The people the site follows (everyone not gone), with what the suspension rules need. */
export async function findFollowedPersons(db: Db, organisationId: string) {
  return db
    .select({
      id: persons.id,
      firstName: persons.firstName,
      lastName: persons.lastName,
      status: persons.status,
      suspendedOn: persons.suspendedOn,
    })
    .from(persons)
    .where(and(eq(persons.organisationId, organisationId), ne(persons.status, "left")));
}

export async function latestArsNotification(db: Db, organisationId: string) {
  const [row] = await db
    .select()
    .from(arsNotifications)
    .where(eq(arsNotifications.organisationId, organisationId))
    .orderBy(desc(arsNotifications.informedOn), desc(arsNotifications.createdAt))
    .limit(1);
  return row ?? null;
}

export async function listArsNotifications(db: Db, organisationId: string) {
  return db
    .select()
    .from(arsNotifications)
    .where(eq(arsNotifications.organisationId, organisationId))
    .orderBy(desc(arsNotifications.informedOn), desc(arsNotifications.createdAt));
}

export async function insertArsNotification(db: Db, values: typeof arsNotifications.$inferInsert) {
  const [row] = await db.insert(arsNotifications).values(values).returning();
  return row!;
}

export type ExitReviewRow = typeof exitReviews.$inferSelect;

export async function findPendingExitReviews(db: Db, organisationId: string, personIds?: readonly string[]) {
  if (personIds && personIds.length === 0) return [];
  return db
    .select()
    .from(exitReviews)
    .where(
      and(
        eq(exitReviews.organisationId, organisationId),
        eq(exitReviews.outcome, "pending"),
        personIds ? inArray(exitReviews.personId, [...personIds]) : undefined,
      ),
    );
}

export async function listExitReviews(db: Db, organisationId: string, personId: string) {
  return db
    .select()
    .from(exitReviews)
    .where(and(eq(exitReviews.organisationId, organisationId), eq(exitReviews.personId, personId)))
    .orderBy(desc(exitReviews.openedOn), desc(exitReviews.createdAt));
}

export async function insertExitReview(db: Db, values: typeof exitReviews.$inferInsert) {
  const [row] = await db.insert(exitReviews).values(values).returning();
  return row!;
}

export async function updateExitReview(
  db: Db,
  organisationId: string,
  id: string,
  values: Partial<typeof exitReviews.$inferInsert>,
) {
  const [row] = await db
    .update(exitReviews)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(exitReviews.organisationId, organisationId), eq(exitReviews.id, id)))
    .returning();
  return row!;
}

/** Units by status: the flats the pole can offer now (available, vacant) among them. */
export async function countUnitsByStatus(db: Db, organisationId: string) {
  const rows = await db
    .select({ status: units.status, n: count() })
    .from(units)
    .where(eq(units.organisationId, organisationId))
    .groupBy(units.status);
  return new Map(rows.map((row) => [row.status, Number(row.n)]));
}

/** Every pipeline step of the organisation's units, for the capture targets. */
export async function findUnitTransitions(db: Db, organisationId: string) {
  return db
    .select({
      unitId: unitTransitions.unitId,
      toStatus: unitTransitions.toStatus,
      effectiveDate: unitTransitions.effectiveDate,
    })
    .from(unitTransitions)
    .where(eq(unitTransitions.organisationId, organisationId));
}

export async function findOpeningDate(db: Db, organisationId: string) {
  const [row] = await db
    .select({ openedOn: organisations.openedOn })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  return row?.openedOn ?? null;
}
