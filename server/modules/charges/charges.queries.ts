import { and, desc, eq, gte, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import {
  buildings,
  chargeRegularisations,
  chargeStatements,
  leases,
  persons,
  rentCalls,
  units,
} from "../../../db/schema";
import type { IsoDate } from "../../lib/dates";
import { TENANT_CONTRACT_KINDS } from "../leases/leases.rules";

export type ChargeStatementRow = typeof chargeStatements.$inferSelect;
export type ChargeRegularisationRow = typeof chargeRegularisations.$inferSelect;

export async function findBuilding(db: Db, organisationId: string, buildingId: string) {
  const [row] = await db
    .select()
    .from(buildings)
    .where(and(eq(buildings.organisationId, organisationId), eq(buildings.id, buildingId)));
  return row ?? null;
}

/** The flats of a building the organisation records, with their surface. */
export async function unitsOfBuilding(db: Db, organisationId: string, buildingId: string) {
  return db
    .select({ id: units.id, reference: units.reference, surfaceM2: units.surfaceM2, floor: units.floor })
    .from(units)
    .where(and(eq(units.organisationId, organisationId), eq(units.buildingId, buildingId)))
    .orderBy(units.floor, units.reference, units.id);
}

/** The tenant-side contracts on these flats running at some point of the period, with the tenant's name. */
export async function tenantLeasesDuring(
  db: Db,
  organisationId: string,
  unitIds: readonly string[],
  period: { start: IsoDate; end: IsoDate },
) {
  if (unitIds.length === 0) return [];
  return db
    .select({
      id: leases.id,
      unitId: leases.unitId,
      personId: leases.personId,
      kind: leases.kind,
      startDate: leases.startDate,
      endDate: leases.endDate,
      chargesCents: leases.chargesCents,
      firstName: persons.firstName,
      lastName: persons.lastName,
    })
    .from(leases)
    .innerJoin(
      persons,
      and(eq(persons.organisationId, leases.organisationId), eq(persons.id, leases.personId)),
    )
    .where(
      and(
        eq(leases.organisationId, organisationId),
        inArray(leases.unitId, [...unitIds]),
        inArray(leases.kind, [...TENANT_CONTRACT_KINDS]),
        inArray(leases.status, ["signed", "notice_given", "ended"]),
        lte(leases.startDate, period.end),
        or(isNull(leases.endDate), gte(leases.endDate, period.start)),
      ),
    )
    .orderBy(leases.startDate, leases.id);
}

/** The rent calls of these leases meeting the period whose booking was not reversed. */
export async function activeCallsDuring(
  db: Db,
  organisationId: string,
  leaseIds: readonly string[],
  period: { start: IsoDate; end: IsoDate },
) {
  if (leaseIds.length === 0) return [];
  const reversed = sql`exists (select 1 from ledger_transactions r where r.organisation_id = ${rentCalls.organisationId} and r.reverses_transaction_id = ${rentCalls.transactionId})`;
  return db
    .select({
      leaseId: rentCalls.leaseId,
      periodStart: rentCalls.periodStart,
      periodEnd: rentCalls.periodEnd,
      chargesCents: rentCalls.chargesCents,
    })
    .from(rentCalls)
    .where(
      and(
        eq(rentCalls.organisationId, organisationId),
        inArray(rentCalls.leaseId, [...leaseIds]),
        lte(rentCalls.periodStart, period.end),
        gte(rentCalls.periodEnd, period.start),
        sql`not ${reversed}`,
      ),
    );
}

export async function findStatement(db: Db, organisationId: string, id: string, forUpdate = false) {
  const query = db
    .select()
    .from(chargeStatements)
    .where(and(eq(chargeStatements.organisationId, organisationId), eq(chargeStatements.id, id)));
  const [row] = forUpdate ? await query.for("update") : await query;
  return row ?? null;
}

export async function findStatementOfBuilding(
  db: Db,
  organisationId: string,
  buildingId: string,
  periodStart: IsoDate,
) {
  const [row] = await db
    .select({ id: chargeStatements.id })
    .from(chargeStatements)
    .where(
      and(
        eq(chargeStatements.organisationId, organisationId),
        eq(chargeStatements.buildingId, buildingId),
        eq(chargeStatements.periodStart, periodStart),
      ),
    );
  return row ?? null;
}

export async function insertStatement(db: Db, values: typeof chargeStatements.$inferInsert) {
  const [row] = await db.insert(chargeStatements).values(values).returning();
  return row!;
}

export async function updateStatement(
  db: Db,
  organisationId: string,
  id: string,
  values: Partial<typeof chargeStatements.$inferInsert>,
) {
  const [row] = await db
    .update(chargeStatements)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(chargeStatements.organisationId, organisationId), eq(chargeStatements.id, id)))
    .returning();
  return row!;
}

/** The statements, newest period first, with their building's address. */
export async function listStatements(db: Db, organisationId: string, limit: number, offset: number) {
  const where = eq(chargeStatements.organisationId, organisationId);
  const [rows, [counted]] = await Promise.all([
    db
      .select({ statement: chargeStatements, building: buildings })
      .from(chargeStatements)
      .innerJoin(
        buildings,
        and(
          eq(buildings.organisationId, chargeStatements.organisationId),
          eq(buildings.id, chargeStatements.buildingId),
        ),
      )
      .where(where)
      .orderBy(desc(chargeStatements.periodStart), chargeStatements.id)
      .limit(limit)
      .offset(offset),
    db.select({ n: sql<number>`count(*)::int` }).from(chargeStatements).where(where),
  ]);
  return { rows, total: counted?.n ?? 0 };
}

export async function regularisationsOfStatement(db: Db, organisationId: string, statementId: string) {
  return db
    .select()
    .from(chargeRegularisations)
    .where(
      and(
        eq(chargeRegularisations.organisationId, organisationId),
        eq(chargeRegularisations.statementId, statementId),
      ),
    )
    .orderBy(chargeRegularisations.occupiedFrom, chargeRegularisations.id);
}

export async function findRegularisation(db: Db, organisationId: string, id: string, forUpdate = false) {
  const query = db
    .select()
    .from(chargeRegularisations)
    .where(and(eq(chargeRegularisations.organisationId, organisationId), eq(chargeRegularisations.id, id)));
  const [row] = forUpdate ? await query.for("update") : await query;
  return row ?? null;
}

export async function insertRegularisation(db: Db, values: typeof chargeRegularisations.$inferInsert) {
  const [row] = await db.insert(chargeRegularisations).values(values).returning();
  return row!;
}

export async function updateRegularisation(
  db: Db,
  organisationId: string,
  id: string,
  values: Partial<typeof chargeRegularisations.$inferInsert>,
) {
  const [row] = await db
    .update(chargeRegularisations)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(chargeRegularisations.organisationId, organisationId), eq(chargeRegularisations.id, id)))
    .returning();
  return row!;
}

/**
 * The confirmed provisions in force for rent calls up to `to`: per lease, each new monthly
 * provision and the day it applies from (the rent-call run takes the latest on or before a period).
 */
export async function provisionsInForce(db: Db, organisationId: string, to: IsoDate) {
  return db
    .select({
      leaseId: chargeRegularisations.leaseId,
      provisionFrom: chargeRegularisations.provisionFrom,
      provisionCents: chargeRegularisations.provisionCents,
    })
    .from(chargeRegularisations)
    .where(
      and(
        eq(chargeRegularisations.organisationId, organisationId),
        lte(chargeRegularisations.provisionFrom, to),
      ),
    );
}
