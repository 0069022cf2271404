import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { landlords } from "../../../db/schema";

export type LandlordRow = typeof landlords.$inferSelect;

export async function listLandlords(db: Db, organisationId: string): Promise<LandlordRow[]> {
  return db
    .select()
    .from(landlords)
    .where(eq(landlords.organisationId, organisationId))
    .orderBy(asc(landlords.displayName), asc(landlords.id));
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
