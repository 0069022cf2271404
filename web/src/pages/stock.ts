import type * as maplibregl from "maplibre-gl";
import { parseEuros } from "../../../server/lib/money";
import { BuildingInput, BuildingPatch } from "../../../server/modules/buildings/buildings.schemas";
import { DECENCY_CRITERIA, DECENCY_CRITERION_LABELS } from "../../../server/modules/units/decency.rules";
import { isDeletableStatus, type UnitStatus } from "../../../server/modules/units/pipeline.rules";
import type { Landlord as LandlordSchema } from "../../../server/modules/landlords/landlords.schemas";
import {
  type Transition as TransitionSchema,
  TransitionInput,
  UnitInput,
  type Unit as UnitSchema,
  UnitPatch,
} from "../../../server/modules/units/units.schemas";
import type { z } from "zod";
import { api } from "../lib/api";
import { fetchAllPages } from "../lib/pagination";
import { announce, h, mount } from "../lib/dom";
import { bindForm, field, fieldset, formAlert, submitButton } from "../lib/forms";
import {
  formatDate,
  formatDateTime,
  formatEuros,
  formatNumber,
  formatPercent,
  label,
  typologyLabels,
  unitStatusLabels,
} from "../lib/format";
import type { Page } from "../lib/router";
import { dangerAction, loadError, section, table } from "../lib/ui";
import { type Building, loadBuildings, loadMapBuildings, loadNeighbourhoods } from "../map/data";
import { mapLegend } from "../map/legend";
import { type AddressCandidate, addressSearch } from "../map/address-search";
import { bboxOf, createMap } from "../map/map";

/**
 * The stock editor (server/modules/{buildings,units,landlords}): buildings created by clicking
 * their location on the map, their units, the capture pipeline offering only the allowed next
 * states (GET /api/units/{id} → allowedTransitions), and the scatter headroom (20% cap,
 * cahier des charges §9.4) shown before any reservation.
 */
type Unit = z.infer<typeof UnitSchema>;
type Transition = z.infer<typeof TransitionSchema>;
type Landlord = z.infer<typeof LandlordSchema>;

export const captureFormulaLabels: Record<string, string> = {
  head_lease: "Bail principal (sous-location)",
  sliding_lease: "Bail glissant",
  management_mandate: "Mandat de gestion",
  direct_lease: "Bail direct",
};
const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, text]) => ({ value, label: text }));

/** "450,50" → 45050 cents; an unreadable amount is reported next to its field by the schema. */
function euros(value: unknown): number | undefined {
  if (value === undefined || value === "") return undefined;
  try {
    return parseEuros(String(value));
  } catch {
    return Number.NaN;
  }
}
const numberOrUndefined = (value: unknown) =>
  value === undefined || value === "" ? undefined : Number(value);
const inputOf = (container: HTMLElement) => container.querySelector("input") as HTMLInputElement;

export function headroomText(scatter: Building["scatter"]): string {
  return `${scatter.programmeUnits} logement(s) du programme sur ${scatter.totalDwellings} (${formatPercent(
    scatter.shareBasisPoints / 10_000,
  )}) ; plafond ${scatter.maxProgrammeUnits} ; marge ${scatter.headroom}${
    scatter.viaSmallBuildingException ? " (exception petit immeuble)" : ""
  }`;
}

async function landlordOptions(): Promise<{ value: string; label: string }[]> {
  try {
    const items = await fetchAllPages<Landlord>("/api/landlords");
    return items
      .map((landlord) => ({ value: landlord.id, label: landlord.displayName }))
      .sort((a, b) => a.label.localeCompare(b.label, "fr"));
  } catch {
    return [];
  }
}

