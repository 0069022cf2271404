import type { z } from "zod";
import {
  BudgetsBody,
  CostBody,
  type CostSummary,
  RentComplementRunBody,
  type RentComplementRunResult,
} from "../../../server/modules/costs/costs.schemas";
import { type DirectDebitRun, DirectDebitRunBody } from "../../../server/modules/ledger/direct-debit.schemas";
import { costCategories, costCategoryLabels } from "../../../server/modules/ledger/ledger.accounts";
import {
  CafReportBody,
  GuaranteePayoutBody,
  HousingBenefitReceiptBody,
  type HousingBenefitReceiptResult,
  LandlordPayoutBody,
  MandatePayoutRunBody,
  type MandatePayoutRunResult,
  PaymentBody,
  StatementPeriodBody,
  type StoredDocument,
  WriteOffBody,
} from "../../../server/modules/ledger/ledger.schemas";
import type { Landlord as LandlordSchema } from "../../../server/modules/landlords/landlords.schemas";
import type { LeaseListItem } from "../../../server/modules/leases/leases.schemas";
import { api, query } from "../lib/api";
import { fetchAllPages } from "../lib/pagination";
import { announce, h, mount } from "../lib/dom";
import { bindForm, field, formAlert, submitButton } from "../lib/forms";
import { capitalized, formatEuros, formatMonth, ofMonth } from "../lib/format";
import type { Page } from "../lib/router";
import { loadError, section, todayInParis } from "../lib/ui";

/**
 * The finance officer's month, as one guided page: rent calls → CAF bordereau → bank statement
 * and reconciliation → rent complements → payouts (with their SEPA file) → landlord statements,
 * then the IML costs and budgets. Each step is a form calling the API; money writes carry an
 * Idempotency-Key drawn once per form, so a double click or a retry books once.
 */

/** A form posting `schema`'s body; `send` returns the sentence shown (and announced) on success. */
export function actionForm<S extends z.ZodType>(
  label: string,
  fields: HTMLElement[],
  schema: S,
  send: (body: z.output<S>, idempotencyKey: string) => Promise<string>,
  button: string,
  toBody?: (values: Record<string, unknown>) => unknown,
): HTMLElement {
  const result = h("div", { "aria-live": "polite" });
  const form = h("form", { "aria-label": label }, formAlert(), ...fields, submitButton(button));
  let key = crypto.randomUUID();
  bindForm(
    form,
    schema,
    async (body) => {
      const sentence = await send(body, key);
      key = crypto.randomUUID();
      mount(result, h("p", { class: "notice", "data-testid": "action-result" }, sentence));
      announce(sentence);
    },
    toBody,
  );
  return h("div", null, form, result);
}

export const idempotent = (key: string) => ({ headers: { "idempotency-key": key } });

type LeaseRow = z.infer<typeof LeaseListItem>;
type Landlord = z.infer<typeof LandlordSchema>;
type StoredDocumentRef = z.infer<typeof StoredDocument>;

