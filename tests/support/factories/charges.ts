import type { Db } from "../../../db/client";
import { chargeRegularisations, chargeStatements, units } from "../../../db/schema";
import { eq } from "drizzle-orm";
import { createTenancy } from "./ledger-fixtures";

/** A 2025 statement of actual charges on the building of a fresh tenancy's flat. */
export async function createChargeStatement(db: Db, organisationId: string, landlordId?: string) {
  const tenancy = await createTenancy(db, organisationId, {
    startDate: "2025-01-01",
    ...(landlordId ? { landlordId } : {}),
  });
  const [unit] = await db.select().from(units).where(eq(units.id, tenancy.unit.id));
  const [statement] = await db
    .insert(chargeStatements)
    .values({
      organisationId,
      buildingId: unit!.buildingId,
      periodStart: "2025-01-01",
      periodEnd: "2025-12-31",
      lines: [{ category: "lift", label: "Ascenseur", amountCents: 50_000, unitId: null }],
    })
    .returning();
  return { ...tenancy, statement: statement! };
}

/** A regularisation whose décompte was sent long ago (a sum the tenant owes, claimable now). */
export async function createSentRegularisation(db: Db, organisationId: string, landlordId?: string) {
  const { statement, lease, unit, person } = await createChargeStatement(db, organisationId, landlordId);
  const [row] = await db
    .insert(chargeRegularisations)
    .values({
      organisationId,
      statementId: statement.id,
      leaseId: lease.id,
      unitId: unit.id,
      personId: person.id,
      occupiedFrom: "2025-01-01",
      occupiedTo: "2025-12-31",
      actualCents: 50_000,
      provisionsCents: 40_000,
      balanceCents: 10_000,
      detail: [],
      proposedProvisionCents: 4_167,
      sentOn: "2026-01-15",
    })
    .returning();
  return { statement, regularisation: row! };
}
