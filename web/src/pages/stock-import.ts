import { ApiError, type Problem, request } from "../lib/api";
import { announce, h, mount } from "../lib/dom";
import { field, formAlert, showErrors } from "../lib/forms";
import { formatNumber } from "../lib/format";
import type { Page } from "../lib/router";
import { section, table } from "../lib/ui";

/**
 * CSV import of landlords, buildings and units (POST /api/{kind}/import): a dry run first
 * (?dryRun=true: errors per line and column, nothing written), then the all-or-nothing import.
 * Both stream their progress as NDJSON (Accept: application/x-ndjson):
 * {"event":"progress","phase","done","total"} … then {"event":"result",…} or {"event":"error",…}.
 */
type ImportReport = {
  kind: "landlords" | "buildings" | "units";
  dryRun: boolean;
  valid: boolean;
  rows: number;
  created: number;
  errorCount: number;
  errors: { line: number; field: string; message: string }[];
};
type StreamEvent =
  | { event: "progress"; phase: "validate" | "write"; done: number; total: number }
  | ({ event: "result" } & ImportReport)
  | ({ event: "error" } & Problem);

const kindLabels: Record<string, string> = {
  landlords: "Propriétaires (bailleurs)",
  buildings: "Immeubles",
  units: "Logements",
};
const phaseLabels = { validate: "Contrôle", write: "Écriture" };

/** Posts the file and reads the NDJSON stream, calling `onProgress` for each progress line. */
export async function importWithProgress(
  kind: string,
  csv: string,
  dryRun: boolean,
  onProgress: (phase: "validate" | "write", done: number, total: number) => void,
): Promise<ImportReport> {
  const response = await request("POST", `/api/${kind}/import?dryRun=${dryRun}`, csv, {
    headers: { accept: "application/x-ndjson", "content-type": "text/csv; charset=utf-8" },
  });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let outcome: ImportReport | null = null;
  const handle = (line: string) => {
    if (!line.trim()) return;
    const event = JSON.parse(line) as StreamEvent;
    if (event.event === "progress") onProgress(event.phase, event.done, event.total);
    else if (event.event === "result") outcome = event;
    else {
      const { event: _event, ...problem } = event;
      throw new ApiError(problem as Problem);
    }
  };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    const lines = buffer.split("\n");
    buffer = lines.pop() ?? "";
    for (const line of lines) handle(line);
  }
  handle(buffer);
  if (!outcome) throw new Error("Réponse d'import incomplète");
  return outcome;
}

export const stockImportPage: Page = {
  path: "/parc/import",
  title: "Import CSV du parc",
  permission: "stock.write",
  render({ root }) {
    const progress = h("progress", { max: 1, value: 0, "aria-label": "Avancement de l'import" });
    const progressText = h("span", { class: "hint", "aria-live": "polite" });
    const report = h("div", { class: "import-report" });
    const form = h(
      "form",
      { "aria-label": "Import CSV" },
      formAlert(),
      h(
        "div",
        { class: "form-grid" },
        field({
          name: "kind",
          label: "Que contient le fichier ?",
          required: true,
          options: Object.entries(kindLabels).map(([value, text]) => ({ value, label: text })),
          value: "buildings",
        }),
        field({
          name: "file",
          label: "Fichier CSV (séparateur « ; » ou « , », encodage UTF-8)",
          type: "file",
          required: true,
          attrs: { accept: ".csv,text/csv" },
        }),
      ),
      h(
        "p",
        { class: "actions" },
        h(
          "button",
          { type: "submit", class: "primary", value: "dry" },
          "Contrôler le fichier (sans rien écrire)",
        ),
        h("button", { type: "submit", value: "run" }, "Importer"),
      ),
      h("p", null, progress, " ", progressText),
    );
    mount(
      root,
      h("p", null, h("a", { href: "/parc", "data-link": true }, "← Parc de logements")),
      h("h1", null, "Import CSV du parc"),
      h(
        "p",
        null,
        "Contrôlez d'abord le fichier : les erreurs sont listées par ligne et par colonne. L'import est ensuite « tout ou rien » : aucune ligne n'est écrite tant qu'une erreur subsiste.",
      ),
      section("Fichier", form),
      report,
    );
    form.noValidate = true;
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const dryRun = (event as SubmitEvent).submitter?.getAttribute("value") !== "run";
      const kind = (form.elements.namedItem("kind") as HTMLSelectElement).value;
      const file = (form.elements.namedItem("file") as HTMLInputElement).files?.[0];
      if (!file) {
        showErrors(form, "Choisissez un fichier.", [{ path: "file", message: "fichier obligatoire" }]);
        return;
      }
      showErrors(form, null);
      mount(report);
      progress.value = 0;
      progressText.textContent = "Envoi…";
      form.setAttribute("aria-busy", "true");
      for (const button of form.querySelectorAll("button")) button.disabled = true;
      try {
        const result = await importWithProgress(kind, await file.text(), dryRun, (phase, done, total) => {
          progress.max = Math.max(total, 1);
          progress.value = done;
          progressText.textContent = `${phaseLabels[phase]} : ${formatNumber(done)} / ${formatNumber(total)} ligne(s)`;
        });
        renderReport(report, result);
        announce(
          result.dryRun
            ? `Contrôle terminé : ${result.errorCount} erreur(s)`
            : `${result.created} ligne(s) importée(s)`,
        );
      } catch (error) {
        const problem = error instanceof ApiError ? error.problem : null;
        showErrors(form, problem?.detail ?? (error as Error).message);
        if (problem && Array.isArray(problem.errors))
          renderReport(report, {
            kind: kind as ImportReport["kind"],
            dryRun,
            valid: false,
            rows: Number(problem.rows ?? 0),
            created: 0,
            errorCount: problem.errors.length,
            errors: problem.errors as unknown as ImportReport["errors"],
          });
      } finally {
        form.removeAttribute("aria-busy");
        for (const button of form.querySelectorAll("button")) button.disabled = false;
      }
    });
  },
};

function renderReport(container: HTMLElement, result: ImportReport): void {
  const summary = result.dryRun
    ? result.valid
      ? `Fichier valide : ${result.rows} ligne(s) prête(s) à importer.`
      : `${result.errorCount} erreur(s) sur ${result.rows} ligne(s) : corrigez le fichier avant l'import.`
    : `${result.created} ${kindLabels[result.kind]?.toLowerCase() ?? "ligne(s)"} importé(s).`;
  mount(
    container,
    section(
      result.dryRun ? "Rapport de contrôle" : "Rapport d'import",
      h(
        "p",
        { class: result.valid ? "notice" : "notice notice-error", "data-testid": "import-summary" },
        summary,
      ),
      result.errors.length > 0
        ? table(
            "Erreurs par ligne et colonne",
            [
              { header: "Ligne", cell: (e) => String(e.line), numeric: true },
              { header: "Colonne", cell: (e) => e.field },
              { header: "Erreur", cell: (e) => e.message },
            ],
            result.errors,
          )
        : null,
    ),
  );
}
