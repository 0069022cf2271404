import type { z } from "zod";
import {
  type Landlord as LandlordSchema,
  LandlordInput,
  LandlordPatch,
} from "../../../server/modules/landlords/landlords.schemas";
import {
  CreateMandateBody,
  DEFAULT_MANDATE_SCOPE,
  type Mandate as MandateSchema,
} from "../../../server/modules/mandates/mandates.schemas";
import type { Unit as UnitSchema } from "../../../server/modules/units/units.schemas";
import { api, query } from "../lib/api";
import { fetchAllPages } from "../lib/pagination";
import { announce, h, mount } from "../lib/dom";
import { bindForm, field, fieldset, formAlert, submitButton } from "../lib/forms";
import {
  formatDate,
  formatEuros,
  formatNumber,
  label,
  typologyLabels,
  unitStatusLabels,
} from "../lib/format";
import type { Page } from "../lib/router";
import { can } from "../lib/session";
import { dangerAction, loadError, section, table } from "../lib/ui";

/**
 * Landlords (create, edit, delete one without flats) and management mandates (loi Hoguet: a
 * written mandate of fixed duration, signed by the landlord on the portal): the flats captured
 * under a management mandate that have none yet, each with its mandate form.
 */
type Landlord = z.infer<typeof LandlordSchema>;
type Unit = z.infer<typeof UnitSchema>;
type Mandate = z.infer<typeof MandateSchema>;

export const landlordKindLabels: Record<string, string> = {
  private_person: "Personne physique",
  sci: "SCI",
  company: "Société",
  social_landlord: "Bailleur social",
};
export const mandateStatusLabels: Record<string, string> = {
  awaiting_signature: "En attente de signature",
  signed: "Signé",
  ended: "Terminé",
  cancelled: "Annulé",
};
const kindOptions = Object.entries(landlordKindLabels).map(([value, text]) => ({ value, label: text }));
const unitTitle = (unit: Unit) =>
  `${label(typologyLabels, unit.typology)} — ${unit.building.street}, ${unit.building.postcode} ${unit.building.city}${unit.reference ? ` (${unit.reference})` : ""}`;

function landlordFields(landlord?: Landlord): HTMLElement {
  return h(
    "div",
    { class: "form-grid" },
    field({
      name: "kind",
      label: "Type",
      required: true,
      options: kindOptions,
      value: landlord?.kind ?? "private_person",
    }),
    field({
      name: "displayName",
      label: "Nom affiché",
      required: true,
      value: landlord?.displayName,
      hint: "Par exemple : M. Jean Dupont, SCI Les Tilleuls.",
    }),
    field({ name: "firstName", label: "Prénom", value: landlord?.firstName }),
    field({ name: "lastName", label: "Nom", value: landlord?.lastName }),
    field({ name: "email", label: "Adresse électronique", type: "email", value: landlord?.email }),
    field({
      name: "emailConsent",
      label: "Accepte de recevoir ses relevés de gérance par courriel",
      type: "checkbox",
      value: landlord?.emailConsent ?? false,
    }),
    field({ name: "phone", label: "Téléphone", type: "tel", value: landlord?.phone }),
    field({ name: "postalAddress", label: "Adresse postale", value: landlord?.postalAddress }),
    field({ name: "reference", label: "Référence interne", value: landlord?.reference }),
    field({
      name: "iban",
      label: landlord?.hasIban
        ? `IBAN (enregistré : ${landlord.ibanMasked ?? "oui"} ; vide pour le garder)`
        : "IBAN",
      hint: "Pour les versements des loyers ; la clé est vérifiée.",
      attrs: { autocomplete: "off" },
    }),
  );
}

const landlordBody = (values: Record<string, unknown>, keepIban: boolean) => {
  const body: Record<string, unknown> = {};
  for (const key of [
    "kind",
    "displayName",
    "firstName",
    "lastName",
    "email",
    "phone",
    "postalAddress",
    "reference",
  ])
    body[key] = values[key] ?? null;
  body.emailConsent = values.emailConsent === true;
  if (!keepIban || values.iban) body.iban = values.iban ?? null;
  if (keepIban && !values.iban) delete body.iban;
  return body;
};

