import distance from "@turf/distance";
import { daysBetween, formatFrenchDate, type IsoDate } from "../../lib/dates";
import { type EnergyClass, energyClassAllowedOn } from "../units/dpe.rules";
import type { BenefitFigure, BenefitUpperBound } from "../housing-benefit/housing-benefit.rules";
import { type ResidualRent, residualRent } from "./residual-rent.rules";

/**
 * Explainable matching: a unit is proposed to a person only if it passes every hard constraint;
 * the passing units are ranked by a soft score whose components are all reported, so an officer
 * can explain each proposal to the person ("vous avez demandé ce quartier en premier…").
 */

export const TYPOLOGIES = ["studio", "T1", "T2", "T3", "T4", "T5", "T6"] as const;
export type Typology = (typeof TYPOLOGIES)[number];
export const typologyRank = (typology: Typology) => TYPOLOGIES.indexOf(typology);

/** Unit statuses a panel may draw from: captured and empty (vacancy is a cost to the programme). */
export const OFFERABLE_STATUSES = ["available", "vacant"] as const;

export type MatchUnit = {
  id: string;
  reference: string | null;
  status: string;
  statusSince: IsoDate;
  availableFrom: IsoDate | null;
  buildingId: string;
  neighbourhoodId: string | null;
  floor: number;
  hasElevator: boolean;
  typology: Typology;
  rooms: number;
  surfaceM2: number;
  furnished: boolean;
  wheelchairAccessible: boolean;
  stepFree: boolean;
  energyClass: EnergyClass | null;
  rentCents: number;
  chargesCents: number;
  lng: number;
  lat: number;
  /** programme units the building may still take (cap − reserved/let/notice given) */
  buildingHeadroom: number;
  /**
   * programme units the neighbourhood may still take — outside every contour, the building's
   * commune (scatter.rules.ts capAreaOf) — Infinity when the cap is off or the building in no area
   */
  neighbourhoodHeadroom: number;
  /** the building's INSEE commune code: the cap's area outside every contour */
  inseeCode: string | null;
};

export type PlaceThatMatters = { label: string; lng: number; lat: number; maxDistanceKm: number };

export type MatchChoices = {
  wantedNeighbourhoodIds: string[];
  excludedNeighbourhoodIds: string[];
  placesThatMatter: PlaceThatMatters[];
  typologyMin: Typology | null;
  typologyMax: Typology | null;
  highestFloorWithoutLift: number | null;
  needsWheelchairAccess: boolean;
  needsStepFree: boolean;
  wantsFurnished: boolean | null;
};

export type MatchPerson = {
  adults: number;
  children: number;
  resourcesCents: number;
  /** the CAF's notified amount (used for every flat when `benefitFor` is absent) */
  housingBenefitCents: number;
  /**
   * The benefit of this person in this flat: the notified amount once recorded, otherwise the
   * estimate from the barème for the flat's rent and commune (housing-benefit.rules.ts).
   */
  benefitFor?: (unit: MatchUnit) => BenefitFigure;
  /**
   * With `benefitFor`: the bound of each flat's estimate (housing-benefit.rules.ts
   * estimateUpperBound; null without a barème, every estimate then 0) that the database
   * pre-filter's score bound uses
   */
  benefitBound?: BenefitUpperBound | null;
  choices: MatchChoices;
  /** units this person (or the landlord, about this person) already declined, with who declined */
  declinedUnits: ReadonlyMap<string, "person" | "landlord">;
};

export type MatchContext = {
  /** the intended lease start (DPE gate) */
  startDate: IsoDate;
  today: IsoDate;
  ceilingBasisPoints: number;
};

export const HARD_CONSTRAINTS = [
  "unit_available",
  "energy_class",
  "building_scatter",
  "neighbourhood_scatter",
  "accessibility",
  "floor",
  "household_size",
  "typology_choice",
  "excluded_neighbourhood",
  "not_declined",
] as const;
export type HardConstraint = (typeof HARD_CONSTRAINTS)[number];

export type ConstraintCheck = { constraint: HardConstraint; passed: boolean; detail: string };

