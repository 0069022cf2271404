import type { InvalidField } from "../../lib/errors";

/**
 * Décence of the main room (décret n° 2002-120 du 30 janvier 2002, art. 4): the dwelling has at
 * least one main room of 9 m² or more with a ceiling height of 2.20 m or more, or a habitable
 * volume of 20 m³ or more. Surface and volume are the "habitable" ones of CCH R.156-1 (formerly
 * R.111-2): parts of the room lower than 1.80 m are not counted, and the volume is the counted
 * surface times the ceiling height.
 */
export const MIN_MAIN_ROOM_SURFACE_M2 = 9;
export const MIN_CEILING_HEIGHT_M = 2.2;
export const MIN_HABITABLE_VOLUME_M3 = 20;
/** CCH R.156-1: floor under a ceiling lower than 1.80 m is not habitable surface */
export const MIN_COUNTED_HEIGHT_M = 1.8;

/**
 * The other criteria of the décret (art. 2 and 3) and of loi 89-462 art. 6 (free of pests), each
 * checked at the visit with its evidence: what was seen, or the diagnostic that shows it.
 */
export const DECENCY_CRITERIA = [
  "weatherTight",
  "guardRails",
  "healthyMaterials",
  "safeNetworks",
  "ventilation",
  "naturalLight",
  "heating",
  "drinkingWater",
  "wasteWater",
  "kitchen",
  "sanitary",
  "electricity",
  "pestFree",
] as const;
export type DecencyCriterion = (typeof DECENCY_CRITERIA)[number];

export const DECENCY_CRITERION_LABELS: Record<DecencyCriterion, string> = {
  weatherTight: "Clos et couvert : pas d'infiltration d'eau ni d'air parasite (art. 2, 1°)",
  guardRails: "Garde-corps des fenêtres, escaliers et balcons en bon état (art. 2, 2°)",
  healthyMaterials:
    "Matériaux, canalisations et revêtements sans risque manifeste pour la santé (art. 2, 3°)",
  safeNetworks: "Électricité, gaz, chauffage et eau chaude conformes et en bon état (art. 2, 4°)",
  ventilation: "Ouvertures et ventilation assurant le renouvellement de l'air (art. 2, 5°)",
  naturalLight:
    "Éclairement naturel suffisant et ouvrant sur l'extérieur des pièces principales (art. 2, 6°)",
  heating: "Installation permettant un chauffage normal (art. 3, 1°)",
  drinkingWater: "Eau potable à l'intérieur, pression et débit suffisants (art. 3, 2°)",
  wasteWater: "Évacuation des eaux ménagères et eaux-vannes, avec siphons (art. 3, 3°)",
  kitchen: "Cuisine ou coin cuisine : appareil de cuisson possible, évier eau chaude et froide (art. 3, 4°)",
  sanitary: "WC séparé de la cuisine et du coin repas, douche ou baignoire eau chaude et froide (art. 3, 5°)",
  electricity: "Électricité pour l'éclairage de toutes les pièces et les appareils courants (art. 3, 6°)",
  pestFree: "Exempt d'espèces nuisibles et parasites (loi 89-462 art. 6)",
};

export type CriterionCheck = { met: boolean; evidence?: string | null };

export type DecencyChecklist = {
  /** floor area of the main room */
  mainRoomSurfaceM2: number;
  /** ceiling height of the room (of its part at least 1.80 m high when the ceiling slopes) */
  ceilingHeightM: number;
  /** the part of the floor under a ceiling lower than 1.80 m (attic, slope): never counted */
  surfaceUnder180M2?: number | null;
  /** when measured: the volume of the parts at least 1.80 m high */
  habitableVolumeM3?: number | null;
  /** the other criteria (art. 2, 3), each with its evidence */
  criteria?: Partial<Record<DecencyCriterion, CriterionCheck>> | null;
};

export type DecencyResult =
  | {
      decent: true;
      countedSurfaceM2: number;
      habitableVolumeM3: number;
      via: "surface_and_height" | "volume";
    }
  | { decent: false; countedSurfaceM2: number; habitableVolumeM3: number; message: string };

