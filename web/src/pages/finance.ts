import type { z } from "zod";
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from "chart.js";
import { MonthSchema } from "../../../server/lib/date-schemas";
import { addMonths, lastDayOfMonth } from "../../../server/lib/dates";
import type { LeaseLedger as LeaseLedgerSchema } from "../../../server/modules/ledger/ledger.schemas";
import { RentCallRunBody, type RentCallRunResult } from "../../../server/modules/ledger/ledger.schemas";
import type { LeaseList, LeaseListItem } from "../../../server/modules/leases/leases.schemas";
import type { FinanceDashboard } from "../../../server/modules/reports/finance.schemas";
import { api, query } from "../lib/api";
import { fetchAllPages } from "../lib/pagination";
import { announce, h, mount } from "../lib/dom";
import { bindForm, field, formAlert, submitButton } from "../lib/forms";
import { capitalized, countOf, formatDate, formatEuros, formatNumber, ofName } from "../lib/format";
import type { Page } from "../lib/router";
import { loadError, section, table, todayInParis } from "../lib/ui";
import { leaseAccountActions } from "./finance-month";
import { irlLagWarning } from "./irl";
import {
  arrearsAndPlanSection,
  tenantRefundSection,
  debitMandateSection,
  revisionSection,
  transactionsSection,
} from "./lease-account";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);
Chart.defaults.font.family = "system-ui, sans-serif";
Chart.defaults.locale = "fr-FR";

/**
 * The finance dashboard (server/modules/reports/finance.service.ts, GET /api/reports/finance?period=):
 * vacancy per month and called vs collected over the last twelve months, arrears by ageing bucket
 * and IML costs against the year's budget for the chosen month, drawn by chart.js, each chart
 * followed by its figures as a table (RGAA: the information is not only in the picture).
 * Exports are the API's own CSV/XLSX files. The rent-call run (POST /api/ledger/rent-calls) is
 * one idempotent transaction: its progress is the request's.
 */
type Dashboard = z.infer<typeof FinanceDashboard>;
type RentCallRun = z.infer<typeof RentCallRunResult>;

const monthFormat = new Intl.DateTimeFormat("fr-FR", { month: "short", year: "2-digit", timeZone: "UTC" });
const monthLong = new Intl.DateTimeFormat("fr-FR", { month: "long", year: "numeric", timeZone: "UTC" });
const monthLabel = (month: string, long = false) =>
  (long ? monthLong : monthFormat).format(new Date(`${month}-01T00:00:00Z`));
const euros = (cents: number) => cents / 100;
const euroTicks = {
  callback: (value: string | number) =>
    new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR", maximumFractionDigits: 0 }).format(
      Number(value),
    ),
};
type Bucket = keyof Dashboard["arrears"]["buckets"];
const bucketLabels: Record<Bucket, string> = {
  "0-30": "0 à 30 jours",
  "31-60": "31 à 60 jours",
  "61-90": "61 à 90 jours",
  "90+": "Plus de 90 jours",
};

/** A chart with its title, a text alternative and the figures it draws as a table. */
function chartCard(
  title: string,
  description: string,
  build: (canvas: HTMLCanvasElement) => Chart,
  figures: HTMLElement,
  charts: Chart[],
): HTMLElement {
  const canvas = h("canvas", { role: "img", "aria-label": `${title} : ${description}` });
  const card = h(
    "figure",
    { class: "card chart-card", "data-chart": title },
    h("figcaption", null, h("h3", null, title)),
    h("div", { class: "chart-box" }, canvas),
    h("details", null, h("summary", null, "Voir les chiffres"), figures),
  );
  charts.push(build(canvas));
  return card;
}

