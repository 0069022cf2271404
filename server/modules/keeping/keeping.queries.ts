import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import {
  buildings,
  keepingMeetings,
  landlords,
  leases,
  persons,
  preventionSteps,
  relocations,
  riskActions,
  tenancyRisks,
  units,
} from "../../../db/schema";

/** A flat's landlord: its own, or the building's when the whole building belongs to one landlord. */
const unitLandlordId = sql<string | null>`coalesce(${units.landlordId}, ${buildings.landlordId})`;

export type TenancyRiskRow = typeof tenancyRisks.$inferSelect;

/** A tenant-side contract with what the register shows of it: the flat, its landlord, the person. */
export async function findTenancy(db: Db, organisationId: string, leaseId: string) {
  const [row] = await db
    .select({
      leaseId: leases.id,
      kind: leases.kind,
      status: leases.status,
      startDate: leases.startDate,
      personId: leases.personId,
      unitId: leases.unitId,
      landlordId: unitLandlordId,
    })
    .from(leases)
    .innerJoin(units, and(eq(units.organisationId, leases.organisationId), eq(units.id, leases.unitId)))
    .innerJoin(
      buildings,
      and(eq(buildings.organisationId, units.organisationId), eq(buildings.id, units.buildingId)),
    )
    .where(and(eq(leases.organisationId, organisationId), eq(leases.id, leaseId)));
  return row ?? null;
}

export async function findRisk(db: Db, organisationId: string, riskId: string, forUpdate = false) {
  const query = db
    .select()
    .from(tenancyRisks)
    .where(and(eq(tenancyRisks.organisationId, organisationId), eq(tenancyRisks.id, riskId)));
  const [row] = forUpdate ? await query.for("update") : await query;
  return row ?? null;
}

export async function insertRisk(db: Db, values: typeof tenancyRisks.$inferInsert) {
  const [row] = await db.insert(tenancyRisks).values(values).returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

export async function closeRisk(
  db: Db,
  organisationId: string,
  riskId: string,
  values: Pick<TenancyRiskRow, "closedOn" | "outcome">,
) {
  const [row] = await db
    .update(tenancyRisks)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(tenancyRisks.organisationId, organisationId), eq(tenancyRisks.id, riskId)))
    .returning();
  if (!row) throw new Error("update returned nothing");
  return row;
}

/** The register: every risk with its flat's address, the landlord and the tenant's name. */
export async function listRisks(
  db: Db,
  organisationId: string,
  filter: { openOnly?: boolean; riskIds?: readonly string[]; landlordId?: string } = {},
) {
  if (filter.riskIds && filter.riskIds.length === 0) return [];
  return db
    .select({
      risk: tenancyRisks,
      unitId: units.id,
      unitReference: units.reference,
      street: buildings.street,
      postcode: buildings.postcode,
      city: buildings.city,
      landlordId: unitLandlordId,
      landlordName: landlords.displayName,
      personId: persons.id,
      firstName: persons.firstName,
      lastName: persons.lastName,
    })
    .from(tenancyRisks)
    .innerJoin(
      leases,
      and(eq(leases.organisationId, tenancyRisks.organisationId), eq(leases.id, tenancyRisks.leaseId)),
    )
    .innerJoin(units, and(eq(units.organisationId, leases.organisationId), eq(units.id, leases.unitId)))
    .innerJoin(
      buildings,
      and(eq(buildings.organisationId, units.organisationId), eq(buildings.id, units.buildingId)),
    )
    .leftJoin(
      landlords,
      and(eq(landlords.organisationId, units.organisationId), eq(landlords.id, unitLandlordId)),
    )
    .leftJoin(
      persons,
      and(eq(persons.organisationId, leases.organisationId), eq(persons.id, leases.personId)),
    )
    .where(
      and(
        eq(tenancyRisks.organisationId, organisationId),
        filter.openOnly ? isNull(tenancyRisks.closedOn) : undefined,
        filter.riskIds ? inArray(tenancyRisks.id, [...filter.riskIds]) : undefined,
        filter.landlordId ? sql`${unitLandlordId} = ${filter.landlordId}` : undefined,
      ),
    )
    .orderBy(desc(tenancyRisks.noticedOn), desc(tenancyRisks.createdAt));
}

export async function actionsOf(db: Db, organisationId: string, riskIds: readonly string[]) {
  if (riskIds.length === 0) return [];
  return db
    .select()
    .from(riskActions)
    .where(and(eq(riskActions.organisationId, organisationId), inArray(riskActions.riskId, [...riskIds])))
    .orderBy(asc(riskActions.dueOn), asc(riskActions.createdAt));
}

