import type { z } from "zod";
import type { LandlordStatement } from "../../../server/modules/ledger/ledger.schemas";
import type { DocumentSummary as DocumentSummarySchema } from "../../../server/modules/documents/documents.schemas";
import {
  type Mandate as MandateSchema,
  type PortalMandate,
  SignMandateBody,
} from "../../../server/modules/mandates/mandates.schemas";
import type { PortalUnit as PortalUnitSchema } from "../../../server/modules/portal/portal-units.schemas";
import { api } from "../lib/api";
import { fetchAllPages } from "../lib/pagination";
import { announce, h, mount } from "../lib/dom";
import { bindForm, field, formAlert, submitButton } from "../lib/forms";
import {
  formatDate,
  formatDateTime,
  formatEuros,
  formatMonth,
  formatNumber,
  formatPercent,
  ofMonth,
  label,
  typologyLabels,
  unitStatusLabels,
} from "../lib/format";
import type { Page } from "../lib/router";
import { loadError, section, table, todayInParis } from "../lib/ui";
import { captureFormulaLabels } from "./stock";

/**
 * The landlord's portal: their units and status (GET /api/portal/units), their mandates
 * (GET /api/portal/mandates) with the one awaiting signature previewed (its PDF from
 * GET /api/documents/{id}.pdf) and signed with the typed full name and the consent box
 * (POST /api/portal/mandates/{id}/sign), the monthly management statement with what was paid to
 * them (GET /api/portal/statement?period=YYYY-MM) and their documents (GET /api/documents).
 * The server scopes every answer to the account's landlord; nothing here filters.
 */
type PortalUnit = z.infer<typeof PortalUnitSchema>;
type Mandate = z.infer<typeof MandateSchema>;
type Statement = z.infer<typeof LandlordStatement>;
type DocumentSummary = z.infer<typeof DocumentSummarySchema>;

const mandateStatusLabels: Record<string, string> = {
  awaiting_signature: "À signer",
  signed: "Signé",
  ended: "Terminé",
  cancelled: "Annulé",
};

export const portalPage: Page = {
  path: "/portail",
  title: "Mon espace propriétaire",
  permission: "portal.read",
  async render({ root, me }) {
    const unitsBox = h("div", null, h("p", { "aria-busy": "true" }, "Chargement…"));
    const mandatesBox = h("div", null, h("p", { "aria-busy": "true" }, "Chargement…"));
    const statementBox = h("div");
    const documentsBox = h("div", null, h("p", { "aria-busy": "true" }, "Chargement…"));
    const month = todayInParis().slice(0, 7);
    const monthInput = h("input", { type: "month", id: "statement-month", name: "period", value: month });
    const statementForm = h(
      "form",
      { class: "actions", "aria-label": "Choisir le mois du relevé" },
      h("label", { for: "statement-month" }, "Mois du relevé"),
      monthInput,
      h("button", { type: "submit" }, "Afficher"),
    );
    mount(
      root,
      h("h1", null, "Mon espace propriétaire"),
      h("p", null, `Bonjour ${me.fullName}.`),
      section("Mandat de gestion", mandatesBox),
      section("Mes logements", unitsBox),
      section("Relevé de gérance et versements", statementForm, statementBox),
      section("Mes documents", documentsBox),
    );

    // the landlord's flats, to name the flat each line of the statement is about
    let unitsById = new Map<string, PortalUnit>();
    const loadStatement = async (period: string) => {
      mount(statementBox, h("p", { "aria-busy": "true" }, "Chargement…"));
      try {
        const statement = await api.get<Statement>(
          `/api/portal/statement?period=${encodeURIComponent(period)}`,
        );
        renderStatement(statementBox, statement, unitsById);
      } catch (error) {
        mount(statementBox, loadError(error, "Relevé"));
      }
    };
    statementForm.addEventListener("submit", (event) => {
      event.preventDefault();
      if (monthInput.value) void loadStatement(monthInput.value);
    });

    const loadMandates = async (unitsById: Map<string, PortalUnit>) => {
      try {
        const mandates = await fetchAllPages<Mandate>("/api/portal/mandates");
        await renderMandates(mandatesBox, mandates, unitsById, me.fullName, () => loadMandates(unitsById));
      } catch (error) {
        mount(mandatesBox, loadError(error, "Mandats"));
      }
    };

    let units: PortalUnit[] = [];
    try {
      units = await fetchAllPages<PortalUnit>("/api/portal/units");
      mount(unitsBox, unitsTable(units));
    } catch (error) {
      mount(unitsBox, loadError(error, "Logements"));
    }
    unitsById = new Map(units.map((unit) => [unit.id, unit]));
    await Promise.all([
      loadMandates(unitsById),
      loadStatement(month),
      fetchAllPages<DocumentSummary>("/api/documents")
        .then((items) =>
          mount(
            documentsBox,
            table<DocumentSummary>(
              "Documents qui me sont adressés",
              [
                {
                  header: "Document",
                  cell: (d) => h("a", { href: d.url, target: "_blank", rel: "noopener" }, d.title),
                },
                { header: "Signé", cell: (d) => (d.signed ? "oui" : "non") },
                { header: "Produit le", cell: (d) => formatDateTime(d.createdAt) },
              ],
              items,
              "Aucun document pour l'instant.",
            ),
          ),
        )
        .catch((error: unknown) => mount(documentsBox, loadError(error, "Documents"))),
    ]);
  },
};