/** The building's fields, filled with its values when editing. */
function buildingFields(
  landlords: { value: string; label: string }[],
  building?: Building,
): { fields: HTMLElement[]; lng: HTMLElement; lat: HTMLElement } {
  const lng = field({
    name: "lng",
    label: "Longitude",
    type: "number",
    required: true,
    value: building?.lng,
    attrs: { step: "any" },
  });
  const lat = field({
    name: "lat",
    label: "Latitude",
    type: "number",
    required: true,
    value: building?.lat,
    attrs: { step: "any" },
  });
  return {
    lng,
    lat,
    fields: [
      field({ name: "street", label: "Adresse (numéro et voie)", required: true, value: building?.street }),
      field({
        name: "postcode",
        label: "Code postal",
        required: true,
        value: building?.postcode,
        attrs: { inputmode: "numeric", autocomplete: "postal-code" },
      }),
      field({ name: "city", label: "Commune", required: true, value: building?.city ?? "Dijon" }),
      field({
        name: "inseeCode",
        label: "Code INSEE de la commune",
        value: building ? building.inseeCode : "21231",
      }),
      field({
        name: "banId",
        label: "Clé BAN de l'adresse",
        value: building?.banId,
        hint: "Remplie par la recherche d'adresse ; vide pour un point placé à la main.",
      }),
      lng,
      lat,
      field({
        name: "totalDwellings",
        label: "Nombre total de logements de l'immeuble",
        type: "number",
        required: true,
        value: building?.totalDwellings,
        hint: "Tous les logements, du programme ou non : la règle des 20 % s'applique à ce total.",
        attrs: { min: 1 },
      }),
      field({
        name: "yearBuilt",
        label: "Année de construction",
        type: "number",
        value: building?.yearBuilt,
      }),
      field({ name: "reference", label: "Référence interne", value: building?.reference }),
      field({
        name: "landlordId",
        label: "Propriétaire de l'immeuble entier (s'il est unique)",
        options: landlords,
        value: building?.landlordId,
      }),
      field({
        name: "hasElevator",
        label: "Ascenseur",
        type: "checkbox",
        value: building?.hasElevator ?? false,
      }),
    ],
  };
}

const buildingBody = (values: Record<string, unknown>) => ({
  ...values,
  lng: numberOrUndefined(values.lng),
  lat: numberOrUndefined(values.lat),
  inseeCode: values.inseeCode ?? null,
  banId: values.banId ?? null,
  yearBuilt: values.yearBuilt ?? null,
  reference: values.reference ?? null,
  landlordId: values.landlordId ?? null,
});

