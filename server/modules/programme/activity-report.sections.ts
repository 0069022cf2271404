/**
 * The activity report's figures as French label / value lines: one wording for the XLSX and
 * the PDF.
 */
import { formatBasisPoints } from "../../lib/money";
import { DECLINE_REASON_LABELS, DECLINED_BY_LABELS, SMALL_PANEL_REASON_LABELS } from "../panels/panels.rules";
import { LEAVE_REASON_LABELS } from "../persons/persons.rules";
import type { ActivityFigures } from "./yearly-reports.service";

/** A code's label in a table of labels, or the code itself when the table has none. */
export const labelOf = (labels: Readonly<Record<string, string>>, code: string) => labels[code] ?? code;

export const percent = (basisPoints: number | null) =>
  basisPoints === null ? "—" : formatBasisPoints(basisPoints);
const days = (value: number | null) =>
  value === null ? "—" : `${value.toLocaleString("fr-FR", { maximumFractionDigits: 1 })} j`;

/** The figures as label/value lines, shared by the XLSX and the PDF (one wording). */
export function activitySections(f: ActivityFigures) {
  const count = (label: string, value: number) => ({ label, value: String(value) });
  return {
    people: [
      count("Personnes accompagnées pendant l'année", f.people.followed),
      count("Admissions (jour 1 dans l'année)", f.people.admitted),
      count("   dont réadmissions (nouveau jour 1)", f.people.readmitted),
      count("Personnes logées pendant l'année", f.people.housedDuringYear),
      count("Entrées dans un logement", f.people.movedIn),
      count("Personnes logées en fin de période", f.people.housedAtYearEnd),
      count("Sorties du programme", f.people.exits),
      ...f.people.exitsByReason.map((e) =>
        count(`   dont ${labelOf(LEAVE_REASON_LABELS, e.reason)}`, e.count),
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
        count(
          `   ${d.reason === "none" ? "Sans motif enregistré" : labelOf(SMALL_PANEL_REASON_LABELS, d.reason)}`,
          d.count,
        ),
      ),
    ],
    refusals: [
      count("Logements refusés dans l'année", f.refusals.declined),
      ...f.refusals.byWho.map((w) => count(`   par : ${labelOf(DECLINED_BY_LABELS, w.who)}`, w.count)),
      ...f.refusals.byReason.map((r) =>
        count(
          `   ${labelOf(DECLINED_BY_LABELS, r.who)} — ${labelOf(DECLINE_REASON_LABELS, r.reason)}`,
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
