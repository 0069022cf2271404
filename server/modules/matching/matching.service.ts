import type { Db } from "../../../db/client";
import type { IsoDate } from "../../lib/dates";
import { AppError } from "../../lib/errors";
import type { PageRequest } from "../../lib/pagination";
import { applyBasisPoints } from "../../lib/money";
import {
  buildingCapacity,
  capAreaOf,
  neighbourhoodHeadroom,
  neighbourhoodPolicyOf,
} from "../scatter/scatter.rules";
import { ENERGY_CLASS_BANS } from "../units/dpe.rules";
import {
  type CandidatePrefilter,
  type CandidateRow,
  findCandidateUnits,
  findExcludedUnits,
  findMatchSettings,
  findRankedCandidates,
  type ScoreBoundInput,
} from "./matching.queries";
import {
  compareEvaluations,
  DAYS_VACANT_FULL_SCORE,
  type Evaluation,
  evaluateUnit,
  type HardConstraint,
  type MatchContext,
  type MatchPerson,
  type MatchUnit,
  minimumRooms,
  minimumSurfaceM2,
  OFFERABLE_STATUSES,
  rankUnits,
  SCORE_WEIGHTS,
  TYPOLOGIES,
  typologyRank,
} from "./matching.rules";
import { totalResources } from "./residual-rent.rules";
import { benefitFigure } from "../housing-benefit/housing-benefit.rules";
import { loadBenefitEstimator } from "../housing-benefit/housing-benefit.service";
import type { persons } from "../../../db/schema";

type PersonRow = typeof persons.$inferSelect;

export type MatchOptions = {
  startDate: IsoDate;
  today: IsoDate;
  includeExcluded?: boolean;
  /** the ranked list's length (default 50) */
  limit?: number;
  /** evaluate these units only (panel creation), whatever their status */
  unitIds?: readonly string[];
  /** let the database pre-filter the hard constraints (default true; false: the rules alone, for tests) */
  sqlPrefilter?: boolean;
  /** the first page of the ranked list's fetch (default firstPageSize(limit)); doubles while needed */
  pageSize?: number;
};

export const DEFAULT_MATCH_LIMIT = 50;

/**
 * The bound is within about a point of the exact score (places less 10 m, 0.5 for the rounding,
 * and with an estimated benefit its P0 above the minimum and its TL, which only lower the
 * benefit), so the `limit` best exact scores are nearly always among the 1.5 × `limit` best
 * bounds. The loop fetches more when needed (each further page is a new scan of the stock). Each
 * row fetched is explained, so a larger first page costs every request.
 */
function firstPageSize(limit: number) {
  return Math.max(Math.ceil(1.5 * limit), 20);
}

export type LoadedUnit = MatchUnit & CandidateRow;

