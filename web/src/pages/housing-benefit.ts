import { sourceShortLabel } from "../../../server/modules/housing-benefit/housing-benefit.rules";
import type { z } from "zod";
import {
  CommuneZoneList,
  type HeldCommuneZoneList,
  type HousingBenefitScale,
  ParameterEntryBody,
} from "../../../server/modules/housing-benefit/housing-benefit.schemas";
import type { BenefitFigureSchema } from "../../../server/modules/matching/matching.schemas";
import { api } from "../lib/api";
import { announce, h, mount } from "../lib/dom";
import { bindForm, field, formAlert, submitButton } from "../lib/forms";
import { formatDate, formatEuros, parseFrenchNumber } from "../lib/format";
import type { Page } from "../lib/router";
import { can } from "../lib/session";
import { loadError, section, table } from "../lib/ui";

/**
 * The housing benefit's barème (CCH D. 823-16, arrêté du 27 septembre 2019): each parameter
 * with the value in force and its source, the dated values an admin adds, and the communes'
 * zones for the rent plafonds. The residual-rent estimates of every flat read these.
 */
type Scale = z.infer<typeof HousingBenefitScale>;
type Parameter = Scale["parameters"][number];
type Zones = z.infer<typeof HeldCommuneZoneList>;
type BenefitFigure = z.infer<typeof BenefitFigureSchema>;

const isCoefficient = (key: string) => key.startsWith("degressivity.");

/** A parameter's integer value as a French reader expects it: euros, a percentage or a multiple. */
export function parameterText(key: string, unit: Parameter["unit"], value: number): string {
  if (unit === "cents") return formatEuros(value);
  if (unit === "annual_cents") return `${formatEuros(value)} par an`;
  const number = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 4 });
  if (isCoefficient(key)) return `${number.format(value / 1_000_000)} × le plafond`;
  return `${number.format(value / 10_000)} %`;
}

/** The typed value back to the stored integer (cents, or millionths). */
function parameterValue(key: string, unit: Parameter["unit"], text: string): number {
  const number = parseFrenchNumber(text.replace(/[€%×]/g, "").trim());
  if (number === null) return Number.NaN;
  if (unit !== "ppm") return Math.round(number * 100);
  return Math.round(number * (isCoefficient(key) ? 1_000_000 : 10_000));
}

const UNAVAILABLE: Record<string, string> = {
  zone_unknown: "non estimée : zone de la commune inconnue",
  scale_incomplete: "non estimée : barème incomplet",
};

/** The benefit a figure deducts, saying whether it is the CAF's amount or an estimate. */
export function benefitLabel(benefit: BenefitFigure): string {
  if (benefit.basis === "notified") return `${formatEuros(benefit.cents)} (notification CAF)`;
  if (benefit.basis === "estimate") return `${formatEuros(benefit.cents)} (estimation)`;
  return UNAVAILABLE[benefit.unavailableReason ?? "scale_incomplete"] ?? "non estimée";
}

