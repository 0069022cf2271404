import { formatFrenchNumber } from "../../../server/lib/numbers";
import {
  DEDUCTION_KIND_LABELS,
  ITEM_CONDITION_LABELS,
  METER_KIND_LABELS,
  METER_KINDS,
} from "../../../server/modules/leases/inspection.rules";
import {
  DepositReturnBody,
  InspectionBody,
  type LeaseDetail,
} from "../../../server/modules/leases/leases.schemas";
import type { z } from "../lib/zod-openapi-shim";
import { api } from "../lib/api";
import { announce, h } from "../lib/dom";
import { bindForm, field, fieldset, formAlert, submitButton } from "../lib/forms";
import { formatDate, formatEuros, label } from "../lib/format";
import { section, table } from "../lib/ui";

/**
 * The état des lieux and the deposit on a lease page: the entry form on a signed contract, the
 * exit on the same form once notice is given (POST /api/leases/{id}/inspections), the exit
 * compared with the entry, and the deposit's return with its deadline and late penalty
 * (POST /api/leases/{id}/deposit-return), as loi 89-462 art. 3-2 and 22 require.
 */
/** What the section reads of the lease page's GET /api/leases/{id}. */
type LeaseForInspection = Pick<
  z.infer<typeof LeaseDetail>,
  "id" | "kind" | "status" | "inspections" | "comparison" | "deposit"
>;

type Row = { room: string; item: string; condition: string; note: string };

const DEFAULT_ROWS: Row[] = [
  ["Entrée", "Porte et serrure"],
  ["Séjour", "Sol"],
  ["Séjour", "Murs"],
  ["Séjour", "Plafond"],
  ["Séjour", "Fenêtres"],
  ["Cuisine", "Évier et robinetterie"],
  ["Cuisine", "Plaques de cuisson"],
  ["Chambre", "Sol"],
  ["Chambre", "Murs"],
  ["Salle d'eau", "Douche ou baignoire"],
  ["Salle d'eau", "WC"],
].map(([room, item]) => ({ room: room!, item: item!, condition: "good", note: "" }));

const conditionOptions = Object.entries(ITEM_CONDITION_LABELS).map(([value, text]) => ({
  value,
  label: text,
}));