/** The person's profile, the organisation's parameters, and how to filter and complete candidates. */
async function prepareMatch(db: Db, organisationId: string, person: PersonRow, options: MatchOptions) {
  const settings = await findMatchSettings(db, organisationId, person.id);
  if (!settings) throw AppError.notFound("Organisation", organisationId);
  const { parameters, policy, choices, declinedUnits } = settings;
  const neighbourhoodPolicy = neighbourhoodPolicyOf(policy);
  const neighbourhoodCounts = neighbourhoodPolicy.mode === "off" ? null : settings.neighbourhoodCounts;
  // the cap's area (scatter.rules.ts capAreaOf, as at reservation and signature): the building's
  // neighbourhood or, outside every contour, its commune; a building in neither is in no area
  const areaRoom = (building: { neighbourhoodId: string | null; inseeCode: string | null }) => {
    const area = capAreaOf(building);
    if (neighbourhoodCounts === null || area === null) return Number.POSITIVE_INFINITY;
    const inArea =
      area.kind === "neighbourhood"
        ? neighbourhoodCounts.byNeighbourhood.get(area.id)
        : neighbourhoodCounts.byCommune.get(area.inseeCode);
    return neighbourhoodHeadroom(neighbourhoodPolicy, inArea ?? 0, neighbourhoodCounts.total + 1);
  };

  const statuses = options.unitIds
    ? undefined
    : options.includeExcluded
      ? [...OFFERABLE_STATUSES, "reserved"]
      : [...OFFERABLE_STATUSES];
  const prefilter: CandidatePrefilter | undefined =
    options.unitIds || options.includeExcluded || options.sqlPrefilter === false
      ? undefined
      : {
          startDate: options.startDate,
          bannedEnergyClasses: ENERGY_CLASS_BANS.filter((ban) => ban.from <= options.startDate).map(
            (ban) => ban.energyClass,
          ),
          excludedNeighbourhoodIds: choices?.excludedNeighbourhoodIds ?? [],
          typologies:
            choices?.typologyMin || choices?.typologyMax
              ? TYPOLOGIES.filter(
                  (typology) =>
                    (!choices.typologyMin || typologyRank(typology) >= typologyRank(choices.typologyMin)) &&
                    (!choices.typologyMax || typologyRank(typology) <= typologyRank(choices.typologyMax)),
                )
              : null,
          needsWheelchairAccess: choices?.needsWheelchairAccess ?? false,
          needsStepFree: choices?.needsStepFree ?? false,
          highestFloorWithoutLift: choices?.highestFloorWithoutLift ?? null,
          buildingCapBasisPoints: policy.buildingCapBasisPoints,
          smallBuildingException: policy.smallBuildingException,
          declinedUnitIds: [...declinedUnits.keys()],
          minimumSurfaceM2: minimumSurfaceM2(person.adults + person.children),
          minimumRooms: minimumRooms(person.adults, person.children),
          // the rule's headroom per area (an empty one's when none is listed)
          fullNeighbourhoodIds: neighbourhoodCounts
            ? [...neighbourhoodCounts.byNeighbourhood.keys()].filter(
                (id) => areaRoom({ neighbourhoodId: id, inseeCode: null }) < 1,
              )
            : [],
          fullCommuneInseeCodes: neighbourhoodCounts
            ? [...neighbourhoodCounts.byCommune.keys()].filter(
                (inseeCode) => areaRoom({ neighbourhoodId: null, inseeCode }) < 1,
              )
            : [],
          allNeighbourhoodsFull:
            neighbourhoodCounts !== null &&
            neighbourhoodHeadroom(neighbourhoodPolicy, 0, neighbourhoodCounts.total + 1) < 1,
        };

  const buildingPolicy = {
    capBasisPoints: policy.buildingCapBasisPoints,
    smallBuildingException: policy.smallBuildingException,
  };
  const capacityByTotal = new Map<number, number>();
  const toUnit = (row: CandidateRow): LoadedUnit => {
    let capacity = capacityByTotal.get(row.totalDwellings);
    if (capacity === undefined) {
      capacity = buildingCapacity(row.totalDwellings, buildingPolicy).maxProgrammeUnits;
      capacityByTotal.set(row.totalDwellings, capacity);
    }
    return {
      ...row,
      energyClass: row.energyClass,
      buildingHeadroom: capacity - row.programmeUnits,
      neighbourhoodHeadroom: areaRoom(row),
    };
  };

  // Until the CAF's notification is recorded, each flat gets its own estimate (its rent, its
  // commune's zone); afterwards the notified amount applies to every flat.
  const notified = person.housingBenefitBasis === "notified";
  const estimator = notified ? null : await loadBenefitEstimator(db, organisationId, options.startDate);
  const household = { adults: person.adults, children: person.children };
  const profile: MatchPerson = {
    ...(estimator
      ? {
          benefitFor: (unit: MatchUnit) =>
            benefitFigure(
              null,
              estimator.estimate({
                rentCents: unit.rentCents,
                inseeCode: unit.inseeCode,
                household,
                resources: person.resources,
              }),
            ),
          benefitBound: estimator.upperBound(household, person.resources),
        }
      : {}),
    adults: person.adults,
    children: person.children,
    resourcesCents: totalResources(person.resources),
    housingBenefitCents: person.housingBenefitCents,
    declinedUnits,
    choices: {
      wantedNeighbourhoodIds: choices?.wantedNeighbourhoodIds ?? [],
      excludedNeighbourhoodIds: choices?.excludedNeighbourhoodIds ?? [],
      placesThatMatter: choices?.placesThatMatter ?? [],
      typologyMin: choices?.typologyMin ?? null,
      typologyMax: choices?.typologyMax ?? null,
      highestFloorWithoutLift: choices?.highestFloorWithoutLift ?? null,
      needsWheelchairAccess: choices?.needsWheelchairAccess ?? false,
      needsStepFree: choices?.needsStepFree ?? false,
      wantsFurnished: choices?.wantsFurnished ?? null,
    },
  };
  const context: MatchContext = {
    startDate: options.startDate,
    today: options.today,
    ceilingBasisPoints: parameters.residualRentCeilingBasisPoints,
  };
  return { parameters, profile, context, statuses, prefilter, toUnit };
}

