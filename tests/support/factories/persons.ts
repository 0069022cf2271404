import { randomUUID } from "node:crypto";
import type { Db } from "../../../db/client";
import { admissions, housingChoices, persons } from "../../../db/schema";

type Scoped = { organisationId: string };

export async function createPerson(db: Db, values: Scoped & Partial<typeof persons.$inferInsert>) {
  const [row] = await db
    .insert(persons)
    .values({
      firstName: "Camille",
      lastName: `Test-${randomUUID().slice(0, 6)}`,
      resources: { rsa: 60_733, aah: 0, wages: 0, pension: 0, other: 0 },
      housingBenefitCents: 28_000,
      // an amount is the CAF's notification; without one each flat gets the barème's estimate
      housingBenefitBasis: (values.housingBenefitCents ?? 28_000) > 0 ? "notified" : "estimate",
      entryDate: "2026-11-02",
      ...values,
    })
    .returning();
  // the person's admission, as the admission use-case records it
  const left = row!.status === "left";
  await db.insert(admissions).values({
    organisationId: row!.organisationId,
    personId: row!.id,
    sequence: 1,
    admittedOn: row!.entryDate,
    // a fixture may date the exit before its default day 1: the admission then ends on day 1
    endedOn: left ? [row!.leftOn ?? row!.entryDate, row!.entryDate].sort().at(-1)! : null,
    outcome: left ? "left" : null,
    leftReason: left ? row!.leftReason : null,
  });
  return row!;
}

export async function createChoices(
  db: Db,
  values: Scoped & { personId: string } & Partial<typeof housingChoices.$inferInsert>,
) {
  const [row] = await db.insert(housingChoices).values(values).returning();
  return row!;
}