export const financePage: Page = {
  path: "/finances",
  title: "Finances",
  permission: "reports.read",
  async render({ root, query: search, navigate, me, config }) {
    const requested = MonthSchema.safeParse(search.get("mois") ?? "");
    const month = requested.success ? requested.data : todayInParis().slice(0, 7);
    const charts: Chart[] = [];
    const monthInput = h("input", { type: "month", id: "finance-month", value: month });
    const monthForm = h(
      "form",
      { class: "actions", "aria-label": "Choisir le mois" },
      h("label", { for: "finance-month" }, "Mois"),
      monthInput,
      h("button", { type: "submit" }, "Afficher"),
    );
    monthForm.addEventListener("submit", (event) => {
      event.preventDefault();
      if (monthInput.value) navigate(`/finances?mois=${monthInput.value}`);
    });
    const content = h("div", null, h("p", { "aria-busy": "true" }, "Chargement du tableau de bord…"));
    const firstDay = `${month}-01`;
    const journalRange = query({ from: firstDay, to: lastDayOfMonth(firstDay) });
    const exports = h(
      "ul",
      { class: "actions", "aria-label": "Exports" },
      h(
        "li",
        null,
        h(
          "a",
          { class: "button", href: `/api/reports/finance/dashboard.csv?period=${month}`, download: "" },
          "Tableau de bord (CSV)",
        ),
      ),
      h(
        "li",
        null,
        h(
          "a",
          { class: "button", href: `/api/reports/finance/dashboard.xlsx?period=${month}`, download: "" },
          "Tableau de bord, coûts et journal (XLSX)",
        ),
      ),
      h(
        "li",
        null,
        h(
          "a",
          { class: "button", href: `/api/reports/finance/journal.csv${journalRange}`, download: "" },
          "Journal des écritures (CSV)",
        ),
      ),
      h(
        "li",
        null,
        h(
          "a",
          { class: "button", href: `/api/reports/finance/journal.xlsx${journalRange}`, download: "" },
          "Journal des écritures (XLSX)",
        ),
      ),
      ...(
        [
          ["trial-balance", "Balance générale"],
          ["general-ledger", "Grand livre"],
        ] as const
      ).flatMap(([report, label]) =>
        (["csv", "xlsx"] as const).map((format) =>
          h(
            "li",
            null,
            h(
              "a",
              {
                class: "button",
                href: `/api/reports/finance/${report}.${format}${journalRange}`,
                download: "",
              },
              `${label} (${format.toUpperCase()})`,
            ),
          ),
        ),
      ),
      h(
        "li",
        null,
        h(
          "a",
          {
            class: "button",
            href: `/api/reports/finance/fec${query({ year: month.slice(0, 4) })}`,
            download: "",
          },
          `FEC ${month.slice(0, 4)}`,
        ),
      ),
    );
    const irlWarning = h("div");
    void irlLagWarning(config.today).then((warning) => warning && irlWarning.append(warning));
    mount(
      root,
      h("h1", null, "Finances"),
      irlWarning,
      monthForm,
      section(`Exports de ${monthLabel(month, true)}`, exports),
      content,
      me.permissions.includes("ledger.write")
        ? section(
            "Le mois",
            h(
              "p",
              null,
              "Appels, bordereau CAF, relevé bancaire, compléments, reversements avec leur fichier SEPA et relevés de gérance, dans l'ordre : ",
              h("a", { href: `/finances/mois?mois=${month}`, "data-link": true }, "dérouler le mois"),
              ".",
            ),
          )
        : null,
      me.permissions.includes("ledger.write") ? rentCallSection(month) : null,
      me.permissions.includes("ledger.read")
        ? section(
            "Relevés bancaires",
            h(
              "p",
              null,
              "Importer le relevé de la banque (CSV, camt.053 ou OFX), rapprocher les virements des loyers et identifier les autres : ",
              h("a", { href: "/finances/releves", "data-link": true }, "relevés et rapprochement"),
              ".",
            ),
          )
        : null,
      me.permissions.includes("ledger.read")
        ? section(
            "Charges",
            h(
              "p",
              null,
              "Une fois par an, comparer les provisions appelées aux charges réelles de chaque immeuble et adresser le décompte aux locataires : ",
              h("a", { href: "/finances/charges", "data-link": true }, "régularisation des charges"),
              ".",
            ),
          )
        : null,
      section("Comptes locataires", leaseAccounts()),
    );

    // twelve months ending with the chosen one: vacancy and called/collected per month
    const months = Array.from({ length: 12 }, (_, index) => addMonths(firstDay, index - 11).slice(0, 7));
    let dashboards: Dashboard[];
    try {
      dashboards = await Promise.all(
        months.map((m) => api.get<Dashboard>(`/api/reports/finance?period=${m}`)),
      );
    } catch (error) {
      mount(content, loadError(error, "Tableau de bord"));
      return;
    }
    const current = dashboards[dashboards.length - 1]!;
    const labels = months.map((m) => monthLabel(m));
    const buckets = Object.keys(bucketLabels) as Bucket[];
    mount(
      content,
      section(
        `Tableau de bord — ${monthLabel(month, true)}`,
        h(
          "dl",
          { class: "figures" },
          h(
            "div",
            null,
            h("dt", null, "Loyers appelés"),
            h("dd", { "data-testid": "called" }, formatEuros(current.rent.calledCents)),
          ),
          h("div", null, h("dt", null, "Encaissé"), h("dd", null, formatEuros(current.rent.collectedCents))),
          h(
            "div",
            null,
            h("dt", null, "Impayés"),
            h(
              "dd",
              null,
              `${formatEuros(current.arrears.totalCents)} (${countOf(current.arrears.leasesInArrears, "bail", "baux")})`,
            ),
          ),
          h(
            "div",
            null,
            h("dt", null, "Vacance"),
            h(
              "dd",
              null,
              `${formatNumber(current.vacancy.vacancyDays)} j — ${formatEuros(current.vacancy.vacancyCostCents)}`,
            ),
          ),
        ),
      ),
      h(
        "div",
        { class: "charts" },
        chartCard(
          "Vacance par mois",
          "jours de vacance des logements en bail principal et leur coût, sur douze mois",
          (canvas) =>
            new Chart(canvas, {
              type: "bar",
              data: {
                labels,
                datasets: [
                  {
                    label: "Coût de la vacance",
                    data: dashboards.map((d) => euros(d.vacancy.vacancyCostCents)),
                    backgroundColor: "#b45309",
                  },
                ],
              },
              options: {
                maintainAspectRatio: false,
                animation: false,
                scales: { y: { beginAtZero: true, suggestedMax: 100, ticks: euroTicks } },
              },
            }),
          table<Dashboard>(
            "Vacance par mois",
            [
              { header: "Mois", cell: (d) => monthLabel(d.month, true) },
              { header: "Logements vacants", cell: (d) => String(d.vacancy.unitsVacant), numeric: true },
              { header: "Jours de vacance", cell: (d) => String(d.vacancy.vacancyDays), numeric: true },
              { header: "Coût", cell: (d) => formatEuros(d.vacancy.vacancyCostCents), numeric: true },
            ],
            dashboards,
          ),
          charts,
        ),
        chartCard(
          "Impayés par ancienneté",
          `impayés au ${formatDate(current.arrears.asOf)} par tranche d'ancienneté`,
          (canvas) =>
            new Chart(canvas, {
              type: "bar",
              data: {
                labels: buckets.map((b) => bucketLabels[b]),
                datasets: [
                  {
                    label: "Montant impayé",
                    data: buckets.map((b) => euros(current.arrears.buckets[b] ?? 0)),
                    backgroundColor: "#b91c1c",
                  },
                ],
              },
              options: {
                maintainAspectRatio: false,
                animation: false,
                scales: { y: { beginAtZero: true, suggestedMax: 100, ticks: euroTicks } },
              },
            }),
          table<Bucket>(
            `Impayés au ${formatDate(current.arrears.asOf)}`,
            [
              { header: "Ancienneté", cell: (b) => bucketLabels[b] },
              { header: "Montant", cell: (b) => formatEuros(current.arrears.buckets[b] ?? 0), numeric: true },
            ],
            buckets,
          ),
          charts,
        ),
        chartCard(
          "Coûts IML et budget",
          `coûts de l'année ${month.slice(0, 4)} à fin ${monthLabel(month, true)} par poste, comparés au budget`,
          (canvas) =>
            new Chart(canvas, {
              type: "bar",
              data: {
                labels: current.costs.map((c) => c.label),
                datasets: [
                  {
                    label: "Réalisé depuis janvier",
                    data: current.costs.map((c) => euros(c.yearToDateCents)),
                    backgroundColor: "#1e3a8a",
                  },
                  {
                    label: "Budget de l'année",
                    data: current.costs.map((c) => euros(c.budgetCents ?? 0)),
                    backgroundColor: "#94a3b8",
                  },
                ],
              },
              options: {
                maintainAspectRatio: false,
                animation: false,
                scales: { y: { beginAtZero: true, suggestedMax: 100, ticks: euroTicks } },
              },
            }),
          table<Dashboard["costs"][number]>(
            "Coûts IML par poste",
            [
              { header: "Poste", cell: (c) => c.label },
              { header: "Mois", cell: (c) => formatEuros(c.monthCents), numeric: true },
              { header: "Depuis janvier", cell: (c) => formatEuros(c.yearToDateCents), numeric: true },
              {
                header: "Budget",
                cell: (c) => (c.budgetCents === null ? "—" : formatEuros(c.budgetCents)),
                numeric: true,
              },
            ],
            current.costs,
          ),
          charts,
        ),
        chartCard(
          "Appelé et encaissé",
          "loyers et charges appelés aux occupants et sommes encaissées (occupants et CAF), sur douze mois",
          (canvas) =>
            new Chart(canvas, {
              type: "bar",
              data: {
                labels,
                datasets: [
                  {
                    label: "Appelé",
                    data: dashboards.map((d) => euros(d.rent.calledCents)),
                    backgroundColor: "#0e7490",
                  },
                  {
                    label: "Encaissé",
                    data: dashboards.map((d) => euros(d.rent.collectedCents)),
                    backgroundColor: "#15803d",
                  },
                ],
              },
              options: {
                maintainAspectRatio: false,
                animation: false,
                scales: { y: { beginAtZero: true, suggestedMax: 100, ticks: euroTicks } },
              },
            }),
          table<Dashboard>(
            "Appelé et encaissé par mois",
            [
              { header: "Mois", cell: (d) => monthLabel(d.month, true) },
              { header: "Appelé", cell: (d) => formatEuros(d.rent.calledCents), numeric: true },
              {
                header: "Encaissé (occupants)",
                cell: (d) => formatEuros(d.rent.collectedFromTenantsCents),
                numeric: true,
              },
              {
                header: "Encaissé (CAF)",
                cell: (d) => formatEuros(d.rent.collectedFromCafCents),
                numeric: true,
              },
            ],
            dashboards,
          ),
          charts,
        ),
      ),
    );
    return () => {
      for (const chart of charts) chart.destroy();
    };
  },
};

