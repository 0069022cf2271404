import type { z } from "zod";
import type { ImportResult } from "../../../server/modules/neighbourhoods/neighbourhoods.schemas";
import { ApiError, api, query } from "../lib/api";
import { h, mount, uid } from "../lib/dom";
import type { Page } from "../lib/router";
import { table } from "../lib/ui";

type Result = z.infer<typeof ImportResult>;

const codeDefaults = ["code", "CODE_IRIS", "code_iris", "code_qp", "CODE_QP"];
const nameDefaults = ["name", "nom", "NOM_IRIS", "nom_iris", "nom_qp", "NOM_QP", "lib_qp"];
const qpvDefaults = ["isQpv", "qpv"];

/**
 * Official contours (IGN's CONTOURS-IRIS, the QPV contours) imported as published: GeoJSON in
 * WGS84 or Lambert-93, or a zipped shapefile. The file is previewed (features, projection,
 * fields), its code, name and QPV fields chosen, then imported all-or-nothing
 * (POST /api/neighbourhoods/import): each invalid feature is reported, and the buildings that
 * changed neighbourhood, or lie outside every contour, are listed.
 */
export const contoursImportPage: Page = {
  path: "/carte/contours",
  title: "Importer des contours de quartiers",
  permission: "stock.write",
  render({ root }) {
    const fileId = uid("contours-file");
    const fileInput = h("input", {
      id: fileId,
      type: "file",
      accept: ".geojson,.json,.zip,application/geo+json,application/zip",
    });
    const preview = h("div", { class: "contours-preview", "aria-live": "polite" });
    const outcome = h("div", { "aria-live": "polite" });
    const select = (label: string, name: string) => {
      const id = uid(name);
      const element = h("select", { id, name });
      return { element, field: h("div", { class: "field" }, h("label", { for: id }, label), element) };
    };
    const code = select("Champ du code", "codeProperty");
    const name = select("Champ du nom", "nameProperty");
    const qpv = select("Champ « quartier prioritaire » (QPV)", "qpvProperty");
    const allQpvId = uid("all-qpv");
    const allQpv = h("input", { id: allQpvId, type: "checkbox", name: "isQpv" });
    const crsId = uid("crs");
    const crs = h(
      "select",
      { id: crsId, name: "crs" },
      h("option", { value: "" }, "Celle du fichier"),
      h("option", { value: "EPSG:2154" }, "Lambert-93 (EPSG:2154)"),
      h("option", { value: "EPSG:4326" }, "WGS84 (longitude, latitude)"),
    );
    const crsField = h("div", { class: "field" }, h("label", { for: crsId }, "Projection"), crs);
    const submit = h("button", { type: "submit", disabled: true }, "Importer les contours");
    const mapping = h(
      "fieldset",
      { class: "form-grid", hidden: true },
      h("legend", null, "Correspondance des champs"),
      code.field,
      name.field,
      qpv.field,
      crsField,
      h("div", { class: "field" }, h("label", { for: allQpvId }, allQpv, " Tous les contours sont des QPV")),
    );
    const form = h(
      "form",
      { "aria-label": "Importer des contours" },
      h(
        "div",
        { class: "field" },
        h("label", { for: fileId }, "Fichier de contours (GeoJSON ou shapefile zippé)"),
        fileInput,
      ),
      preview,
      mapping,
      submit,
    );
    mount(
      root,
      h("h1", null, "Importer des contours de quartiers"),
      h(
        "p",
        { class: "hint" },
        "Contours IRIS de l'IGN (CONTOURS-IRIS) ou des quartiers prioritaires, tels que publiés : GeoJSON en WGS84 ou en Lambert-93, ou shapefile zippé (.shp, .dbf, .prj). Un code déjà connu remplace son contour ; les immeubles sont ensuite réaffectés.",
      ),
      form,
      outcome,
      h("p", null, h("a", { href: "/carte", "data-link": true }, "Retour à la carte")),
    );

    let body: Blob | unknown = null;
    const fill = (target: HTMLSelectElement, keys: string[], defaults: string[], optional: boolean) => {
      target.replaceChildren(
        ...(optional ? [h("option", { value: "" }, "— aucun —")] : []),
        ...keys.map((key) => h("option", { value: key }, key)),
      );
      const preset = defaults.find((key) => keys.includes(key));
      target.value = preset ?? (optional ? "" : (keys[0] ?? ""));
    };
    fileInput.addEventListener("change", async () => {
      outcome.replaceChildren();
      const file = fileInput.files?.[0];
      submit.disabled = true;
      if (!file) return;
      const isZip = /\.zip$/i.test(file.name) || file.type.includes("zip");
      let parsed: {
        crs?: { properties?: { name?: string } };
        features?: { properties?: Record<string, unknown> }[];
      };
      if (isZip) {
        // read in the browser for the preview and the fields (shpjs, loaded only here); the server
        // reads the archive again, its .prj giving the projection
        try {
          const { default: readShapefile } = await import("shpjs");
          const layers = await readShapefile(await file.arrayBuffer());
          const layer = Array.isArray(layers) ? layers[0] : layers;
          parsed = { features: (layer?.features ?? []) as { properties?: Record<string, unknown> }[] };
        } catch {
          preview.replaceChildren(
            h(
              "p",
              { class: "form-alert", role: "alert" },
              "Cette archive n'est pas un shapefile lisible : un .zip contenant .shp, .dbf et .prj.",
            ),
          );
          return;
        }
        body = new Blob([await file.arrayBuffer()], { type: "application/zip" });
      } else {
        try {
          parsed = JSON.parse(await file.text());
        } catch {
          preview.replaceChildren(
            h("p", { class: "form-alert", role: "alert" }, "Ce fichier n'est pas un GeoJSON lisible."),
          );
          return;
        }
        body = parsed;
      }
      const features = parsed.features ?? [];
      const keys = [...new Set(features.flatMap((feature) => Object.keys(feature.properties ?? {})))];
      fill(code.element, keys, codeDefaults, false);
      fill(name.element, keys, nameDefaults, false);
      fill(qpv.element, keys, qpvDefaults, true);
      const declared = parsed.crs?.properties?.name;
      const projection = isZip
        ? "celle de son fichier .prj, reprojetée en WGS84"
        : declared
          ? /2154$/.test(declared)
            ? "Lambert-93 (EPSG:2154), reprojetée en WGS84"
            : declared
          : "non déclarée (WGS84 attendu)";
      crsField.hidden = isZip;
      preview.replaceChildren(
        h(
          "p",
          { "data-testid": "contours-summary" },
          `${isZip ? `Shapefile zippé « ${file.name} » : ` : ""}${features.length} contour(s) ; projection : ${projection}.`,
        ),
        table<Record<string, unknown>>(
          "Aperçu des premiers contours",
          keys.slice(0, 6).map((key) => ({ header: key, cell: (p) => String(p[key] ?? "") })),
          features.slice(0, 5).map((feature) => feature.properties ?? {}),
        ),
      );
      mapping.hidden = false;
      submit.disabled = false;
    });

    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (!body) return;
      submit.disabled = true;
      outcome.replaceChildren(h("p", { "aria-busy": "true" }, "Import en cours…"));
      const isZip = body instanceof Blob;
      const params = query({
        codeProperty: code.element.value || undefined,
        nameProperty: name.element.value || undefined,
        qpvProperty: qpv.element.value || undefined,
        // a shapefile's projection is its .prj's
        crs: isZip ? undefined : crs.value || undefined,
        isQpv: allQpv.checked ? "true" : undefined,
      });
      try {
        const result = await api.post<Result>(`/api/neighbourhoods/import${params}`, body);
        outcome.replaceChildren(...resultView(result));
      } catch (error) {
        const problem = error instanceof ApiError ? error : null;
        outcome.replaceChildren(
          h("p", { class: "form-alert", role: "alert" }, problem?.message ?? "L'import a échoué."),
          problem && problem.fieldErrors().length > 0
            ? h(
                "ul",
                { class: "import-errors", "aria-label": "Erreurs par contour" },
                problem.fieldErrors().map((issue) => {
                  const feature = /^features\.(\d+)\.(.*)$/.exec(issue.path);
                  return h(
                    "li",
                    null,
                    feature
                      ? `Contour n° ${Number(feature[1]) + 1} (${feature[2]}) : ${issue.message}`
                      : issue.message,
                  );
                }),
              )
            : "",
        );
      } finally {
        submit.disabled = false;
      }
    });
  },
};

