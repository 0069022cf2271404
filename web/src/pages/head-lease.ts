import type { z } from "zod";
import { CreateLeaseBody, type Lease } from "../../../server/modules/leases/leases.schemas";
import type { Unit } from "../../../server/modules/units/units.schemas";
import { api } from "../lib/api";
import { announce, h } from "../lib/dom";
import { bindForm, field, formAlert, submitButton } from "../lib/forms";
import { formatEuros, label, typologyLabels, unitStatusLabels } from "../lib/format";

/**
 * The head leases still to be drawn up for flats captured as "bail principal" or "bail glissant":
 * the association rents the flat from the landlord (who is then paid every month) and sublets it.
 */
type UnitLike = Pick<
  z.infer<typeof Unit>,
  | "id"
  | "landlordId"
  | "reference"
  | "typology"
  | "status"
  | "furnished"
  | "captureFormula"
  | "rentCents"
  | "chargesCents"
  | "building"
>;
type HeadLeaseLike = Pick<z.infer<typeof Lease>, "kind" | "unitId" | "status">;

/** Captured flats whose formula needs a head lease and that have none running or in draft. */
export function unitsAwaitingHeadLease(units: UnitLike[], leases: HeadLeaseLike[]): UnitLike[] {
  const covered = new Set(
    leases.filter((l) => l.kind === "head_lease" && l.status !== "ended").map((l) => l.unitId),
  );
  const captured = new Set(["agreed", "available", "reserved", "let", "notice_given", "vacant", "works"]);
  return units.filter(
    (unit) =>
      (unit.captureFormula === "head_lease" || unit.captureFormula === "sliding_lease") &&
      captured.has(unit.status) &&
      !covered.has(unit.id),
  );
}

export function headLeaseForm(
  unit: UnitLike,
  landlords: { id: string; displayName: string }[],
  today: string,
  navigate: (path: string) => void,
): HTMLElement {
  const title = `${label(typologyLabels, unit.typology)} — ${unit.building.street}, ${unit.building.postcode} ${unit.building.city}`;
  const form = h(
    "form",
    { "aria-label": `Bail principal — ${title}` },
    formAlert(),
    h(
      "div",
      { class: "form-grid" },
      field({
        name: "landlordId",
        label: "Bailleur (propriétaire)",
        options: landlords
          .map((l) => ({ value: l.id, label: l.displayName }))
          .sort((a, b) => a.label.localeCompare(b.label, "fr")),
        value: unit.landlordId,
        hint: "Vide : le propriétaire du logement ou de l'immeuble.",
      }),
      field({ name: "startDate", label: "Date d'effet", type: "date", required: true, value: today }),
      field({
        name: "durationMonths",
        label: "Durée (mois)",
        type: "number",
        hint: "Vide : la durée légale (3 ans, 6 ans pour une personne morale, 1 an meublé).",
      }),
      field({
        name: "rentCents",
        label: "Loyer hors charges (€ / mois)",
        type: "euros",
        required: true,
        value: unit.rentCents,
      }),
      field({
        name: "chargesCents",
        label: "Charges (€ / mois)",
        type: "euros",
        required: true,
        value: unit.chargesCents,
      }),
      field({
        name: "depositCents",
        label: "Dépôt de garantie (€)",
        type: "euros",
        required: true,
        value: unit.rentCents,
      }),
      field({
        name: "paymentDay",
        label: "Jour de paiement au propriétaire (1 à 28)",
        type: "number",
        required: true,
        value: 5,
      }),
      field({
        name: "irlReferenceQuarter",
        label: "Trimestre de référence de l'IRL",
        required: true,
        value: `T${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`,
        options: ["T1", "T2", "T3", "T4"].map((quarter) => ({ value: quarter, label: quarter })),
      }),
      field({
        name: "paysRentDuringVacancy",
        label: "Loyer garanti au propriétaire pendant la vacance",
        type: "checkbox",
        value: true,
      }),
      field({
        name: "restorationAtEnd",
        label: "Remise en état en fin de bail à la charge de l'association",
        type: "checkbox",
        value: true,
      }),
    ),
    submitButton("Préparer le bail principal"),
  );
  bindForm(
    form,
    CreateLeaseBody,
    async (body) => {
      const lease = await api.post<z.infer<typeof Lease>>("/api/leases", body);
      announce("Bail principal préparé : à signer.");
      navigate(`/baux/${encodeURIComponent(lease.id)}`);
    },
    (values) => ({ ...values, kind: "head_lease", unitId: unit.id, furnished: unit.furnished }),
  );
  return h(
    "details",
    { class: "card", "data-testid": "awaiting-head-lease" },
    h(
      "summary",
      null,
      `${title} — ${label(unitStatusLabels, unit.status).toLowerCase()}, loyer ${formatEuros(unit.rentCents)} + ${formatEuros(unit.chargesCents)} de charges`,
    ),
    form,
  );
}