function rentCallSection(month: string): HTMLElement {
  const progress = h("progress", { "aria-label": "Appel des loyers en cours", hidden: true });
  const result = h("div", { "aria-live": "polite" });
  const form = h(
    "form",
    { "aria-label": "Appel des loyers" },
    formAlert(),
    field({ name: "period", label: "Mois à appeler", type: "month", required: true, value: month }),
    h(
      "p",
      { class: "hint" },
      "L'appel est fait en une seule fois pour tous les baux en cours ; le relancer pour le même mois ne crée rien de plus.",
    ),
    submitButton("Appeler les loyers"),
    " ",
    progress,
  );
  bindForm(form, RentCallRunBody, async (body) => {
    progress.hidden = false;
    mount(result, h("p", null, "Appel en cours…"));
    try {
      const run = await api.post<RentCallRun>("/api/ledger/rent-calls", body, {
        headers: { "idempotency-key": `rent-calls-${body.period}-${crypto.randomUUID()}` },
      });
      mount(
        result,
        h(
          "p",
          { class: "notice", "data-testid": "rent-call-result" },
          `${capitalized(monthLabel(run.month, true))} : ${run.created} appel(s) créé(s) (${countOf(run.tenantCalls, "occupant", "occupants")}, ${countOf(run.headLeaseCalls, "bail principal", "baux principaux")}), ${run.alreadyCalled} déjà appelé(s) ; ${formatEuros(run.calledCents)} appelés, vacance ${formatEuros(run.vacancyCostCents)}.`,
        ),
      );
      announce(`Appel des loyers terminé : ${run.created} appel(s) créé(s)`);
    } finally {
      progress.hidden = true;
    }
  });
  return section("Appel des loyers", form, result);
}