export const stockPage: Page = {
  path: "/parc",
  title: "Parc de logements",
  permission: "stock.write",
  async render({ root, navigate, config }) {
    const mapBox = h("div", { class: "map", id: "map" });
    const list = h("div", null, h("p", { "aria-busy": "true" }, "Chargement…"));
    const landlords = await landlordOptions();
    const { fields, lng, lat } = buildingFields(landlords);
    const form = h(
      "form",
      { "aria-label": "Nouvel immeuble" },
      formAlert(),
      h(
        "p",
        { class: "hint" },
        "Cherchez l'adresse dans la Base Adresse Nationale (ou cliquez sur la carte à l'emplacement de l'immeuble), puis complétez la fiche.",
      ),
      addressSearch({
        label: "Rechercher l'adresse (BAN)",
        enabled: config.geocoder !== false,
        onChoose: (candidate) => placeAt(candidate),
      }),
      h("div", { class: "form-grid" }, fields),
      submitButton("Créer l'immeuble"),
    );
    mount(
      root,
      h("h1", null, "Parc de logements"),
      h(
        "p",
        { class: "actions" },
        h("a", { href: "/parc/import", "data-link": true, class: "button" }, "Importer un fichier CSV"),
      ),
      h("div", { class: "map-layout" }, mapBox, mapLegend()),
      section("Nouvel immeuble", form),
      section("Immeubles", list),
    );
    const appMap = createMap(mapBox, { styleUrl: config.mapStyleUrl, attribution: config.mapAttribution });
    let marker: maplibregl.Marker | null = null;
    // a BAN address fills the address, the commune's INSEE code and the point, and shows it
    const placeAt = async (candidate: AddressCandidate) => {
      const set = (name: string, value: string) => {
        const input = form.querySelector<HTMLInputElement>(`[name="${name}"]`);
        if (input) input.value = value;
      };
      set("street", candidate.street);
      set("postcode", candidate.postcode);
      set("city", candidate.city);
      set("inseeCode", candidate.inseeCode ?? "");
      set("banId", candidate.banId ?? "");
      inputOf(lng).value = candidate.lng.toFixed(6);
      inputOf(lat).value = candidate.lat.toFixed(6);
      const { Marker } = await import("maplibre-gl");
      marker?.remove();
      marker = new Marker({ color: "#b45309" }).setLngLat([candidate.lng, candidate.lat]).addTo(appMap.map);
      appMap.map.jumpTo({ center: [candidate.lng, candidate.lat], zoom: Math.max(appMap.map.getZoom(), 16) });
    };
    appMap.map.on("click", async (event) => {
      const hit = appMap.map.queryRenderedFeatures(event.point, { layers: ["buildings"] })[0];
      if (hit) return navigate(`/parc/immeubles/${encodeURIComponent(String(hit.properties.id))}`);
      inputOf(lng).value = event.lngLat.lng.toFixed(6);
      inputOf(lat).value = event.lngLat.lat.toFixed(6);
      // a point placed by hand is no longer the BAN address that was chosen
      const banId = form.querySelector<HTMLInputElement>('input[name="banId"]');
      if (banId) banId.value = "";
      const { Marker } = await import("maplibre-gl");
      marker?.remove();
      marker = new Marker({ color: "#b45309" }).setLngLat(event.lngLat).addTo(appMap.map);
      form.querySelector<HTMLInputElement>('input[name="street"]')?.focus();
    });
    bindForm(
      form,
      BuildingInput,
      async (body) => {
        const created = await api.post<Building>("/api/buildings", body);
        navigate(`/parc/immeubles/${encodeURIComponent(created.id)}`);
      },
      buildingBody,
    );
    try {
      const [buildings, mapBuildings, neighbourhoods] = await Promise.all([
        loadBuildings(),
        loadMapBuildings(),
        loadNeighbourhoods(),
      ]);
      if (neighbourhoods) appMap.setNeighbourhoods(neighbourhoods);
      if (mapBuildings) appMap.setBuildings(mapBuildings);
      const extent = (neighbourhoods && bboxOf(neighbourhoods)) || (mapBuildings && bboxOf(mapBuildings));
      void appMap.loaded.then(() => extent && appMap.fitTo(extent));
      const rows = [...(buildings ?? [])].sort((a, b) => a.street.localeCompare(b.street, "fr"));
      mount(
        list,
        table<Building>(
          `${rows.length} immeuble(s)`,
          [
            {
              header: "Adresse",
              cell: (b) =>
                h(
                  "a",
                  { href: `/parc/immeubles/${encodeURIComponent(b.id)}`, "data-link": true },
                  `${b.street}, ${b.city}`,
                ),
            },
            { header: "Quartier", cell: (b) => b.neighbourhood?.name ?? "—" },
            { header: "Logements", cell: (b) => String(b.totalDwellings), numeric: true },
            { header: "Programme", cell: (b) => String(b.scatter.programmeUnits), numeric: true },
            {
              header: "Part",
              cell: (b) => formatPercent(b.scatter.shareBasisPoints / 10_000),
              numeric: true,
            },
            { header: "Marge (20 %)", cell: (b) => String(b.scatter.headroom), numeric: true },
          ],
          rows,
        ),
      );
    } catch (error) {
      mount(list, loadError(error, "Immeubles"));
    }
    await appMap.idle();
    window.__mapReady = true;
    return () => appMap.remove();
  },
};