function unitsTable(units: PortalUnit[]): HTMLElement {
  return table<PortalUnit>(
    `${units.length} logement(s) confié(s)`,
    [
      {
        header: "Logement",
        cell: (u) =>
          `${label(typologyLabels, u.typology)}${u.reference ? ` (${u.reference})` : ""} — ${u.street}, ${u.postcode} ${u.city}`,
      },
      { header: "Étage", cell: (u) => String(u.floor), numeric: true },
      { header: "Surface", cell: (u) => `${formatNumber(u.surfaceM2)} m²`, numeric: true },
      {
        header: "Loyer + charges",
        cell: (u) => `${formatEuros(u.rentCents)} + ${formatEuros(u.chargesCents)}`,
        numeric: true,
      },
      { header: "Formule", cell: (u) => label(captureFormulaLabels, u.captureFormula) },
      { header: "Statut", cell: (u) => label(unitStatusLabels, u.status) },
      { header: "Depuis le", cell: (u) => formatDate(u.statusSince) },
    ],
    units,
    "Aucun logement confié pour l'instant.",
  );
}

async function renderMandates(
  container: HTMLElement,
  mandates: Mandate[],
  unitsById: Map<string, PortalUnit>,
  fullName: string,
  reload: () => Promise<void>,
): Promise<void> {
  const unitText = (id: string) => {
    const unit = unitsById.get(id);
    return unit ? `${label(typologyLabels, unit.typology)} — ${unit.street}, ${unit.city}` : "—";
  };
  const awaiting = mandates.find((mandate) => mandate.status === "awaiting_signature");
  let signing: HTMLElement | null = null;
  if (awaiting) {
    const { consentText } = await api.get<z.infer<typeof PortalMandate>>(
      `/api/portal/mandates/${awaiting.id}`,
    );
    const form = h(
      "form",
      { "aria-label": `Signer le mandat n° ${awaiting.number}` },
      formAlert(),
      field({
        name: "fullName",
        label: "Votre nom complet (vaut signature)",
        required: true,
        value: fullName,
        attrs: { autocomplete: "name" },
      }),
      field({ name: "consent", label: consentText, type: "checkbox" }),
      submitButton("Signer le mandat"),
    );
    bindForm(form, SignMandateBody, async (body) => {
      await api.post(`/api/portal/mandates/${awaiting.id}/sign`, body);
      announce(`Mandat n° ${awaiting.number} signé.`);
      await reload();
    });
    signing = h(
      "div",
      { class: "card", "data-testid": "mandate-to-sign" },
      h("h3", null, `Mandat n° ${awaiting.number} à signer — ${unitText(awaiting.unitId)}`),
      h(
        "p",
        null,
        `Du ${formatDate(awaiting.startDate)} au ${formatDate(awaiting.endDate)} (${awaiting.durationMonths} mois), honoraires de gestion ${formatPercent(
          awaiting.managementFeeBasisPoints / 10_000,
        )} des sommes encaissées.`,
      ),
      awaiting.documentUrl
        ? [
            h("iframe", {
              class: "document-preview",
              src: awaiting.documentUrl,
              title: `Aperçu du mandat n° ${awaiting.number} (PDF)`,
            }),
            h(
              "p",
              null,
              h(
                "a",
                { href: awaiting.documentUrl, target: "_blank", rel: "noopener" },
                "Ouvrir le PDF du mandat",
              ),
            ),
          ]
        : null,
      form,
    );
  }
  mount(
    container,
    signing ?? h("p", { class: "notice" }, "Aucun mandat n'attend votre signature."),
    table<Mandate>(
      "Mes mandats",
      [
        { header: "N°", cell: (m) => String(m.number), numeric: true },
        { header: "Logement", cell: (m) => unitText(m.unitId) },
        { header: "Période", cell: (m) => `${formatDate(m.startDate)} – ${formatDate(m.endDate)}` },
        {
          header: "Statut",
          cell: (m) => h("span", { "data-mandate-status": m.status }, label(mandateStatusLabels, m.status)),
        },
        {
          header: "Signature",
          cell: (m) => (m.signedAt ? `${m.signerName ?? ""}, le ${formatDateTime(m.signedAt)}` : "—"),
        },
        {
          header: "Document",
          cell: (m) => {
            const url = m.signedDocumentUrl ?? m.documentUrl;
            return url
              ? h(
                  "a",
                  { href: url, target: "_blank", rel: "noopener" },
                  m.signedDocumentUrl ? "PDF signé" : "PDF",
                )
              : "—";
          },
        },
      ],
      mandates,
      "Aucun mandat.",
    ),
  );
}

