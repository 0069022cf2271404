import { ApiError, type Problem, request } from "../lib/api";
import { announce, h, mount } from "../lib/dom";
import { field, formAlert, showErrors } from "../lib/forms";
import { formatNumber } from "../lib/format";
import type { Page } from "../lib/router";
import { section, table } from "../lib/ui";
import type { z } from "zod";
import type {
  ConfirmedAddress as ConfirmedAddressSchema,
  ImportProgress,
  ImportReport as ImportReportSchema,
  ImportStreamLine,
} from "../../../server/modules/stock-import/stock-import.schemas";

/**
 * CSV import of landlords, buildings and units (POST /api/{kind}/import): a dry run first
 * (?dryRun=true: errors per line and column, nothing written), then the all-or-nothing import.
 * Both stream their progress as NDJSON (Accept: application/x-ndjson):
 * {"event":"progress","phase","done","total"} … then {"event":"result",…} or {"event":"error",…}.
 */
type ImportReport = z.infer<typeof ImportReportSchema>;
type ConfirmedAddress = z.infer<typeof ConfirmedAddressSchema>;
type GeocodedLine = ImportReport["geocoded"][number];
type Phase = z.infer<typeof ImportProgress>["phase"];
type StreamEvent = z.infer<typeof ImportStreamLine>;

const kindLabels: Record<string, string> = {
  landlords: "Propriétaires (bailleurs)",
  buildings: "Immeubles",
  units: "Logements",
};
const phaseLabels = { validate: "Contrôle", geocode: "Géocodage des adresses (BAN)", write: "Écriture" };
const outcomeLabels: Record<GeocodedLine["outcome"], string> = {
  found: "trouvée",
  review: "à vérifier",
  not_found: "introuvable",
  confirmed: "confirmée",
};
const score = (value: number | null) => (value === null ? "—" : value.toFixed(2).replace(".", ","));

/** Posts the file and reads the NDJSON stream, calling `onProgress` for each progress line. */
export async function importWithProgress(
  kind: string,
  csv: string,
  dryRun: boolean,
  onProgress: (phase: Phase, done: number, total: number) => void,
  addresses: ConfirmedAddress[] = [],
): Promise<ImportReport> {
  // the points an officer confirmed travel with the file (JSON), else the file alone (CSV)
  const withAddresses = addresses.length > 0;
  const response = await request(
    "POST",
    `/api/${kind}/import?dryRun=${dryRun}`,
    withAddresses ? JSON.stringify({ csv, addresses }) : csv,
    {
      headers: {
        accept: "application/x-ndjson",
        "content-type": withAddresses ? "application/json" : "text/csv; charset=utf-8",
      },
    },
  );
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
      throw new ApiError(problem);
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
    // the points confirmed on the review of uncertain addresses, for the file they were chosen on
    let confirmed = new Map<number, ConfirmedAddress>();
    let confirmedFor: File | null = null;
    const run = async (dryRun: boolean) => {
      const kind = (form.elements.namedItem("kind") as HTMLSelectElement).value;
      const file = (form.elements.namedItem("file") as HTMLInputElement).files?.[0];
      if (!file) {
        showErrors(form, "Choisissez un fichier.", [{ path: "file", message: "fichier obligatoire" }]);
        return;
      }
      if (file !== confirmedFor) {
        confirmed = new Map();
        confirmedFor = file;
      }
      showErrors(form, null);
      mount(report);
      progress.value = 0;
      progressText.textContent = "Envoi…";
      form.setAttribute("aria-busy", "true");
      for (const button of form.querySelectorAll("button")) button.disabled = true;
      try {
        const result = await importWithProgress(
          kind,
          await file.text(),
          dryRun,
          (phase, done, total) => {
            progress.max = Math.max(total, 1);
            progress.value = done;
            progressText.textContent = `${phaseLabels[phase]} : ${formatNumber(done)} / ${formatNumber(total)} ligne(s)`;
          },
          kind === "buildings" ? [...confirmed.values()] : [],
        );
        renderReport(report, result, (choices) => {
          for (const choice of choices) confirmed.set(choice.line, choice);
          void run(true);
        });
        announce(
          result.dryRun
            ? `Contrôle terminé : ${result.errorCount} erreur(s), ${result.reviewCount} adresse(s) à vérifier`
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
            geocoded: [],
            reviewCount: 0,
          });
      } finally {
        form.removeAttribute("aria-busy");
        for (const button of form.querySelectorAll("button")) button.disabled = false;
      }
    };
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void run((event as SubmitEvent).submitter?.getAttribute("value") !== "run");
    });
  },
};

