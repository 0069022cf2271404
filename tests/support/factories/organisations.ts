import { randomUUID } from "node:crypto";
import type { Db } from "../../../db/client";
import { organisations } from "../../../db/schema";

export type OrganisationRow = typeof organisations.$inferSelect;

/** A fresh organisation (a programme site by default); every test works inside its own. */
export async function createOrganisation(
  db: Db,
  overrides: Partial<typeof organisations.$inferInsert> = {},
): Promise<OrganisationRow> {
  const [row] = await db
    .insert(organisations)
    .values({
      name: `Site de test ${randomUUID().slice(0, 8)}`,
      kind: "chez_soi_site",
      city: "Dijon",
      capacity: 100,
      ...overrides,
    })
    .returning();
  return row!;
}