/**
 * The surface the household needs (code de la sécurité sociale art. D542-14, the CAF's
 * overcrowding norm for housing benefit): 9 m² for one person, 16 m² for two, 9 m² more per
 * additional person, 70 m² from eight people.
 */
export function minimumSurfaceM2(householdSize: number): number {
  if (householdSize <= 1) return 9;
  if (householdSize >= 8) return 70;
  return 16 + 9 * (householdSize - 2);
}

/**
 * Rooms the household needs (a default of this software, not a legal rule): one main room
 * (enough for a single adult or a couple), plus one room per two children and one per adult
 * beyond two. The person's own typology min/max narrows further.
 */
export function minimumRooms(adults: number, children: number): number {
  return 1 + Math.ceil(children / 2) + Math.max(0, adults - 2);
}

const check = (constraint: HardConstraint, passed: boolean, detail: string): ConstraintCheck => ({
  constraint,
  passed,
  detail,
});

/** Every hard constraint, evaluated (none short-circuits, so the excluded list says all that failed). */
export function checkHardConstraints(
  unit: MatchUnit,
  person: MatchPerson,
  context: MatchContext,
): ConstraintCheck[] {
  const { choices } = person;
  const checks: ConstraintCheck[] = [];

  const offerable = (OFFERABLE_STATUSES as readonly string[]).includes(unit.status);
  const freeInTime = unit.availableFrom === null || unit.availableFrom <= context.startDate;
  checks.push(
    check(
      "unit_available",
      offerable && freeInTime,
      !offerable
        ? unit.status === "reserved"
          ? "Logement déjà réservé (proposition en cours ou bail à venir)"
          : `Logement non disponible (statut : ${unit.status})`
        : freeInTime
          ? "Logement disponible"
          : `Logement disponible seulement à partir du ${unit.availableFrom}`,
    ),
  );

  const energy = energyClassAllowedOn(unit.energyClass, context.startDate);
  checks.push(
    check(
      "energy_class",
      energy.allowed,
      energy.allowed
        ? `Classe énergétique ${unit.energyClass} autorisée au ${formatFrenchDate(context.startDate)}`
        : energy.message,
    ),
  );

  // cahier des charges §9.4: ≤ 20% of a building's flats; reserving this unit adds one
  checks.push(
    check(
      "building_scatter",
      unit.buildingHeadroom >= 1,
      unit.buildingHeadroom >= 1
        ? `L'immeuble peut encore accueillir ${unit.buildingHeadroom} logement(s) du programme`
        : "L'immeuble a atteint le plafond de logements du programme (20 %)",
    ),
  );
  // outside every contour the cap applies to the commune (scatter.rules.ts capAreaOf)
  const area =
    unit.neighbourhoodId === null && unit.inseeCode !== null
      ? `Hors des contours de quartier, la commune ${unit.inseeCode}`
      : "Le quartier";
  checks.push(
    check(
      "neighbourhood_scatter",
      unit.neighbourhoodHeadroom >= 1,
      unit.neighbourhoodHeadroom >= 1
        ? Number.isFinite(unit.neighbourhoodHeadroom)
          ? `${area} peut encore accueillir ${unit.neighbourhoodHeadroom} logement(s) du programme`
          : unit.neighbourhoodId === null && unit.inseeCode === null
            ? "Immeuble hors de tout quartier et sans code commune : aucun plafond par quartier ne s'y applique"
            : "Pas de plafond par quartier sur ce site"
        : `${area} a atteint le plafond de logements du programme fixé par le site`,
    ),
  );

  const wheelchairOk = !choices.needsWheelchairAccess || unit.wheelchairAccessible;
  const stepFreeOk = !choices.needsStepFree || unit.stepFree || unit.wheelchairAccessible;
  checks.push(
    check(
      "accessibility",
      wheelchairOk && stepFreeOk,
      !wheelchairOk
        ? "Logement non accessible en fauteuil roulant"
        : !stepFreeOk
          ? "Logement avec marches alors qu'un accès de plain-pied est nécessaire"
          : choices.needsWheelchairAccess || choices.needsStepFree
            ? "Accessibilité demandée respectée"
            : "Aucun besoin d'accessibilité",
    ),
  );

  const limit = choices.highestFloorWithoutLift;
  const floorOk = unit.hasElevator || limit === null || unit.floor <= limit;
  checks.push(
    check(
      "floor",
      floorOk,
      unit.hasElevator
        ? `Étage ${unit.floor} avec ascenseur`
        : limit === null
          ? `Étage ${unit.floor} sans ascenseur, aucune limite indiquée`
          : floorOk
            ? `Étage ${unit.floor} sans ascenseur, dans la limite du ${limit}e étage`
            : `Étage ${unit.floor} sans ascenseur, au-delà du ${limit}e étage accepté`,
    ),
  );

  const size = person.adults + person.children;
  const neededSurface = minimumSurfaceM2(size);
  const neededRooms = minimumRooms(person.adults, person.children);
  const sizeOk = unit.surfaceM2 >= neededSurface && unit.rooms >= neededRooms;
  checks.push(
    check(
      "household_size",
      sizeOk,
      sizeOk
        ? `${unit.rooms} pièce(s), ${unit.surfaceM2} m² pour un foyer de ${size} personne(s)`
        : `Trop petit pour un foyer de ${size} personne(s) : il faut ${neededRooms} pièce(s) et ${neededSurface} m² au moins`,
    ),
  );

  const rank = typologyRank(unit.typology);
  const minOk = choices.typologyMin === null || rank >= typologyRank(choices.typologyMin);
  const maxOk = choices.typologyMax === null || rank <= typologyRank(choices.typologyMax);
  checks.push(
    check(
      "typology_choice",
      minOk && maxOk,
      minOk && maxOk
        ? `Typologie ${unit.typology} dans les souhaits de la personne`
        : !minOk
          ? `Typologie ${unit.typology} en dessous du minimum souhaité (${choices.typologyMin})`
          : `Typologie ${unit.typology} au-dessus du maximum souhaité (${choices.typologyMax})`,
    ),
  );

  const excluded =
    unit.neighbourhoodId !== null && choices.excludedNeighbourhoodIds.includes(unit.neighbourhoodId);
  checks.push(
    check(
      "excluded_neighbourhood",
      !excluded,
      excluded ? "Quartier écarté par la personne" : "Quartier non écarté par la personne",
    ),
  );

  const declinedBy = person.declinedUnits.get(unit.id);
  checks.push(
    check(
      "not_declined",
      declinedBy === undefined,
      declinedBy === "person"
        ? "Logement déjà refusé par la personne"
        : declinedBy === "landlord"
          ? "Le bailleur a déjà refusé ce logement pour cette personne"
          : "Jamais refusé",
    ),
  );
  return checks;
}