/** The unit's descriptive fields (creation and edition). */
function unitFields(unit?: Unit): HTMLElement[] {
  const amount = (cents: number | undefined) =>
    cents === undefined ? undefined : (cents / 100).toFixed(2).replace(".", ",");
  return [
    field({ name: "reference", label: "Référence", value: unit?.reference }),
    field({
      name: "typology",
      label: "Typologie",
      required: true,
      options: options(typologyLabels),
      value: unit?.typology,
    }),
    field({
      name: "floor",
      label: "Étage (0 : rez-de-chaussée)",
      type: "number",
      required: true,
      value: unit?.floor ?? 0,
    }),
    field({
      name: "surfaceM2",
      label: "Surface (m²)",
      type: "number",
      required: true,
      value: unit?.surfaceM2,
      attrs: { step: "0.1" },
    }),
    field({
      name: "rooms",
      label: "Pièces principales",
      type: "number",
      required: true,
      value: unit?.rooms ?? 1,
    }),
    field({
      name: "rent",
      label: "Loyer hors charges (€ / mois)",
      required: true,
      value: amount(unit?.rentCents),
      attrs: { inputmode: "decimal" },
    }),
    field({
      name: "charges",
      label: "Charges (€ / mois)",
      value: amount(unit?.chargesCents) ?? "0",
      attrs: { inputmode: "decimal" },
    }),
    field({
      name: "energyClass",
      label: "Classe énergie (DPE)",
      value: unit?.energyClass,
      options: "ABCDEFG".split("").map((c) => ({ value: c, label: c })),
    }),
    field({
      name: "energyDiagnosisDate",
      label: "Date du DPE",
      type: "date",
      value: unit?.energyDiagnosisDate,
    }),
    field({
      name: "availableFrom",
      label: "Disponible à partir du",
      type: "date",
      value: unit?.availableFrom,
    }),
    field({ name: "furnished", label: "Meublé", type: "checkbox", value: unit?.furnished ?? false }),
    field({
      name: "wheelchairAccessible",
      label: "Accessible en fauteuil",
      type: "checkbox",
      value: unit?.wheelchairAccessible ?? false,
    }),
    field({ name: "stepFree", label: "Sans marche", type: "checkbox", value: unit?.stepFree ?? false }),
  ];
}

function unitBody(values: Record<string, unknown>): Record<string, unknown> {
  const { rent, charges, ...rest } = values;
  return {
    ...rest,
    rentCents: euros(rent),
    chargesCents: euros(charges) ?? 0,
    energyClass: rest.energyClass ?? null,
    energyDiagnosisDate: rest.energyDiagnosisDate ?? null,
    availableFrom: rest.availableFrom ?? null,
    reference: rest.reference ?? null,
  };
}

/** Errors about rentCents/chargesCents land next to the euro fields. */
function euroFieldsAnswerForCents(form: HTMLFormElement): void {
  form.querySelector('[data-field="rent"]')?.setAttribute("data-field", "rentCents");
  form.querySelector('[data-field="charges"]')?.setAttribute("data-field", "chargesCents");
}