function renderReport(
  container: HTMLElement,
  result: ImportReport,
  onConfirm: (choices: ConfirmedAddress[]) => void = () => {},
): void {
  const summary = result.dryRun
    ? result.valid
      ? `Fichier valide : ${result.rows} ligne(s) prête(s) à importer.`
      : result.errorCount > 0
        ? `${result.errorCount} erreur(s) sur ${result.rows} ligne(s) : corrigez le fichier avant l'import.`
        : `${result.reviewCount} adresse(s) à vérifier avant l'import : choisissez le bon point ci-dessous.`
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
    result.geocoded.length > 0 ? geocodingSection(result, onConfirm) : null,
  );
}

/**
 * The lines geocoded with the BAN, each with its score; the uncertain ones (score under 0,7, or
 * not a house number, or no answer) wait for the officer to pick the right candidate: the import
 * refuses them until then.
 */
function geocodingSection(result: ImportReport, onConfirm: (choices: ConfirmedAddress[]) => void) {
  const pending = result.geocoded.filter((g) => g.outcome === "review" || g.outcome === "not_found");
  const review = h(
    "form",
    { "aria-label": "Adresses à vérifier" },
    pending.map((line) =>
      h(
        "fieldset",
        { class: "address-review", "data-line": String(line.line) },
        h("legend", null, `Ligne ${line.line} : « ${line.query} »`),
        line.candidates.map((candidate, index) =>
          h(
            "label",
            { class: "checkbox" },
            h("input", {
              type: "radio",
              name: `line-${line.line}`,
              value: String(index),
              checked: index === 0 && line.outcome === "review" ? true : null,
            }),
            ` ${candidate.label} (score ${score(candidate.score)})`,
          ),
        ),
        h(
          "label",
          { class: "checkbox" },
          h("input", {
            type: "radio",
            name: `line-${line.line}`,
            value: "none",
            checked: line.candidates.length === 0 ? true : null,
          }),
          " Aucune : je corrige la ligne dans le fichier (ou j'y mets lng et lat)",
        ),
      ),
    ),
    pending.length > 0
      ? h(
          "p",
          { class: "actions" },
          h("button", { type: "submit", class: "primary" }, "Confirmer ces adresses et recontrôler"),
        )
      : null,
  );
  review.addEventListener("submit", (event) => {
    event.preventDefault();
    const choices: ConfirmedAddress[] = [];
    for (const line of pending) {
      const picked = review.querySelector<HTMLInputElement>(`input[name="line-${line.line}"]:checked`);
      const candidate = picked && picked.value !== "none" ? line.candidates[Number(picked.value)] : null;
      if (candidate)
        choices.push({
          line: line.line,
          lng: candidate.lng,
          lat: candidate.lat,
          banId: candidate.banId,
          inseeCode: candidate.inseeCode,
        });
    }
    onConfirm(choices);
  });
  return section(
    "Adresses géocodées (Base Adresse Nationale)",
    h(
      "p",
      { class: "hint" },
      "Les lignes sans longitude ni latitude sont placées d'après leur adresse. Sous un score de 0,7, ou quand la réponse n'est pas un numéro dans une voie, l'adresse est à vérifier : rien n'est importé tant qu'elle ne l'est pas.",
    ),
    table(
      "Score de chaque adresse géocodée",
      [
        { header: "Ligne", cell: (g) => String(g.line), numeric: true },
        { header: "Adresse du fichier", cell: (g) => g.query },
        { header: "Adresse trouvée", cell: (g) => g.candidates[0]?.label ?? "—" },
        { header: "Score", cell: (g) => score(g.score), numeric: true },
        { header: "Résultat", cell: (g) => outcomeLabels[g.outcome] },
      ],
      result.geocoded,
    ),
    pending.length > 0 ? h("h3", null, "Adresses à vérifier") : null,
    pending.length > 0 ? review : null,
  );
}
