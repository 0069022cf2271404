import { and, asc, eq, gte, inArray, isNotNull, lte, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { buildings, neighbourhoods } from "../../../db/schema";
import { type NeighbourhoodShape, neighbourhoodContaining } from "./geometry.rules";

export type NeighbourhoodRow = typeof neighbourhoods.$inferSelect;

export async function listNeighbourhoods(db: Db, organisationId: string): Promise<NeighbourhoodRow[]> {
  return db
    .select()
    .from(neighbourhoods)
    .where(eq(neighbourhoods.organisationId, organisationId))
    .orderBy(asc(neighbourhoods.code));
}

export async function findNeighbourhood(db: Db, organisationId: string, id: string) {
  const [row] = await db
    .select()
    .from(neighbourhoods)
    .where(and(eq(neighbourhoods.organisationId, organisationId), eq(neighbourhoods.id, id)));
  return row ?? null;
}

export async function findNeighbourhoodsByCode(db: Db, organisationId: string, codes: string[]) {
  if (codes.length === 0) return [];
  return db
    .select()
    .from(neighbourhoods)
    .where(and(eq(neighbourhoods.organisationId, organisationId), inArray(neighbourhoods.code, codes)));
}

const shapeColumns = {
  id: neighbourhoods.id,
  code: neighbourhoods.code,
  geometry: neighbourhoods.geometry,
  minLng: neighbourhoods.minLng,
  minLat: neighbourhoods.minLat,
  maxLng: neighbourhoods.maxLng,
  maxLat: neighbourhoods.maxLat,
};

/** The neighbourhoods whose bounding box holds the point: the SQL side of the bbox pre-check. */
export async function neighbourhoodShapesAround(
  db: Db,
  organisationId: string,
  location: { lng: number; lat: number },
): Promise<NeighbourhoodShape[]> {
  return db
    .select(shapeColumns)
    .from(neighbourhoods)
    .where(
      and(
        eq(neighbourhoods.organisationId, organisationId),
        lte(neighbourhoods.minLng, location.lng),
        gte(neighbourhoods.maxLng, location.lng),
        lte(neighbourhoods.minLat, location.lat),
        gte(neighbourhoods.maxLat, location.lat),
      ),
    );
}

/** The neighbourhood of a location by point-in-polygon (null outside every contour). */
export async function locateNeighbourhood(
  db: Db,
  organisationId: string,
  location: { lng: number; lat: number },
): Promise<string | null> {
  return neighbourhoodContaining(location, await neighbourhoodShapesAround(db, organisationId, location));
}

/**
 * Recomputes every building's neighbourhood after contours changed (import, edit, deletion).
 * @returns how many buildings changed neighbourhood
 */
export async function reassignBuildingsToNeighbourhoods(db: Db, organisationId: string): Promise<number> {
  return (await reassignBuildingsInDetail(db, organisationId)).moved.length;
}

export type BuildingMove = { id: string; address: string; from: string | null; to: string | null };

/**
 * Puts every building in the neighbourhood containing it; tells which moved (from, to: ids) and
 * which lie outside every contour (their address), so the import screen can show both.
 */
export async function reassignBuildingsInDetail(
  db: Db,
  organisationId: string,
): Promise<{ moved: BuildingMove[]; outside: { id: string; address: string; inseeCode: string | null }[] }> {
  const shapes = await db
    .select(shapeColumns)
    .from(neighbourhoods)
    .where(eq(neighbourhoods.organisationId, organisationId));
  const rows = await db
    .select({
      id: buildings.id,
      lng: buildings.lng,
      lat: buildings.lat,
      neighbourhoodId: buildings.neighbourhoodId,
      street: buildings.street,
      postcode: buildings.postcode,
      city: buildings.city,
      inseeCode: buildings.inseeCode,
    })
    .from(buildings)
    .where(eq(buildings.organisationId, organisationId));
  const moves = new Map<string | null, string[]>();
  const moved: BuildingMove[] = [];
  const outside: { id: string; address: string; inseeCode: string | null }[] = [];
  for (const building of rows) {
    const target = neighbourhoodContaining(building, shapes);
    const address = `${building.street}, ${building.postcode} ${building.city}`;
    if (target === null) outside.push({ id: building.id, address, inseeCode: building.inseeCode });
    if (target === building.neighbourhoodId) continue;
    moves.set(target, [...(moves.get(target) ?? []), building.id]);
    moved.push({ id: building.id, address, from: building.neighbourhoodId, to: target });
  }
  for (const [neighbourhoodId, ids] of moves) {
    for (let start = 0; start < ids.length; start += 1000) {
      const chunk = ids.slice(start, start + 1000);
      await db
        .update(buildings)
        .set({ neighbourhoodId })
        .where(and(eq(buildings.organisationId, organisationId), inArray(buildings.id, chunk)));
    }
  }
  return { moved, outside };
}

export async function detachBuildingsFrom(db: Db, organisationId: string, neighbourhoodId: string) {
  await db
    .update(buildings)
    .set({ neighbourhoodId: null })
    .where(
      and(
        eq(buildings.organisationId, organisationId),
        isNotNull(buildings.neighbourhoodId),
        eq(buildings.neighbourhoodId, neighbourhoodId),
      ),
    );
}

export async function deleteNeighbourhood(db: Db, organisationId: string, id: string) {
  await db
    .delete(neighbourhoods)
    .where(and(eq(neighbourhoods.organisationId, organisationId), eq(neighbourhoods.id, id)));
}

export async function countBuildingsByNeighbourhood(db: Db, organisationId: string) {
  const rows = await db
    .select({ neighbourhoodId: buildings.neighbourhoodId, n: sql<number>`count(*)::int` })
    .from(buildings)
    .where(eq(buildings.organisationId, organisationId))
    .groupBy(buildings.neighbourhoodId);
  return new Map(rows.map((row) => [row.neighbourhoodId, Number(row.n)]));
}
