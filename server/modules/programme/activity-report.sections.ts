/**
 * The activity report's figures as French label / value lines: one wording for the XLSX and
 * the PDF.
 */
import type { ActivityFigures } from "./yearly-reports.service";

export const EXIT_REASON_LABELS: Readonly<Record<string, string>> = {
  direct_lease: "Bail direct à son nom ailleurs",
  sliding_lease_completed: "Bail glissé à son nom",
  no_contact_six_months: "Sans contact depuis plus de six mois",
  taken_over_by_another_institution: "Prise en charge par une autre institution",
  moved_away: "Départ de la région",
  deceased: "Décès",
  own_decision: "Décision de la personne",
  other: "Autre",
};

export const DECLINED_BY_LABELS: Readonly<Record<string, string>> = {
  person: "La personne",
  landlord: "Le propriétaire",
  operator_withdrew: "L'opérateur a retiré le logement",
};

export const DECLINE_REASON_LABELS: Readonly<Record<string, string>> = {
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

export const SMALL_PANEL_REASON_LABELS: Readonly<Record<string, string>> = {
  not_enough_matching_stock: "Pas assez de logements captés correspondant aux choix",
  person_choice_specific: "Choix très précis de la personne (recherche au cas par cas)",
  market_constraints: "Contraintes du marché local",
  relocation_urgent: "Relogement urgent",
  none: "Sans motif enregistré",
};

export const percent = (basisPoints: number | null) =>
  basisPoints === null
    ? "—"
    : `${(basisPoints / 100).toLocaleString("fr-FR", { maximumFractionDigits: 1 })} %`;
const days = (value: number | null) =>
  value === null ? "—" : `${value.toLocaleString("fr-FR", { maximumFractionDigits: 1 })} j`;

/** The figures as label/value lines, shared by the XLSX and the PDF (one wording). */
export function activitySections(f: ActivityFigures) {
  const count = (label: string, value: number) => ({ label, value: String(value) });
  return {
    people: [
      count("Personnes accompagnées pendant l'année", f.people.followed),
      count("Admissions (jour 1 dans l'année)", f.people.admitted),
      count("Personnes logées pendant l'année", f.people.housedDuringYear),
      count("Entrées dans un logement", f.people.movedIn),
      count("Personnes logées en fin de période", f.people.housedAtYearEnd),
      count("Sorties du programme", f.people.exits),
      ...f.people.exitsByReason.map((e) =>
        count(`   dont ${EXIT_REASON_LABELS[e.reason] ?? e.reason}`, e.count),
      ),
    ],
    delays: [
      count(
        `Admissions dont le délai de ${f.firstOfferDeadlineWeeks} semaines échoit dans l'année`,
        f.admissionsJudged,
      ),
      count("   dont délai échu ou proposition faite", f.delays.admissionsDue),
      count("Premières propositions faites dans le délai", f.delays.metOnTime),
      count("Premières propositions faites en retard", f.delays.metLate),
      count("Sans proposition, délai dépassé", f.delays.overdue),
      {
        label: "Part des premières propositions dans le délai",
        value: percent(f.delays.shareMetOnTimeBasisPoints),
      },
      { label: "Délai médian jusqu'à la première proposition", value: days(f.delays.medianDaysToFirstOffer) },
      { label: "Retard médian des propositions tardives", value: days(f.delays.medianDaysLate) },
    ],
    panels: [
      count("Propositions (panels) faites dans l'année", f.panels.panels),
      count("Logements proposés", f.panels.offers),
      ...f.panels.bySize.map((s) =>
        count(`   panels de ${s.size} logement${s.size > 1 ? "s" : ""}`, s.count),
      ),
      count(`Dérogations (moins de ${f.panels.minimumPanelSize} logements)`, f.panels.derogations),
      ...f.panels.derogationsByReason.map((d) =>
        count(`   ${SMALL_PANEL_REASON_LABELS[d.reason] ?? d.reason}`, d.count),
      ),
    ],
    refusals: [
      count("Logements refusés dans l'année", f.refusals.declined),
      ...f.refusals.byWho.map((w) => count(`   par : ${DECLINED_BY_LABELS[w.who] ?? w.who}`, w.count)),
      ...f.refusals.byReason.map((r) =>
        count(
          `   ${DECLINED_BY_LABELS[r.who] ?? r.who} — ${DECLINE_REASON_LABELS[r.reason] ?? r.reason}`,
          r.count,
        ),
      ),
    ],
    relocations: [
      count("Relogements demandés", f.relocations.requested),
      count("Relogements réalisés", f.relocations.rehoused),
      count("Relogements abandonnés", f.relocations.abandoned),
      count("Relogements en cours en fin de période", f.relocations.underWayAtYearEnd),
      count("Priorités PDALHPD accordées", f.relocations.pdalhpdPriorities),
      count("Contrats terminés pour relogement", f.relocations.contractsEndedForRelocation),
      count("Glissements de bail", f.glissements.glissements),
      count("Baux glissants en cours en fin de période", f.glissements.slidingLeasesInForceAtYearEnd),
    ],
  };
}
