import type { z } from "zod";
import { LEAVE_REASON_LABELS } from "../../../server/modules/persons/persons.rules";
import type { AdmissionSchema } from "../../../server/modules/persons/persons.schemas";
import { h } from "../lib/dom";
import { formatDate } from "../lib/format";
import { section, table } from "../lib/ui";

export type Admission = z.infer<typeof AdmissionSchema>;

const leaveReasons: Readonly<Record<string, string>> = LEAVE_REASON_LABELS;

function outcomeText(admission: Admission): string {
  if (admission.outcome === null) return "En cours";
  if (admission.outcome === "readmitted")
    return `Droit de réintégration échu, nouvelle admission le ${formatDate(admission.endedOn)}`;
  const reason = admission.leftReason ? leaveReasons[admission.leftReason] : null;
  return `Sortie le ${formatDate(admission.endedOn)}${reason ? ` (${reason.toLowerCase()})` : ""}`;
}

/** The first offer of one admission against its 8 weeks (cahier des charges §8.3.2), in words. */
function firstOfferText(admission: Admission): string {
  const deadline = formatDate(admission.firstOfferDeadline);
  switch (admission.state) {
    case "met_on_time":
      return `Le ${formatDate(admission.firstOfferOn)}, après ${admission.daysToFirstOffer} j : dans le délai`;
    case "met_late":
      return `Le ${formatDate(admission.firstOfferOn)}, après ${admission.daysToFirstOffer} j : ${admission.daysLate} j de retard`;
    case "overdue":
      return admission.outcome === null
        ? `Aucune : délai dépassé de ${admission.daysLate} j (échéance du ${deadline})`
        : `Aucune : délai dépassé de ${admission.daysLate} j à la fin de l'admission`;
    default:
      return admission.outcome === null
        ? `Aucune pour l'instant (échéance du ${deadline})`
        : "Aucune : admission close avant l'échéance";
  }
}

/**
 * The person's admissions, oldest first: each day 1, how it ended and the delay to its own first
 * offer. A readmission starts a new day 1; the earlier admissions keep their offers.
 */
export function admissionHistoryTable(admissions: readonly Admission[]): HTMLElement {
  return table(
    "Admissions et délai de la première proposition (8 semaines)",
    [
      {
        header: "Admission",
        cell: (a) => (a.sequence === 1 ? "Première admission" : `Réadmission n° ${a.sequence - 1}`),
      },
      { header: "Jour 1", cell: (a) => formatDate(a.admittedOn) },
      { header: "Issue", cell: (a) => outcomeText(a) },
      {
        header: "Première proposition",
        cell: (a) => h("span", { "data-admission-state": a.state }, firstOfferText(a)),
      },
    ],
    [...admissions].reverse(),
  );
}

export function admissionHistory(admissions: readonly Admission[]): HTMLElement {
  return section("Historique des admissions", admissionHistoryTable(admissions));
}

/** The same history folded on the person's page, open when the person was readmitted. */
export function admissionHistoryDetails(admissions: readonly Admission[]): HTMLElement {
  return h(
    "details",
    { class: "admission-history", open: admissions.length > 1 ? true : null },
    h(
      "summary",
      null,
      admissions.length > 1
        ? `Historique des admissions (${admissions.length})`
        : "Historique des admissions (une seule)",
    ),
    admissionHistoryTable(admissions),
  );
}