export const buildingPage: Page = {
  path: "/parc/immeubles/:id",
  title: "Immeuble",
  permission: "stock.write",
  async render({ root, params, navigate }) {
    const id = encodeURIComponent(params.id!);
    mount(root, h("h1", null, "Immeuble"), h("p", { "aria-busy": "true" }, "Chargement…"));
    let building: Building;
    let units: Unit[];
    let landlords: { value: string; label: string }[];
    try {
      [building, units, landlords] = await Promise.all([
        api.get<Building>(`/api/buildings/${id}`),
        fetchAllPages<Unit>(`/api/units?buildingId=${id}`),
        landlordOptions(),
      ]);
    } catch (error) {
      mount(root, h("h1", null, "Immeuble"), loadError(error, "Immeuble"));
      return;
    }
    const unitForm = h(
      "form",
      { "aria-label": "Nouveau logement" },
      formAlert(),
      h("div", { class: "form-grid" }, unitFields()),
      submitButton("Ajouter le logement"),
    );
    euroFieldsAnswerForCents(unitForm);
    bindForm(
      unitForm,
      UnitInput,
      async (body) => {
        const unit = await api.post<Unit>("/api/units", body);
        navigate(`/parc/logements/${encodeURIComponent(unit.id)}`);
      },
      (values) => ({ ...unitBody(values), buildingId: building.id }),
    );
    const editForm = h(
      "form",
      { "aria-label": "Modifier l'immeuble" },
      formAlert(),
      h("div", { class: "form-grid" }, buildingFields(landlords, building).fields),
      submitButton("Enregistrer l'immeuble"),
    );
    bindForm(
      editForm,
      BuildingPatch,
      async (body) => {
        await api.patch(`/api/buildings/${id}`, body);
        navigate(`/parc/immeubles/${id}`);
      },
      buildingBody,
    );
    mount(
      root,
      h("p", null, h("a", { href: "/parc", "data-link": true }, "← Parc de logements")),
      h("h1", null, `${building.street}, ${building.postcode} ${building.city}`),
      section(
        "Immeuble",
        h(
          "dl",
          null,
          h("dt", null, "Quartier"),
          h(
            "dd",
            null,
            building.neighbourhood
              ? `${building.neighbourhood.name}${building.neighbourhood.isQpv ? " (QPV)" : ""}`
              : building.inseeCode
                ? `hors de tout contour : le plafond de quartier s'applique à sa commune (INSEE ${building.inseeCode})`
                : "hors de tout contour, commune inconnue : renseignez le code INSEE pour que le plafond de quartier s'applique",
          ),
          h("dt", null, "Logements de l'immeuble"),
          h("dd", null, String(building.totalDwellings)),
          h("dt", null, "Ascenseur"),
          h("dd", null, building.hasElevator ? "oui" : "non"),
          h("dt", null, "Règle des 20 %"),
          h(
            "dd",
            { "data-testid": "headroom", class: building.scatter.headroom <= 0 ? "error" : null },
            headroomText(building.scatter),
          ),
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
                  `${label(typologyLabels, u.typology)}${u.reference ? ` (${u.reference})` : ""}`,
                ),
            },
            { header: "Étage", cell: (u) => String(u.floor), numeric: true },
            {
              header: "Loyer + charges",
              cell: (u) => `${formatEuros(u.rentCents)} + ${formatEuros(u.chargesCents)}`,
              numeric: true,
            },
            { header: "Statut", cell: (u) => label(unitStatusLabels, u.status) },
            { header: "Depuis le", cell: (u) => formatDate(u.statusSince) },
          ],
          units,
          "Aucun logement dans cet immeuble.",
        ),
      ),
      section("Nouveau logement", unitForm),
      h(
        "details",
        { class: "card" },
        h("summary", null, "Modifier ou supprimer l'immeuble"),
        editForm,
        units.length === 0
          ? dangerAction({
              label: "Supprimer l'immeuble",
              confirm: `Supprimer l'immeuble ${building.street} ? Il n'a aucun logement.`,
              run: async () => {
                await api.delete(`/api/buildings/${id}`);
                announce("Immeuble supprimé.");
                navigate("/parc");
              },
            })
          : h(
              "p",
              { class: "hint" },
              "Un immeuble qui a encore des logements ne se supprime pas : supprimez ou retirez d'abord ses logements.",
            ),
      ),
    );
  },
};

