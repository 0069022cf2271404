import {
  ChoicesSchema,
  CreatePersonBody,
  type PersonSchema,
  UpdatePersonBody,
} from "../../../server/modules/persons/persons.schemas";
import type { z } from "zod";
import { api } from "../lib/api";
import { announce, h, mount } from "../lib/dom";
import { bindForm, field, fieldset, formAlert, submitButton } from "../lib/forms";
import { typologyLabels } from "../lib/format";
import type { Page } from "../lib/router";
import { loadError } from "../lib/ui";
import { loadNeighbourhoods } from "../map/data";

/**
 * A person's file: identity, household, monthly resources (typed in euros), day 1 of the
 * programme, and their housing choices (wanted and excluded neighbourhoods, typology, floor,
 * accessibility…). Creation (POST /api/persons) and edition (PATCH /api/persons/{id} then
 * PUT /api/persons/{id}/choices) share the form.
 */
type Choices = z.infer<typeof ChoicesSchema>;
type Person = z.infer<typeof PersonSchema>;

const resourceLabels: [keyof Person["resources"], string][] = [
  ["rsa", "RSA"],
  ["aah", "AAH"],
  ["wages", "Salaires"],
  ["pension", "Pension, retraite"],
  ["other", "Autres ressources"],
];
const typologyOptions = Object.entries(typologyLabels).map(([value, text]) => ({ value, label: text }));

async function neighbourhoodOptions(): Promise<{ value: string; label: string }[]> {
  const collection = await loadNeighbourhoods().catch(() => null);
  return (collection?.features ?? [])
    .map((feature) => ({
      value: String(feature.properties?.id ?? feature.id),
      label: String(feature.properties?.name ?? ""),
    }))
    .sort((a, b) => a.label.localeCompare(b.label, "fr"));
}

function multiSelect(
  name: string,
  label: string,
  options: { value: string; label: string }[],
  chosen: string[],
) {
  const element = field({
    name,
    label,
    options,
    multiple: true,
    hint: "Ctrl ou ⌘ + clic pour en choisir plusieurs",
  });
  const select = element.querySelector("select")!;
  select.size = Math.min(8, Math.max(4, options.length));
  for (const option of Array.from(select.options)) option.selected = chosen.includes(option.value);
  return element;
}

function personFields(today: string, person?: Person): HTMLElement[] {
  return [
    fieldset(
      "Identité",
      h(
        "div",
        { class: "form-grid" },
        field({ name: "firstName", label: "Prénom", required: true, value: person?.firstName }),
        field({ name: "lastName", label: "Nom", required: true, value: person?.lastName }),
        field({ name: "birthDate", label: "Date de naissance", type: "date", value: person?.birthDate }),
        field({ name: "phone", label: "Téléphone", type: "tel", value: person?.phone }),
        field({ name: "email", label: "Adresse électronique", type: "email", value: person?.email }),
        field({
          name: "emailConsent",
          label: "Accepte de recevoir ses avis d'échéance et quittances par courriel",
          type: "checkbox",
          value: person?.emailConsent ?? false,
          hint: "À cocher seulement avec l'accord de la personne ; elle peut le retirer à tout moment.",
        }),
        field({
          name: "entryDate",
          label: "Entrée dans le programme (J1)",
          type: "date",
          required: true,
          value: person?.entryDate ?? today,
          hint: "La rencontre qui suit l'admission : le délai de 8 semaines court à partir de ce jour.",
        }),
      ),
    ),
    fieldset(
      "Ménage et ressources mensuelles",
      h(
        "div",
        { class: "form-grid" },
        field({
          name: "adults",
          label: "Adultes",
          type: "number",
          required: true,
          value: person?.adults ?? 1,
        }),
        field({
          name: "children",
          label: "Enfants",
          type: "number",
          required: true,
          value: person?.children ?? 0,
        }),
        ...resourceLabels.map(([key, text]) =>
          field({
            name: `resources.${key}`,
            label: `${text} (€ / mois)`,
            type: "euros",
            value: person?.resources[key] ?? 0,
          }),
        ),
        field({
          name: "housingBenefitCents",
          label: "Aide au logement attendue (€ / mois)",
          type: "euros",
          value: person?.housingBenefitCents ?? 0,
          hint: "Le montant notifié par la CAF ou la MSA.",
        }),
        field({
          name: "housingBenefitPaidToOperator",
          label: "Aide versée à l'opérateur (tiers payant)",
          type: "checkbox",
          value: person?.housingBenefitPaidToOperator ?? true,
        }),
      ),
    ),
  ];
}

function choicesFields(
  neighbourhoods: { value: string; label: string }[],
  choices: Choices | null,
): HTMLElement {
  return fieldset(
    "Choix de logement",
    h(
      "div",
      { class: "form-grid" },
      multiSelect(
        "choices.wantedNeighbourhoodIds",
        "Quartiers souhaités",
        neighbourhoods,
        choices?.wantedNeighbourhoodIds ?? [],
      ),
      multiSelect(
        "choices.excludedNeighbourhoodIds",
        "Quartiers exclus",
        neighbourhoods,
        choices?.excludedNeighbourhoodIds ?? [],
      ),
      field({
        name: "choices.typologyMin",
        label: "Typologie minimale",
        options: typologyOptions,
        value: choices?.typologyMin,
      }),
      field({
        name: "choices.typologyMax",
        label: "Typologie maximale",
        options: typologyOptions,
        value: choices?.typologyMax,
      }),
      field({
        name: "choices.highestFloorWithoutLift",
        label: "Étage le plus haut sans ascenseur",
        type: "number",
        value: choices?.highestFloorWithoutLift,
        hint: "Vide : indifférent ; 0 : rez-de-chaussée seulement.",
      }),
      field({
        name: "choices.wantsFurnished",
        label: "Meublé",
        options: [
          { value: "true", label: "Souhaité" },
          { value: "false", label: "Non souhaité" },
        ],
        value:
          choices?.wantsFurnished === null || choices?.wantsFurnished === undefined
            ? ""
            : String(choices.wantsFurnished),
      }),
      field({
        name: "choices.needsWheelchairAccess",
        label: "Accès en fauteuil nécessaire",
        type: "checkbox",
        value: choices?.needsWheelchairAccess ?? false,
      }),
      field({
        name: "choices.needsStepFree",
        label: "Sans marche nécessaire",
        type: "checkbox",
        value: choices?.needsStepFree ?? false,
      }),
      field({
        name: "choices.hasPets",
        label: "Animal de compagnie",
        type: "checkbox",
        value: choices?.hasPets ?? false,
      }),
      field({
        name: "choices.notes",
        label: "Précisions sur le logement souhaité",
        type: "textarea",
        value: choices?.notes,
        hint: "Préférences de logement uniquement : aucune donnée médicale.",
      }),
    ),
  );
}