const previousMonth = (month: string) => {
  const [year, m] = month.split("-").map(Number) as [number, number];
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, "0")}`;
};

function cafBordereau(leases: LeaseRow[]): HTMLElement {
  // the CAF lists its beneficiaries by name: the lines follow the occupants' names
  const occupant = (lease: LeaseRow) =>
    lease.tenantName ?? `Bail du ${lease.startDate.split("-").reverse().join("/")}`;
  const occupied = leases
    .filter((lease) => lease.personId && lease.status !== "draft" && lease.status !== "ended")
    .sort((a, b) => occupant(a).localeCompare(occupant(b), "fr"));
  const rows = occupied.map((lease, index) =>
    h(
      "tr",
      null,
      h("td", null, occupant(lease)),
      h("td", { class: "numeric" }, formatEuros(lease.rentCents + lease.chargesCents)),
      h(
        "td",
        { class: "numeric" },
        lease.housingBenefitPaidToOperator && lease.housingBenefitCents
          ? formatEuros(lease.housingBenefitCents)
          : "—",
      ),
      h(
        "td",
        null,
        field({
          name: `line-${index}`,
          label: `Montant versé par la CAF pour ${occupant(lease)}`,
          type: "euros",
          attrs: { "data-lease": lease.id },
        }),
      ),
    ),
  );
  // the title above the part that scrolls sideways on a phone, as every table of the app
  const grid = h(
    "div",
    { class: "table-block" },
    h(
      "p",
      { class: "table-caption", id: "caf-bordereau-lines" },
      "Lignes du bordereau (laisser vide les baux absents)",
    ),
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        { "aria-labelledby": "caf-bordereau-lines" },
        h(
          "thead",
          null,
          h(
            "tr",
            null,
            h("th", null, "Occupant"),
            h("th", null, "Loyer + charges"),
            h("th", null, "Aide attendue"),
            h("th", null, "Versé par la CAF"),
          ),
        ),
        h("tbody", null, ...rows),
      ),
    ),
  );
  return actionForm(
    "Bordereau CAF",
    [
      field({ name: "receivedOn", label: "Reçu le", type: "date", required: true, value: todayInParis() }),
      field({ name: "reference", label: "Référence du bordereau" }),
      grid,
    ],
    HousingBenefitReceiptBody,
    async (body, key) => {
      const result = await api.post<z.infer<typeof HousingBenefitReceiptResult>>(
        "/api/ledger/housing-benefit-receipts",
        body,
        idempotent(key),
      );
      return `Bordereau enregistré : ${body.lines.length} ligne(s), ${formatEuros(result.totalCents)}.`;
    },
    "Enregistrer le bordereau",
    (values) => ({
      receivedOn: values.receivedOn,
      reference: values.reference,
      lines: occupied
        .map((lease, index) => ({ leaseId: lease.id, amountCents: values[`line-${index}`] }))
        .filter((line) => line.amountCents !== undefined && line.amountCents !== 0),
    }),
  );
}

function payoutSection(month: string, landlords: Landlord[]): HTMLElement {
  const closed = previousMonth(month);
  const sepaBox = h("div");
  const sepaLink = (paidOn: string) =>
    mount(
      sepaBox,
      h(
        "p",
        null,
        h(
          "a",
          {
            class: "button",
            href: `/api/ledger/landlord-payouts/sepa${query({ paidOn })}`,
            download: "",
            "data-testid": "sepa-file",
          },
          `Fichier de virements SEPA du ${paidOn.split("-").reverse().join("/")} (pain.001)`,
        ),
      ),
    );
  const sepaForm = h(
    "form",
    { "aria-label": "Fichier de virements SEPA", class: "actions" },
    field({ name: "paidOn", label: "Virements du", type: "date", value: todayInParis() }),
    h("button", { type: "submit" }, "Préparer le fichier"),
  );
  sepaForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const value = (sepaForm.elements.namedItem("paidOn") as HTMLInputElement).value;
    if (value) sepaLink(value);
  });
  return section(
    "5. Reversements aux propriétaires",
    h("h3", null, "Mandats de gestion"),
    actionForm(
      "Reversements sous mandat",
      [
        field({ name: "period", label: "Mois encaissé", type: "month", required: true, value: closed }),
        field({ name: "paidOn", label: "Viré le", type: "date", required: true, value: todayInParis() }),
      ],
      MandatePayoutRunBody,
      async (body, key) => {
        const run = await api.post<z.infer<typeof MandatePayoutRunResult>>(
          "/api/ledger/mandate-payouts",
          body,
          idempotent(key),
        );
        sepaLink(body.paidOn);
        const net = run.payouts.reduce((sum, payout) => sum + payout.netCents, 0);
        const recovered = run.payouts.reduce((sum, payout) => sum + payout.guaranteeRecoveredCents, 0);
        return `${capitalized(formatMonth(body.period))} : ${run.created} reversement(s) (${formatEuros(net)} nets d'honoraires), ${run.alreadyPaid} déjà fait(s).${recovered ? ` ${formatEuros(recovered)} remboursés par des locataires reviennent à la garantie de loyers (subrogation).` : ""}`;
      },
      "Reverser le mois",
    ),
    h("h3", null, "Loyer d'un bail principal"),
    actionForm(
      "Virement à un propriétaire",
      [
        field({
          name: "landlordId",
          label: "Propriétaire",
          required: true,
          options: landlords.map((l) => ({ value: l.id, label: l.displayName })),
        }),
        field({ name: "amountCents", label: "Montant", type: "euros", required: true }),
        field({ name: "paidOn", label: "Viré le", type: "date", required: true, value: todayInParis() }),
        field({ name: "reference", label: "Référence" }),
      ],
      LandlordPayoutBody,
      async (body, key) => {
        await api.post("/api/ledger/landlord-payouts", body, idempotent(key));
        sepaLink(body.paidOn);
        return `Virement de ${formatEuros(body.amountCents)} enregistré.`;
      },
      "Enregistrer le virement",
    ),
    h("h3", null, "Fichier pour la banque"),
    sepaForm,
    sepaBox,
  );
}

/**
 * The month's direct debits of the tenants who signed a SEPA mandate: prepared once (amount, FRST
 * or RCUR), then the pain.008 file for the bank's portal.
 */
