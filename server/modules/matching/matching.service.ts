import type { Db } from "../../../db/client";
import type { IsoDate } from "../../lib/dates";
import { AppError } from "../../lib/errors";
import { countProgrammeUnitsByNeighbourhood } from "../scatter/scatter.queries";
import { buildingCapacity, neighbourhoodHeadroom, neighbourhoodPolicyOf } from "../scatter/scatter.rules";
import { findChoices, findProgrammeParameters } from "../persons/persons.queries";
import { ENERGY_CLASS_BANS } from "../units/dpe.rules";
import {
  type CandidatePrefilter,
  type CandidateRow,
  findCandidateUnits,
  findDeclinedUnits,
  findScatterPolicy,
} from "./matching.queries";
import {
  type Evaluation,
  evaluateUnit,
  type MatchContext,
  type MatchPerson,
  type MatchUnit,
  OFFERABLE_STATUSES,
  rankUnits,
  TYPOLOGIES,
  typologyRank,
} from "./matching.rules";
import { totalResources } from "./residual-rent.rules";
import type { persons } from "../../../db/schema";

type PersonRow = typeof persons.$inferSelect;

export type MatchOptions = {
  startDate: IsoDate;
  today: IsoDate;
  includeExcluded?: boolean;
  limit?: number;
  /** evaluate these units only (panel creation), whatever their status */
  unitIds?: readonly string[];
};

export type LoadedUnit = MatchUnit & CandidateRow;

/** Everything the pure matching needs: the person's profile, the candidates with their headroom. */
export async function loadMatchInputs(
  db: Db,
  organisationId: string,
  person: PersonRow,
  options: MatchOptions,
) {
  const parameters = await findProgrammeParameters(db, organisationId);
  const policy = await findScatterPolicy(db, organisationId);
  if (!parameters || !policy) throw AppError.notFound("Organisation", organisationId);
  const choices = await findChoices(db, organisationId, person.id);
  const declinedUnits = await findDeclinedUnits(db, organisationId, person.id);
  const statuses = options.unitIds
    ? undefined
    : options.includeExcluded
      ? [...OFFERABLE_STATUSES, "reserved"]
      : [...OFFERABLE_STATUSES];
  const prefilter: CandidatePrefilter | undefined =
    options.unitIds || options.includeExcluded
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
        };
  const rows = await findCandidateUnits(db, organisationId, {
    statuses,
    unitIds: options.unitIds,
    prefilter,
  });

  const neighbourhoodPolicy = neighbourhoodPolicyOf(policy);
  const neighbourhoodCounts =
    neighbourhoodPolicy.mode === "off" ? null : await countProgrammeUnitsByNeighbourhood(db, organisationId);
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
    const neighbourhoodRoom =
      neighbourhoodCounts === null || row.neighbourhoodId === null
        ? Number.POSITIVE_INFINITY
        : neighbourhoodHeadroom(
            neighbourhoodPolicy,
            neighbourhoodCounts.byNeighbourhood.get(row.neighbourhoodId) ?? 0,
            neighbourhoodCounts.total + 1,
          );
    return {
      ...row,
      energyClass: row.energyClass,
      buildingHeadroom: capacity - row.programmeUnits,
      neighbourhoodHeadroom: neighbourhoodRoom,
    };
  };

  const profile: MatchPerson = {
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
  return { parameters, profile, context, units: rows.map(toUnit) };
}

export type MatchEvaluation = Evaluation & { unit: LoadedUnit };

/** Ranks the organisation's available units for the person (pure scoring over one load). */
export async function matchUnitsForPerson(
  db: Db,
  organisationId: string,
  person: PersonRow,
  options: MatchOptions,
) {
  const inputs = await loadMatchInputs(db, organisationId, person, options);
  const { eligible, excluded } = rankUnits(inputs.units, inputs.profile, inputs.context);
  return {
    ...inputs,
    eligible: eligible as MatchEvaluation[],
    excluded: excluded as MatchEvaluation[],
  };
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
  };
}

export function excludedView(evaluation: MatchEvaluation) {
  const failed = evaluation.constraints.filter((entry) => !entry.passed);
  return {
    unitId: evaluation.unit.id,
    reference: evaluation.unit.reference,
    neighbourhoodName: evaluation.unit.neighbourhoodName,
    typology: evaluation.unit.typology,
    excludedBy: evaluation.excludedBy!,
    reason: failed[0]!.detail,
    failed,
  };
}