// 1 mm / 0.001 m² tolerance so that 2.2 entered as 2.2 is never refused by float noise
const EPSILON = 1e-9;
const round2 = (value: number) => Math.round(value * 100) / 100;
const frenchNumber = (value: number) => String(round2(value)).replace(".", ",");

/**
 * The habitable surface of the room (CCH R.156-1): the floor minus its parts under 1.80 m; all of
 * it when the ceiling itself is lower than 1.80 m.
 */
export function countedSurfaceM2(checklist: DecencyChecklist): number {
  if (checklist.ceilingHeightM + EPSILON < MIN_COUNTED_HEIGHT_M) return 0;
  return Math.max(0, checklist.mainRoomSurfaceM2 - (checklist.surfaceUnder180M2 ?? 0));
}

/**
 * The main-room test of art. 4. The volume is the counted surface times the ceiling height; a
 * measured volume is used only when it is smaller. The text lets the volume be "determined" by
 * R.156-1, which counts only the parts at least 1.80 m high: a measure cannot add what the
 * surface rule excludes, so the stricter figure is kept (the reading that protects the tenant).
 */
export function checkMainRoomDecency(checklist: DecencyChecklist): DecencyResult {
  const { ceilingHeightM } = checklist;
  const surface = countedSurfaceM2(checklist);
  const computed = surface * ceilingHeightM;
  const habitableVolumeM3 =
    surface === 0 ? 0 : Math.min(computed, checklist.habitableVolumeM3 ?? Number.POSITIVE_INFINITY);
  if (surface + EPSILON >= MIN_MAIN_ROOM_SURFACE_M2 && ceilingHeightM + EPSILON >= MIN_CEILING_HEIGHT_M) {
    return { decent: true, countedSurfaceM2: surface, habitableVolumeM3, via: "surface_and_height" };
  }
  if (habitableVolumeM3 + EPSILON >= MIN_HABITABLE_VOLUME_M3) {
    return { decent: true, countedSurfaceM2: surface, habitableVolumeM3, via: "volume" };
  }
  const excluded =
    surface < checklist.mainRoomSurfaceM2
      ? ` dont ${frenchNumber(surface)} m² de plus de 1,80 m de haut`
      : "";
  return {
    decent: false,
    countedSurfaceM2: surface,
    habitableVolumeM3,
    message:
      `Pièce principale non décente : ${frenchNumber(checklist.mainRoomSurfaceM2)} m²${excluded} sous ` +
      `${frenchNumber(ceilingHeightM)} m de plafond (${frenchNumber(habitableVolumeM3)} m³) ; il faut ` +
      "9 m² sous 2,20 m ou 20 m³, sans compter les parties de moins de 1,80 m (décret 2002-120 art. 4, CCH R.156-1)",
  };
}

/**
 * The other criteria of the décret at the visit: each one answered, met, with its evidence. An
 * unanswered criterion is not presumed met (the dwelling must be shown décent before it is let).
 * Returns the fields at fault, empty when every criterion is met.
 */
export function decencyCriteriaViolations(
  criteria: Partial<Record<DecencyCriterion, CriterionCheck>> | null | undefined,
): InvalidField[] {
  const violations: InvalidField[] = [];
  for (const criterion of DECENCY_CRITERIA) {
    const check = criteria?.[criterion];
    const label = DECENCY_CRITERION_LABELS[criterion];
    if (!check) {
      violations.push({
        path: `decency.criteria.${criterion}`,
        code: "criterion_not_checked",
        message: `Critère non vérifié : ${label} (décret 2002-120)`,
      });
    } else if (!check.met) {
      violations.push({
        path: `decency.criteria.${criterion}`,
        code: "criterion_not_met",
        message: `Critère non rempli : ${label} (décret 2002-120)`,
      });
    } else if (!check.evidence?.trim()) {
      violations.push({
        path: `decency.criteria.${criterion}.evidence`,
        code: "evidence_missing",
        message: `Indiquez ce qui établit le critère : ${label}`,
      });
    }
  }
  return violations;
}
