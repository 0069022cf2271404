import { and, count, desc, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { irlIndices, rentRevisions, units } from "../../../db/schema";
import type { PageRequest } from "../../lib/pagination";

export type IrlIndexRow = typeof irlIndices.$inferSelect;
export type RentRevisionRow = typeof rentRevisions.$inferSelect;

/** The organisation's IRL table, oldest quarter first. */
export async function irlRows(db: Db, organisationId: string) {
  return db
    .select()
    .from(irlIndices)
    .where(eq(irlIndices.organisationId, organisationId))
    .orderBy(irlIndices.year, irlIndices.quarter);
}

/** A page of the IRL table, newest quarter first, with the number of quarters in it. */
export async function irlRowsPage(db: Db, organisationId: string, page: PageRequest) {
  const ofOrganisation = eq(irlIndices.organisationId, organisationId);
  const [rows, [counted]] = await Promise.all([
    db
      .select()
      .from(irlIndices)
      .where(ofOrganisation)
      .orderBy(desc(irlIndices.year), desc(irlIndices.quarter))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(irlIndices).where(ofOrganisation),
  ]);
  return { rows, total: counted?.n ?? 0 };
}

/** Inserts a quarter's index, or corrects the one already there. */
export async function upsertIrlIndex(
  db: Db,
  organisationId: string,
  index: Omit<typeof irlIndices.$inferInsert, "organisationId">,
) {
  await db
    .insert(irlIndices)
    .values({ organisationId, ...index })
    .onConflictDoUpdate({
      target: [irlIndices.organisationId, irlIndices.year, irlIndices.quarter],
      set: { valueHundredths: index.valueHundredths, publishedOn: index.publishedOn },
    });
}

export async function unitEnergyClass(db: Db, organisationId: string, unitId: string) {
  const [unit] = await db
    .select({ energyClass: units.energyClass })
    .from(units)
    .where(and(eq(units.organisationId, organisationId), eq(units.id, unitId)));
  return unit?.energyClass ?? null;
}

export async function revisionsOfLease(db: Db, organisationId: string, leaseId: string) {
  return db
    .select()
    .from(rentRevisions)
    .where(and(eq(rentRevisions.organisationId, organisationId), eq(rentRevisions.leaseId, leaseId)));
}

export async function insertRevision(db: Db, row: typeof rentRevisions.$inferInsert) {
  const [inserted] = await db.insert(rentRevisions).values(row).returning();
  return inserted!;
}

export async function findRevision(db: Db, organisationId: string, revisionId: string) {
  const [revision] = await db
    .select()
    .from(rentRevisions)
    .where(and(eq(rentRevisions.organisationId, organisationId), eq(rentRevisions.id, revisionId)));
  return revision ?? null;
}

export async function markRevisionRequested(
  db: Db,
  organisationId: string,
  revisionId: string,
  dates: { requestedOn: string; effectiveFrom: string },
) {
  const [row] = await db
    .update(rentRevisions)
    .set(dates)
    .where(and(eq(rentRevisions.organisationId, organisationId), eq(rentRevisions.id, revisionId)))
    .returning();
  return row!;
}