/** Everything the pure matching needs: the person's profile, the candidates with their headroom. */
export async function loadMatchInputs(
  db: Db,
  organisationId: string,
  person: PersonRow,
  options: MatchOptions,
) {
  const { parameters, profile, context, statuses, prefilter, toUnit } = await prepareMatch(
    db,
    organisationId,
    person,
    options,
  );
  const rows = await findCandidateUnits(db, organisationId, {
    statuses,
    unitIds: options.unitIds,
    prefilter,
  });
  return { parameters, profile, context, units: rows.map(toUnit) };
}

/** The SQL upper bound of scoreUnit for this person (see scoreUpperBound). */
export function scoreBoundFor(profile: MatchPerson, context: MatchContext): ScoreBoundInput {
  const wanted = profile.choices.wantedNeighbourhoodIds;
  const places = profile.choices.placesThatMatter;
  return {
    // matching.rules.ts scoreUnit: first choice 30, last 30/N
    wantedNeighbourhoodPoints: wanted.map((neighbourhoodId, rank) => ({
      neighbourhoodId,
      points:
        Math.round(((SCORE_WEIGHTS.wanted_neighbourhood * (wanted.length - rank)) / wanted.length) * 10) / 10,
    })),
    places: places.map((place) => ({ ...place, share: SCORE_WEIGHTS.places_that_matter / places.length })),
    weights: {
      floor: SCORE_WEIGHTS.floor,
      effortRate: SCORE_WEIGHTS.effort_rate,
      daysVacant: SCORE_WEIGHTS.days_vacant,
      furnished: SCORE_WEIGHTS.furnished,
    },
    daysVacantFullScore: DAYS_VACANT_FULL_SCORE,
    wantsFurnished: profile.choices.wantsFurnished,
    today: context.today,
    benefit:
      profile.benefitBound === undefined
        ? { basis: "notified", cents: profile.housingBenefitCents }
        : { basis: "estimate", bound: profile.benefitBound },
    resourcesCents: profile.resourcesCents,
    ceilingCents: applyBasisPoints(profile.resourcesCents, context.ceilingBasisPoints, "floor"),
    ceilingBasisPoints: context.ceilingBasisPoints,
  };
}

export type MatchEvaluation = Evaluation & { unit: LoadedUnit };

/**
 * Ranks the organisation's available units for the person.
 *
 * The ranked list (default): the database filters the hard constraints, computes an upper bound
 * of each unit's score and hands the units over best bound first, a page at a time; each page is
 * checked and scored by the pure rules (with their explanations), and the fetching stops once the
 * `limit`-th best exact score beats every bound left — the units not fetched cannot enter the
 * list. The count of eligible units comes with the first page (a window count over the filter).
 *
 * With `includeExcluded` every available or reserved unit is loaded and evaluated by the rules
 * (slower, linear in the stock: the excluded list needs each unit's failed constraints).
 */
export async function matchUnitsForPerson(
  db: Db,
  organisationId: string,
  person: PersonRow,
  options: MatchOptions,
) {
  const limit = options.limit ?? DEFAULT_MATCH_LIMIT;
  if (options.includeExcluded || options.unitIds || options.sqlPrefilter === false) {
    const inputs = await loadMatchInputs(db, organisationId, person, options);
    const { eligible, excluded } = rankUnits(inputs.units, inputs.profile, inputs.context);
    return {
      ...inputs,
      evaluatedCount: inputs.units.length,
      eligibleCount: eligible.length,
      eligible: (eligible as MatchEvaluation[]).slice(0, limit),
      excluded: excluded as MatchEvaluation[],
    };
  }
  const { parameters, profile, context, statuses, prefilter, toUnit } = await prepareMatch(
    db,
    organisationId,
    person,
    options,
  );
  const bound = scoreBoundFor(profile, context);
  let eligibleCount = 0;
  const best: MatchEvaluation[] = [];
  let offset = 0;
  let page = options.pageSize ?? firstPageSize(limit);
  for (;;) {
    const { rows, matchingCount } = await findRankedCandidates(
      db,
      organisationId,
      { statuses, prefilter },
      { bound, limit: page, offset },
    );
    if (offset === 0) eligibleCount = matchingCount;
    for (const row of rows) {
      const evaluation = evaluateUnit(toUnit(row), profile, context) as MatchEvaluation;
      if (evaluation.eligible) best.push(evaluation);
    }
    best.sort(compareEvaluations);
    if (best.length > limit) best.length = limit;
    offset += rows.length;
    if (rows.length < page) break;
    // every unit not fetched yet scores at most this (the rows come best bound first)
    const boundLeft = rows.at(-1)!.upperBound;
    if (best.length === limit && best[limit - 1]!.score > boundLeft) break;
    page *= 2;
  }
  return {
    parameters,
    profile,
    context,
    units: best.map((evaluation) => evaluation.unit),
    evaluatedCount: eligibleCount,
    eligibleCount,
    eligible: best,
    excluded: [] as MatchEvaluation[],
  };
}