export function leaseInspectionSection(
  lease: LeaseForInspection,
  options: { today: string; writable: boolean; reload: () => Promise<void> },
): HTMLElement | null {
  if (lease.kind === "head_lease" || lease.status === "draft") return null;
  const entry = lease.inspections.find((inspection) => inspection.kind === "entry") ?? null;
  const exit = lease.inspections.find((inspection) => inspection.kind === "exit") ?? null;
  const parts: HTMLElement[] = [];
  for (const inspection of lease.inspections) parts.push(inspectionSummary(inspection));
  if (lease.comparison) parts.push(comparisonView(lease.comparison));
  if (options.writable && !entry && lease.status === "signed") {
    parts.push(h("h3", null, "État des lieux d'entrée"), inspectionForm("entry", DEFAULT_ROWS, null));
  }
  if (options.writable && !exit && (lease.status === "notice_given" || lease.status === "ended")) {
    if (entry) {
      const rows = entry.rooms.flatMap((room) =>
        room.items.map((item) => ({ room: room.name, item: item.name, condition: item.condition, note: "" })),
      );
      parts.push(
        h("h3", null, "État des lieux de sortie (même grille que l'entrée)"),
        inspectionForm("exit", rows, entry),
      );
    } else {
      parts.push(
        h("h3", null, "État des lieux de sortie"),
        h(
          "p",
          { class: "notice notice-warning", "data-testid": "no-entry-inspection" },
          "Aucun état des lieux d'entrée n'est enregistré : la sortie ne lui sera pas comparée, et aucune retenue pour dégradation ou clé manquante ne pourra être faite sur le dépôt de garantie.",
        ),
        inspectionForm("exit", DEFAULT_ROWS, null),
      );
    }
  }
  parts.push(depositView(lease.deposit));
  if (options.writable && exit && !lease.deposit.returnedOn) parts.push(depositForm());
  return section("État des lieux et dépôt de garantie", ...parts);

  function inspectionForm(
    kind: "entry" | "exit",
    rows: Row[],
    entryInspection: LeaseForInspection["inspections"][number] | null,
  ) {
    const id = encodeURIComponent(lease.id);
    const body = h("tbody");
    const addRow = (row: Row) => {
      const index = body.children.length;
      body.append(
        h(
          "tr",
          { "data-inspection-row": String(index) },
          h("td", null, h("input", { name: `row.${index}.room`, value: row.room, "aria-label": "Pièce" })),
          h("td", null, h("input", { name: `row.${index}.item`, value: row.item, "aria-label": "Élément" })),
          h(
            "td",
            null,
            h(
              "select",
              { name: `row.${index}.condition`, "aria-label": `État : ${row.room} — ${row.item}` },
              conditionOptions.map((option) =>
                h("option", { value: option.value, selected: option.value === row.condition }, option.label),
              ),
            ),
          ),
          h(
            "td",
            null,
            h("input", { name: `row.${index}.note`, value: row.note, "aria-label": "Observations" }),
          ),
        ),
      );
    };
    rows.forEach(addRow);
    const more = h("button", { type: "button" }, "Ajouter une ligne");
    more.addEventListener("click", () => addRow({ room: "", item: "", condition: "good", note: "" }));
    const keyRows = entryInspection?.keys ?? [
      { label: "Porte d'entrée", count: 2 },
      { label: "Boîte aux lettres", count: 1 },
    ];
    const form = h(
      "form",
      { "aria-label": kind === "entry" ? "État des lieux d'entrée" : "État des lieux de sortie" },
      formAlert(),
      field({
        name: "inspectedOn",
        label:
          kind === "entry"
            ? "Date de l'entrée et de la remise des clés"
            : "Date de la sortie et de la remise des clés",
        type: "date",
        required: true,
        value: options.today,
      }),
      h(
        "div",
        { class: "table-wrap" },
        h(
          "table",
          null,
          h("caption", null, "Pièces et éléments"),
          h(
            "thead",
            null,
            h(
              "tr",
              null,
              ["Pièce", "Élément", "État", "Observations"].map((text) => h("th", { scope: "col" }, text)),
            ),
          ),
          body,
        ),
      ),
      h("p", { class: "actions" }, more),
      fieldset(
        "Relevés des compteurs",
        h(
          "div",
          { class: "form-grid" },
          METER_KINDS.map((meter) =>
            field({
              name: `meter.${meter}`,
              label: `${METER_KIND_LABELS[meter]} (index)`,
              type: "number",
              attrs: { step: "0.01" },
            }),
          ),
        ),
      ),
      fieldset(
        kind === "entry" ? "Clés remises au locataire" : "Clés rendues par le locataire",
        h(
          "div",
          { class: "form-grid" },
          keyRows.map((key, index) =>
            h(
              "div",
              null,
              h("input", { type: "hidden", name: `key.${index}.label`, value: key.label }),
              field({
                name: `key.${index}.count`,
                label: `Clés : ${key.label}`,
                type: "number",
                value: kind === "entry" ? key.count : null,
              }),
            ),
          ),
        ),
      ),
      kind === "exit"
        ? field({
            name: "tenantNewAddress",
            label: "Nouvelle adresse du locataire (pour le dépôt de garantie)",
          })
        : null,
      field({ name: "signedByTenant", label: "Signé par le locataire", type: "checkbox", value: false }),
      field({ name: "signedByLessor", label: "Signé par le bailleur", type: "checkbox", value: false }),
      submitButton(
        kind === "entry" ? "Enregistrer l'état des lieux d'entrée" : "Enregistrer l'état des lieux de sortie",
      ),
    );
    bindForm(
      form,
      InspectionBody,
      async (value) => {
        await api.post(`/api/leases/${id}/inspections`, value);
        announce("État des lieux enregistré : document produit.");
        await options.reload();
      },
      (values) => {
        const rooms = new Map<
          string,
          { name: string; items: { name: string; condition: string; note: string | null }[] }
        >();
        for (let index = 0; index < body.children.length; index += 1) {
          const room = String(values[`row.${index}.room`] ?? "").trim();
          const item = String(values[`row.${index}.item`] ?? "").trim();
          if (!room || !item) continue;
          const entryRoom = rooms.get(room) ?? { name: room, items: [] };
          entryRoom.items.push({
            name: item,
            condition: String(values[`row.${index}.condition`]),
            note: (values[`row.${index}.note`] as string | undefined) ?? null,
          });
          rooms.set(room, entryRoom);
        }
        return {
          kind,
          inspectedOn: values.inspectedOn,
          rooms: [...rooms.values()],
          meters: METER_KINDS.filter((meter) => values[`meter.${meter}`] !== undefined).map((meter) => ({
            kind: meter,
            reading: values[`meter.${meter}`],
          })),
          keys: keyRows.map((key, index) => ({ label: key.label, count: values[`key.${index}.count`] ?? 0 })),
          signedByTenant: values.signedByTenant,
          signedByLessor: values.signedByLessor,
          tenantNewAddress: values.tenantNewAddress ?? null,
        };
      },
    );
    return form;
  }

  function depositForm() {
    const id = encodeURIComponent(lease.id);
    const deductionRows = [0, 1, 2];
    const form = h(
      "form",
      { "aria-label": "Restitution du dépôt de garantie" },
      formAlert(),
      field({
        name: "returnedOn",
        label: "Dépôt restitué le",
        type: "date",
        required: true,
        value: options.today,
      }),
      fieldset(
        "Retenues (chacune justifiée ; une réparation seulement pour une dégradation constatée)",
        ...deductionRows.map((index) =>
          h(
            "div",
            { class: "form-grid", "data-deduction": String(index) },
            field({
              name: `deduction.${index}.kind`,
              label: `Retenue ${index + 1} : nature`,
              options: [
                { value: "", label: "—" },
                ...Object.entries(DEDUCTION_KIND_LABELS).map(([value, text]) => ({ value, label: text })),
              ],
            }),
            field({ name: `deduction.${index}.label`, label: `Retenue ${index + 1} : objet` }),
            field({
              name: `deduction.${index}.amountCents`,
              label: `Retenue ${index + 1} : montant (€)`,
              type: "euros",
            }),
            field({ name: `deduction.${index}.justification`, label: `Retenue ${index + 1} : justificatif` }),
          ),
        ),
      ),
      field({
        name: "tenantAddressKnown",
        label: "Le locataire a donné sa nouvelle adresse",
        type: "checkbox",
        value: true,
        hint: "Sans adresse, la majoration de retard de l'article 22 n'est pas due.",
      }),
      submitButton("Enregistrer la restitution"),
    );
    bindForm(
      form,
      DepositReturnBody,
      async (value) => {
        await api.post(`/api/leases/${id}/deposit-return`, value);
        announce("Dépôt de garantie restitué : décompte produit.");
        await options.reload();
      },
      (values) => ({
        returnedOn: values.returnedOn,
        tenantAddressKnown: values.tenantAddressKnown,
        deductions: deductionRows
          .filter((index) => values[`deduction.${index}.kind`])
          .map((index) => ({
            kind: values[`deduction.${index}.kind`],
            label: values[`deduction.${index}.label`] ?? "",
            amountCents: values[`deduction.${index}.amountCents`] ?? 0,
            justification: values[`deduction.${index}.justification`] ?? "",
          })),
      }),
    );
    return form;
  }
}

