import type { z } from "zod";
import type {
  BankImportResult,
  BankLine,
  BankStatementReview,
  BankStatementSummary,
  ArrearsOverview,
} from "../../../server/modules/ledger/ledger.schemas";
import { ApiError, api } from "../lib/api";
import { pagedList } from "../lib/pagination";
import { announce, h, mount } from "../lib/dom";
import { field, formAlert, showErrors, submitButton } from "../lib/forms";
import { formatDate, formatDateTime, formatEuros } from "../lib/format";
import type { Page } from "../lib/router";
import { loadError, section, table } from "../lib/ui";

/**
 * Bank statements (server/modules/ledger/bank-import.*): upload a statement file (CSV of a
 * French bank, camt.053, OFX), then review it line by line — matched to a lease, waiting to be
 * identified, or ignored — with the reason; an unmatched credit is assigned to a lease here.
 */
type Line = z.infer<typeof BankLine>;
type Summary = z.infer<typeof BankStatementSummary>;
type Review = z.infer<typeof BankStatementReview>;
type ImportResult = z.infer<typeof BankImportResult>;
type Debtor = z.infer<typeof ArrearsOverview>["leases"][number];

const formatLabels: Record<string, string> = { csv: "CSV", "camt.053": "camt.053 (ISO 20022)", ofx: "OFX" };
const encodingLabels: Record<string, string> = { "utf-8": "UTF-8", "windows-1252": "Windows-1252" };
const statusLabels: Record<Line["status"], string> = {
  matched: "Rapprochée",
  unmatched: "À identifier",
  ignored: "Ignorée",
};
const reasonLabels: Record<string, string> = {
  debit: "Débit : une sortie d'argent n'est pas un loyer",
  duplicate: "Déjà importée par un relevé précédent",
  no_match: "Ni référence de virement ni montant et nom reconnus",
  ambiguous_reference: "Plusieurs baux pour les références lues",
  ambiguous_amount_and_name: "Plusieurs baux pour ce montant et ce nom",
};
const matchedByLabels: Record<string, string> = {
  reference: "Par la référence de virement",
  amount_and_name: "Par le montant et le nom",
  review: "Rattachée à la main",
};

function why(line: Line): string {
  if (line.status === "matched") return matchedByLabels[line.matchedBy ?? ""] ?? "—";
  return reasonLabels[line.reason ?? ""] ?? "—";
}

function uploadForm(onDone: (result: ImportResult) => void): HTMLFormElement {
  const form = h(
    "form",
    { class: "stack", "aria-label": "Importer un relevé bancaire" },
    formAlert(),
    field({
      name: "file",
      label: "Fichier du relevé",
      type: "file",
      required: true,
      hint: "Export CSV de la banque (séparateur et colonnes reconnus), camt.053 (XML) ou OFX. Un même fichier n'est importé qu'une fois.",
      attrs: { accept: ".csv,.txt,.xml,.ofx,.qfx,text/csv,application/xml" },
    }),
    submitButton("Importer et rapprocher"),
  );
  form.noValidate = true;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const input = form.querySelector<HTMLInputElement>("input[type=file]")!;
    const file = input.files?.[0];
    if (!file) {
      showErrors(form, "Choisissez le fichier du relevé.", [{ path: "file", message: "fichier requis" }]);
      return;
    }
    showErrors(form, null);
    const button = form.querySelector<HTMLButtonElement>("button[type=submit]")!;
    button.disabled = true;
    form.setAttribute("aria-busy", "true");
    try {
      const body = new FormData();
      body.append("file", file, file.name);
      const result = await api.post<ImportResult>("/api/ledger/bank-imports", body, {
        headers: { "idempotency-key": `bank-import-${crypto.randomUUID()}` },
      });
      announce(
        `Relevé importé : ${result.matched} ligne(s) rapprochée(s), ${result.unmatched} à identifier, ${result.ignored} ignorée(s).`,
      );
      onDone(result);
    } catch (error) {
      if (error instanceof ApiError) showErrors(form, error.problem.detail, error.fieldErrors());
      else showErrors(form, (error as Error).message || "Erreur inattendue");
    } finally {
      button.disabled = false;
      form.removeAttribute("aria-busy");
    }
  });
  return form;
}

/** The list of imported statements and the upload form. */
export const bankStatementsPage: Page = {
  path: "/finances/releves",
  title: "Relevés bancaires",
  permission: "ledger.read",
  async render({ root, navigate }) {
    const header = [
      h("p", null, h("a", { href: "/finances", "data-link": true }, "← Finances")),
      h("h1", null, "Relevés bancaires"),
    ];
    const imported = h("div", null, h("p", { "aria-busy": "true" }, "Chargement…"));
    mount(
      root,
      ...header,
      section(
        "Importer un relevé",
        uploadForm((result) => navigate(`/finances/releves/${result.importId}`)),
      ),
      section("Relevés importés", imported),
    );
    await pagedList<Summary>(imported, {
      path: "/api/ledger/bank-imports",
      onError: (error) => loadError(error, "Relevés bancaires"),
      render: (statements, total) =>
        table<Summary>(
          `${total} relevé(s) importé(s), du plus récent au plus ancien`,
          [
            {
              header: "Relevé",
              cell: (s) =>
                h(
                  "a",
                  { href: `/finances/releves/${s.id}`, "data-link": true },
                  s.fileName ?? "Relevé sans nom",
                ),
            },
            { header: "Format", cell: (s) => formatLabels[s.format] ?? s.format },
            {
              header: "Opérations du",
              cell: (s) =>
                s.firstBookedOn ? `${formatDate(s.firstBookedOn)} au ${formatDate(s.lastBookedOn)}` : "—",
            },
            { header: "Importé le", cell: (s) => formatDateTime(s.createdAt) },
            { header: "Rapprochées", cell: (s) => s.matched, numeric: true },
            { header: "À identifier", cell: (s) => s.unmatched, numeric: true },
            { header: "Ignorées", cell: (s) => s.ignored, numeric: true },
          ],
          statements,
          "Aucun relevé importé.",
        ),
    });
  },
};