/** Form values → the person part of the body (resources nested, cents already read by the form). */
function personBody(values: Record<string, unknown>) {
  const resources: Record<string, unknown> = {};
  for (const [key] of resourceLabels) resources[key] = values[`resources.${key}`] ?? 0;
  return {
    firstName: values.firstName,
    lastName: values.lastName,
    birthDate: values.birthDate ?? null,
    phone: values.phone ?? null,
    email: values.email ?? null,
    emailConsent: values.emailConsent === true,
    adults: values.adults,
    children: values.children,
    resources,
    housingBenefitCents: values.housingBenefitCents ?? 0,
    housingBenefitPaidToOperator: values.housingBenefitPaidToOperator,
    entryDate: values.entryDate,
  };
}

function choicesBody(values: Record<string, unknown>, places: Choices["placesThatMatter"]) {
  const furnished = values["choices.wantsFurnished"];
  return {
    wantedNeighbourhoodIds: values["choices.wantedNeighbourhoodIds"] ?? [],
    excludedNeighbourhoodIds: values["choices.excludedNeighbourhoodIds"] ?? [],
    placesThatMatter: places,
    typologyMin: values["choices.typologyMin"] ?? null,
    typologyMax: values["choices.typologyMax"] ?? null,
    highestFloorWithoutLift: values["choices.highestFloorWithoutLift"] ?? null,
    needsWheelchairAccess: values["choices.needsWheelchairAccess"],
    needsStepFree: values["choices.needsStepFree"],
    wantsFurnished: furnished === undefined ? null : furnished === "true",
    hasPets: values["choices.hasPets"],
    notes: values["choices.notes"] ?? null,
  };
}

export const newPersonPage: Page = {
  path: "/personnes/nouvelle",
  title: "Nouvelle personne",
  permission: "persons.write",
  async render({ root, config, navigate }) {
    const neighbourhoods = await neighbourhoodOptions();
    const form = h(
      "form",
      { "aria-label": "Nouvelle personne" },
      formAlert(),
      ...personFields(config.today),
      choicesFields(neighbourhoods, null),
      submitButton("Enregistrer la personne"),
    );
    bindForm(
      form,
      CreatePersonBody,
      async (body) => {
        const created = await api.post<Person>("/api/persons", body);
        announce("Personne enregistrée.");
        navigate(`/personnes/${encodeURIComponent(created.id)}`);
      },
      (values) => ({ ...personBody(values), choices: choicesBody(values, []) }),
    );
    mount(
      root,
      h("p", null, h("a", { href: "/personnes", "data-link": true }, "← Personnes et propositions")),
      h("h1", null, "Nouvelle personne"),
      form,
    );
  },
};

export const editPersonPage: Page = {
  path: "/personnes/:id/modifier",
  title: "Modifier la personne",
  permission: "persons.write",
  async render({ root, params, config, navigate }) {
    const id = encodeURIComponent(params.id!);
    let person: Person;
    let neighbourhoods: { value: string; label: string }[];
    try {
      [person, neighbourhoods] = await Promise.all([
        api.get<Person>(`/api/persons/${id}`),
        neighbourhoodOptions(),
      ]);
    } catch (error) {
      mount(root, h("h1", null, "Modifier la personne"), loadError(error, "Personne"));
      return;
    }
    const places = person.choices?.placesThatMatter ?? [];
    const form = h(
      "form",
      { "aria-label": `Dossier de ${person.firstName} ${person.lastName}` },
      formAlert(),
      ...personFields(config.today, person),
      choicesFields(neighbourhoods, person.choices),
      places.length > 0
        ? h(
            "p",
            { class: "hint" },
            `Lieux importants conservés : ${places.map((place) => `${place.label} (${String(place.maxDistanceKm).replace(".", ",")} km)`).join(", ")}.`,
          )
        : null,
      submitButton("Enregistrer les modifications"),
    );
    const Body = UpdatePersonBody.extend({ choices: ChoicesSchema });
    bindForm(
      form,
      Body,
      async ({ choices, ...changes }) => {
        await api.patch(`/api/persons/${id}`, changes);
        await api.put(`/api/persons/${id}/choices`, choices);
        announce("Dossier enregistré.");
        navigate(`/personnes/${id}`);
      },
      (values) => ({ ...personBody(values), choices: choicesBody(values, places) }),
    );
    mount(
      root,
      h(
        "p",
        null,
        h("a", { href: `/personnes/${id}`, "data-link": true }, `← ${person.firstName} ${person.lastName}`),
      ),
      h("h1", null, `Modifier le dossier de ${person.firstName} ${person.lastName}`),
      form,
    );
  },
};
