import {
  and,
  asc,
  count,
  desc,
  eq,
  gte,
  inArray,
  isNull,
  lte,
  notInArray,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import type { Db } from "../../../db/client";
import { buildings, neighbourhoods, offers, organisations, units } from "../../../db/schema";
import { PROGRAMME_STATUSES } from "../scatter/scatter.rules";

/**
 * A narrowing of the candidates done by the database for the ranked list (not for the excluded
 * list): it mirrors every hard constraint of matching.rules.ts (the single source of truth, which
 * re-checks every row anyway, so a mismatch here could only hide a unit, never propose a wrong
 * one — tests/api/matching-prefilter.test.ts compares both on generated data).
 */
export type CandidatePrefilter = {
  startDate: string;
  bannedEnergyClasses: readonly string[];
  excludedNeighbourhoodIds: readonly string[];
  typologies: readonly string[] | null;
  needsWheelchairAccess: boolean;
  needsStepFree: boolean;
  highestFloorWithoutLift: number | null;
  buildingCapBasisPoints: number;
  smallBuildingException: boolean;
  declinedUnitIds: readonly string[];
  /** household size (CAF overcrowding norm, minimumSurfaceM2 / minimumRooms) */
  minimumSurfaceM2: number;
  minimumRooms: number;
  /** neighbourhood cap: neighbourhoods already full; all of them when even an empty one is */
  fullNeighbourhoodIds: readonly string[];
  allNeighbourhoodsFull: boolean;
};

/** A numeric constant computed in JS, inlined (finite numbers only: no injection, stable plans). */
function num(value: number): SQL {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  return sql.raw(String(value));
}

/**
 * An upper bound of matching.rules.ts' score (scoreUnit), computed by the database for every
 * candidate, so that only the best ones are fetched and explained. Each term bounds one component:
 * wanted neighbourhood, floor, days vacant and furnished are the rule's exact points; places that
 * matter use the same haversine distance as turf (R = 6371.0088 km) less 10 m; the effort rate is
 * the rule's formula on the same integers. A 0.5-point margin absorbs the rule's rounding to tenths.
 */
export type ScoreBoundInput = {
  wantedNeighbourhoodPoints: readonly { neighbourhoodId: string; points: number }[];
  places: readonly { lng: number; lat: number; maxDistanceKm: number; share: number }[];
  weights: { floor: number; effortRate: number; daysVacant: number; furnished: number };
  daysVacantFullScore: number;
  wantsFurnished: boolean | null;
  today: string;
  housingBenefitCents: number;
  resourcesCents: number;
  ceilingCents: number;
  ceilingBasisPoints: number;
};

export function scoreUpperBound(input: ScoreBoundInput, placesBound?: SQL): SQL {
  const terms: SQL[] = [];
  if (input.wantedNeighbourhoodPoints.length > 0) {
    const cases = input.wantedNeighbourhoodPoints.map(
      (entry) => sql`when ${entry.neighbourhoodId}::uuid then ${num(entry.points)}`,
    );
    terms.push(sql`(case ${buildings.neighbourhoodId} ${sql.join(cases, sql` `)} else 0 end)`);
  }
  if (placesBound) terms.push(placesBound);
  else terms.push(...placesTerms(input));
  const { weights } = input;
  terms.push(
    sql`(case when ${buildings.hasElevator} or ${units.floor} <= 0 then ${num(weights.floor)} else greatest(0, ${num(weights.floor)} - 2 * ${units.floor}) end)`,
  );
  const residual = sql`greatest(0, ${units.rentCents} + ${units.chargesCents} - ${num(input.housingBenefitCents)})`;
  terms.push(
    input.resourcesCents > 0 && input.ceilingBasisPoints > 0
      ? sql`(case when ${residual} = 0 then ${num(weights.effortRate)} when ${residual} > ${num(input.ceilingCents)} then 0
              else ${num(weights.effortRate / 2)} + ${num(weights.effortRate / 2)} * greatest(0, 1 - (${residual} * 10000.0::float8 / ${num(input.resourcesCents)}) / ${num(input.ceilingBasisPoints)}) end)`
      : sql`(case when ${residual} = 0 then ${num(weights.effortRate)} else 0 end)`,
  );
  terms.push(
    sql`(least(greatest(${input.today}::date - ${units.statusSince}, 0), ${num(input.daysVacantFullScore)}) * ${num(weights.daysVacant)}::float8 / ${num(input.daysVacantFullScore)})`,
  );
  if (input.wantsFurnished !== null) {
    terms.push(
      sql`(case when ${units.furnished} = ${sql.raw(input.wantsFurnished ? "true" : "false")} then ${num(weights.furnished)} else 0 end)`,
    );
  }
  return sql`(${sql.join(terms, sql` + `)} + 0.5)::float8`;
}

/** The places-that-matter part of the bound: it only depends on the building. */
function placesTerms(input: ScoreBoundInput): SQL[] {
  const terms: SQL[] = [];
  for (const place of input.places) {
    if (place.maxDistanceKm <= 0) continue;
    const km = sql`(2 * 6371.0088 * asin(least(1, sqrt(
      power(sin(radians(${num(place.lat)} - ${buildings.lat}) / 2), 2)
      + cos(radians(${buildings.lat})) * cos(radians(${num(place.lat)}))
        * power(sin(radians(${num(place.lng)} - ${buildings.lng}) / 2), 2)))) - 0.01)`;
    // share × (1 − km / max) when within max km, else 0: one haversine per row
    terms.push(
      sql`(${num(place.share)} * greatest(0, 1 - greatest(0, ${km}) / ${num(place.maxDistanceKm)}))`,
    );
  }
  return terms;
}

/** placesTerms summed, per building (0 without places). */
export function placesUpperBound(input: ScoreBoundInput): SQL {
  const terms = placesTerms(input);
  return terms.length > 0 ? sql`(${sql.join(terms, sql` + `)})::float8` : sql`0::float8`;
}

type CandidateFilter = {
  statuses?: readonly string[];
  /** only these units (panel creation), whatever their status */
  unitIds?: readonly string[];
  prefilter?: CandidatePrefilter;
};

function programmeCounts(db: Db, organisationId: string) {
  return db
    .select({ buildingId: units.buildingId, programmeUnits: count().as("programme_units") })
    .from(units)
    .where(and(eq(units.organisationId, organisationId), inArray(units.status, [...PROGRAMME_STATUSES])))
    .groupBy(units.buildingId)
    .as("programme");
}

function candidateConditions(
  organisationId: string,
  filter: CandidateFilter,
  programme: ReturnType<typeof programmeCounts>,
) {
  return and(
    ...(filter.prefilter
      ? prefilterConditions(filter.prefilter, sql`coalesce(${programme.programmeUnits}, 0)`)
      : []),
    eq(units.organisationId, organisationId),
    filter.statuses
      ? inArray(units.status, [...filter.statuses] as (typeof units.status.enumValues)[number][])
      : undefined,
    filter.unitIds ? inArray(units.id, [...filter.unitIds]) : undefined,
  );
}

const joinBuilding = and(
  eq(buildings.organisationId, units.organisationId),
  eq(buildings.id, units.buildingId),
);

/**
 * The candidate units of an organisation with their building and neighbourhood, and the number of
 * programme units (reserved, let, notice given) already in each building: one SQL query.
 * With `rank`, only a page of them, best score upper bound first (the ranked list's fast path).
 */
export async function findCandidateUnits(
  db: Db,
  organisationId: string,
  filter: CandidateFilter & { rank?: { bound: ScoreBoundInput; limit: number; offset: number } },
) {
  const programme = programmeCounts(db, organisationId);
  if (filter.rank) return rankedCandidateUnits(db, organisationId, filter, filter.rank, programme);
  return candidateDetails(db, programme).where(candidateConditions(organisationId, filter, programme));
}

function candidateDetails(db: Db, programme: ReturnType<typeof programmeCounts>) {
  return db
    .select({
      id: units.id,
      reference: units.reference,
      status: units.status,
      statusSince: units.statusSince,
      availableFrom: units.availableFrom,
      buildingId: units.buildingId,
      floor: units.floor,
      typology: units.typology,
      rooms: units.rooms,
      surfaceM2: units.surfaceM2,
      furnished: units.furnished,
      wheelchairAccessible: units.wheelchairAccessible,
      stepFree: units.stepFree,
      energyClass: units.energyClass,
      rentCents: units.rentCents,
      chargesCents: units.chargesCents,
      neighbourhoodId: buildings.neighbourhoodId,
      neighbourhoodName: neighbourhoods.name,
      street: buildings.street,
      postcode: buildings.postcode,
      city: buildings.city,
      lng: buildings.lng,
      lat: buildings.lat,
      hasElevator: buildings.hasElevator,
      totalDwellings: buildings.totalDwellings,
      programmeUnits: sql<number>`coalesce(${programme.programmeUnits}, 0)`.mapWith(Number),
      // ranked pages only (rankedCandidateUnits): the score bound and how many units pass the filter
      upperBound: sql<number>`null`.mapWith(Number),
      matchingCount: sql<number>`null`.mapWith(Number),
    })
    .from(units)
    .innerJoin(buildings, joinBuilding)
    .leftJoin(
      neighbourhoods,
      and(
        eq(neighbourhoods.organisationId, buildings.organisationId),
        eq(neighbourhoods.id, buildings.neighbourhoodId),
      ),
    )
    .leftJoin(programme, eq(programme.buildingId, units.buildingId))
    .$dynamic();
}

/**
 * The ranked list's page in two steps: a narrow pass (unit id and score bound only, so the sort of
 * every candidate stays small and in memory, and the count comes from the same scan through a CTE),
 * then the details of the page's units only.
 */
async function rankedCandidateUnits(
  db: Db,
  organisationId: string,
  filter: CandidateFilter,
  rank: { bound: ScoreBoundInput; limit: number; offset: number },
  programme: ReturnType<typeof programmeCounts>,
) {
  // the distances to places that matter, once per building (not per unit); offset 0 keeps the
  // subquery from being flattened into the join (which would compute them per unit again)
  const near = db
    .select({
      id: buildings.id,
      placesBound: sql<number>`${placesUpperBound(rank.bound)}`.as("places_bound"),
    })
    .from(buildings)
    .where(eq(buildings.organisationId, organisationId))
    .offset(0)
    .as("near");
  const upperBound = scoreUpperBound(rank.bound, sql`${near.placesBound}`);
  const ranked = db.$with("ranked").as(
    db
      .select({ id: units.id, upperBound: sql<number>`${upperBound}`.as("upper_bound") })
      .from(units)
      .innerJoin(buildings, joinBuilding)
      .innerJoin(near, eq(near.id, buildings.id))
      .leftJoin(programme, eq(programme.buildingId, units.buildingId))
      .where(candidateConditions(organisationId, filter, programme)),
  );
  const page = await db
    .with(ranked)
    .select({
      id: ranked.id,
      upperBound: sql<number>`${ranked.upperBound}`.mapWith(Number),
      // how many units pass the filter (the CTE is scanned once, materialised: referenced twice)
      matchingCount: sql<number>`(select count(*) from ${ranked})`.mapWith(Number),
    })
    .from(ranked)
    .orderBy(desc(ranked.upperBound), asc(ranked.id))
    .limit(rank.limit)
    .offset(rank.offset);
  if (page.length === 0) return [];
  const details = await candidateDetails(db, programmeCounts(db, organisationId)).where(
    and(
      eq(units.organisationId, organisationId),
      inArray(
        units.id,
        page.map((row) => row.id),
      ),
    ),
  );
  const byId = new Map(details.map((row) => [row.id, row]));
  return page.map((row) => ({
    ...byId.get(row.id)!,
    upperBound: row.upperBound,
    matchingCount: row.matchingCount,
  }));
}

export type CandidateRow = Awaited<ReturnType<typeof findCandidateUnits>>[number];

function prefilterConditions(pre: CandidatePrefilter, programmeUnits: SQL): (SQL | undefined)[] {
  type EnergyClassValue = (typeof units.energyClass.enumValues)[number];
  type TypologyValue = (typeof units.typology.enumValues)[number];
  const allowedClasses = units.energyClass.enumValues.filter(
    (value) => !pre.bannedEnergyClasses.includes(value),
  );
  return [
    or(isNull(units.availableFrom), lte(units.availableFrom, pre.startDate)),
    inArray(units.energyClass, allowedClasses as EnergyClassValue[]),
    pre.excludedNeighbourhoodIds.length > 0
      ? or(
          isNull(buildings.neighbourhoodId),
          notInArray(buildings.neighbourhoodId, [...pre.excludedNeighbourhoodIds]),
        )
      : undefined,
    pre.typologies ? inArray(units.typology, [...pre.typologies] as TypologyValue[]) : undefined,
    pre.needsWheelchairAccess ? eq(units.wheelchairAccessible, true) : undefined,
    pre.needsStepFree ? or(eq(units.stepFree, true), eq(units.wheelchairAccessible, true)) : undefined,
    pre.highestFloorWithoutLift !== null
      ? or(eq(buildings.hasElevator, true), lte(units.floor, pre.highestFloorWithoutLift))
      : undefined,
    pre.declinedUnitIds.length > 0 ? notInArray(units.id, [...pre.declinedUnitIds]) : undefined,
    gte(units.surfaceM2, pre.minimumSurfaceM2),
    gte(units.rooms, pre.minimumRooms),
    pre.allNeighbourhoodsFull
      ? isNull(buildings.neighbourhoodId)
      : pre.fullNeighbourhoodIds.length > 0
        ? or(
            isNull(buildings.neighbourhoodId),
            notInArray(buildings.neighbourhoodId, [...pre.fullNeighbourhoodIds]),
          )
        : undefined,
    // cahier des charges §9.4: room for one more programme flat in the building
    pre.smallBuildingException
      ? sql`((${buildings.totalDwellings} * ${pre.buildingCapBasisPoints}) / 10000 - ${programmeUnits} >= 1
             or (${buildings.totalDwellings} < 5 and ${programmeUnits} = 0))`
      : sql`(${buildings.totalDwellings} * ${pre.buildingCapBasisPoints}) / 10000 - ${programmeUnits} >= 1`,
  ];
}

export async function findScatterPolicy(db: Db, organisationId: string) {
  const [row] = await db
    .select({
      buildingCapBasisPoints: organisations.buildingCapBasisPoints,
      smallBuildingException: organisations.smallBuildingException,
      neighbourhoodCapMode: organisations.neighbourhoodCapMode,
      neighbourhoodCapValue: organisations.neighbourhoodCapValue,
    })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  return row ?? null;
}

/** Units this person declined, or that the landlord refused for this person. */
export async function findDeclinedUnits(db: Db, organisationId: string, personId: string) {
  const rows = await db
    .select({ unitId: offers.unitId, declinedBy: offers.declinedBy })
    .from(offers)
    .where(
      and(
        eq(offers.organisationId, organisationId),
        eq(offers.personId, personId),
        eq(offers.status, "declined"),
        inArray(offers.declinedBy, ["person", "landlord"]),
      ),
    );
  const declined = new Map<string, "person" | "landlord">();
  for (const row of rows) {
    if (row.declinedBy === "person" || (row.declinedBy === "landlord" && !declined.has(row.unitId)))
      declined.set(row.unitId, row.declinedBy);
  }
  return declined;
}
