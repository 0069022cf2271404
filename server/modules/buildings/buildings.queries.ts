import { and, asc, count, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { buildings, neighbourhoods, units } from "../../../db/schema";
import type { PageRequest } from "../../lib/pagination";

export type BuildingRow = typeof buildings.$inferSelect;

const withNeighbourhood = {
  building: buildings,
  neighbourhood: {
    id: neighbourhoods.id,
    code: neighbourhoods.code,
    name: neighbourhoods.name,
    isQpv: neighbourhoods.isQpv,
  },
};

function buildingConditions(organisationId: string, filter: { neighbourhoodId?: string }) {
  return and(
    eq(buildings.organisationId, organisationId),
    filter.neighbourhoodId ? eq(buildings.neighbourhoodId, filter.neighbourhoodId) : undefined,
  );
}

export async function listBuildings(
  db: Db,
  organisationId: string,
  filter: { neighbourhoodId?: string } = {},
  page?: PageRequest,
) {
  const query = db
    .select(withNeighbourhood)
    .from(buildings)
    .leftJoin(
      neighbourhoods,
      and(
        eq(neighbourhoods.organisationId, buildings.organisationId),
        eq(neighbourhoods.id, buildings.neighbourhoodId),
      ),
    )
    .where(buildingConditions(organisationId, filter))
    .orderBy(asc(buildings.city), asc(buildings.street), asc(buildings.id));
  return page ? query.limit(page.limit).offset(page.offset) : query;
}

export async function countBuildings(
  db: Db,
  organisationId: string,
  filter: { neighbourhoodId?: string } = {},
) {
  const [row] = await db
    .select({ n: count() })
    .from(buildings)
    .where(buildingConditions(organisationId, filter));
  return row?.n ?? 0;
}

export async function findBuilding(db: Db, organisationId: string, id: string) {
  const [row] = await db
    .select(withNeighbourhood)
    .from(buildings)
    .leftJoin(
      neighbourhoods,
      and(
        eq(neighbourhoods.organisationId, buildings.organisationId),
        eq(neighbourhoods.id, buildings.neighbourhoodId),
      ),
    )
    .where(and(eq(buildings.organisationId, organisationId), eq(buildings.id, id)));
  return row ?? null;
}

/** The building row locked until the transaction ends (same lock as the scatter check). */
export async function lockBuilding(db: Db, organisationId: string, id: string): Promise<BuildingRow | null> {
  const [row] = await db
    .select()
    .from(buildings)
    .where(and(eq(buildings.organisationId, organisationId), eq(buildings.id, id)))
    .for("update");
  return row ?? null;
}

export async function insertBuilding(db: Db, values: typeof buildings.$inferInsert): Promise<BuildingRow> {
  const [row] = await db.insert(buildings).values(values).returning();
  return row!;
}

export async function updateBuilding(
  db: Db,
  organisationId: string,
  id: string,
  values: Partial<typeof buildings.$inferInsert>,
): Promise<BuildingRow> {
  const [row] = await db
    .update(buildings)
    .set(values)
    .where(and(eq(buildings.organisationId, organisationId), eq(buildings.id, id)))
    .returning();
  return row!;
}

export async function countUnitsInBuilding(
  db: Db,
  organisationId: string,
  buildingId: string,
): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(units)
    .where(and(eq(units.organisationId, organisationId), eq(units.buildingId, buildingId)));
  return Number(row?.n ?? 0);
}

export async function deleteBuilding(db: Db, organisationId: string, id: string): Promise<void> {
  await db.delete(buildings).where(and(eq(buildings.organisationId, organisationId), eq(buildings.id, id)));
}