function resultView(result: Result): HTMLElement[] {
  // an imported neighbourhood by its name and code; another (the previous one) by its code
  const names = new Map(result.neighbourhoods.map((n) => [n.code, n.name]));
  const named = (code: string) => (names.has(code) ? `${names.get(code)} (${code})` : code);
  return [
    h(
      "p",
      { role: "status", "data-testid": "contours-result" },
      `${result.created} contour(s) créé(s), ${result.updated} mis à jour${result.reprojectedFrom === "EPSG:2154" ? " (reprojetés depuis le Lambert-93)" : ""} ; ${result.buildingsReassigned} immeuble(s) réaffecté(s).`,
    ),
    table(
      "Quartiers importés",
      [
        { header: "Code", cell: (n: Result["neighbourhoods"][number]) => n.code },
        { header: "Nom", cell: (n) => n.name },
        { header: "Commune (INSEE)", cell: (n) => n.inseeCode ?? "—" },
        { header: "QPV", cell: (n) => (n.isQpv ? "oui" : "non") },
      ],
      result.neighbourhoods,
    ),
    table(
      "Immeubles réaffectés",
      [
        { header: "Immeuble", cell: (m: Result["moved"][number]) => m.address },
        { header: "Ancien quartier", cell: (m) => (m.from ? named(m.from) : "aucun") },
        { header: "Nouveau quartier", cell: (m) => (m.to ? named(m.to) : "hors de tout contour") },
      ],
      result.moved,
      "Aucun immeuble n'a changé de quartier.",
    ),
    h(
      "p",
      { class: "hint", "data-testid": "outside-cap", hidden: result.outside.length === 0 },
      "Hors de tout contour, le plafond de quartier du site s'applique par commune (code INSEE) : " +
        "les logements du programme d'une même commune hors contours comptent comme un quartier. " +
        "Un immeuble sans code INSEE n'est rattaché à aucune zone : complétez sa fiche.",
    ),
    table(
      "Immeubles hors de tout contour",
      [
        { header: "Immeuble", cell: (o: Result["outside"][number]) => o.address },
        { header: "Commune (INSEE)", cell: (o) => o.inseeCode ?? "inconnue" },
      ],
      result.outside,
      "Tous les immeubles sont dans un contour.",
    ),
  ];
}