/**
 * The pack sécurisation on the statement: what the guarantee paid for unpaid rent, and what the
 * tenant repaid since, which goes back to the guarantee (subrogation, code civil art. 1346).
 */
function guaranteeBlock(guarantee: Statement["guarantee"]): HTMLElement | null {
  if (guarantee.paidToDateCents <= 0) return null;
  const figure = (label: string, cents: number, testId: string) =>
    h("div", null, h("dt", null, label), h("dd", { "data-testid": testId }, formatEuros(cents)));
  return h(
    "section",
    { "aria-label": "Garantie de loyers" },
    h("h3", null, "Garantie de loyers (pack sécurisation)"),
    h(
      "dl",
      { class: "figures" },
      figure("Versé par la garantie, à ce jour", guarantee.paidToDateCents, "guarantee-paid"),
      figure(
        "Remboursé par le locataire et rendu à la garantie",
        guarantee.recoveredToDateCents,
        "guarantee-recovered",
      ),
      figure("dont ce mois-ci", guarantee.recoveredInMonthCents, "guarantee-recovered-month"),
      figure(
        "Reste à recouvrer par la garantie",
        Math.max(0, guarantee.paidToDateCents - guarantee.recoveredToDateCents),
        "guarantee-outstanding",
      ),
    ),
    h(
      "p",
      { class: "hint" },
      "Les loyers payés par la garantie ne vous sont pas versés une seconde fois quand le locataire les rembourse : ce remboursement revient à la garantie (code civil, art. 1346). Les loyers qui vous restent dus passent en premier.",
    ),
  );
}

function renderStatement(
  container: HTMLElement,
  statement: Statement,
  unitsById: Map<string, PortalUnit>,
): void {
  const flatOf = (line: Statement["lines"][number]) => {
    const unit = line.unitId ? unitsById.get(line.unitId) : undefined;
    return unit
      ? `${label(typologyLabels, unit.typology)} — ${unit.street}${unit.reference ? ` (${unit.reference})` : ""}`
      : "—";
  };
  // a mandate's monthly settlement credits the rents collected and debits the management fee in
  // one operation: the fee is kept by the manager, never money paid to the landlord
  const isSettlement = (line: Statement["lines"][number]) => line.kind === "mandate_settlement";
  const feeOf = (line: Statement["lines"][number]) => (isSettlement(line) ? line.paidCents : 0);
  const paidOf = (line: Statement["lines"][number]) => (isSettlement(line) ? 0 : line.paidCents);
  const fees = statement.lines.reduce((sum, line) => sum + feeOf(line), 0);
  mount(
    container,
    h(
      "dl",
      { class: "figures" },
      h(
        "div",
        null,
        h("dt", null, "Solde en début de mois"),
        h("dd", null, formatEuros(statement.openingBalanceCents)),
      ),
      h(
        "div",
        null,
        h("dt", null, "Loyers dus au propriétaire"),
        h("dd", null, formatEuros(statement.lines.reduce((sum, line) => sum + line.owedCents, 0))),
      ),
      fees > 0
        ? h("div", null, h("dt", null, "Honoraires de gestion retenus"), h("dd", null, formatEuros(fees)))
        : null,
      h(
        "div",
        null,
        h("dt", null, "Versements reçus"),
        h("dd", null, formatEuros(statement.lines.reduce((sum, line) => sum + paidOf(line), 0))),
      ),
      h(
        "div",
        null,
        h("dt", null, "Solde en fin de mois"),
        h("dd", { "data-testid": "closing-balance" }, formatEuros(statement.closingBalanceCents)),
      ),
    ),
    guaranteeBlock(statement.guarantee),
    table<Statement["lines"][number]>(
      `Relevé ${ofMonth(statement.month)}`,
      [
        { header: "Date", cell: (l) => formatDate(l.on) },
        { header: "Opération", cell: (l) => l.label },
        { header: "Logement", cell: flatOf },
        {
          header: "Période",
          cell: (l) => (l.periodStart ? `${formatDate(l.periodStart)} – ${formatDate(l.periodEnd)}` : "—"),
        },
        {
          header: "Dû au propriétaire",
          cell: (l) => (l.owedCents ? formatEuros(l.owedCents) : ""),
          numeric: true,
        },
        { header: "Honoraires retenus", cell: (l) => (feeOf(l) ? formatEuros(feeOf(l)) : ""), numeric: true },
        { header: "Versé", cell: (l) => (paidOf(l) ? formatEuros(paidOf(l)) : ""), numeric: true },
      ],
      statement.lines,
      `Aucune opération en ${formatMonth(statement.month)}.`,
    ),
  );
}
