import {
  DECLINE_REASON_LABELS,
  DECLINE_REASONS,
  DECLINED_BY_LABELS,
  SMALL_PANEL_REASON_LABELS,
} from "../../../server/modules/panels/panels.rules";
import { PERSON_STATUS_LABELS } from "../../../server/modules/persons/persons.rules";
/** French labels of the API's codes (the API answers codes; people read words). */
export const constraintLabels: Record<string, string> = {
  unit_available: "Logement disponible",
  energy_class: "Classe énergie autorisée (DPE)",
  building_scatter: "Marge dans l'immeuble (20 %)",
  neighbourhood_scatter: "Marge dans le quartier",
  accessibility: "Accessibilité",
  floor: "Étage sans ascenseur",
  household_size: "Taille du ménage",
  typology_choice: "Typologie souhaitée",
  excluded_neighbourhood: "Hors quartier exclu",
  not_declined: "Pas déjà refusé",
};

export const scoreLabels: Record<string, string> = {
  wanted_neighbourhood: "Quartier souhaité",
  places_that_matter: "Lieux importants",
  floor: "Étage",
  effort_rate: "Taux d'effort",
  days_vacant: "Vacance",
  furnished: "Meublé",
};

export const personStatusLabels: Readonly<Record<string, string>> = PERSON_STATUS_LABELS;

export const smallPanelReasonLabels: Readonly<Record<string, string>> = SMALL_PANEL_REASON_LABELS;

export const declinedByLabels: Readonly<Record<string, string>> = DECLINED_BY_LABELS;

export const declineReasonLabels: Readonly<Record<string, string>> = DECLINE_REASON_LABELS;

/** Decline reasons offered for each kind of decliner: the panels API's own closed lists. */
export const declineReasonsBy: Readonly<Record<string, readonly string[]>> = DECLINE_REASONS;

export const panelStatusLabels: Record<string, string> = {
  open: "Ouverte",
  accepted: "Acceptée",
  all_declined: "Tous refusés",
  expired: "Expirée",
};

export const offerStatusLabels: Record<string, string> = {
  proposed: "Proposé",
  accepted: "Accepté",
  declined: "Refusé",
  released: "Libéré",
  expired: "Expiré",
};
