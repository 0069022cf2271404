import { and, asc, count, eq, inArray } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { buildings, units, unitTransitions } from "../../../db/schema";
import type { PageRequest } from "../../lib/pagination";

export type UnitRow = typeof units.$inferSelect;
export type TransitionRow = typeof unitTransitions.$inferSelect;

const withBuilding = {
  unit: units,
  building: {
    street: buildings.street,
    postcode: buildings.postcode,
    city: buildings.city,
    lng: buildings.lng,
    lat: buildings.lat,
    neighbourhoodId: buildings.neighbourhoodId,
    landlordId: buildings.landlordId,
  },
};

const joinBuilding = and(
  eq(buildings.organisationId, units.organisationId),
  eq(buildings.id, units.buildingId),
);

export type UnitWithBuilding = {
  unit: UnitRow;
  building: {
    street: string;
    postcode: string;
    city: string;
    lng: number;
    lat: number;
    neighbourhoodId: string | null;
    landlordId: string | null;
  };
};

export type UnitFilter = {
  status?: UnitRow["status"];
  buildingId?: string;
  landlordId?: string;
  captureFormula?: NonNullable<UnitRow["captureFormula"]>;
  ids?: string[];
};

function unitConditions(organisationId: string, filter: UnitFilter) {
  return and(
    eq(units.organisationId, organisationId),
    filter.status ? eq(units.status, filter.status) : undefined,
    filter.buildingId ? eq(units.buildingId, filter.buildingId) : undefined,
    filter.landlordId ? eq(units.landlordId, filter.landlordId) : undefined,
    filter.captureFormula ? eq(units.captureFormula, filter.captureFormula) : undefined,
    filter.ids ? inArray(units.id, filter.ids) : undefined,
  );
}

export async function listUnits(
  db: Db,
  organisationId: string,
  filter: UnitFilter = {},
  page?: PageRequest,
): Promise<UnitWithBuilding[]> {
  const query = db
    .select(withBuilding)
    .from(units)
    .innerJoin(buildings, joinBuilding)
    .where(unitConditions(organisationId, filter))
    .orderBy(asc(buildings.city), asc(buildings.street), asc(units.floor), asc(units.id));
  return page ? query.limit(page.limit).offset(page.offset) : query;
}

export async function countUnits(db: Db, organisationId: string, filter: UnitFilter = {}): Promise<number> {
  const [row] = await db.select({ n: count() }).from(units).where(unitConditions(organisationId, filter));
  return row?.n ?? 0;
}

export async function findUnit(db: Db, organisationId: string, id: string): Promise<UnitWithBuilding | null> {
  const [row] = await listUnits(db, organisationId, { ids: [id] });
  return row ?? null;
}

/** The unit's row locked until the transaction ends: transitions of one unit are serialised. */
export async function lockUnit(db: Db, organisationId: string, id: string): Promise<UnitRow | null> {
  const [row] = await db
    .select()
    .from(units)
    .where(and(eq(units.organisationId, organisationId), eq(units.id, id)))
    .for("update");
  return row ?? null;
}

export async function insertUnit(db: Db, values: typeof units.$inferInsert): Promise<UnitRow> {
  const [row] = await db.insert(units).values(values).returning();
  return row!;
}

export async function updateUnit(
  db: Db,
  organisationId: string,
  id: string,
  values: Partial<typeof units.$inferInsert>,
): Promise<UnitRow> {
  const [row] = await db
    .update(units)
    .set(values)
    .where(and(eq(units.organisationId, organisationId), eq(units.id, id)))
    .returning();
  return row!;
}

export async function deleteUnitWithHistory(db: Db, organisationId: string, id: string): Promise<void> {
  await db
    .delete(unitTransitions)
    .where(and(eq(unitTransitions.organisationId, organisationId), eq(unitTransitions.unitId, id)));
  await db.delete(units).where(and(eq(units.organisationId, organisationId), eq(units.id, id)));
}

export async function insertTransition(
  db: Db,
  values: typeof unitTransitions.$inferInsert,
): Promise<TransitionRow> {
  const [row] = await db.insert(unitTransitions).values(values).returning();
  return row!;
}

export async function listTransitions(
  db: Db,
  organisationId: string,
  unitId: string,
): Promise<TransitionRow[]> {
  return db
    .select()
    .from(unitTransitions)
    .where(and(eq(unitTransitions.organisationId, organisationId), eq(unitTransitions.unitId, unitId)))
    .orderBy(asc(unitTransitions.effectiveDate), asc(unitTransitions.recordedAt), asc(unitTransitions.id));
}

export async function buildingExists(db: Db, organisationId: string, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: buildings.id })
    .from(buildings)
    .where(and(eq(buildings.organisationId, organisationId), eq(buildings.id, id)));
  return Boolean(row);
}
