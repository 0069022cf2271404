import { eq } from "drizzle-orm";
import type { AuditWriter } from "../../server/modules/audit/audit.service";
import type { Db } from "../client";
import { admissions, housingChoices, offerPanels, offers, persons } from "../schema";
import type { DemoPlan } from "./demo-plan";
import { insertInChunks } from "./demo-stock";

export { seededRandom } from "./demo-random";

/**
 * The people of the demo site (planned in demo-plan.ts): waiting, offered, housed, suspended and
 * left, with their choices, their panels of three flats and the decisions on each offer.
 */
export async function seedDemoPersons(
  tx: Db,
  plan: DemoPlan,
  audit: AuditWriter,
): Promise<{ persons: number; panels: number }> {
  const organisationId = plan.units[0]!.organisationId;
  // a person with an amount has had the CAF's notification; the others get estimates per flat
  await insertInChunks(plan.persons, 200, (chunk) =>
    tx.insert(persons).values(
      chunk.map((person) => ({
        ...person,
        housingBenefitBasis:
          (person.housingBenefitCents ?? 0) > 0 ? ("notified" as const) : ("estimate" as const),
      })),
    ),
  );
  await insertInChunks(plan.admissions, 200, (chunk) => tx.insert(admissions).values(chunk));
  await insertInChunks(plan.choices, 200, (chunk) => tx.insert(housingChoices).values(chunk));
  await insertInChunks(plan.panels, 500, (chunk) => tx.insert(offerPanels).values(chunk));
  await insertInChunks(plan.offers, 500, (chunk) => tx.insert(offers).values(chunk));
  await audit.record({
    action: "demo.seed.persons",
    entityType: "organisation",
    entityId: organisationId,
    details: { persons: plan.persons.length, panels: plan.panels.length },
  });
  return { persons: plan.persons.length, panels: plan.panels.length };
}

/** The demo people of an organisation, for checks. */
export async function countPersonsByStatus(tx: Db, organisationId: string) {
  const rows = await tx
    .select({ status: persons.status })
    .from(persons)
    .where(eq(persons.organisationId, organisationId));
  const counts: Record<string, number> = {};
  for (const row of rows) counts[row.status] = (counts[row.status] ?? 0) + 1;
  return counts;
}
