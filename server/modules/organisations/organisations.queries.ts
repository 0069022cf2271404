import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { organisations } from "../../../db/schema";

export type OrganisationRecord = typeof organisations.$inferSelect;

export async function findOrganisation(db: Db, organisationId: string): Promise<OrganisationRecord | null> {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, organisationId)).limit(1);
  return row ?? null;
}

/** Locks the organisation row for the rest of the transaction (read, check, write). */
export async function findOrganisationForUpdate(db: Db, organisationId: string) {
  const [row] = await db
    .select()
    .from(organisations)
    .where(eq(organisations.id, organisationId))
    .limit(1)
    .for("update");
  return row ?? null;
}

export async function updateOrganisation(
  db: Db,
  organisationId: string,
  values: Partial<typeof organisations.$inferInsert>,
): Promise<OrganisationRecord> {
  const [row] = await db
    .update(organisations)
    .set(values)
    .where(eq(organisations.id, organisationId))
    .returning();
  return row!;
}

export async function insertOrganisation(
  db: Db,
  values: typeof organisations.$inferInsert,
): Promise<OrganisationRecord> {
  const [row] = await db.insert(organisations).values(values).returning();
  return row!;
}

export async function organisationNamed(db: Db, name: string): Promise<boolean> {
  const [row] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.name, name))
    .limit(1);
  return Boolean(row);
}