type LeaseRow = z.infer<typeof LeaseListItem>;

function leaseAccounts(): HTMLElement {
  const box = h("div", null, h("p", { "aria-busy": "true" }, "Chargement…"));
  fetchAllPages<LeaseRow>("/api/leases")
    .then((leases) => {
      const occupied = leases
        .filter((lease) => lease.personId && lease.status !== "draft")
        .sort((a, b) => (a.tenantName ?? "").localeCompare(b.tenantName ?? "", "fr"));
      mount(
        box,
        table<LeaseRow>(
          "Baux des occupants",
          [
            {
              header: "Occupant",
              cell: (l) =>
                h(
                  "a",
                  { href: `/finances/baux/${encodeURIComponent(l.id)}`, "data-link": true },
                  l.tenantName ?? "Compte locataire",
                ),
            },
            {
              header: "Contrat",
              cell: (l) => `${leaseKindLabels[l.kind] ?? l.kind} du ${formatDate(l.startDate)}`,
            },
            {
              header: "Loyer + charges",
              cell: (l) => `${formatEuros(l.rentCents)} + ${formatEuros(l.chargesCents)}`,
              numeric: true,
            },
            { header: "Statut", cell: (l) => leaseStatusLabels[l.status] ?? l.status },
          ],
          occupied,
          "Aucun bail d'occupant.",
        ),
      );
    })
    .catch((error: unknown) => mount(box, loadError(error, "Baux")));
  return box;
}