function directDebitSection(month: string): HTMLElement {
  const fileBox = h("div");
  const fileLink = (period: string) =>
    mount(
      fileBox,
      h(
        "p",
        null,
        h(
          "a",
          {
            class: "button",
            href: `/api/ledger/direct-debits/sepa${query({ period })}`,
            download: "",
            "data-testid": "direct-debit-file",
          },
          `Fichier de prélèvements SEPA ${ofMonth(period)} (pain.008)`,
        ),
      ),
    );
  return section(
    "Prélèvements SEPA des locataires",
    h(
      "p",
      { class: "hint" },
      "Pour les occupants ayant signé un mandat de prélèvement (à enregistrer sur leur compte) : la part appelée du mois, moins le complément de loyer du programme. Le premier prélèvement d'un mandat est émis en FRST, les suivants en RCUR.",
    ),
    actionForm(
      "Prélèvements du mois",
      [
        field({ name: "period", label: "Mois appelé", type: "month", required: true, value: month }),
        field({ name: "collectionDate", label: "Prélevé le", type: "date", required: true }),
      ],
      DirectDebitRunBody,
      async (body) => {
        const run = await api.post<z.infer<typeof DirectDebitRun>>("/api/ledger/direct-debits", body);
        fileLink(body.period);
        const first = run.collections.filter((c) => c.sequenceType === "FRST").length;
        return `${capitalized(formatMonth(body.period))} : ${run.count} prélèvement(s) pour ${formatEuros(run.totalCents)} (${first} premier(s), ${run.count - first} récurrent(s)), dont ${run.created} nouveau(x).`;
      },
      "Préparer les prélèvements",
    ),
    fileBox,
  );
}

function statementSection(month: string, landlords: Landlord[]): HTMLElement {
  let landlordId = "";
  const pdfBox = h("div");
  const form = actionForm(
    "Relevé de gérance",
    [
      field({
        name: "landlordId",
        label: "Propriétaire",
        required: true,
        options: landlords.map((l) => ({ value: l.id, label: l.displayName })),
      }),
      field({ name: "period", label: "Mois", type: "month", required: true, value: previousMonth(month) }),
    ],
    StatementPeriodBody,
    async (body) => {
      const document = await api.post<StoredDocumentRef>(
        `/api/ledger/landlords/${encodeURIComponent(landlordId)}/statements`,
        body,
      );
      const landlord = landlords.find((l) => l.id === landlordId)?.displayName ?? "";
      mount(
        pdfBox,
        h(
          "p",
          null,
          h(
            "a",
            {
              class: "button",
              href: document.url,
              target: "_blank",
              "data-testid": "statement-pdf",
            },
            `Relevé de gérance ${ofMonth(body.period)} — ${landlord} (PDF)`,
          ),
        ),
      );
      return `Relevé ${ofMonth(body.period)} produit ; le propriétaire le retrouve dans son espace.`;
    },
    "Produire le relevé",
    (values) => {
      landlordId = String(values.landlordId ?? "");
      return { period: values.period };
    },
  );
  return section("6. Relevés de gérance", form, pdfBox);
}

function costsSection(month: string, leases: LeaseRow[]): HTMLElement {
  const categories = costCategories.map((c) => ({ value: c, label: costCategoryLabels[c] }));
  const year = Number(month.slice(0, 4));
  // a cost belongs to a flat and its contract: chosen by the occupant or, for a flat without one
  // (vacancy, works before entry), by its head lease
  const subjectLabel = (lease: LeaseRow) =>
    `${lease.tenantName ?? (lease.kind === "head_lease" ? "Bail principal" : "Contrat")} — ${[
      lease.unitReference,
      lease.unitTypology,
    ]
      .filter(Boolean)
      .join(" ")}${lease.unitReference || lease.unitTypology ? ", " : ""}${lease.address ?? ""}`;
  const subjects = leases
    .filter((lease) => lease.status !== "draft")
    .sort((a, b) => subjectLabel(a).localeCompare(subjectLabel(b), "fr"));
  const byId = new Map(subjects.map((lease) => [lease.id, lease]));
  const budgetForm = budgetFormOf(year);
  return section(
    "Coûts IML et budget",
    h("h3", null, "Enregistrer un coût"),
    actionForm(
      "Coût IML",
      [
        field({ name: "category", label: "Poste", required: true, options: categories }),
        field({ name: "amountCents", label: "Montant", type: "euros", required: true }),
        field({ name: "occurredOn", label: "Date", type: "date", required: true, value: todayInParis() }),
        field({ name: "label", label: "Libellé", required: true }),
        field({
          name: "leaseId",
          label: "Logement concerné",
          hint: "par son occupant, ou son bail principal s'il est vacant",
          options: subjects.map((lease) => ({ value: lease.id, label: subjectLabel(lease) })),
        }),
      ],
      CostBody,
      async (body, key) => {
        await api.post("/api/costs", body, idempotent(key));
        return `Coût de ${formatEuros(body.amountCents)} enregistré.`;
      },
      "Enregistrer le coût",
      (values) => {
        const lease = byId.get(String(values.leaseId ?? ""));
        return {
          ...values,
          leaseId: lease?.id ?? null,
          unitId: lease?.unitId ?? null,
          personId: lease?.personId ?? null,
        };
      },
    ),
    h("h3", null, `Budget ${year}`),
    budgetForm,
  );
}

