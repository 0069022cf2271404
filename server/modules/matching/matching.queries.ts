import {
  and,
  asc,
  count,
  desc,
  eq,
  gte,
  inArray,
  isNotNull,
  isNull,
  lte,
  notInArray,
  or,
  type Column,
  type SQL,
  sql,
} from "drizzle-orm";
import type { Db } from "../../../db/client";
import {
  buildings,
  housingBenefitCommuneZones,
  housingChoices,
  neighbourhoods,
  offers,
  organisations,
  units,
} from "../../../db/schema";
import type { BenefitUpperBound } from "../housing-benefit/housing-benefit.rules";
import { decodedJson, jsonRecords } from "../../lib/sql-json";
import { programmeParameterColumns } from "../persons/persons.queries";
import {
  communeProgrammeCounts,
  neighbourhoodProgrammeCounts,
  programmeUnitsByNeighbourhoodQuery,
  programmeUnitsOutsideContoursByCommuneQuery,
  scatterPolicyColumns,
} from "../scatter/scatter.queries";
import { PROGRAMME_STATUSES, SMALL_BUILDING_THRESHOLD } from "../scatter/scatter.rules";
import { HARD_CONSTRAINTS, type HardConstraint, OFFERABLE_STATUSES } from "./matching.rules";

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
  /**
   * neighbourhood cap (scatter.rules.ts capAreaOf): neighbourhoods already full, and the communes
   * whose buildings outside every contour are; every area when even an empty one is full
   */
  fullNeighbourhoodIds: readonly string[];
  fullCommuneInseeCodes: readonly string[];
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
 * the rule's formula on the same integers, with the notified benefit or, flat by flat, the bound of
 * its estimate (housing-benefit.rules.ts estimateUpperBound: its commune's zone, its rent). A
 * 0.5-point margin absorbs the rule's rounding to tenths.
 */
export type ScoreBoundInput = {
  wantedNeighbourhoodPoints: readonly { neighbourhoodId: string; points: number }[];
  places: readonly { lng: number; lat: number; maxDistanceKm: number; share: number }[];
  weights: { floor: number; effortRate: number; daysVacant: number; furnished: number };
  daysVacantFullScore: number;
  wantsFurnished: boolean | null;
  today: string;
  /** the CAF's notified amount, or (null: no barème, no estimate) the bound of each flat's estimate */
  benefit: { basis: "notified"; cents: number } | { basis: "estimate"; bound: BenefitUpperBound | null };
  resourcesCents: number;
  ceilingCents: number;
  ceilingBasisPoints: number;
};

/**
 * What the bound needs of the building, computed once per building (placesUpperBound and
 * benefitPlafond): the places part, and the plafond of the building's zone (null: zone unknown).
 */
type PerBuildingBound = { placesBound: SQL; benefitPlafond: SQL };

export function scoreUpperBound(input: ScoreBoundInput, perBuilding: PerBuildingBound): SQL {
  const terms: SQL[] = [];
  if (input.wantedNeighbourhoodPoints.length > 0) {
    const cases = input.wantedNeighbourhoodPoints.map(
      (entry) => sql`when ${entry.neighbourhoodId}::uuid then ${num(entry.points)}`,
    );
    terms.push(sql`(case ${buildings.neighbourhoodId} ${sql.join(cases, sql` `)} else 0 end)`);
  }
  terms.push(perBuilding.placesBound);
  const { weights } = input;
  terms.push(
    sql`(case when ${buildings.hasElevator} or ${units.floor} <= 0 then ${num(weights.floor)} else greatest(0, ${num(weights.floor)} - 2 * ${units.floor}) end)`,
  );
  const benefit =
    input.benefit.basis === "notified"
      ? num(input.benefit.cents)
      : input.benefit.bound === null
        ? num(0)
        : // benefitUpperBound: min(rent, plafond of the zone) + offset, 0 without a zone (`least`
          // skips a null: it must not stand for the plafond)
          sql`(case when ${perBuilding.benefitPlafond} is null then 0
                else greatest(0, least(${units.rentCents}, ${perBuilding.benefitPlafond}) + ${num(input.benefit.bound.offsetCents)}) end)`;
  const residual = sql`greatest(0, ${units.rentCents} + ${units.chargesCents} - ${benefit})`;
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
function placesUpperBound(input: ScoreBoundInput): SQL {
  const terms = placesTerms(input);
  return terms.length > 0 ? sql`(${sql.join(terms, sql` + `)})::float8` : sql`0::float8`;
}

/**
 * The plafonds by zone the estimate's bound needs (null when it needs none: a notified benefit,
 * no barème); the per-building part of the ranked query then joins the organisation's communes.
 */
function zonePlafondsOf(input: ScoreBoundInput) {
  return input.benefit.basis === "estimate" && input.benefit.bound !== null
    ? input.benefit.bound.plafondByZone
    : null;
}

/** The plafond of the building's zone (`zone`, from housing_benefit_commune_zones); null if unknown. */
function benefitPlafond(plafonds: ReturnType<typeof zonePlafondsOf>, zone: SQL): SQL {
  if (plafonds === null) return sql`null::integer`;
  const cases = Object.entries(plafonds).map(([name, cents]) => sql`when ${name} then ${num(cents)}`);
  return sql`(case ${zone} ${sql.join(cases, sql` `)} end)::integer`;
}

type CandidateFilter = {
  statuses?: readonly string[];
  /** only these units (panel creation), whatever their status */
  unitIds?: readonly string[];
  prefilter?: CandidatePrefilter;
};

/** Programme units (reserved, let, notice given) per building. */
function programmeCountsQuery(db: Db, organisationId: string) {
  return db
    .select({ buildingId: units.buildingId, programmeUnits: count().as("programme_units") })
    .from(units)
    .where(and(eq(units.organisationId, organisationId), inArray(units.status, [...PROGRAMME_STATUSES])))
    .groupBy(units.buildingId);
}

type ProgrammeCounts = { buildingId: SQL.Aliased<string> | Column; programmeUnits: SQL.Aliased<number> };

function candidateConditions(organisationId: string, filter: CandidateFilter, programme: ProgrammeCounts) {
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
const joinNeighbourhood = and(
  eq(neighbourhoods.organisationId, buildings.organisationId),
  eq(neighbourhoods.id, buildings.neighbourhoodId),
);

/** What the rules and the officer need of a candidate's unit and building. */
const unitAndBuildingColumns = {
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
  inseeCode: buildings.inseeCode,
  street: buildings.street,
  postcode: buildings.postcode,
  city: buildings.city,
  lng: buildings.lng,
  lat: buildings.lat,
  hasElevator: buildings.hasElevator,
  totalDwellings: buildings.totalDwellings,
};

const programmeUnitsOf = (programme: ProgrammeCounts) =>
  sql<number>`coalesce(${programme.programmeUnits}, 0)`.mapWith(Number);

/**
 * The candidate units of an organisation with their building and neighbourhood, and the number of
 * programme units (reserved, let, notice given) already in each building: one SQL query.
 */
export async function findCandidateUnits(db: Db, organisationId: string, filter: CandidateFilter) {
  const programme = programmeCountsQuery(db, organisationId).as("programme");
  return db
    .select({
      ...unitAndBuildingColumns,
      neighbourhoodName: neighbourhoods.name,
      programmeUnits: programmeUnitsOf(programme),
    })
    .from(units)
    .innerJoin(buildings, joinBuilding)
    .leftJoin(neighbourhoods, joinNeighbourhood)
    .leftJoin(programme, eq(programme.buildingId, units.buildingId))
    .where(candidateConditions(organisationId, filter, programme));
}

export type RankedCandidateRow = CandidateRow & { upperBound: number };

/**
 * A page of the ranked list: the candidates passing the filter, best score upper bound first, with
 * the number of them, in one statement (each round trip costs a parse and a plan, and on the
 * embedded database a hand-over in JavaScript). The ranking pass is narrow (unit id and bound only,
 * so the sort of every candidate keeps the top page in memory — top-N heapsort), and only the
 * page's units are joined to their details, handed over as one JSON text (sql-json.ts).
 */
export async function findRankedCandidates(
  db: Db,
  organisationId: string,
  filter: CandidateFilter,
  rank: { bound: ScoreBoundInput; limit: number; offset: number },
): Promise<{ rows: RankedCandidateRow[]; matchingCount: number }> {
  const programme = db.$with("programme").as(programmeCountsQuery(db, organisationId));
  // what depends on the building only, once per building (not per unit): the distances to places
  // that matter and the programme units already there. The offset 0 keeps the subquery from being
  // flattened into the join, which would compute them per unit again.
  const plafonds = zonePlafondsOf(rank.bound);
  const near = db
    .$with("near", {
      buildingId: sql<string>`near_building_id`.as("near_building_id"),
      placesBound: sql<number>`places_bound`.as("places_bound"),
      benefitPlafond: sql<number | null>`benefit_plafond`.as("benefit_plafond"),
      programmeUnits: sql<number>`near_programme_units`.as("near_programme_units"),
    })
    .as(
      sql`select ${buildings.id} as near_building_id, ${placesUpperBound(rank.bound)} as places_bound,
            ${benefitPlafond(plafonds, sql`${housingBenefitCommuneZones.zone}`)} as benefit_plafond,
            coalesce(${programme.programmeUnits}, 0) as near_programme_units
          from ${buildings} left join ${programme} on ${programme.buildingId} = ${buildings.id}
          ${
            plafonds !== null
              ? sql`left join ${housingBenefitCommuneZones}
                      on ${housingBenefitCommuneZones.organisationId} = ${buildings.organisationId}
                      and ${housingBenefitCommuneZones.inseeCode} = ${buildings.inseeCode}`
              : sql``
          }
          where ${buildings.organisationId} = ${organisationId} offset 0`,
    );
  const buildingCounts = { buildingId: near.buildingId, programmeUnits: near.programmeUnits };
  const ranked = db.$with("ranked").as(
    db
      .select({
        id: units.id,
        upperBound: sql<number>`${scoreUpperBound(rank.bound, {
          placesBound: sql`${near.placesBound}`,
          benefitPlafond: sql`${near.benefitPlafond}`,
        })}`.as("upper_bound"),
        // carried to the page: its details need no second join on the counts
        programmeUnits: sql<number>`${programmeUnitsOf(buildingCounts)}`.as("ranked_programme_units"),
      })
      .from(units)
      .innerJoin(buildings, joinBuilding)
      .innerJoin(near, eq(near.buildingId, buildings.id))
      .where(candidateConditions(organisationId, filter, buildingCounts)),
  );
  const page = db
    .$with("page")
    .as(
      db
        .select({ id: ranked.id, upperBound: ranked.upperBound, programmeUnits: ranked.programmeUnits })
        .from(ranked)
        .orderBy(desc(ranked.upperBound), asc(ranked.id))
        .limit(rank.limit)
        .offset(rank.offset),
    );
  const rankedRecords = jsonRecords<RankedCandidateRow>({
    ...unitAndBuildingColumns,
    // a subquery rather than a join: every join of the statement is planned on each call
    neighbourhoodName: sql`(select ${neighbourhoods.name} from ${neighbourhoods} where ${joinNeighbourhood})`,
    programmeUnits: page.programmeUnits,
    upperBound: page.upperBound,
  });
  const [result] = await db
    .with(programme, near, ranked, page)
    .select({
      // the CTE is scanned once, materialised: referenced twice
      matchingCount: sql<number>`(select count(*) from ${ranked})`.mapWith(Number),
      rows: decodedJson(rankedRecords.agg(sql`${page.upperBound} desc, ${page.id}`), rankedRecords.decode),
    })
    .from(page)
    .innerJoin(units, and(eq(units.organisationId, organisationId), eq(units.id, page.id)))
    .innerJoin(buildings, joinBuilding)
    // the page's units by their key, not a scan of the whole stock to join them
    .where(sql`${units.id} = any(array(select ${page.id} from ${page}))`);
  return { rows: result?.rows ?? [], matchingCount: result?.matchingCount ?? 0 };
}

export type CandidateRow = Awaited<ReturnType<typeof findCandidateUnits>>[number];

/**
 * Each hard constraint as the SQL condition a unit passes (undefined: every unit passes for this
 * person), in the order of matching.rules.ts' HARD_CONSTRAINTS. `unit_available` is the date part
 * only: the status part is the list's own filter (the ranked list reads offerable units only).
 */
function constraintConditions(
  pre: CandidatePrefilter,
  programmeUnits: SQL,
): Record<HardConstraint, SQL | undefined> {
  type EnergyClassValue = (typeof units.energyClass.enumValues)[number];
  type TypologyValue = (typeof units.typology.enumValues)[number];
  const allowedClasses = units.energyClass.enumValues.filter(
    (value) => !pre.bannedEnergyClasses.includes(value),
  );
  return {
    unit_available: or(isNull(units.availableFrom), lte(units.availableFrom, pre.startDate)),
    // no DPE (null) is not allowed either: `in` gives null, which fails
    energy_class: inArray(units.energyClass, allowedClasses as EnergyClassValue[]),
    // cahier des charges §9.4: room for one more programme flat in the building
    building_scatter: pre.smallBuildingException
      ? sql`((${buildings.totalDwellings} * ${pre.buildingCapBasisPoints}) / 10000 - ${programmeUnits} >= 1
             or (${buildings.totalDwellings} < ${SMALL_BUILDING_THRESHOLD} and ${programmeUnits} = 0))`
      : sql`(${buildings.totalDwellings} * ${pre.buildingCapBasisPoints}) / 10000 - ${programmeUnits} >= 1`,
    // the neighbourhood cap's area: the neighbourhood, or outside every contour the commune
    neighbourhood_scatter: and(
      pre.allNeighbourhoodsFull
        ? and(isNull(buildings.neighbourhoodId), isNull(buildings.inseeCode))
        : undefined,
      !pre.allNeighbourhoodsFull && pre.fullNeighbourhoodIds.length > 0
        ? or(
            isNull(buildings.neighbourhoodId),
            notInArray(buildings.neighbourhoodId, [...pre.fullNeighbourhoodIds]),
          )
        : undefined,
      !pre.allNeighbourhoodsFull && pre.fullCommuneInseeCodes.length > 0
        ? or(
            isNotNull(buildings.neighbourhoodId),
            isNull(buildings.inseeCode),
            notInArray(buildings.inseeCode, [...pre.fullCommuneInseeCodes]),
          )
        : undefined,
    ),
    accessibility:
      pre.needsWheelchairAccess || pre.needsStepFree
        ? and(
            pre.needsWheelchairAccess ? eq(units.wheelchairAccessible, true) : undefined,
            pre.needsStepFree
              ? or(eq(units.stepFree, true), eq(units.wheelchairAccessible, true))
              : undefined,
          )
        : undefined,
    floor:
      pre.highestFloorWithoutLift !== null
        ? or(eq(buildings.hasElevator, true), lte(units.floor, pre.highestFloorWithoutLift))
        : undefined,
    household_size: and(gte(units.surfaceM2, pre.minimumSurfaceM2), gte(units.rooms, pre.minimumRooms)),
    typology_choice: pre.typologies
      ? inArray(units.typology, [...pre.typologies] as TypologyValue[])
      : undefined,
    excluded_neighbourhood:
      pre.excludedNeighbourhoodIds.length > 0
        ? or(
            isNull(buildings.neighbourhoodId),
            notInArray(buildings.neighbourhoodId, [...pre.excludedNeighbourhoodIds]),
          )
        : undefined,
    not_declined: pre.declinedUnitIds.length > 0 ? notInArray(units.id, [...pre.declinedUnitIds]) : undefined,
  };
}

function prefilterConditions(pre: CandidatePrefilter, programmeUnits: SQL): (SQL | undefined)[] {
  return Object.values(constraintConditions(pre, programmeUnits));
}

/**
 * The first hard constraint a unit fails, as its rank in HARD_CONSTRAINTS (null: it passes them
 * all), the way evaluateUnit names `excludedBy`. A condition that is null (a null column) fails.
 */
function exclusionRank(pre: CandidatePrefilter, programmeUnits: SQL): SQL<number | null> {
  const conditions = constraintConditions(pre, programmeUnits);
  const offerable = inArray(units.status, [...OFFERABLE_STATUSES]);
  const cases = HARD_CONSTRAINTS.flatMap((constraint, rank) => {
    const passes =
      constraint === "unit_available" ? and(offerable, conditions[constraint]) : conditions[constraint];
    return passes ? [sql`when not coalesce(${passes}, false) then ${sql.raw(String(rank))}`] : [];
  });
  return sql<number | null>`(case ${sql.join(cases, sql` `)} end)`;
}

export type ExcludedPage = {
  /** the page's units, in the order shown: by constraint (HARD_CONSTRAINTS order), then id */
  rows: { id: string; excludedBy: HardConstraint }[];
  /** how many units the filter matches (the asked constraint, or every excluded unit) */
  total: number;
  /** every excluded unit counted by the constraint that excludes it, in HARD_CONSTRAINTS order */
  byConstraint: { constraint: HardConstraint; count: number }[];
};

/**
 * The units the ranked list leaves out (available, vacant or reserved, failing a hard constraint),
 * each with the first constraint it fails, a page at a time, with the count per constraint: one
 * statement over the stock (the classification is a CASE per unit, scanned once), and only the
 * page's ids come back. The rules then explain each unit of the page.
 */
export async function findExcludedUnits(
  db: Db,
  organisationId: string,
  filter: { prefilter: CandidatePrefilter; constraint?: HardConstraint },
  page: { limit: number; offset: number },
): Promise<ExcludedPage> {
  const programme = programmeCountsQuery(db, organisationId).as("programme");
  const classified = db
    .select({
      id: units.id,
      rank: sql<
        number | null
      >`${exclusionRank(filter.prefilter, sql`coalesce(${programme.programmeUnits}, 0)`)}`.as(
        "exclusion_rank",
      ),
    })
    .from(units)
    .innerJoin(buildings, joinBuilding)
    .leftJoin(programme, eq(programme.buildingId, units.buildingId))
    .where(
      and(
        eq(units.organisationId, organisationId),
        inArray(units.status, [...OFFERABLE_STATUSES, "reserved"]),
      ),
    );
  const only =
    filter.constraint === undefined
      ? sql`exclusion_rank is not null`
      : sql`exclusion_rank = ${sql.raw(String(HARD_CONSTRAINTS.indexOf(filter.constraint)))}`;
  const result = await db.execute(sql`
    with classified as materialized (${classified})
    select
      (select coalesce(json_agg(json_build_array(exclusion_rank, n) order by exclusion_rank), '[]')::text
         from (select exclusion_rank, count(*)::int as n from classified
               where exclusion_rank is not null group by exclusion_rank) counted) as counts,
      (select coalesce(json_agg(json_build_array(id, exclusion_rank) order by exclusion_rank, id), '[]')::text
         from (select id, exclusion_rank from classified where ${only}
               order by exclusion_rank, id limit ${page.limit} offset ${page.offset}) shown) as page`);
  const [row] = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
    counts: string;
    page: string;
  }[];
  const counts = JSON.parse(row?.counts ?? "[]") as [number, number][];
  const shown = JSON.parse(row?.page ?? "[]") as [string, number][];
  const byConstraint = counts.map(([rank, count]) => ({ constraint: HARD_CONSTRAINTS[rank]!, count }));
  return {
    rows: shown.map(([id, rank]) => ({ id, excludedBy: HARD_CONSTRAINTS[rank]! })),
    total:
      filter.constraint === undefined
        ? byConstraint.reduce((sum, entry) => sum + entry.count, 0)
        : (byConstraint.find((entry) => entry.constraint === filter.constraint)?.count ?? 0),
    byConstraint,
  };
}

/** An offer the person declined, or the landlord refused for this person (matching excludes its unit). */
const declinedOffer = jsonRecords<{ unitId: string; declinedBy: string | null }>({
  unitId: offers.unitId,
  declinedBy: offers.declinedBy,
});

function declinedOffersQuery(db: Db, organisationId: string, personId: string) {
  return db
    .select({ json: declinedOffer.agg() })
    .from(offers)
    .where(
      and(
        eq(offers.organisationId, organisationId),
        eq(offers.personId, personId),
        eq(offers.status, "declined"),
        inArray(offers.declinedBy, ["person", "landlord"]),
      ),
    );
}

/** The declined units, by who declined them: the person's own refusal wins over the landlord's. */
function declinedUnitsOf(rows: readonly { unitId: string; declinedBy: string | null }[]) {
  const declined = new Map<string, "person" | "landlord">();
  for (const row of rows) {
    if (row.declinedBy === "person" || (row.declinedBy === "landlord" && !declined.has(row.unitId)))
      declined.set(row.unitId, row.declinedBy);
  }
  return declined;
}

/**
 * What matching needs besides the units, in one statement (one round trip instead of five): the
 * organisation's parameters and scatter policy, the person's choices (null without any), the units
 * they declined, and — when the organisation caps neighbourhoods — the programme units per
 * neighbourhood and, outside every contour, per commune. `null` for an unknown organisation.
 */
export async function findMatchSettings(db: Db, organisationId: string, personId: string) {
  const counts = programmeUnitsByNeighbourhoodQuery(db, organisationId).as("counts");
  const count = jsonRecords<{ neighbourhoodId: string | null; n: number }>({
    neighbourhoodId: counts.neighbourhoodId,
    n: counts.n,
  });
  const outside = programmeUnitsOutsideContoursByCommuneQuery(db, organisationId).as("outside");
  const communeCount = jsonRecords<{ inseeCode: string | null; n: number }>({
    inseeCode: outside.inseeCode,
    n: outside.n,
  });
  const [row] = await db
    .select({
      parameters: programmeParameterColumns,
      policy: scatterPolicyColumns,
      choices: {
        wantedNeighbourhoodIds: housingChoices.wantedNeighbourhoodIds,
        excludedNeighbourhoodIds: housingChoices.excludedNeighbourhoodIds,
        placesThatMatter: housingChoices.placesThatMatter,
        typologyMin: housingChoices.typologyMin,
        typologyMax: housingChoices.typologyMax,
        highestFloorWithoutLift: housingChoices.highestFloorWithoutLift,
        needsWheelchairAccess: housingChoices.needsWheelchairAccess,
        needsStepFree: housingChoices.needsStepFree,
        wantsFurnished: housingChoices.wantsFurnished,
      },
      declinedOffers: decodedJson(declinedOffersQuery(db, organisationId, personId), declinedOffer.decode),
      // null (not read) without a neighbourhood cap
      neighbourhoodCounts: decodedJson(
        sql`case when ${organisations.neighbourhoodCapMode} <> 'off'
                 then ${db.select({ json: count.agg() }).from(counts)} end`,
        count.decode,
      ) as SQL<{ neighbourhoodId: string | null; n: number }[] | null>,
      // outside every contour, per commune (the cap's area there); null without a cap
      communeCounts: decodedJson(
        sql`case when ${organisations.neighbourhoodCapMode} <> 'off'
                 then ${db.select({ json: communeCount.agg() }).from(outside)} end`,
        communeCount.decode,
      ) as SQL<{ inseeCode: string | null; n: number }[] | null>,
    })
    .from(organisations)
    .leftJoin(
      housingChoices,
      and(eq(housingChoices.organisationId, organisations.id), eq(housingChoices.personId, personId)),
    )
    .where(eq(organisations.id, organisationId));
  if (!row) return null;
  return {
    parameters: row.parameters,
    policy: row.policy,
    choices: row.choices,
    declinedUnits: declinedUnitsOf(row.declinedOffers),
    neighbourhoodCounts: row.neighbourhoodCounts
      ? {
          ...neighbourhoodProgrammeCounts(row.neighbourhoodCounts),
          byCommune: communeProgrammeCounts(row.communeCounts ?? []),
        }
      : null,
  };
}
