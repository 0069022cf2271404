import { IrlUpsertBody } from "../../../server/modules/ledger/revision.schemas";
import { type IrlIndex, irlTableLag } from "../../../server/modules/ledger/revision.rules";
import { api } from "../lib/api";
import { fetchAllPages, type Page as PageOf } from "../lib/pagination";
import { announce, h, mount } from "../lib/dom";
import { bindForm, field, formAlert, submitButton } from "../lib/forms";
import { formatDate } from "../lib/format";
import type { Page } from "../lib/router";
import { can } from "../lib/session";
import { loadError, section, table } from "../lib/ui";

/**
 * The IRL table (GET/PUT /api/ledger/irl-indices): the values INSEE published, entered by hand
 * from its release (never guessed), and a warning when the table is behind what INSEE should have
 * published by today: revisions needing a missing index are refused until it is entered.
 */
const indexValue = (hundredths: number) => (hundredths / 100).toFixed(2).replace(".", ",");

/** "La table IRL s'arrête au T3 2025 …", or null when it is up to date. */
export function irlLagMessage(indices: readonly IrlIndex[], today: string): string | null {
  const lag = irlTableLag(indices, today);
  if (!lag) return null;
  const held = lag.latest ? `s'arrête au T${lag.latest.quarter} ${lag.latest.year}` : "est vide";
  return `La table des indices IRL ${held} alors que l'INSEE a dû publier le T${lag.due.quarter} ${lag.due.year} : saisissez les indices manquants. Les révisions de loyer qui en dépendent sont refusées d'ici là.`;
}

/** The warning as a block for the finance dashboard (nothing when the table is up to date). */
export async function irlLagWarning(today: string): Promise<HTMLElement | null> {
  try {
    // newest quarter first: the first page holds the latest index
    const indices = (await api.get<PageOf<IrlIndex>>("/api/ledger/irl-indices?limit=4")).items;
    const message = irlLagMessage(indices, today);
    if (!message) return null;
    return h(
      "p",
      { class: "notice notice-warning", role: "alert", "data-testid": "irl-lag" },
      message,
      " ",
      h("a", { href: "/finances/irl", "data-link": true }, "Saisir les indices IRL"),
    );
  } catch {
    return null;
  }
}

export const irlPage: Page = {
  path: "/finances/irl",
  title: "Indices de référence des loyers",
  permission: "ledger.read",
  async render({ root, me, config }) {
    const load = async (): Promise<void> => {
      let indices: IrlIndex[];
      try {
        indices = await fetchAllPages<IrlIndex>("/api/ledger/irl-indices");
      } catch (error) {
        mount(root, h("h1", null, "Indices de référence des loyers"), loadError(error, "Indices IRL"));
        return;
      }
      const message = irlLagMessage(indices, config.today);
      const sorted = [...indices].sort((a, b) => b.year - a.year || b.quarter - a.quarter);
      const form = h(
        "form",
        { "aria-label": "Saisir un indice IRL" },
        formAlert(),
        h(
          "p",
          { class: "hint" },
          "Recopiez la valeur publiée par l'INSEE (Informations rapides « Indice de référence des loyers ») et la date de sa publication.",
        ),
        h(
          "div",
          { class: "form-grid" },
          field({ name: "year", label: "Année", type: "number", required: true, attrs: { min: 1998 } }),
          field({
            name: "quarter",
            label: "Trimestre",
            required: true,
            options: [1, 2, 3, 4].map((q) => ({ value: String(q), label: `T${q}` })),
          }),
          field({ name: "value", label: "Valeur de l'indice (ex. 146,68)", required: true }),
          field({ name: "publishedOn", label: "Publié le", type: "date", required: true }),
        ),
        submitButton("Enregistrer l'indice"),
      );
      bindForm(
        form,
        IrlUpsertBody,
        async (body) => {
          await api.put("/api/ledger/irl-indices", body);
          announce("Indice IRL enregistré.");
          await load();
        },
        (values) => {
          const raw = String(values.value ?? "").trim();
          if (!/^\d{2,3}([,.]\d{1,2})?$/.test(raw)) {
            throw new Error("Valeur de l'indice : un nombre à deux décimales, par exemple 146,68");
          }
          return {
            indices: [
              {
                year: values.year,
                quarter: Number(values.quarter),
                valueHundredths: Math.round(Number(raw.replace(",", ".")) * 100),
                publishedOn: values.publishedOn,
              },
            ],
          };
        },
      );
      mount(
        root,
        h("p", null, h("a", { href: "/finances", "data-link": true }, "← Finances")),
        h("h1", null, "Indices de référence des loyers (IRL)"),
        message
          ? h("p", { class: "notice notice-warning", role: "alert", "data-testid": "irl-lag" }, message)
          : h("p", { "data-testid": "irl-lag" }, "La table est à jour des publications de l'INSEE."),
        can(me, "ledger.write") ? section("Nouvel indice", form) : null,
        section(
          "Indices enregistrés",
          table<IrlIndex>(
            "Indices IRL",
            [
              { header: "Trimestre", cell: (i) => `T${i.quarter} ${i.year}` },
              { header: "Valeur", cell: (i) => indexValue(i.valueHundredths), numeric: true },
              { header: "Publié le", cell: (i) => formatDate(i.publishedOn) },
            ],
            sorted,
            "Aucun indice : saisissez ceux publiés par l'INSEE.",
          ),
        ),
      );
    };
    await load();
  },
};