/** The year's budget per category, its fields showing the budget already set. */
function budgetFormOf(year: number): HTMLElement {
  const form = actionForm(
    "Budget de l'année",
    costCategories.map((c) => field({ name: `budget-${c}`, label: costCategoryLabels[c], type: "euros" })),
    BudgetsBody,
    async (body) => {
      await api.put("/api/costs/budgets", body);
      return `Budget ${body.year} enregistré (${body.budgets.length} poste(s)).`;
    },
    "Enregistrer le budget",
    (values) => ({
      year,
      budgets: costCategories
        .filter((c) => values[`budget-${c}`] !== undefined)
        .map((c) => ({ category: c, amountCents: values[`budget-${c}`] })),
    }),
  );
  void api
    .get<z.infer<typeof CostSummary>>(`/api/costs/summary${query({ year })}`)
    .then((summary) => {
      for (const category of summary.categories) {
        const input = form.querySelector<HTMLInputElement>(`input[name="budget-${category.category}"]`);
        if (input && !input.value && category.budgetCents !== null)
          input.value = (category.budgetCents / 100).toFixed(2).replace(".", ",");
      }
    })
    .catch(() => {
      // the fields stay empty: a budget is then entered afresh
    });
  return form;
}

export const financeMonthPage: Page = {
  path: "/finances/mois",
  title: "Le mois de la finance",
  permission: "ledger.write",
  async render({ root, query: search }) {
    const month = /^\d{4}-\d{2}$/.test(search.get("mois") ?? "")
      ? search.get("mois")!
      : todayInParis().slice(0, 7);
    mount(
      root,
      h("h1", null, `Le mois — ${formatMonth(month)}`),
      h("p", { "aria-busy": "true" }, "Chargement…"),
    );
    let leases: LeaseRow[];
    let landlords: Landlord[];
    try {
      [leases, landlords] = await Promise.all([
        fetchAllPages<LeaseRow>("/api/leases"),
        fetchAllPages<Landlord>("/api/landlords"),
      ]);
    } catch (error) {
      mount(root, h("h1", null, "Le mois"), loadError(error, "Le mois"));
      return;
    }
    landlords.sort((a, b) => a.displayName.localeCompare(b.displayName, "fr"));
    mount(
      root,
      h("p", null, h("a", { href: `/finances?mois=${month}`, "data-link": true }, "← Tableau de bord")),
      h("h1", null, `Le mois — ${formatMonth(month)}`),
      h(
        "ol",
        { class: "steps" },
        h("li", null, "Appel des loyers"),
        h("li", null, "Bordereau CAF"),
        h("li", null, "Relevé bancaire et rapprochement"),
        h("li", null, "Compléments de loyer"),
        h("li", null, "Reversements et fichier SEPA"),
        h("li", null, "Relevés de gérance"),
      ),
      section(
        "1. Appel des loyers",
        h(
          "p",
          null,
          "L'appel du mois se lance depuis le ",
          h("a", { href: `/finances?mois=${month}`, "data-link": true }, "tableau de bord"),
          " ; les avis d'échéance se produisent depuis chaque compte locataire.",
        ),
      ),
      section("2. Bordereau CAF", cafBordereau(leases)),
      section(
        "3. Relevé bancaire",
        h(
          "p",
          null,
          "Importer le relevé (CSV, camt.053, OFX) et affecter les lignes non rapprochées : ",
          h("a", { href: "/finances/releves", "data-link": true }, "relevés et rapprochement"),
          ". Les quittances et reçus sont délivrés au rapprochement.",
        ),
      ),
      section(
        "4. Compléments de loyer",
        actionForm(
          "Compléments de loyer",
          [field({ name: "period", label: "Mois", type: "month", required: true, value: month })],
          RentComplementRunBody,
          async (body, key) => {
            const run = await api.post<z.infer<typeof RentComplementRunResult>>(
              "/api/costs/rent-complements",
              body,
              idempotent(key),
            );
            const prorated = run.complements.filter((c) => c.coveredDays < c.monthDays).length;
            return `${capitalized(formatMonth(body.period))} : ${run.created} complément(s) de loyer créé(s) pour ${formatEuros(run.totalCents)}${prorated ? `, dont ${prorated} au prorata des jours (entrée ou sortie dans le mois)` : ""}.`;
          },
          "Calculer les compléments",
        ),
      ),
      directDebitSection(month),
      payoutSection(month, landlords),
      statementSection(month, landlords),
      costsSection(month, leases),
    );
  },
};

