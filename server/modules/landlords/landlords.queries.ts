import { and, asc, count, eq, ilike } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { landlords } from "../../../db/schema";
import type { PageRequest } from "../../lib/pagination";

export type LandlordRow = typeof landlords.$inferSelect;

export type LandlordFilter = { q?: string };

function landlordConditions(organisationId: string, filter: LandlordFilter) {
  const key = filter.q?.trim();
  return and(
    eq(landlords.organisationId, organisationId),
    key ? ilike(landlords.displayName, `%${key.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
  );
}

export async function listLandlords(
  db: Db,
  organisationId: string,
  filter: LandlordFilter,
  page: PageRequest,
): Promise<LandlordRow[]> {
  return db
    .select()
    .from(landlords)
    .where(landlordConditions(organisationId, filter))
    .orderBy(asc(landlords.displayName), asc(landlords.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countLandlords(
  db: Db,
  organisationId: string,
  filter: LandlordFilter,
): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(landlords)
    .where(landlordConditions(organisationId, filter));
  return row?.n ?? 0;
}

export async function findLandlord(db: Db, organisationId: string, id: string): Promise<LandlordRow | null> {
  const [row] = await db
    .select()
    .from(landlords)
    .where(and(eq(landlords.organisationId, organisationId), eq(landlords.id, id)));
  return row ?? null;
}

export async function insertLandlord(db: Db, values: typeof landlords.$inferInsert): Promise<LandlordRow> {
  const [row] = await db.insert(landlords).values(values).returning();
  return row!;
}

export async function updateLandlord(
  db: Db,
  organisationId: string,
  id: string,
  values: Partial<typeof landlords.$inferInsert>,
): Promise<LandlordRow> {
  const [row] = await db
    .update(landlords)
    .set(values)
    .where(and(eq(landlords.organisationId, organisationId), eq(landlords.id, id)))
    .returning();
  return row!;
}

export async function deleteLandlord(db: Db, organisationId: string, id: string): Promise<void> {
  await db.delete(landlords).where(and(eq(landlords.organisationId, organisationId), eq(landlords.id, id)));
}
