import { DECLINE_REASONS } from "../../../server/modules/panels/panels.rules";
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

export const smallPanelReasonLabels: Record<string, string> = {
  not_enough_matching_stock: "Pas assez de logements captés correspondant aux choix",
  person_choice_specific: "Choix très précis de la personne (recherche au cas par cas)",
  market_constraints: "Contraintes du marché local",
  relocation_urgent: "Relogement urgent",
};

export const declinedByLabels: Record<string, string> = {
  person: "La personne",
  landlord: "Le propriétaire",
  operator_withdrew: "L'opérateur a retiré le logement",
};

export const declineReasonLabels: Record<string, string> = {
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
  other: "Autre (préciser)",
};

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
