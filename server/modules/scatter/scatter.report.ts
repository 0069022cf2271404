import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { buildings, neighbourhoods, units } from "../../../db/schema";
import { AppError } from "../../lib/errors";
import { findOrganisationPolicy } from "./scatter.queries";
import {
  type BuildingCapPolicy,
  type BuildingScatter,
  buildingScatter,
  type NeighbourhoodCapPolicy,
  neighbourhoodCapacity,
  neighbourhoodPolicyOf,
  PROGRAMME_STATUSES,
} from "./scatter.rules";

export type ScatterPolicies = { building: BuildingCapPolicy; neighbourhood: NeighbourhoodCapPolicy };

export async function scatterPolicies(db: Db, organisationId: string): Promise<ScatterPolicies> {
  const policy = await findOrganisationPolicy(db, organisationId);
  if (!policy) throw AppError.notFound("Organisation", organisationId);
  return {
    building: {
      capBasisPoints: policy.buildingCapBasisPoints,
      smallBuildingException: policy.smallBuildingException,
    },
    neighbourhood: neighbourhoodPolicyOf(policy),
  };
}

const programmeCount = sql<number>`count(*) filter (where ${inArray(units.status, [...PROGRAMME_STATUSES])})::int`;

/** Each building's programme units against its cap (all buildings, or the ones given). */
export async function buildingScatterReport(
  db: Db,
  organisationId: string,
  policy: BuildingCapPolicy,
  buildingIds?: readonly string[],
): Promise<Map<string, BuildingScatter & { neighbourhoodId: string | null; inseeCode: string | null }>> {
  if (buildingIds && buildingIds.length === 0) return new Map();
  const rows = await db
    .select({
      id: buildings.id,
      totalDwellings: buildings.totalDwellings,
      neighbourhoodId: buildings.neighbourhoodId,
      inseeCode: buildings.inseeCode,
      programmeUnits: programmeCount,
    })
    .from(buildings)
    .leftJoin(
      units,
      and(eq(units.organisationId, buildings.organisationId), eq(units.buildingId, buildings.id)),
    )
    .where(
      and(
        eq(buildings.organisationId, organisationId),
        buildingIds ? inArray(buildings.id, [...buildingIds]) : undefined,
      ),
    )
    .groupBy(buildings.id, buildings.totalDwellings, buildings.neighbourhoodId, buildings.inseeCode);
  return new Map(
    rows.map((row) => [
      row.id,
      {
        ...buildingScatter(row.totalDwellings, Number(row.programmeUnits), policy),
        neighbourhoodId: row.neighbourhoodId,
        inseeCode: row.inseeCode,
      },
    ]),
  );
}

export type NeighbourhoodScatter = {
  neighbourhoodId: string | null;
  programmeUnits: number;
  totalDwellings: number;
  /** programme units per dwelling of the neighbourhood's known buildings (basis points) */
  shareOfDwellingsBasisPoints: number;
  /** share of the whole programme placed in this neighbourhood (basis points) */
  shareOfProgrammeBasisPoints: number;
  /** null when the site has no neighbourhood cap */
  maxProgrammeUnits: number | null;
  headroom: number | null;
};

export function neighbourhoodScatterOf(
  perBuilding: Iterable<BuildingScatter & { neighbourhoodId: string | null }>,
  policy: NeighbourhoodCapPolicy,
): Map<string | null, NeighbourhoodScatter> {
  const totals = new Map<string | null, { programmeUnits: number; totalDwellings: number }>();
  let programmeTotal = 0;
  for (const building of perBuilding) {
    const entry = totals.get(building.neighbourhoodId) ?? { programmeUnits: 0, totalDwellings: 0 };
    entry.programmeUnits += building.programmeUnits;
    entry.totalDwellings += building.totalDwellings;
    totals.set(building.neighbourhoodId, entry);
    programmeTotal += building.programmeUnits;
  }
  const capacity = neighbourhoodCapacity(policy, programmeTotal);
  const capped = Number.isFinite(capacity);
  const result = new Map<string | null, NeighbourhoodScatter>();
  for (const [neighbourhoodId, entry] of totals) {
    result.set(neighbourhoodId, {
      neighbourhoodId,
      ...entry,
      shareOfDwellingsBasisPoints:
        entry.totalDwellings === 0 ? 0 : Math.round((entry.programmeUnits * 10_000) / entry.totalDwellings),
      shareOfProgrammeBasisPoints:
        programmeTotal === 0 ? 0 : Math.round((entry.programmeUnits * 10_000) / programmeTotal),
      maxProgrammeUnits: capped && neighbourhoodId !== null ? capacity : null,
      headroom: capped && neighbourhoodId !== null ? capacity - entry.programmeUnits : null,
    });
  }
  return result;
}

