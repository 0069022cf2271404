import { h } from "../lib/dom";
import { unitStatusLabels } from "../lib/format";
import { neighbourhoodShareStops, shareColours, statusColours } from "./palette";

/** The colour goes through the CSSOM: a style attribute would be refused by the Content-Security-Policy. */
const swatch = (colour: string, shape: "dot" | "ring" | "square" = "dot") => {
  const element = h("span", { class: `swatch swatch-${shape}`, "aria-hidden": "true" });
  element.style.setProperty("--swatch", colour);
  return element;
};

/** The map's legend, in text as well as colour (RGAA 3.1: information not given by colour alone). */
export function mapLegend(options: { statuses?: string[]; proposal?: boolean } = {}): HTMLElement {
  const statuses = options.statuses ?? Object.keys(statusColours);
  return h(
    "aside",
    // focusable: a keyboard user scrolls it with the arrows (RGAA 7.3, axe scrollable-region-focusable)
    { class: "legend", "aria-label": "Légende de la carte", tabindex: "0" },
    h("h2", null, "Légende"),
    h("h3", null, "Logements (statut)"),
    h(
      "ul",
      null,
      statuses.map((status) =>
        h("li", null, swatch(statusColours[status] ?? "#374151"), unitStatusLabels[status] ?? status),
      ),
      h("li", null, swatch("#0f766e"), "Groupe de logements (cliquer ou zoomer pour détailler)"),
      h("li", null, swatch("#15803d", "ring"), "Groupe contenant des logements disponibles"),
    ),
    h("h3", null, "Immeubles (part du programme / plafond 20 %)"),
    h(
      "ul",
      null,
      h("li", null, swatch(shareColours.low, "ring"), "Moins de la moitié du plafond"),
      h("li", null, swatch(shareColours.near, "ring"), "La moitié du plafond ou plus"),
      h("li", null, swatch(shareColours.full, "ring"), "Plafond atteint : aucune réservation possible"),
    ),
    h("h3", null, "Quartiers (part du programme)"),
    h(
      "ul",
      null,
      neighbourhoodShareStops.map(([share, colour]) =>
        h(
          "li",
          null,
          swatch(colour, "square"),
          `${Math.round(share * 100)} %${share === 0.2 ? " et plus" : ""}`,
        ),
      ),
      h("li", null, swatch("#7c2d12", "square"), "Contour tireté : quartier prioritaire (QPV)"),
    ),
    options.proposal
      ? [
          h("h3", null, "Proposition"),
          h(
            "ul",
            null,
            h("li", null, swatch("#16a34a", "square"), "Quartier souhaité"),
            h("li", null, swatch("#dc2626", "square"), "Quartier exclu"),
            h("li", null, swatch("#0369a1"), "Lieu important et sa distance maximale"),
            h("li", null, swatch("#15803d"), "Logement candidat (plus grand = mieux classé)"),
            h("li", null, swatch("#9ca3af"), "Logement écarté (contrainte non respectée)"),
            h("li", null, swatch("#b45309", "ring"), "Logement retenu pour la proposition"),
          ),
        ]
      : null,
  );
}