export const SCORE_COMPONENTS = [
  "wanted_neighbourhood",
  "places_that_matter",
  "floor",
  "effort_rate",
  "days_vacant",
  "furnished",
] as const;
export type ScoreComponentName = (typeof SCORE_COMPONENTS)[number];

/** The most points each component can give (the score is their sum, out of 100). */
export const SCORE_WEIGHTS: Record<ScoreComponentName, number> = {
  wanted_neighbourhood: 30,
  places_that_matter: 25,
  effort_rate: 20,
  days_vacant: 10,
  floor: 10,
  furnished: 5,
};

/** Beyond this many days empty, a unit gets the full vacancy points. */
export const DAYS_VACANT_FULL_SCORE = 90;

export type ScoreComponent = {
  component: ScoreComponentName;
  points: number;
  maxPoints: number;
  detail: string;
};

export type PlaceDistance = { label: string; distanceKm: number; maxDistanceKm: number; within: boolean };

/** Points with one decimal, so sums and orderings are stable. */
const tenths = (value: number) => Math.round(value * 10) / 10;

export function distancesToPlaces(
  unit: Pick<MatchUnit, "lng" | "lat">,
  places: PlaceThatMatters[],
): PlaceDistance[] {
  if (places.length === 0) return [];
  const from: [number, number] = [unit.lng, unit.lat];
  return places.map((place) => {
    const km = distance(from, [place.lng, place.lat], { units: "kilometers" });
    return {
      label: place.label,
      distanceKm: Math.round(km * 100) / 100,
      maxDistanceKm: place.maxDistanceKm,
      within: km <= place.maxDistanceKm,
    };
  });
}

