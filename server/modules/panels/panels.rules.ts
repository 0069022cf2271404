import { addDays, compareDates, daysBetween, type IsoDate } from "../../lib/dates";
import { AppError } from "../../lib/errors";

/** Why a panel may hold fewer flats than the minimum (cahier des charges footnote 32). */
export const SMALL_PANEL_REASONS = [
  "not_enough_matching_stock", // not enough captured stock matching the person's choices
  "person_choice_specific", // flats searched one by one following very specific choices
  "market_constraints", // the local market forces it
  "relocation_urgent", // a relocation that cannot wait for a full panel
] as const;
export type SmallPanelReason = (typeof SMALL_PANEL_REASONS)[number];

/** Closed lists of decline reasons, coded by who declined. "other" needs details. */
export const DECLINE_REASONS = {
  person: [
    "neighbourhood",
    "too_far_from_places_that_matter",
    "size_or_layout",
    "floor_or_accessibility",
    "condition_of_flat",
    "cost",
    "surroundings_or_neighbours",
    "no_longer_wishes_to_move",
    "other",
  ],
  landlord: ["refused_candidate", "withdrew_flat", "other"],
  operator_withdrew: [
    "scatter_cap_reached",
    "flat_not_decent",
    "flat_no_longer_available",
    "person_situation_changed",
    "other",
  ],
} as const;
export type DeclinedBy = keyof typeof DECLINE_REASONS;
export const ALL_DECLINE_REASONS = [...new Set(Object.values(DECLINE_REASONS).flat())] as string[];

/** The French wording of the panel codes: forms, pages and the yearly activity report. */
export const SMALL_PANEL_REASON_LABELS: Readonly<Record<SmallPanelReason, string>> = {
  not_enough_matching_stock: "Pas assez de logements captés correspondant aux choix",
  person_choice_specific: "Choix très précis de la personne (recherche au cas par cas)",
  market_constraints: "Contraintes du marché local",
  relocation_urgent: "Relogement urgent",
};

export const DECLINED_BY_LABELS: Readonly<Record<DeclinedBy, string>> = {
  person: "La personne",
  landlord: "Le propriétaire",
  operator_withdrew: "L'opérateur a retiré le logement",
};

export const DECLINE_REASON_LABELS: Readonly<Record<(typeof DECLINE_REASONS)[DeclinedBy][number], string>> = {
  neighbourhood: "Quartier",
  too_far_from_places_that_matter: "Trop loin des lieux importants",
  size_or_layout: "Taille ou agencement",
  floor_or_accessibility: "Étage ou accessibilité",
  condition_of_flat: "État du logement",
  cost: "Coût",
  surroundings_or_neighbours: "Environnement ou voisinage",
  no_longer_wishes_to_move: "Ne souhaite plus déménager",
  refused_candidate: "Candidature refusée",
  withdrew_flat: "Logement retiré par le propriétaire",
  scatter_cap_reached: "Plafond de 20 % atteint",
  flat_not_decent: "Logement non décent",
  flat_no_longer_available: "Logement plus disponible",
  person_situation_changed: "Situation de la personne modifiée",
  other: "Autre",
};

/**
 * cahier des charges footnote 32: the person chooses from a panel of at least three captured flats
 * (organisation parameter); fewer only with a reason from the closed list.
 */
export function assertPanelSize(
  unitCount: number,
  minimum: number,
  reason: SmallPanelReason | null | undefined,
) {
  if (unitCount >= minimum) return;
  if (!reason) {
    throw new AppError(
      "PANEL_TOO_SMALL",
      `Une proposition compte au moins ${minimum} logements ; pour moins, indiquez la raison (liste fermée)`,
      { minimum, count: unitCount, allowedReasons: SMALL_PANEL_REASONS },
    );
  }
}

export function assertDeclineReason(
  declinedBy: DeclinedBy,
  reason: string,
  details: string | null | undefined,
) {
  const allowed = DECLINE_REASONS[declinedBy] as readonly string[];
  if (!allowed.includes(reason)) {
    throw AppError.validation(
      [
        {
          path: "declineReason",
          message: `Motif inconnu pour ce refus ; motifs possibles : ${allowed.join(", ")}`,
        },
      ],
      "Motif de refus invalide",
    );
  }
  if (reason === "other" && !details?.trim()) {
    throw AppError.validation([{ path: "details", message: "Précisez le motif « autre »" }]);
  }
}

/** The last day a panel stands: panelExpiryDays after it was proposed. */
export function panelExpiresOn(proposedOn: IsoDate, expiryDays: number): IsoDate {
  return addDays(proposedOn, expiryDays);
}

/** A panel with no accepted offer expires the day after its last day. */
export function isPanelExpired(expiresOn: IsoDate, today: IsoDate): boolean {
  return compareDates(today, expiresOn) > 0;
}

export function daysWithoutDecision(proposedOn: IsoDate, today: IsoDate): number {
  return Math.max(0, daysBetween(proposedOn, today));
}

export type OfferState = "proposed" | "accepted" | "declined" | "released" | "expired";

/** After a decline: the panel closes as all_declined when no offer is left to decide. */
export function panelAfterDecline(offerStates: readonly OfferState[]): "open" | "all_declined" {
  return offerStates.some((state) => state === "proposed") ? "open" : "all_declined";
}