function inspectionSummary(inspection: LeaseForInspection["inspections"][number]): HTMLElement {
  const rows = inspection.rooms.flatMap((room) => room.items.map((item) => ({ room: room.name, ...item })));
  return h(
    "div",
    { "data-inspection": inspection.kind },
    table(
      `État des lieux ${inspection.kind === "entry" ? "d'entrée" : "de sortie"} du ${formatDate(inspection.inspectedOn)}`,
      [
        { header: "Pièce", cell: (row) => row.room },
        { header: "Élément", cell: (row) => row.name },
        { header: "État", cell: (row) => label(ITEM_CONDITION_LABELS, row.condition) },
        { header: "Observations", cell: (row) => row.note ?? "" },
      ],
      rows,
    ),
    h(
      "p",
      null,
      `Clés : ${inspection.keys.map((key) => `${key.label} × ${key.count}`).join(", ") || "—"}. Compteurs : ${
        inspection.meters
          .map((meter) => `${METER_KIND_LABELS[meter.kind]} ${formatFrenchNumber(meter.reading)}`)
          .join(", ") || "—"
      }.`,
    ),
  );
}

function comparisonView(comparison: NonNullable<LeaseForInspection["comparison"]>): HTMLElement {
  return h(
    "div",
    { "data-testid": "inspection-comparison" },
    h(
      "p",
      { class: comparison.differs ? "notice notice-warning" : "notice" },
      comparison.differs
        ? "La sortie diffère de l'entrée : dégradations ou clés manquantes (délai de restitution : deux mois)."
        : "La sortie est conforme à l'entrée (délai de restitution : un mois).",
    ),
    table(
      "Comparaison entrée / sortie",
      [
        { header: "Élément", cell: (row) => `${row.room} — ${row.item}` },
        { header: "Entrée", cell: (row) => label(ITEM_CONDITION_LABELS, row.entry) },
        { header: "Sortie", cell: (row) => (row.exit ? label(ITEM_CONDITION_LABELS, row.exit) : "absent") },
        { header: "Dégradation", cell: (row) => (row.worse ? "oui" : "non") },
      ],
      comparison.items,
      "Aucune différence entre l'entrée et la sortie.",
    ),
  );
}

function depositView(deposit: LeaseForInspection["deposit"]): HTMLElement {
  const facts = [`Dépôt de garantie : ${formatEuros(deposit.depositCents)}.`];
  if (deposit.deadline)
    facts.push(`Restitution due au plus tard le ${formatDate(deposit.deadline)} (loi 89-462 art. 22).`);
  if (deposit.returnedOn) {
    facts.push(
      `Restitué le ${formatDate(deposit.returnedOn)} : ${formatEuros(deposit.refundCents ?? 0)} versés` +
        (deposit.latePenaltyCents
          ? `, dont ${formatEuros(deposit.latePenaltyCents)} de majoration de retard.`
          : "."),
    );
  }
  // the books' side: what 165 holds for this contract (received at entry, nothing once returned)
  facts.push(
    `Détenu en comptabilité (compte 165, dépôts de garantie reçus) : ${formatEuros(deposit.heldCents)}.`,
  );
  return h("p", { "data-testid": "deposit-status" }, facts.join(" "));
}