export const landlordsPage: Page = {
  path: "/proprietaires",
  title: "Propriétaires",
  permission: "landlords.read",
  async render({ root, me, navigate }) {
    const content = h("div", null, h("p", { "aria-busy": "true" }, "Chargement…"));
    const search = h("input", {
      type: "search",
      id: "landlords-q",
      "aria-label": "Rechercher un propriétaire",
    });
    let form: HTMLFormElement | null = null;
    if (can(me, "landlords.write")) {
      form = h(
        "form",
        { "aria-label": "Nouveau propriétaire" },
        formAlert(),
        landlordFields(),
        submitButton("Enregistrer le propriétaire"),
      );
      bindForm(
        form,
        LandlordInput,
        async (body) => {
          const created = await api.post<Landlord>("/api/landlords", body);
          announce("Propriétaire enregistré.");
          navigate(`/proprietaires/${encodeURIComponent(created.id)}`);
        },
        (values) => landlordBody(values, false),
      );
    }
    mount(
      root,
      h("h1", null, "Propriétaires"),
      h(
        "p",
        { class: "actions" },
        h("label", { for: "landlords-q" }, "Rechercher"),
        search,
        can(me, "mandates.read")
          ? h("a", { class: "button", href: "/mandats", "data-link": true }, "Mandats de gestion")
          : null,
      ),
      content,
      form ? h("details", { class: "card" }, h("summary", null, "Nouveau propriétaire"), form) : null,
    );
    let landlords: Landlord[] = [];
    const draw = () => {
      const key = fold(search.value);
      const rows = landlords.filter(
        (landlord) =>
          !key ||
          fold(`${landlord.displayName} ${landlord.email ?? ""} ${landlord.reference ?? ""}`).includes(key),
      );
      mount(
        content,
        table<Landlord>(
          `${rows.length} propriétaire(s)`,
          [
            {
              header: "Propriétaire",
              cell: (l) =>
                h(
                  "a",
                  { href: `/proprietaires/${encodeURIComponent(l.id)}`, "data-link": true },
                  l.displayName,
                ),
            },
            { header: "Type", cell: (l) => label(landlordKindLabels, l.kind) },
            { header: "Contact", cell: (l) => [l.email, l.phone].filter(Boolean).join(" · ") || "—" },
            { header: "IBAN", cell: (l) => (l.hasIban ? (l.ibanMasked ?? "enregistré") : "non renseigné") },
          ],
          rows,
          "Aucun propriétaire ne correspond.",
        ),
      );
    };
    search.addEventListener("input", draw);
    try {
      landlords = (await fetchAllPages<Landlord>("/api/landlords")).sort((a, b) =>
        a.displayName.localeCompare(b.displayName, "fr"),
      );
      draw();
    } catch (error) {
      mount(content, loadError(error, "Propriétaires"));
    }
  },
};

/** Accents and case folded, for searching names. */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/œ/gi, "oe")
    .replace(/æ/gi, "ae")
    .toLowerCase()
    .trim();
}

export const landlordPage: Page = {
  path: "/proprietaires/:id",
  title: "Propriétaire",
  permission: "landlords.read",
  async render(context) {
    const { root, params, me, navigate } = context;
    const id = encodeURIComponent(params.id!);
    let landlord: Landlord;
    let units: Unit[];
    let mandates: Mandate[];
    try {
      [landlord, units, mandates] = await Promise.all([
        api.get<Landlord>(`/api/landlords/${id}`),
        fetchAllPages<Unit>(`/api/units${query({ landlordId: params.id })}`),
        can(me, "mandates.read")
          ? fetchAllPages<Mandate>(`/api/mandates${query({ landlordId: params.id })}`)
          : Promise.resolve([]),
      ]);
    } catch (error) {
      mount(root, h("h1", null, "Propriétaire"), loadError(error, "Propriétaire"));
      return;
    }
    document.title = `${landlord.displayName} — Back office logement`;
    let editSection: HTMLElement | null = null;
    if (can(me, "landlords.write")) {
      const form = h(
        "form",
        { "aria-label": "Modifier le propriétaire" },
        formAlert(),
        landlordFields(landlord),
        submitButton("Enregistrer"),
      );
      bindForm(
        form,
        LandlordPatch,
        async (body) => {
          await api.patch(`/api/landlords/${id}`, body);
          announce("Propriétaire enregistré.");
          await landlordPage.render(context);
        },
        (values) => landlordBody(values, landlord.hasIban),
      );
      const remove = dangerAction({
        label: "Supprimer ce propriétaire",
        confirm: `Supprimer ${landlord.displayName} ? Seul un propriétaire sans logement ni contrat peut l'être.`,
        run: async () => {
          await api.delete(`/api/landlords/${id}`);
          announce("Propriétaire supprimé.");
          navigate("/proprietaires");
        },
      });
      editSection = h(
        "details",
        { class: "card" },
        h("summary", null, "Modifier ou supprimer"),
        form,
        remove,
      );
    }
    mount(
      root,
      h("p", null, h("a", { href: "/proprietaires", "data-link": true }, "← Propriétaires")),
      h("h1", null, landlord.displayName),
      section(
        "Coordonnées",
        h(
          "dl",
          null,
          h("dt", null, "Type"),
          h("dd", null, label(landlordKindLabels, landlord.kind)),
          h("dt", null, "Contact"),
          h("dd", null, [landlord.email, landlord.phone].filter(Boolean).join(" · ") || "—"),
          h("dt", null, "Adresse postale"),
          h("dd", null, landlord.postalAddress ?? "—"),
          h("dt", null, "IBAN"),
          h("dd", null, landlord.hasIban ? (landlord.ibanMasked ?? "enregistré") : "non renseigné"),
        ),
      ),
      section(
        "Logements",
        table<Unit>(
          `${units.length} logement(s)`,
          [
            {
              header: "Logement",
              cell: (u) =>
                h(
                  "a",
                  { href: `/parc/logements/${encodeURIComponent(u.id)}`, "data-link": true },
                  unitTitle(u),
                ),
            },
            { header: "Étape", cell: (u) => label(unitStatusLabels, u.status) },
            { header: "Formule", cell: (u) => label(captureFormulaLabels, u.captureFormula) },
            { header: "Loyer", cell: (u) => formatEuros(u.rentCents), numeric: true },
          ],
          units,
          "Aucun logement à son nom.",
        ),
      ),
      can(me, "mandates.read") ? section("Mandats de gestion", mandateTable(mandates, units)) : null,
      editSection,
    );
  },
};