// many units share a status date: calendar arithmetic once per (date, today)
const daysVacantMemo = new Map<string, number>();
function daysVacantOf(statusSince: IsoDate, today: IsoDate): number {
  const key = `${statusSince}|${today}`;
  let days = daysVacantMemo.get(key);
  if (days === undefined) {
    if (daysVacantMemo.size > 10_000) daysVacantMemo.clear();
    days = Math.max(0, daysBetween(statusSince, today));
    daysVacantMemo.set(key, days);
  }
  return days;
}

export function scoreUnit(
  unit: MatchUnit,
  person: MatchPerson,
  context: MatchContext,
  figures: ResidualRent,
  distances: PlaceDistance[],
): ScoreComponent[] {
  const { choices } = person;
  const components: ScoreComponent[] = [];

  // wanted neighbourhoods, by the person's own order: first choice 30, last 30/N, elsewhere 0
  const wanted = choices.wantedNeighbourhoodIds;
  const rank = unit.neighbourhoodId === null ? -1 : wanted.indexOf(unit.neighbourhoodId);
  const max = SCORE_WEIGHTS.wanted_neighbourhood;
  components.push({
    component: "wanted_neighbourhood",
    maxPoints: max,
    points: rank < 0 ? 0 : tenths((max * (wanted.length - rank)) / wanted.length),
    detail:
      wanted.length === 0
        ? "Aucun quartier souhaité indiqué"
        : rank < 0
          ? "Hors des quartiers souhaités"
          : `Quartier souhaité en choix n° ${rank + 1} sur ${wanted.length}`,
  });

  // places that matter (family, work, a care centre): closer is better, nothing beyond the maximum
  const placesMax = SCORE_WEIGHTS.places_that_matter;
  if (distances.length === 0) {
    components.push({
      component: "places_that_matter",
      maxPoints: placesMax,
      points: 0,
      detail: "Aucun lieu important indiqué",
    });
  } else {
    const share = placesMax / distances.length;
    let points = 0;
    for (const place of distances) {
      if (place.within && place.maxDistanceKm > 0)
        points += share * (1 - place.distanceKm / place.maxDistanceKm);
    }
    components.push({
      component: "places_that_matter",
      maxPoints: placesMax,
      points: tenths(Math.max(0, points)),
      detail: distances
        .map(
          (place) =>
            `${place.label} à ${String(place.distanceKm).replace(".", ",")} km` +
            (place.within ? "" : ` (au-delà des ${place.maxDistanceKm} km souhaités)`),
        )
        .join(" ; "),
    });
  }

  // floor: a lift or the ground floor is easiest; each floor climbed costs 2 points
  const floorMax = SCORE_WEIGHTS.floor;
  const floorPoints = unit.hasElevator || unit.floor <= 0 ? floorMax : Math.max(0, floorMax - 2 * unit.floor);
  components.push({
    component: "floor",
    maxPoints: floorMax,
    points: floorPoints,
    detail: unit.hasElevator ? `Étage ${unit.floor}, ascenseur` : `Étage ${unit.floor}, sans ascenseur`,
  });

  // effort rate (cahier des charges §8.11): a complement costs the programme; below it, lower is better
  const effortMax = SCORE_WEIGHTS.effort_rate;
  let effortPoints: number;
  if (figures.complementCents > 0) effortPoints = 0;
  else if (figures.residualCents === 0) effortPoints = effortMax;
  else {
    const rate = figures.effortRateBasisPoints ?? context.ceilingBasisPoints;
    const ceiling = Math.max(1, context.ceilingBasisPoints);
    effortPoints = tenths(effortMax * 0.5 + effortMax * 0.5 * Math.max(0, 1 - rate / ceiling));
  }
  const ratePercent =
    figures.effortRateBasisPoints === null
      ? "taux d'effort non calculable (aucune ressource)"
      : `taux d'effort ${String(figures.effortRateBasisPoints / 100).replace(".", ",")} %`;
  components.push({
    component: "effort_rate",
    maxPoints: effortMax,
    points: effortPoints,
    detail:
      figures.complementCents > 0
        ? `Reste à charge au-dessus du plafond : complément de loyer de ${(figures.complementCents / 100).toFixed(2).replace(".", ",")} € par mois (${ratePercent})`
        : `Reste à charge dans le plafond (${ratePercent})`,
  });

  // days vacant: filling a unit that has been empty longest saves vacancy cost
  const daysEmpty = daysVacantOf(unit.statusSince, context.today);
  const vacantMax = SCORE_WEIGHTS.days_vacant;
  components.push({
    component: "days_vacant",
    maxPoints: vacantMax,
    points: tenths((vacantMax * Math.min(daysEmpty, DAYS_VACANT_FULL_SCORE)) / DAYS_VACANT_FULL_SCORE),
    detail: `Vacant depuis ${daysEmpty} jour(s)`,
  });

  const furnishedMax = SCORE_WEIGHTS.furnished;
  const furnishedMatches = choices.wantsFurnished !== null && choices.wantsFurnished === unit.furnished;
  components.push({
    component: "furnished",
    maxPoints: furnishedMax,
    points: furnishedMatches ? furnishedMax : 0,
    detail:
      choices.wantsFurnished === null
        ? "Pas de préférence meublé / vide"
        : furnishedMatches
          ? unit.furnished
            ? "Meublé, comme souhaité"
            : "Vide, comme souhaité"
          : unit.furnished
            ? "Meublé alors qu'un logement vide est souhaité"
            : "Vide alors qu'un logement meublé est souhaité",
  });
  return components;
}