export const housingBenefitPage: Page = {
  path: "/admin/bareme-aides-logement",
  title: "Barème des aides au logement",
  permission: "organisation.read",
  async render({ root, me, navigate }) {
    let scale: Scale;
    let zones: Zones;
    try {
      [scale, zones] = await Promise.all([
        api.get<Scale>("/api/housing-benefit/scale"),
        api.get<Zones>("/api/housing-benefit/commune-zones"),
      ]);
    } catch (error) {
      mount(root, h("h1", null, "Barème des aides au logement"), loadError(error, "Barème"));
      return;
    }
    const editable = can(me, "organisation.update");
    const byKey = new Map(scale.parameters.map((parameter) => [parameter.key, parameter]));

    const status = h(
      "p",
      { "data-testid": "scale-status", class: scale.complete ? null : "notice" },
      scale.complete
        ? `Barème complet au ${formatDate(scale.date)} : les restes à charge des logements sont calculés avec une estimation de l'aide tant que la notification de la CAF n'est pas enregistrée.`
        : `Barème incomplet au ${formatDate(scale.date)} (${scale.missing.length} valeur(s) manquante(s)) : aucune estimation n'est faite, saisissez les valeurs manquantes avec leur source.`,
    );

    const parametersTable = table<Parameter>(
      "Paramètres en vigueur",
      [
        {
          header: "Paramètre",
          cell: (p) => [h("strong", null, p.label), h("br"), h("small", null, p.article)],
        },
        {
          header: "Valeur",
          numeric: true,
          cell: (p) => (p.inForce ? parameterText(p.key, p.unit, p.inForce.value) : "— à saisir"),
        },
        { header: "Depuis le", cell: (p) => formatDate(p.inForce?.effectiveFrom) },
        {
          header: "Source",
          cell: (p) =>
            p.inForce
              ? [
                  p.inForce.origin === "organisation"
                    ? h("strong", null, "Saisie de l'organisation : ")
                    : null,
                  // the short name fits 390 px; the full reference opens under it (no hover on a phone)
                  h(
                    "details",
                    { class: "source-ref" },
                    h("summary", { title: p.inForce.source }, sourceShortLabel(p.inForce.source)),
                    p.inForce.sourceUrl
                      ? h(
                          "a",
                          { href: p.inForce.sourceUrl, rel: "noopener", target: "_blank" },
                          p.inForce.source,
                        )
                      : p.inForce.source,
                  ),
                ]
              : "—",
        },
      ],
      scale.parameters,
    );

    const form = h(
      "form",
      { "aria-label": "Nouvelle valeur datée du barème" },
      formAlert(),
      field({
        name: "key",
        label: "Paramètre",
        required: true,
        options: scale.parameters.map((p) => ({ value: p.key, label: p.label })),
      }),
      field({ name: "effectiveFrom", label: "En vigueur à partir du", type: "date", required: true }),
      field({
        name: "value",
        label: "Valeur",
        required: true,
        hint: "Un montant en euros (333,14), un taux en % (2,83) ou un coefficient du plafond (2,5).",
      }),
      field({
        name: "source",
        label: "Texte dont vient la valeur",
        required: true,
        hint: "Arrêté, article et Journal officiel, par exemple « Arrêté du … modifiant l'arrêté du 27 septembre 2019, art. 7 ».",
      }),
      submitButton("Enregistrer la valeur"),
    );
    bindForm(
      form,
      ParameterEntryBody,
      async (body) => {
        await api.post("/api/housing-benefit/scale", body);
        announce("Valeur du barème enregistrée.");
        navigate(housingBenefitPage.path);
      },
      (values) => {
        const key = String(values.key ?? "");
        const parameter = byKey.get(key);
        return {
          key,
          effectiveFrom: values.effectiveFrom,
          value: parameter ? parameterValue(key, parameter.unit, String(values.value ?? "")) : Number.NaN,
          source: values.source,
        };
      },
    );

    const zonesCount = h(
      "p",
      { "data-testid": "zones-count" },
      zones.communes.length === 0
        ? "Aucune commune enregistrée : l'aide des logements ne peut pas être estimée."
        : `${zones.communes.length} commune(s) — source : ${zones.source}`,
    );
    const zonesForm = h(
      "form",
      { "aria-label": "Zones des communes" },
      formAlert(),
      field({
        name: "source",
        label: "Texte recopié",
        required: true,
        value:
          zones.source ??
          "Arrêté du 17 mars 1978 modifié relatif au classement des communes par zone géographique",
      }),
      field({
        name: "communes",
        label: "Communes (une par ligne : code INSEE ; nom ; zone I, II ou III)",
        type: "textarea",
        value: zones.communes.map((c) => `${c.inseeCode} ; ${c.name} ; ${c.zone}`).join("\n"),
        attrs: { rows: 6 },
      }),
      submitButton("Enregistrer les zones"),
    );
    bindForm(
      zonesForm,
      CommuneZoneList,
      async (body) => {
        const saved = await api.put<Zones>("/api/housing-benefit/commune-zones", body);
        zonesCount.textContent = `${saved.communes.length} commune(s) — source : ${saved.source}`;
        announce("Zones des communes enregistrées.");
      },
      (values) => ({
        source: values.source,
        communes: String(values.communes ?? "")
          .split("\n")
          .map((line) => line.trim())
          .filter(Boolean)
          .map((line) => {
            const [inseeCode = "", name = "", zone = ""] = line.split(/[;\t]/).map((part) => part.trim());
            return { inseeCode, name, zone: zone.toUpperCase() };
          }),
      }),
    );

    mount(
      root,
      h("h1", null, "Barème des aides au logement"),
      h(
        "p",
        null,
        "Aide = L + C − Pp (code de la construction et de l'habitation, art. D. 823-16 et D. 823-17 ; arrêté du 27 septembre 2019 modifié). L'estimation vaut pour le secteur locatif, y compris la sous-location (ALS ou APL) ; elle n'applique ni l'évaluation forfaitaire des ressources ni les abattements, et ne compte pas le RSA ni l'AAH, qui ne sont pas imposables. Seule la notification de la CAF fixe le montant.",
      ),
      status,
      section("Paramètres en vigueur", parametersTable),
      editable ? section("Ajouter une valeur datée", form) : null,
      section(
        "Zones des communes",
        zonesCount,
        editable
          ? zonesForm
          : h(
              "ul",
              null,
              zones.communes.map((c) => h("li", null, `${c.name} (${c.inseeCode}) : zone ${c.zone}`)),
            ),
      ),
    );
  },
};