export const leaseKindLabels: Record<string, string> = {
  head_lease: "Bail principal",
  sublease: "Sous-location",
  sliding_sublease: "Bail glissant",
  direct_lease: "Bail direct",
  temporary_occupancy: "Convention d'occupation temporaire",
};
export const leaseStatusLabels: Record<string, string> = {
  draft: "Brouillon",
  signed: "Signé",
  notice_given: "Congé donné",
  ended: "Terminé",
};

type LeaseLedger = z.infer<typeof LeaseLedgerSchema>;

/** A tenant's balance in words: what they owe, or what they paid ahead (never a bare minus sign). */
function balanceText(cents: number): string {
  if (cents < 0) return `${formatEuros(-cents)} d'avance`;
  if (cents > 0) return `${formatEuros(cents)} dus`;
  return formatEuros(0);
}

/** A tenant's account: calls, what was paid, and the receipts (quittances, reçus) issued. */
export const leaseLedgerPage: Page = {
  path: "/finances/baux/:id",
  title: "Compte locataire",
  permission: "ledger.read",
  async render({ root, params, me, navigate }) {
    mount(root, h("h1", null, "Compte locataire"), h("p", { "aria-busy": "true" }, "Chargement…"));
    const writable = me.permissions.includes("ledger.write");
    const reload = () => navigate(`/finances/baux/${encodeURIComponent(params.id!)}`);
    let ledger: LeaseLedger;
    try {
      ledger = await api.get<LeaseLedger>(`/api/ledger/leases/${encodeURIComponent(params.id!)}`);
    } catch (error) {
      mount(root, h("h1", null, "Compte locataire"), loadError(error, "Compte locataire"));
      return;
    }
    // whose account: the occupant, the contract and the flat, as the officer looks them up
    const contract = await api
      .get<z.infer<typeof LeaseList>>(`/api/leases${query({ personId: ledger.personId, limit: 100 })}`)
      .then((page) => page.items.find((l) => l.id === ledger.leaseId) ?? null)
      .catch(() => null);
    mount(
      root,
      h("p", null, h("a", { href: "/finances", "data-link": true }, "← Finances")),
      h(
        "h1",
        null,
        contract?.tenantName ? `Compte locataire ${ofName(contract.tenantName)}` : "Compte locataire",
      ),
      contract
        ? h(
            "p",
            { "data-testid": "account-contract" },
            `${leaseKindLabels[contract.kind] ?? "Contrat"} du ${formatDate(contract.startDate)}`,
            contract.address ? ` — ${contract.address}` : "",
          )
        : null,
      h(
        "dl",
        { class: "figures" },
        h("div", null, h("dt", null, "Référence de virement"), h("dd", null, ledger.paymentReference)),
        h(
          "div",
          null,
          h("dt", null, "Solde occupant"),
          h("dd", { "data-testid": "tenant-balance" }, balanceText(ledger.tenantBalanceCents)),
        ),
        h(
          "div",
          null,
          h("dt", null, "Solde CAF"),
          h("dd", null, formatEuros(ledger.housingBenefitBalanceCents)),
        ),
      ),
      section(
        "Échéances",
        table<LeaseLedger["periods"][number]>(
          "Échéances appelées",
          [
            { header: "Période", cell: (p) => `${formatDate(p.periodStart)} – ${formatDate(p.periodEnd)}` },
            { header: "Échéance", cell: (p) => formatDate(p.dueOn) },
            // the provision for charges apart: the yearly regularisation is reconciled with it
            { header: "Loyer", cell: (p) => formatEuros(p.rentCents), numeric: true },
            { header: "Provision pour charges", cell: (p) => formatEuros(p.chargesCents), numeric: true },
            { header: "Aide (CAF)", cell: (p) => formatEuros(p.housingBenefitCents), numeric: true },
            { header: "Part occupant", cell: (p) => formatEuros(p.tenantPartCents), numeric: true },
            {
              header: "Payé",
              cell: (p) => formatEuros(p.tenantPaidCents + p.housingBenefitPaidCents),
              numeric: true,
            },
            { header: "Soldé", cell: (p) => (p.fullyPaid ? "oui" : "non") },
          ],
          ledger.periods,
          "Aucune échéance appelée.",
        ),
      ),
      section(
        "Quittances et reçus",
        table<LeaseLedger["receipts"][number]>(
          "Quittances et reçus délivrés",
          [
            {
              header: "Document",
              cell: (r) => (r.kind === "quittance" ? "Quittance" : "Reçu (paiement partiel)"),
            },
            {
              header: "Période",
              cell: (r) =>
                r.periodStart ? `${formatDate(r.periodStart)} – ${formatDate(r.periodEnd)}` : "—",
            },
            { header: "Montant", cell: (r) => formatEuros(r.amountCents), numeric: true },
            { header: "Délivré le", cell: (r) => formatDate(r.issuedOn) },
          ],
          ledger.receipts,
          "Aucune quittance ni reçu.",
        ),
      ),
      transactionsSection(ledger, writable, reload),
      revisionSection(ledger, reload),
      debitMandateSection(ledger.leaseId, writable, reload),
      writable ? arrearsAndPlanSection(ledger.leaseId, reload) : null,
      writable ? tenantRefundSection(ledger.leaseId, ledger.tenantBalanceCents, reload) : null,
      writable
        ? leaseAccountActions(
            ledger.leaseId,
            ledger.periods.map((p) => ({ id: p.rentCallId, label: `du ${formatDate(p.periodStart)}` })),
            ledger.receipts.map((r) => ({
              id: r.id,
              label: `${r.kind === "quittance" ? "Quittance" : "Reçu"} du ${formatDate(r.issuedOn)}`,
            })),
            reload,
          )
        : null,
    );
  },
};