export async function stepsOf(db: Db, organisationId: string, riskIds: readonly string[]) {
  if (riskIds.length === 0) return [];
  return db
    .select()
    .from(preventionSteps)
    .where(
      and(eq(preventionSteps.organisationId, organisationId), inArray(preventionSteps.riskId, [...riskIds])),
    )
    .orderBy(asc(preventionSteps.stepOn), asc(preventionSteps.createdAt));
}

export async function insertAction(db: Db, values: typeof riskActions.$inferInsert) {
  const [row] = await db.insert(riskActions).values(values).returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

export async function findAction(db: Db, organisationId: string, actionId: string) {
  const [row] = await db
    .select()
    .from(riskActions)
    .where(and(eq(riskActions.organisationId, organisationId), eq(riskActions.id, actionId)))
    .for("update");
  return row ?? null;
}

export async function markActionDone(db: Db, organisationId: string, actionId: string, doneOn: string) {
  const [row] = await db
    .update(riskActions)
    .set({ doneOn, updatedAt: new Date() })
    .where(and(eq(riskActions.organisationId, organisationId), eq(riskActions.id, actionId)))
    .returning();
  if (!row) throw new Error("update returned nothing");
  return row;
}

export async function insertStep(db: Db, values: typeof preventionSteps.$inferInsert) {
  const [row] = await db.insert(preventionSteps).values(values).returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

export async function findLandlord(db: Db, organisationId: string, landlordId: string) {
  const [row] = await db
    .select({ id: landlords.id, displayName: landlords.displayName })
    .from(landlords)
    .where(and(eq(landlords.organisationId, organisationId), eq(landlords.id, landlordId)));
  return row ?? null;
}

export async function insertMeeting(db: Db, values: typeof keepingMeetings.$inferInsert) {
  const [row] = await db.insert(keepingMeetings).values(values).returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

export async function listMeetings(db: Db, organisationId: string, landlordId?: string) {
  return db
    .select({ meeting: keepingMeetings, landlordName: landlords.displayName })
    .from(keepingMeetings)
    .innerJoin(
      landlords,
      and(
        eq(landlords.organisationId, keepingMeetings.organisationId),
        eq(landlords.id, keepingMeetings.landlordId),
      ),
    )
    .where(
      and(
        eq(keepingMeetings.organisationId, organisationId),
        landlordId ? eq(keepingMeetings.landlordId, landlordId) : undefined,
      ),
    )
    .orderBy(desc(keepingMeetings.heldOn), desc(keepingMeetings.createdAt));
}

export async function findMeeting(db: Db, organisationId: string, meetingId: string) {
  const [row] = await db
    .select({ meeting: keepingMeetings, landlordName: landlords.displayName })
    .from(keepingMeetings)
    .innerJoin(
      landlords,
      and(
        eq(landlords.organisationId, keepingMeetings.organisationId),
        eq(landlords.id, keepingMeetings.landlordId),
      ),
    )
    .where(and(eq(keepingMeetings.organisationId, organisationId), eq(keepingMeetings.id, meetingId)));
  return row ?? null;
}

export async function openRelocationOf(db: Db, organisationId: string, personId: string) {
  const [row] = await db
    .select()
    .from(relocations)
    .where(
      and(
        eq(relocations.organisationId, organisationId),
        eq(relocations.personId, personId),
        eq(relocations.status, "requested"),
      ),
    );
  return row ?? null;
}

export async function insertRelocation(db: Db, values: typeof relocations.$inferInsert) {
  const [row] = await db.insert(relocations).values(values).returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

export async function listRelocations(db: Db, organisationId: string) {
  return db
    .select({ relocation: relocations, firstName: persons.firstName, lastName: persons.lastName })
    .from(relocations)
    .innerJoin(
      persons,
      and(eq(persons.organisationId, relocations.organisationId), eq(persons.id, relocations.personId)),
    )
    .where(eq(relocations.organisationId, organisationId))
    .orderBy(desc(relocations.requestedOn));
}

export async function setRelocationRequested(
  db: Db,
  organisationId: string,
  personId: string,
  value: boolean,
) {
  await db
    .update(persons)
    .set({ relocationRequested: value, updatedAt: new Date() })
    .where(and(eq(persons.organisationId, organisationId), eq(persons.id, personId)));
}