/**
 * The units the ranked list leaves out, a page at a time, grouped by the constraint that excludes
 * them (optionally one constraint only), with the count per constraint. The database classifies
 * the stock with the same conditions as the ranked list's pre-filter; the rules then evaluate the
 * page's units only and explain each (tests/api/matching-prefilter.test.ts compares both).
 */
export async function excludedUnitsForPerson(
  db: Db,
  organisationId: string,
  person: PersonRow,
  options: { startDate: IsoDate; today: IsoDate; constraint?: HardConstraint; page: PageRequest },
) {
  const { profile, context, prefilter, toUnit } = await prepareMatch(db, organisationId, person, {
    startDate: options.startDate,
    today: options.today,
  });
  const found = await findExcludedUnits(
    db,
    organisationId,
    { prefilter: prefilter!, constraint: options.constraint },
    options.page,
  );
  const rows =
    found.rows.length > 0
      ? await findCandidateUnits(db, organisationId, { unitIds: found.rows.map((row) => row.id) })
      : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  const evaluations = found.rows.flatMap(({ id }) => {
    const row = byId.get(id);
    if (!row) return [];
    const evaluation = evaluateUnit(toUnit(row), profile, context) as MatchEvaluation;
    return evaluation.eligible ? [] : [evaluation];
  });
  return { ...found, evaluations };
}

/** Evaluates given units for the person (panel creation), in the caller's transaction. */
export async function evaluateChosenUnits(
  db: Db,
  organisationId: string,
  person: PersonRow,
  unitIds: readonly string[],
  options: Omit<MatchOptions, "unitIds">,
) {
  const inputs = await loadMatchInputs(db, organisationId, person, { ...options, unitIds });
  const byId = new Map(inputs.units.map((unit) => [unit.id, unit]));
  return {
    ...inputs,
    evaluations: unitIds.map((id) => {
      const unit = byId.get(id);
      if (!unit) throw AppError.notFound("Logement", id);
      return evaluateUnit(unit, inputs.profile, inputs.context) as MatchEvaluation;
    }),
  };
}

/** The facts of a unit an officer (and the offer sheet) shows. */
export function unitFacts(unit: CandidateRow) {
  return {
    unitId: unit.id,
    reference: unit.reference,
    address: { street: unit.street, postcode: unit.postcode, city: unit.city },
    lng: unit.lng,
    lat: unit.lat,
    buildingId: unit.buildingId,
    neighbourhoodId: unit.neighbourhoodId,
    neighbourhoodName: unit.neighbourhoodName,
    typology: unit.typology,
    rooms: unit.rooms,
    surfaceM2: unit.surfaceM2,
    floor: unit.floor,
    hasElevator: unit.hasElevator,
    furnished: unit.furnished,
    energyClass: unit.energyClass,
    rentCents: unit.rentCents,
    chargesCents: unit.chargesCents,
  };
}

/** The view of one evaluation an officer reads: unit facts, figures, reasons. */
export function candidateView(evaluation: MatchEvaluation) {
  return {
    ...unitFacts(evaluation.unit),
    daysVacant: evaluation.daysVacant,
    score: evaluation.score,
    components: evaluation.components,
    constraints: evaluation.constraints,
    distances: evaluation.distances,
    residualRent: evaluation.figures,
    housingBenefit: evaluation.benefit,
  };
}

export function excludedView(evaluation: MatchEvaluation) {
  const failed = evaluation.constraints.filter((entry) => !entry.passed);
  return {
    unitId: evaluation.unit.id,
    reference: evaluation.unit.reference,
    address: {
      street: evaluation.unit.street,
      postcode: evaluation.unit.postcode,
      city: evaluation.unit.city,
    },
    lng: evaluation.unit.lng,
    lat: evaluation.unit.lat,
    neighbourhoodName: evaluation.unit.neighbourhoodName,
    typology: evaluation.unit.typology,
    excludedBy: evaluation.excludedBy!,
    reason: failed[0]!.detail,
    failed,
  };
}
