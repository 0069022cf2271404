import { randomUUID } from "node:crypto";
import type { Db } from "../../../db/client";
import { persons } from "../../../db/schema";

export type PersonRow = typeof persons.$inferSelect;

export async function createPerson(
  db: Db,
  options: Partial<typeof persons.$inferInsert> & { organisationId: string },
): Promise<PersonRow> {
  const [row] = await db
    .insert(persons)
    .values({
      firstName: "Jeanne",
      lastName: `Dupont-${randomUUID().slice(0, 6)}`,
      resources: { rsa: 0, aah: 98_000, wages: 0, pension: 0, other: 0 },
      housingBenefitCents: 28_000,
      entryDate: "2026-10-01",
      status: "offered",
      ...options,
    })
    .returning();
  return row!;
}
