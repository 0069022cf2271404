import type { AuditWriter } from "../../server/modules/audit/audit.service";
import type { Db } from "../client";
import { buildings, landlords, neighbourhoods, units, unitTransitions } from "../schema";
import type { DemoPlan } from "./demo-plan";

/** Inserts rows in chunks (one statement each): PostgreSQL caps a statement at 65,535 parameters. */
export async function insertInChunks<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>) {
  for (let start = 0; start < rows.length; start += size) await insert(rows.slice(start, start + size));
}

/**
 * The demo stock of the Dijon site (planned in demo-plan.ts): 12 landlords besides the demo one,
 * 8 neighbourhoods, 60 buildings, 150 flats in every pipeline state with their history.
 */
export async function seedDemoStock(tx: Db, plan: DemoPlan, audit: AuditWriter): Promise<void> {
  const organisationId = plan.units[0]!.organisationId;
  await tx.insert(landlords).values(plan.landlords);
  await tx.insert(neighbourhoods).values(plan.neighbourhoods);
  await tx.insert(buildings).values(plan.buildings);
  await insertInChunks(plan.units, 200, (chunk) => tx.insert(units).values(chunk));
  await insertInChunks(plan.transitions, 1000, (chunk) => tx.insert(unitTransitions).values(chunk));
  const count = (status: string) => plan.units.filter((u) => u.status === status).length;
  await audit.record({
    action: "demo.seed.stock",
    entityType: "organisation",
    entityId: organisationId,
    details: {
      landlords: plan.landlords.length,
      neighbourhoods: plan.neighbourhoods.length,
      buildings: plan.buildings.length,
      units: plan.units.length,
      offerable: count("available") + count("vacant"),
    },
  });
}