function assignForm(line: Line, debtors: Debtor[], onDone: () => void): HTMLFormElement {
  const lease = field({
    name: "leaseId",
    label: "Bail du locataire",
    required: true,
    options: debtors.map((d) => ({
      value: d.leaseId,
      label: `${d.personName} (doit ${formatEuros(d.balanceCents)})`,
    })),
  });
  // nobody is chosen for the officer: a line booked to the first debtor by mistake is a tenant's
  // account wrongly credited
  lease
    .querySelector("select")!
    .prepend(h("option", { value: "", selected: true }, "Choisir le locataire qui a payé…"));
  const form = h(
    "form",
    { class: "inline-form", "aria-label": `Rattacher la ligne ${line.lineNumber}` },
    formAlert(),
    lease,
    submitButton("Rattacher"),
  );
  form.noValidate = true;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const leaseId = form.querySelector<HTMLSelectElement>("select")!.value;
    if (!leaseId) {
      showErrors(form, "Choisissez le bail.", [{ path: "leaseId", message: "bail requis" }]);
      return;
    }
    try {
      await api.post(
        `/api/ledger/bank-lines/${line.id}/assignment`,
        { leaseId },
        {
          headers: { "idempotency-key": `bank-line-${line.id}-${leaseId}` },
        },
      );
      announce(`Ligne ${line.lineNumber} rattachée : règlement enregistré et reçu délivré.`);
      onDone();
    } catch (error) {
      if (error instanceof ApiError) showErrors(form, error.problem.detail, error.fieldErrors());
      else showErrors(form, (error as Error).message || "Erreur inattendue");
    }
  });
  return form;
}

/** One statement's review: every line, its state and the reason; unmatched credits are assigned here. */
export const bankStatementPage: Page = {
  path: "/finances/releves/:id",
  title: "Revue du relevé",
  permission: "ledger.read",
  async render(context) {
    const { root, params, me } = context;
    const header = [
      h("p", null, h("a", { href: "/finances/releves", "data-link": true }, "← Relevés bancaires")),
      h("h1", null, "Revue du relevé"),
    ];
    mount(root, ...header, h("p", { "aria-busy": "true" }, "Chargement…"));
    let review: Review;
    let debtors: Debtor[] = [];
    try {
      review = await api.get<Review>(`/api/ledger/bank-imports/${encodeURIComponent(params.id!)}`);
      if (review.unmatched > 0)
        debtors = (await api.get<z.infer<typeof ArrearsOverview>>("/api/ledger/arrears")).leases;
    } catch (error) {
      mount(root, ...header, loadError(error, "Relevé"));
      return;
    }
    const canWrite = me.permissions.includes("ledger.write");
    const rerender = () => void bankStatementPage.render(context);
    mount(
      root,
      ...header,
      h(
        "dl",
        { class: "figures" },
        h("div", null, h("dt", null, "Fichier"), h("dd", null, review.fileName ?? "—")),
        h(
          "div",
          null,
          h("dt", null, "Format"),
          h("dd", null, `${formatLabels[review.format]} · ${encodingLabels[review.encoding]}`),
        ),
        h("div", null, h("dt", null, "Compte"), h("dd", null, review.accountRef ?? "non indiqué")),
        h("div", null, h("dt", null, "Rapprochées"), h("dd", { "data-testid": "matched" }, review.matched)),
        h(
          "div",
          null,
          h("dt", null, "À identifier"),
          h("dd", { "data-testid": "unmatched" }, review.unmatched),
        ),
        h("div", null, h("dt", null, "Ignorées"), h("dd", { "data-testid": "ignored" }, review.ignored)),
      ),
      section(
        "Lignes du relevé",
        table<Line>(
          "Chaque opération du relevé, son état et son motif",
          [
            { header: "Ligne", cell: (l) => l.lineNumber, numeric: true },
            { header: "Date d'opération", cell: (l) => formatDate(l.bookedOn) },
            { header: "Date de valeur", cell: (l) => (l.valueOn ? formatDate(l.valueOn) : "—") },
            { header: "Libellé", cell: (l) => l.label },
            { header: "Montant", cell: (l) => formatEuros(l.amountCents), numeric: true },
            {
              header: "État",
              cell: (l) => h("span", { class: `badge badge-${l.status}` }, statusLabels[l.status]),
            },
            { header: "Motif", cell: (l) => why(l) },
            {
              header: "Action",
              cell: (l) =>
                l.status === "matched" && l.matchedLeaseId
                  ? h(
                      "a",
                      { href: `/finances/baux/${l.matchedLeaseId}`, "data-link": true },
                      "Compte locataire",
                    )
                  : l.status === "unmatched" && canWrite
                    ? debtors.length
                      ? assignForm(l, debtors, rerender)
                      : "Aucun locataire débiteur à qui la rattacher"
                    : "—",
            },
          ],
          review.lines,
          "Aucune opération dans ce relevé.",
        ),
      ),
    );
  },
};
