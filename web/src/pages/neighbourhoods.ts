import type { z } from "zod";
import {
  type NeighbourhoodCollection,
  NeighbourhoodPatch,
} from "../../../server/modules/neighbourhoods/neighbourhoods.schemas";
import { api } from "../lib/api";
import { announce, h, mount } from "../lib/dom";
import { bindForm, field, formAlert, submitButton } from "../lib/forms";
import type { Page } from "../lib/router";
import { dangerAction, loadError, table } from "../lib/ui";

type Neighbourhood = z.infer<typeof NeighbourhoodCollection>["features"][number]["properties"];

/**
 * The neighbourhoods (IRIS, QPV) the scatter rule counts in: renamed, flagged QPV or not, or
 * deleted (PATCH and DELETE /api/neighbourhoods/{id}); a deleted neighbourhood's buildings are
 * assigned again to the contour that holds them, or fall under their commune's cap. Contours
 * themselves are replaced by importing a new file.
 */
export const neighbourhoodsPage: Page = {
  path: "/carte/quartiers",
  title: "Quartiers",
  permission: "stock.write",
  async render({ root }) {
    const list = h("div", null, h("p", { "aria-busy": "true" }, "Chargement…"));
    mount(
      root,
      h("p", null, h("a", { href: "/carte", "data-link": true }, "← Carte du parc")),
      h("h1", null, "Quartiers"),
      h(
        "p",
        { class: "hint" },
        "Les quartiers délimitent la part de logements du programme par quartier. Pour changer un contour, importez le fichier officiel : ",
        h("a", { href: "/carte/contours", "data-link": true }, "importer des contours (IRIS, QPV)"),
        ".",
      ),
      list,
    );
    const load = async () => {
      let neighbourhoods: Neighbourhood[];
      try {
        const collection = await api.get<z.infer<typeof NeighbourhoodCollection>>("/api/neighbourhoods");
        neighbourhoods = collection.features
          .map((feature) => feature.properties)
          .sort((a, b) => a.name.localeCompare(b.name, "fr"));
      } catch (error) {
        mount(list, loadError(error, "Quartiers"));
        return;
      }
      mount(
        list,
        table<Neighbourhood>(
          "Quartiers du site",
          [
            { header: "Code", cell: (n) => n.code },
            { header: "Nom", cell: (n) => n.name },
            { header: "QPV", cell: (n) => (n.isQpv ? "oui" : "non") },
            { header: "Immeubles", cell: (n) => String(n.buildings), numeric: true },
            { header: "Modifier", cell: (n) => editForm(n, load) },
          ],
          neighbourhoods,
          "Aucun quartier : importez les contours IRIS ou QPV du territoire.",
        ),
      );
    };
    await load();
  },
};

function editForm(neighbourhood: Neighbourhood, reload: () => Promise<void>): HTMLElement {
  const form = h(
    "form",
    { "aria-label": `Modifier le quartier ${neighbourhood.name}` },
    formAlert(),
    field({ name: "name", label: "Nom", required: true, value: neighbourhood.name }),
    field({
      name: "isQpv",
      label: "Quartier prioritaire de la politique de la ville (QPV)",
      type: "checkbox",
      value: neighbourhood.isQpv,
    }),
    submitButton("Enregistrer"),
  );
  bindForm(form, NeighbourhoodPatch, async (patch) => {
    await api.patch(`/api/neighbourhoods/${encodeURIComponent(neighbourhood.id)}`, patch);
    announce(`Quartier « ${patch.name ?? neighbourhood.name} » enregistré.`);
    await reload();
  });
  return h(
    "details",
    null,
    h("summary", null, "Modifier ou supprimer…"),
    form,
    dangerAction({
      label: "Supprimer le quartier",
      confirm:
        neighbourhood.buildings > 0
          ? `Supprimer « ${neighbourhood.name} » ? Ses ${neighbourhood.buildings} immeuble(s) seront rattachés au contour qui les contient, ou à la part de leur commune.`
          : `Supprimer « ${neighbourhood.name} » ?`,
      run: async () => {
        await api.delete(`/api/neighbourhoods/${encodeURIComponent(neighbourhood.id)}`);
        announce(`Quartier « ${neighbourhood.name} » supprimé.`);
        await reload();
      },
    }),
  );
}