/** GET /api/scatter: per building and per neighbourhood, programme units, total, share, headroom. */
export async function scatterReport(db: Db, organisationId: string) {
  const policies = await scatterPolicies(db, organisationId);
  const perBuilding = await buildingScatterReport(db, organisationId, policies.building);
  const buildingRows = await db
    .select({
      id: buildings.id,
      street: buildings.street,
      city: buildings.city,
      reference: buildings.reference,
    })
    .from(buildings)
    .where(eq(buildings.organisationId, organisationId));
  const neighbourhoodRows = await db
    .select({
      id: neighbourhoods.id,
      code: neighbourhoods.code,
      name: neighbourhoods.name,
      isQpv: neighbourhoods.isQpv,
      inseeCode: neighbourhoods.inseeCode,
    })
    .from(neighbourhoods)
    .where(eq(neighbourhoods.organisationId, organisationId));
  const perNeighbourhood = neighbourhoodScatterOf(perBuilding.values(), policies.neighbourhood);
  const programmeUnits = [...perBuilding.values()].reduce((sum, b) => sum + b.programmeUnits, 0);
  return {
    policy: {
      buildingCapBasisPoints: policies.building.capBasisPoints,
      smallBuildingException: policies.building.smallBuildingException,
      neighbourhoodCap: policies.neighbourhood,
    },
    programmeUnits,
    buildings: buildingRows
      .map((row) => {
        const scatter = perBuilding.get(row.id)!;
        return {
          buildingId: row.id,
          reference: row.reference,
          address: `${row.street}, ${row.city}`,
          ...scatter,
        };
      })
      .sort((a, b) => a.headroom - b.headroom || a.address.localeCompare(b.address)),
    neighbourhoods: [
      ...neighbourhoodRows.map((row) => ({
        inseeCode: row.inseeCode,
        code: row.code,
        name: row.name,
        isQpv: row.isQpv,
        ...(perNeighbourhood.get(row.id) ?? {
          neighbourhoodId: row.id,
          programmeUnits: 0,
          totalDwellings: 0,
          shareOfDwellingsBasisPoints: 0,
          shareOfProgrammeBasisPoints: 0,
          maxProgrammeUnits: capOf(policies.neighbourhood, programmeUnits),
          headroom: capOf(policies.neighbourhood, programmeUnits),
        }),
      })),
      ...outsideByCommune(perBuilding.values(), policies.neighbourhood, programmeUnits),
    ],
  };
}

/**
 * The buildings outside every contour, one row per commune: the neighbourhood cap applies to
 * each commune as to a neighbourhood (capAreaOf); those without an INSEE code are in no area.
 */
function outsideByCommune(
  perBuilding: Iterable<BuildingScatter & { neighbourhoodId: string | null; inseeCode: string | null }>,
  policy: NeighbourhoodCapPolicy,
  programmeTotal: number,
) {
  const groups = new Map<string | null, { programmeUnits: number; totalDwellings: number }>();
  for (const building of perBuilding) {
    if (building.neighbourhoodId !== null) continue;
    const entry = groups.get(building.inseeCode) ?? { programmeUnits: 0, totalDwellings: 0 };
    entry.programmeUnits += building.programmeUnits;
    entry.totalDwellings += building.totalDwellings;
    groups.set(building.inseeCode, entry);
  }
  const cap = capOf(policy, programmeTotal);
  return [...groups]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
    .map(([inseeCode, entry]) => ({
      neighbourhoodId: null,
      code: null,
      inseeCode,
      name: inseeCode ? `Hors contour : commune ${inseeCode}` : "Hors contour, commune inconnue",
      isQpv: false,
      ...entry,
      shareOfDwellingsBasisPoints:
        entry.totalDwellings === 0 ? 0 : Math.round((entry.programmeUnits * 10_000) / entry.totalDwellings),
      shareOfProgrammeBasisPoints:
        programmeTotal === 0 ? 0 : Math.round((entry.programmeUnits * 10_000) / programmeTotal),
      maxProgrammeUnits: inseeCode && cap !== null ? cap : null,
      headroom: inseeCode && cap !== null ? cap - entry.programmeUnits : null,
    }));
}

function capOf(policy: NeighbourhoodCapPolicy, programmeTotal: number): number | null {
  const capacity = neighbourhoodCapacity(policy, programmeTotal);
  return Number.isFinite(capacity) ? capacity : null;
}