export const captureFormulaLabels: Record<string, string> = {
  head_lease: "Bail principal (sous-location)",
  sliding_lease: "Bail glissant",
  management_mandate: "Mandat de gestion",
  direct_lease: "Bail direct",
};

function mandateTable(mandates: Mandate[], units: Unit[]): HTMLElement {
  const unitById = new Map(units.map((unit) => [unit.id, unit]));
  return table<Mandate>(
    `${mandates.length} mandat(s)`,
    [
      { header: "N°", cell: (m) => String(m.number), numeric: true },
      {
        header: "Logement",
        cell: (m) => (unitById.get(m.unitId) ? unitTitle(unitById.get(m.unitId)!) : "—"),
      },
      { header: "Période", cell: (m) => `du ${formatDate(m.startDate)} au ${formatDate(m.endDate)}` },
      {
        header: "Honoraires",
        cell: (m) => `${formatNumber(m.managementFeeBasisPoints / 100)} %`,
        numeric: true,
      },
      {
        header: "Statut",
        cell: (m) => h("span", { "data-mandate-status": m.status }, label(mandateStatusLabels, m.status)),
      },
      {
        header: "Document",
        cell: (m) =>
          m.signedDocumentUrl || m.documentUrl
            ? h(
                "a",
                { href: (m.signedDocumentUrl ?? m.documentUrl)!, download: "" },
                m.signedDocumentUrl ? "Mandat signé (PDF)" : "Mandat (PDF)",
              )
            : "—",
      },
    ],
    mandates,
    "Aucun mandat.",
  );
}

export const mandatesPage: Page = {
  path: "/mandats",
  title: "Mandats de gestion",
  permission: "mandates.read",
  async render(context) {
    const { root, me, config } = context;
    let mandates: Mandate[];
    let units: Unit[];
    let landlords: Landlord[];
    try {
      [mandates, units, landlords] = await Promise.all([
        fetchAllPages<Mandate>("/api/mandates"),
        fetchAllPages<Unit>("/api/units?captureFormula=management_mandate"),
        fetchAllPages<Landlord>("/api/landlords"),
      ]);
    } catch (error) {
      mount(root, h("h1", null, "Mandats de gestion"), loadError(error, "Mandats"));
      return;
    }
    const landlordName = new Map(landlords.map((landlord) => [landlord.id, landlord.displayName]));
    const live = new Set(
      mandates.filter((m) => m.status === "awaiting_signature" || m.status === "signed").map((m) => m.unitId),
    );
    const withoutMandate = units.filter(
      (unit) =>
        unit.captureFormula === "management_mandate" && !live.has(unit.id) && unit.status !== "withdrawn",
    );
    const forms = can(me, "mandates.write")
      ? withoutMandate.map((unit) =>
          mandateForm(unit, landlords, config.today, async () => {
            await mandatesPage.render(context);
          }),
        )
      : [];
    mount(
      root,
      h("h1", null, "Mandats de gestion"),
      can(me, "mandates.write")
        ? section(
            `Logements en mandat de gestion sans mandat (${withoutMandate.length})`,
            ...(forms.length
              ? forms
              : [h("p", { class: "empty" }, "Tous les logements en mandat de gestion ont leur mandat.")]),
          )
        : null,
      section(
        "Mandats",
        table<Mandate>(
          `${mandates.length} mandat(s)`,
          [
            { header: "N°", cell: (m) => String(m.number), numeric: true },
            {
              header: "Propriétaire",
              cell: (m) =>
                h(
                  "a",
                  { href: `/proprietaires/${encodeURIComponent(m.landlordId)}`, "data-link": true },
                  landlordName.get(m.landlordId) ?? "—",
                ),
            },
            {
              header: "Logement",
              cell: (m) => {
                const unit = units.find((u) => u.id === m.unitId);
                return unit ? unitTitle(unit) : "—";
              },
            },
            { header: "Période", cell: (m) => `du ${formatDate(m.startDate)} au ${formatDate(m.endDate)}` },
            {
              header: "Statut",
              cell: (m) =>
                h("span", { "data-mandate-status": m.status }, label(mandateStatusLabels, m.status)),
            },
          ],
          [...mandates].sort((a, b) => b.number - a.number),
          "Aucun mandat.",
        ),
      ),
    );
  },
};