export const unitPage: Page = {
  path: "/parc/logements/:id",
  title: "Logement",
  permission: "stock.write",
  async render({ root, params, config, navigate }) {
    const id = encodeURIComponent(params.id!);
    const load = async (): Promise<void> => {
      let unit: Unit;
      let history: Transition[];
      try {
        [unit, history] = await Promise.all([
          api.get<Unit>(`/api/units/${id}`),
          fetchAllPages<Transition>(`/api/units/${id}/transitions`),
        ]);
      } catch (error) {
        mount(root, h("h1", null, "Logement"), loadError(error, "Logement"));
        return;
      }
      const decency = h(
        "div",
        { hidden: true, "data-step": "visited" },
        fieldset(
          "Grille de décence (décret 2002-120 : pièce principale ≥ 9 m² sous 2,20 m, ou ≥ 20 m³)",
          h(
            "div",
            { class: "form-grid" },
            field({
              name: "decency.mainRoomSurfaceM2",
              label: "Surface de la pièce principale (m²)",
              type: "number",
              attrs: { step: "0.1" },
            }),
            field({
              name: "decency.ceilingHeightM",
              label: "Hauteur sous plafond (m)",
              type: "number",
              attrs: { step: "0.01" },
            }),
            field({
              name: "decency.surfaceUnder180M2",
              label: "Dont surface sous moins de 1,80 m de plafond (m², non comptée)",
              type: "number",
              attrs: { step: "0.1" },
            }),
            field({
              name: "decency.habitableVolumeM3",
              label: "Volume habitable mesuré (m³, facultatif)",
              type: "number",
              attrs: { step: "0.1" },
            }),
          ),
        ),
        fieldset(
          "Autres critères du décret 2002-120 : chacun constaté, avec sa preuve",
          ...DECENCY_CRITERIA.map((criterion) =>
            h(
              "div",
              { class: "form-grid", "data-criterion": criterion },
              field({
                name: `decency.criteria.${criterion}.met`,
                label: DECENCY_CRITERION_LABELS[criterion],
                type: "checkbox",
              }),
              field({
                name: `decency.criteria.${criterion}.evidence`,
                label: "Preuve (constat, diagnostic, facture)",
              }),
            ),
          ),
        ),
      );
      const formula = h(
        "div",
        { hidden: true, "data-step": "agreed" },
        field({
          name: "captureFormula",
          label: "Formule de captation",
          options: options(captureFormulaLabels),
          value: unit.captureFormula,
        }),
      );
      const scatter = unit.buildingScatter;
      const reserveWarning = h(
        "p",
        { class: "notice notice-error", hidden: true, role: "alert" },
        "Plafond de 20 % atteint dans l'immeuble : aucune réservation possible.",
      );
      const transitionForm = h(
        "form",
        { "aria-label": "Changer le statut" },
        formAlert(),
        h(
          "div",
          { class: "form-grid" },
          field({
            name: "to",
            label: "Nouveau statut",
            required: true,
            // only the states the pipeline allows from here (the API answers 409 otherwise)
            options: unit.allowedTransitions.map((status) => ({
              value: status,
              label: label(unitStatusLabels, status),
            })),
          }),
          field({ name: "date", label: "Date effective", type: "date", required: true, value: config.today }),
          field({ name: "reason", label: "Motif ou commentaire" }),
        ),
        decency,
        formula,
        reserveWarning,
        submitButton("Enregistrer le changement"),
      );
      const toSelect = transitionForm.querySelector<HTMLSelectElement>('select[name="to"]')!;
      const sync = () => {
        decency.hidden = toSelect.value !== "visited";
        formula.hidden = toSelect.value !== "agreed";
        reserveWarning.hidden = !(toSelect.value === "reserved" && scatter.headroom <= 0);
      };
      toSelect.addEventListener("change", sync);
      sync();
      bindForm(
        transitionForm,
        TransitionInput,
        async (body) => {
          await api.post(`/api/units/${id}/transitions`, body);
          await load();
          announce(`Statut enregistré : ${label(unitStatusLabels, body.to)}`);
        },
        (values) => {
          const body: Record<string, unknown> = { to: values.to, date: values.date, reason: values.reason };
          if (values.to === "visited")
            body.decency = {
              mainRoomSurfaceM2: values["decency.mainRoomSurfaceM2"],
              ceilingHeightM: values["decency.ceilingHeightM"],
              surfaceUnder180M2: values["decency.surfaceUnder180M2"] ?? null,
              habitableVolumeM3: values["decency.habitableVolumeM3"] ?? null,
              criteria: Object.fromEntries(
                DECENCY_CRITERIA.map((criterion) => [
                  criterion,
                  {
                    met: values[`decency.criteria.${criterion}.met`] === true,
                    evidence: values[`decency.criteria.${criterion}.evidence`] ?? null,
                  },
                ]),
              ),
            };
          if (values.to === "agreed" && values.captureFormula) body.captureFormula = values.captureFormula;
          return body;
        },
      );
      const editForm = h(
        "form",
        { "aria-label": "Modifier le logement" },
        formAlert(),
        h("div", { class: "form-grid" }, unitFields(unit)),
        submitButton("Enregistrer le logement"),
      );
      euroFieldsAnswerForCents(editForm);
      bindForm(
        editForm,
        UnitPatch,
        async (body) => {
          await api.patch(`/api/units/${id}`, body);
          await load();
        },
        unitBody,
      );
      mount(
        root,
        h(
          "p",
          null,
          h(
            "a",
            { href: `/parc/immeubles/${encodeURIComponent(unit.buildingId)}`, "data-link": true },
            "← Immeuble",
          ),
        ),
        h("h1", null, `${label(typologyLabels, unit.typology)} — ${unit.building.street}`),
        h(
          "p",
          { class: "actions" },
          h(
            "span",
            { class: "badge badge-muted", "data-status": unit.status },
            label(unitStatusLabels, unit.status),
          ),
          ` depuis le ${formatDate(unit.statusSince)} `,
          unit.energyGate.allowedForLeaseStartingToday
            ? null
            : h("span", { class: "badge badge-late" }, unit.energyGate.message ?? "DPE : location interdite"),
        ),
        section(
          "Logement",
          h(
            "dl",
            null,
            h("dt", null, "Surface, pièces, étage"),
            h("dd", null, `${formatNumber(unit.surfaceM2)} m², ${unit.rooms} pièce(s), étage ${unit.floor}`),
            h("dt", null, "Loyer + charges"),
            h("dd", null, `${formatEuros(unit.rentCents)} + ${formatEuros(unit.chargesCents)}`),
            h("dt", null, "DPE"),
            h("dd", null, `${unit.energyClass ?? "—"} (${formatDate(unit.energyDiagnosisDate)})`),
            h("dt", null, "Formule de captation"),
            h("dd", null, label(captureFormulaLabels, unit.captureFormula)),
            h("dt", null, "Marge dans l'immeuble (20 %)"),
            h(
              "dd",
              { class: scatter.headroom <= 0 ? "error" : null, "data-testid": "headroom" },
              headroomText(scatter),
              scatter.headroom <= 0 ? " — aucune réservation possible" : null,
            ),
          ),
        ),
        section(
          "Changer le statut",
          unit.allowedTransitions.length
            ? transitionForm
            : h("p", { class: "empty" }, "Aucun changement de statut possible depuis ce statut."),
        ),
        section(
          "Historique",
          table<Transition>(
            "Changements de statut",
            [
              { header: "Date", cell: (t) => formatDate(t.effectiveDate) },
              { header: "De", cell: (t) => label(unitStatusLabels, t.fromStatus) },
              { header: "Vers", cell: (t) => label(unitStatusLabels, t.toStatus) },
              { header: "Motif", cell: (t) => t.reason ?? "" },
              { header: "Saisi le", cell: (t) => formatDateTime(t.recordedAt) },
            ],
            history,
          ),
        ),
        h(
          "details",
          { class: "card" },
          h("summary", null, "Modifier ou supprimer le logement"),
          editForm,
          isDeletableStatus(unit.status as UnitStatus)
            ? dangerAction({
                label: "Supprimer le logement",
                confirm: "Supprimer ce logement et son historique de prospection ?",
                run: async () => {
                  await api.delete(`/api/units/${id}`);
                  announce("Logement supprimé.");
                  navigate(`/parc/immeubles/${encodeURIComponent(unit.buildingId)}`);
                },
              })
            : h(
                "p",
                { class: "hint" },
                `Un logement capté ne se supprime pas : son historique compte pour la vacance. Pour le rendre à son propriétaire, passez-le au statut « ${label(unitStatusLabels, "withdrawn")} ».`,
              ),
        ),
      );
    };
    await load();
  },
};
