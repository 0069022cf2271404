import type { z } from "zod";
import { RelocationBody, type RelocationResult } from "../../../server/modules/leases/leases.schemas";
import type { MatchesResponse } from "../../../server/modules/matching/matching.schemas";
import { api } from "../lib/api";
import { announce, h, mount } from "../lib/dom";
import { bindForm, field, formAlert, submitButton } from "../lib/forms";
import { formatEuros, formatPercent, label, typologyLabels } from "../lib/format";
import { loadError, section } from "../lib/ui";

type Matches = z.infer<typeof MatchesResponse>;

/** The contracts a person can be relocated from: their own tenancy, in force or under notice. */
const RELOCATABLE_KINDS = new Set(["sublease", "sliding_sublease", "direct_lease", "temporary_occupancy"]);
const RELOCATABLE_STATUSES = new Set(["signed", "notice_given"]);

const kindOptions = [
  { value: "", label: "Comme le contrat actuel" },
  { value: "sublease", label: "Sous-location" },
  { value: "sliding_sublease", label: "Bail glissant" },
  { value: "direct_lease", label: "Bail direct" },
  { value: "temporary_occupancy", label: "Convention d'occupation temporaire" },
];

/**
 * Relocation (cahier des charges §8.5.1: the person keeps the right to be rehoused when the flat no
 * longer suits): the current contract ends the day before the move and a draft contract on the
 * chosen flat is prepared, to be signed like any other. The flats offered are the person's own
 * ranked candidates, so the move respects their choices and every hard constraint (20 % rule,
 * residual rent, DPE) exactly as a first offer does.
 */
export function leaseRelocationSection(
  lease: { id: string; kind: string; status: string; personId: string | null },
  options: { today: string; writable: boolean; open: (leaseId: string) => void },
): HTMLElement | null {
  if (!options.writable || !lease.personId) return null;
  if (!RELOCATABLE_KINDS.has(lease.kind) || !RELOCATABLE_STATUSES.has(lease.status)) return null;
  const body = h("div", null, h("p", { "aria-busy": "true" }, "Recherche des logements possibles…"));
  api
    .get<Matches>(`/api/persons/${encodeURIComponent(lease.personId)}/matches`)
    .then((matches) => {
      if (matches.candidates.length === 0) {
        mount(
          body,
          h(
            "p",
            { class: "empty" },
            "Aucun logement disponible ne respecte aujourd'hui les choix et les contraintes de la personne.",
          ),
        );
        return;
      }
      const form = h(
        "form",
        { "aria-label": "Relogement" },
        formAlert(),
        field({
          name: "toUnitId",
          label: "Nouveau logement",
          required: true,
          hint: "Les logements disponibles qui respectent les choix de la personne, les mieux classés d'abord.",
          options: matches.candidates.map((candidate) => ({
            value: candidate.unitId,
            label:
              `${candidate.address.street}, ${candidate.address.city} — ${label(typologyLabels, candidate.typology)}${candidate.reference ? ` (${candidate.reference})` : ""}, ` +
              `${formatEuros(candidate.rentCents + candidate.chargesCents)} charges comprises, taux d'effort ` +
              formatPercent(
                candidate.residualRent.effortRateBasisPoints === null
                  ? null
                  : candidate.residualRent.effortRateBasisPoints / 10_000,
              ) +
              (candidate.residualRent.complementCents > 0
                ? ` (${formatPercent(
                    candidate.residualRent.tenantEffortRateBasisPoints === null
                      ? null
                      : candidate.residualRent.tenantEffortRateBasisPoints / 10_000,
                  )} après le complément du programme de ${formatEuros(candidate.residualRent.complementCents)})`
                : ""),
          })),
        }),
        field({
          name: "effectiveDate",
          label: "Date d'entrée dans le nouveau logement",
          type: "date",
          required: true,
          value: options.today,
          hint: "Le contrat actuel prend fin la veille.",
        }),
        field({ name: "kind", label: "Nouveau contrat", options: kindOptions }),
        field({
          name: "durationMonths",
          label: "Durée (mois)",
          type: "number",
          hint: "Vide : la durée légale.",
        }),
        field({
          name: "depositCents",
          label: "Dépôt de garantie",
          type: "euros",
          hint: "Vide : celui du contrat actuel, dans la limite d'un mois de loyer.",
        }),
        submitButton("Préparer le relogement"),
      );
      bindForm(form, RelocationBody, async (relocation) => {
        const result = await api.post<z.infer<typeof RelocationResult>>(
          `/api/leases/${encodeURIComponent(lease.id)}/relocation`,
          relocation,
        );
        announce("Relogement préparé : le nouveau contrat est à signer.");
        options.open(result.newLease.id);
      });
      mount(body, form);
    })
    .catch((error: unknown) => mount(body, loadError(error, "Logements possibles")));
  return section("Relogement dans un autre logement", body);
}