/** A mandate for one flat: landlord (the flat's by default), start, duration, fees and the pack. */
function mandateForm(
  unit: Unit,
  landlords: Landlord[],
  today: string,
  done: () => Promise<void>,
): HTMLElement {
  const form = h(
    "form",
    { "aria-label": `Mandat — ${unitTitle(unit)}` },
    formAlert(),
    h(
      "div",
      { class: "form-grid" },
      field({
        name: "landlordId",
        label: "Mandant (propriétaire)",
        options: landlords
          .map((landlord) => ({ value: landlord.id, label: landlord.displayName }))
          .sort((a, b) => a.label.localeCompare(b.label, "fr")),
        value: unit.landlordId,
        hint: "Vide : le propriétaire du logement ou de l'immeuble.",
      }),
      field({ name: "startDate", label: "Début du mandat", type: "date", required: true, value: today }),
      field({
        name: "durationMonths",
        label: "Durée (mois)",
        type: "number",
        required: true,
        value: 36,
        hint: "Loi Hoguet : une durée déterminée.",
      }),
      field({
        name: "managementFeeBasisPoints",
        label: "Honoraires de gestion (% des loyers encaissés)",
        type: "number",
        required: true,
        value: 7,
        attrs: { step: "any" },
      }),
    ),
    fieldset(
      "Garanties proposées au propriétaire",
      h(
        "div",
        { class: "form-grid" },
        field({ name: "guarantee", label: "Garantie des loyers impayés", type: "checkbox", value: true }),
        field({
          name: "guaranteeCeiling",
          label: "Plafond de la garantie (€)",
          type: "euros",
          value: 500_000,
        }),
        field({ name: "guaranteeMonths", label: "Durée de la garantie (mois)", type: "number", value: 18 }),
        field({ name: "repairAid", label: "Aide aux réparations", type: "checkbox", value: true }),
        field({
          name: "repairAidCeiling",
          label: "Plafond de l'aide aux réparations (€)",
          type: "euros",
          value: 150_000,
        }),
        field({
          name: "pack.socialWatch",
          label: "Suivi social du locataire",
          type: "checkbox",
          value: true,
        }),
      ),
    ),
    submitButton("Créer le mandat (à signer par le propriétaire)"),
  );
  for (const [from, to] of [
    ["guaranteeCeiling", "pack.unpaidRentGuarantee.ceilingCents"],
    ["guaranteeMonths", "pack.unpaidRentGuarantee.months"],
    ["repairAidCeiling", "pack.repairAid.ceilingCents"],
  ])
    form.querySelector(`[data-field="${from}"]`)?.setAttribute("data-field", to!);
  bindForm(
    form,
    CreateMandateBody,
    async (body) => {
      const mandate = await api.post<Mandate>("/api/mandates", body);
      announce(`Mandat n° ${mandate.number} créé : le propriétaire le signe depuis son espace.`);
      await done();
    },
    (values) => ({
      unitId: unit.id,
      landlordId: values.landlordId,
      startDate: values.startDate,
      durationMonths: values.durationMonths,
      managementFeeBasisPoints:
        typeof values.managementFeeBasisPoints === "number"
          ? Math.round(values.managementFeeBasisPoints * 100)
          : values.managementFeeBasisPoints,
      scope: DEFAULT_MANDATE_SCOPE,
      pack: {
        unpaidRentGuarantee: values.guarantee
          ? { ceilingCents: values.guaranteeCeiling, months: values.guaranteeMonths }
          : null,
        repairAid: values.repairAid ? { ceilingCents: values.repairAidCeiling } : null,
        socialWatch: values["pack.socialWatch"],
      },
    }),
  );
  return h(
    "details",
    { class: "card", "data-testid": "unit-without-mandate" },
    h(
      "summary",
      null,
      `${unitTitle(unit)} — ${label(unitStatusLabels, unit.status).toLowerCase()}, loyer ${formatEuros(unit.rentCents)}`,
    ),
    form,
  );
}
