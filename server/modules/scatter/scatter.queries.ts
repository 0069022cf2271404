import { and, asc, count, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { buildings, neighbourhoods, organisations, units } from "../../../db/schema";
import { PROGRAMME_STATUSES } from "./scatter.rules";

/** The organisation's scatter caps (building share, small-building exception, neighbourhood cap). */
export const scatterPolicyColumns = {
  buildingCapBasisPoints: organisations.buildingCapBasisPoints,
  smallBuildingException: organisations.smallBuildingException,
  neighbourhoodCapMode: organisations.neighbourhoodCapMode,
  neighbourhoodCapValue: organisations.neighbourhoodCapValue,
};

export async function findOrganisationPolicy(db: Db, organisationId: string) {
  const [row] = await db
    .select(scatterPolicyColumns)
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  return row ?? null;
}

export async function findUnitsWithPlace(db: Db, organisationId: string, unitIds: readonly string[]) {
  if (unitIds.length === 0) return [];
  return db
    .select({
      id: units.id,
      status: units.status,
      buildingId: units.buildingId,
      neighbourhoodId: buildings.neighbourhoodId,
      inseeCode: buildings.inseeCode,
    })
    .from(units)
    .innerJoin(
      buildings,
      and(eq(buildings.organisationId, units.organisationId), eq(buildings.id, units.buildingId)),
    )
    .where(and(eq(units.organisationId, organisationId), inArray(units.id, [...unitIds])));
}

/**
 * Locks the buildings' rows until the transaction ends (always in id order, so two
 * transactions never wait on each other in a cycle) and returns their dwelling counts.
 */
export async function lockBuildings(db: Db, organisationId: string, buildingIds: readonly string[]) {
  if (buildingIds.length === 0) return [];
  return db
    .select({ id: buildings.id, totalDwellings: buildings.totalDwellings })
    .from(buildings)
    .where(and(eq(buildings.organisationId, organisationId), inArray(buildings.id, [...buildingIds])))
    .orderBy(asc(buildings.id))
    .for("update");
}

export async function lockNeighbourhoods(
  db: Db,
  organisationId: string,
  neighbourhoodIds: readonly string[],
) {
  if (neighbourhoodIds.length === 0) return [];
  return db
    .select({ id: neighbourhoods.id })
    .from(neighbourhoods)
    .where(
      and(
        eq(neighbourhoods.organisationId, organisationId),
        inArray(neighbourhoods.id, [...neighbourhoodIds]),
      ),
    )
    .orderBy(asc(neighbourhoods.id))
    .for("update");
}

/** Programme units (reserved, let, notice given) per building. */
export async function countProgrammeUnitsByBuilding(
  db: Db,
  organisationId: string,
  buildingIds: readonly string[],
) {
  if (buildingIds.length === 0) return new Map<string, number>();
  const rows = await db
    .select({ buildingId: units.buildingId, n: count() })
    .from(units)
    .where(
      and(
        eq(units.organisationId, organisationId),
        inArray(units.buildingId, [...buildingIds]),
        inArray(units.status, [...PROGRAMME_STATUSES]),
      ),
    )
    .groupBy(units.buildingId);
  return new Map(rows.map((row) => [row.buildingId, Number(row.n)]));
}

/** Programme units per neighbourhood (one row each, `null` for the units outside any). */
export function programmeUnitsByNeighbourhoodQuery(db: Db, organisationId: string) {
  return db
    .select({ neighbourhoodId: buildings.neighbourhoodId, n: count().as("n") })
    .from(units)
    .innerJoin(
      buildings,
      and(eq(buildings.organisationId, units.organisationId), eq(buildings.id, units.buildingId)),
    )
    .where(and(eq(units.organisationId, organisationId), inArray(units.status, [...PROGRAMME_STATUSES])))
    .groupBy(buildings.neighbourhoodId);
}

export type NeighbourhoodProgrammeCounts = { byNeighbourhood: Map<string, number>; total: number };

export function neighbourhoodProgrammeCounts(
  rows: readonly { neighbourhoodId: string | null; n: number | string }[],
): NeighbourhoodProgrammeCounts {
  const byNeighbourhood = new Map<string, number>();
  let total = 0;
  for (const row of rows) {
    total += Number(row.n);
    if (row.neighbourhoodId) byNeighbourhood.set(row.neighbourhoodId, Number(row.n));
  }
  return { byNeighbourhood, total };
}

/** Programme units per neighbourhood, and in the whole organisation. */
export async function countProgrammeUnitsByNeighbourhood(db: Db, organisationId: string) {
  return neighbourhoodProgrammeCounts(await programmeUnitsByNeighbourhoodQuery(db, organisationId));
}

/**
 * Serialises, until the transaction ends, the scatter checks of buildings outside every contour
 * in these communes (no row stands for a commune: a transaction-scoped advisory lock does).
 */
export async function lockCommunes(db: Db, organisationId: string, inseeCodes: readonly string[]) {
  for (const inseeCode of [...inseeCodes].sort()) {
    await db.execute(
      sql`select pg_advisory_xact_lock(hashtextextended(${`scatter-commune:${organisationId}:${inseeCode}`}, 0))`,
    );
  }
}

/**
 * Programme units of the buildings outside every contour, per INSEE commune code (one row each;
 * `null` for the buildings without a code, which are in no cap area: capAreaOf).
 */
export function programmeUnitsOutsideContoursByCommuneQuery(db: Db, organisationId: string) {
  return db
    .select({ inseeCode: buildings.inseeCode, n: count().as("n") })
    .from(units)
    .innerJoin(
      buildings,
      and(eq(buildings.organisationId, units.organisationId), eq(buildings.id, units.buildingId)),
    )
    .where(
      and(
        eq(units.organisationId, organisationId),
        inArray(units.status, [...PROGRAMME_STATUSES]),
        isNull(buildings.neighbourhoodId),
      ),
    )
    .groupBy(buildings.inseeCode);
}

export function communeProgrammeCounts(
  rows: readonly { inseeCode: string | null; n: number | string }[],
): Map<string, number> {
  const byCommune = new Map<string, number>();
  for (const row of rows) if (row.inseeCode) byCommune.set(row.inseeCode, Number(row.n));
  return byCommune;
}

/** Programme units of the buildings outside every contour, per INSEE commune code. */
export async function countProgrammeUnitsOutsideContoursByCommune(db: Db, organisationId: string) {
  return communeProgrammeCounts(await programmeUnitsOutsideContoursByCommuneQuery(db, organisationId));
}