/** The write operations of a tenant's account (lease ledger page): payment, arrears steps, documents. */
export function leaseAccountActions(
  leaseId: string,
  rentCallIds: { id: string; label: string }[],
  receiptIds: { id: string; label: string }[],
  reload: () => void,
): HTMLElement {
  const documentButton = (label: string, path: string) => {
    const button = h("button", { type: "button" }, label);
    button.addEventListener("click", async () => {
      button.disabled = true;
      try {
        const document = await api.post<StoredDocumentRef>(path);
        window.open(document.url, "_blank");
      } finally {
        button.disabled = false;
      }
    });
    return h("li", null, button);
  };
  return h(
    "div",
    null,
    section(
      "Enregistrer un paiement",
      actionForm(
        "Paiement du locataire",
        [
          field({ name: "amountCents", label: "Montant", type: "euros", required: true }),
          field({
            name: "method",
            label: "Mode",
            required: true,
            value: "transfer",
            options: [
              { value: "transfer", label: "Virement" },
              { value: "cheque", label: "Chèque" },
              { value: "cash", label: "Espèces" },
              { value: "direct_debit", label: "Prélèvement" },
            ],
          }),
          field({
            name: "receivedOn",
            label: "Reçu le",
            type: "date",
            required: true,
            value: todayInParis(),
          }),
          field({ name: "reference", label: "Référence" }),
        ],
        PaymentBody,
        async (body, key) => {
          await api.post("/api/ledger/payments", body, idempotent(key));
          reload();
          return `Paiement de ${formatEuros(body.amountCents)} enregistré.`;
        },
        "Enregistrer le paiement",
        (values) => ({ ...values, leaseId }),
      ),
    ),
    section(
      "Impayé",
      h("h3", null, "Signalement à la CAF"),
      actionForm(
        "Signalement CAF",
        [
          field({
            name: "reportedOn",
            label: "Signalé le",
            type: "date",
            required: true,
            value: todayInParis(),
          }),
        ],
        CafReportBody,
        async (body) => {
          await api.post(`/api/ledger/leases/${encodeURIComponent(leaseId)}/caf-reports`, body);
          return "Signalement à la CAF noté.";
        },
        "Noter le signalement",
      ),
      h("h3", null, "Garantie de loyers (pack sécurisation)"),
      actionForm(
        "Garantie de loyers",
        [
          field({ name: "amountCents", label: "Montant", type: "euros", required: true }),
          field({ name: "reason", label: "Motif" }),
        ],
        GuaranteePayoutBody,
        async (body, key) => {
          await api.post(
            `/api/ledger/leases/${encodeURIComponent(leaseId)}/guarantee-payouts`,
            body,
            idempotent(key),
          );
          reload();
          return `Garantie de ${formatEuros(body.amountCents)} versée au propriétaire.`;
        },
        "Verser la garantie",
      ),
      h("h3", null, "Passage en perte"),
      actionForm(
        "Passage en perte",
        [
          field({ name: "amountCents", label: "Montant", type: "euros", required: true }),
          field({ name: "reason", label: "Motif", required: true }),
        ],
        WriteOffBody,
        async (body, key) => {
          await api.post(
            `/api/ledger/leases/${encodeURIComponent(leaseId)}/write-offs`,
            body,
            idempotent(key),
          );
          reload();
          return `${formatEuros(body.amountCents)} passés en perte.`;
        },
        "Passer en perte",
      ),
    ),
    section(
      "Documents",
      h(
        "ul",
        { class: "actions" },
        ...rentCallIds.map((call) =>
          documentButton(
            `Avis d'échéance ${call.label}`,
            `/api/ledger/rent-calls/${encodeURIComponent(call.id)}/document`,
          ),
        ),
        ...receiptIds.map((receipt) =>
          documentButton(receipt.label, `/api/ledger/receipts/${encodeURIComponent(receipt.id)}/document`),
        ),
      ),
    ),
  );
}