export type Evaluation = {
  unit: MatchUnit;
  eligible: boolean;
  constraints: ConstraintCheck[];
  /** the first constraint that failed (null when eligible) */
  excludedBy: HardConstraint | null;
  score: number;
  components: ScoreComponent[];
  figures: ResidualRent;
  /** the benefit the figures deduct, and whether it is the CAF's or an estimate */
  benefit: BenefitFigure;
  distances: PlaceDistance[];
  daysVacant: number;
};

export function benefitOf(unit: MatchUnit, person: MatchPerson): BenefitFigure {
  return person.benefitFor
    ? person.benefitFor(unit)
    : { cents: person.housingBenefitCents, basis: "notified", unavailableReason: null };
}

export function evaluateUnit(unit: MatchUnit, person: MatchPerson, context: MatchContext): Evaluation {
  const constraints = checkHardConstraints(unit, person, context);
  const failed = constraints.find((entry) => !entry.passed);
  const benefit = benefitOf(unit, person);
  const figures = residualRent({
    rentCents: unit.rentCents,
    chargesCents: unit.chargesCents,
    housingBenefitCents: benefit.cents,
    resourcesCents: person.resourcesCents,
    ceilingBasisPoints: context.ceilingBasisPoints,
  });
  const distances = failed ? [] : distancesToPlaces(unit, person.choices.placesThatMatter);
  const components = failed ? [] : scoreUnit(unit, person, context, figures, distances);
  return {
    unit,
    eligible: !failed,
    constraints,
    excludedBy: failed?.constraint ?? null,
    score: tenths(components.reduce((sum, entry) => sum + entry.points, 0)),
    components,
    figures,
    benefit,
    distances,
    daysVacant: daysVacantOf(unit.statusSince, context.today),
  };
}

/** Highest score first; ties: longest vacant, then lowest residual, then id (stable across runs). */
export function compareEvaluations(a: Evaluation, b: Evaluation): number {
  return (
    b.score - a.score ||
    b.daysVacant - a.daysVacant ||
    a.figures.residualCents - b.figures.residualCents ||
    (a.unit.id < b.unit.id ? -1 : a.unit.id > b.unit.id ? 1 : 0)
  );
}

export function rankUnits(units: readonly MatchUnit[], person: MatchPerson, context: MatchContext) {
  const eligible: Evaluation[] = [];
  const excluded: Evaluation[] = [];
  for (const unit of units) {
    const evaluation = evaluateUnit(unit, person, context);
    (evaluation.eligible ? eligible : excluded).push(evaluation);
  }
  eligible.sort(compareEvaluations);
  return { eligible, excluded };
}
