import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { Db } from "../../../db/client";
import { compareDates, type IsoDate, lastDayOfMonth } from "../../lib/dates";
import { actualCostsByCategory, costSummary } from "../costs/costs.service";
import { costCategories, costCategoryLabels } from "../ledger/ledger.accounts";
import { selectRows } from "../ledger/ledger.queries";
import { ageingBuckets, monthStart } from "../ledger/ledger.rules";
import { arrearsByBucket, monthCalls, monthCollections } from "./finance.queries";

/** The finance dashboard of a month. */
export async function financeDashboard(db: Db, organisationId: string, month: string, today: IsoDate) {
  const from = monthStart(month);
  const to = lastDayOfMonth(from);
  const yearStart = `${month.slice(0, 4)}-01-01`;
  const calls = await monthCalls(db, organisationId, from, to);
  const collected = await monthCollections(db, organisationId, from);
  const asOf = compareDates(to, today) < 0 ? to : today;
  const arrears = await arrearsByBucket(db, organisationId, asOf);
  const monthCosts = await actualCostsByCategory(db, organisationId, from, from);
  const yearToDate = await actualCostsByCategory(db, organisationId, yearStart, from);
  const budget = await costSummary(db, organisationId, Number(month.slice(0, 4)));
  const budgetByCategory = new Map(budget.categories.map((c) => [c.category, c.budgetCents]));
  return {
    month,
    vacancy: {
      unitsVacant: calls.unitsVacant,
      vacancyDays: calls.vacancyDays,
      vacancyCostCents: calls.vacancyCostCents,
    },
    rent: {
      calls: calls.calls,
      calledCents: calls.calledCents,
      housingBenefitCalledCents: calls.housingBenefitCalledCents,
      collectedFromTenantsCents: collected.tenantCents,
      collectedFromCafCents: collected.cafCents,
      collectedCents: collected.tenantCents + collected.cafCents,
    },
    // balances are the current ones; buckets age them at the month end (or today)
    arrears: { asOf, ...arrears },
    costs: costCategories.map((category) => ({
      category,
      label: costCategoryLabels[category],
      monthCents: monthCosts[category],
      yearToDateCents: yearToDate[category],
      budgetCents: budgetByCategory.get(category) ?? null,
    })),
  };
}

export type JournalLine = {
  occurredOn: string;
  transactionId: string;
  kind: string;
  label: string;
  accountCode: string;
  accountName: string;
  debitCents: number;
  creditCents: number;
  leaseId: string | null;
  reversesTransactionId: string | null;
};

/** The ledger journal (every entry) between two dates, in posting order. */
export async function journal(
  db: Db,
  organisationId: string,
  from: IsoDate,
  to: IsoDate,
): Promise<JournalLine[]> {
  const rows = await selectRows<Record<string, string | null>>(
    db,
    sql`select t.occurred_on::text as occurred_on, t.id as transaction_id, t.kind, t.label, a.code, a.name,
               e.debit_cents, e.credit_cents, e.lease_id, t.reverses_transaction_id
          from ledger_entries e
          join ledger_transactions t on t.organisation_id = e.organisation_id and t.id = e.transaction_id
          join ledger_accounts a on a.organisation_id = e.organisation_id and a.id = e.account_id
         where e.organisation_id = ${organisationId} and t.occurred_on between ${from} and ${to}
         order by t.occurred_on, t.recorded_at, t.id, e.debit_cents desc, a.code`,
  );
  return rows.map((r) => ({
    occurredOn: r.occurred_on!,
    transactionId: r.transaction_id!,
    kind: r.kind!,
    label: r.label!,
    accountCode: r.code!,
    accountName: r.name!,
    debitCents: Number(r.debit_cents),
    creditCents: Number(r.credit_cents),
    leaseId: r.lease_id ?? null,
    reversesTransactionId: r.reverses_transaction_id ?? null,
  }));
}

/** "1234,56": the accountant's spreadsheets read a decimal comma (cents → text, no float). */
function euros(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)},${String(abs % 100).padStart(2, "0")}`;
}

function csvCell(value: string | number | null): string {
  const text = value === null ? "" : String(value);
  return /[";\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const journalHeader = [
  "Date",
  "Écriture",
  "Nature",
  "Libellé",
  "Compte",
  "Intitulé du compte",
  "Débit",
  "Crédit",
  "Bail",
  "Contre-passe",
];

/** CSV for French spreadsheets: UTF-8 BOM, semicolons, decimal comma. */
export function journalCsv(lines: JournalLine[]): string {
  const rows = lines.map((l) =>
    [
      l.occurredOn,
      l.transactionId,
      l.kind,
      l.label,
      l.accountCode,
      l.accountName,
      euros(l.debitCents),
      euros(l.creditCents),
      l.leaseId,
      l.reversesTransactionId,
    ]
      .map(csvCell)
      .join(";"),
  );
  return `\uFEFF${[journalHeader.join(";"), ...rows].join("\r\n")}\r\n`;
}

type Dashboard = Awaited<ReturnType<typeof financeDashboard>>;

export function dashboardCsv(d: Dashboard): string {
  const rows: (string | number)[][] = [
    ["Indicateur", "Valeur"],
    ["Mois", d.month],
    ["Logements vacants", d.vacancy.unitsVacant],
    ["Jours de vacance", d.vacancy.vacancyDays],
    ["Coût de la vacance (€)", euros(d.vacancy.vacancyCostCents)],
    ["Loyers et charges appelés (€)", euros(d.rent.calledCents)],
    ["Encaissé (€)", euros(d.rent.collectedCents)],
    ["dont locataires (€)", euros(d.rent.collectedFromTenantsCents)],
    ["dont CAF (€)", euros(d.rent.collectedFromCafCents)],
    ["Impayés total (€)", euros(d.arrears.totalCents)],
    ...ageingBuckets.map((b) => [`Impayés ${b} jours (€)`, euros(d.arrears.buckets[b])]),
    ...d.costs.map((c) => [`Coût IML ${c.label} — mois (€)`, euros(c.monthCents)]),
    ...d.costs.map((c) => [
      `Coût IML ${c.label} — cumul / budget (€)`,
      `${euros(c.yearToDateCents)} / ${c.budgetCents === null ? "" : euros(c.budgetCents)}`,
    ]),
  ];
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(";")).join("\r\n")}\r\n`;
}

const euroFormat = '#,##0.00 "€"';

/** One workbook: the dashboard, the IML costs vs budget, and the journal of the month. */
export async function financeWorkbook(d: Dashboard | null, lines: JournalLine[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Back office logement";
  if (d) {
    const sheet = workbook.addWorksheet("Tableau de bord");
    sheet.columns = [
      { header: "Indicateur", key: "label", width: 48 },
      { header: "Valeur", key: "value", width: 18 },
    ];
    const money = (label: string, cents: number) =>
      (sheet.addRow({ label, value: cents / 100 }).getCell(2).numFmt = euroFormat);
    sheet.addRow({ label: "Mois", value: d.month });
    sheet.addRow({ label: "Logements vacants", value: d.vacancy.unitsVacant });
    sheet.addRow({ label: "Jours de vacance", value: d.vacancy.vacancyDays });
    money("Coût de la vacance", d.vacancy.vacancyCostCents);
    money("Appelé", d.rent.calledCents);
    money("Encaissé", d.rent.collectedCents);
    money("Impayés", d.arrears.totalCents);
    for (const b of ageingBuckets) money(`Impayés ${b} jours`, d.arrears.buckets[b]);
    const costs = workbook.addWorksheet("Coûts IML");
    costs.columns = [
      { header: "Catégorie", key: "label", width: 48 },
      { header: "Mois", key: "month", width: 16, style: { numFmt: euroFormat } },
      { header: "Cumul annuel", key: "ytd", width: 16, style: { numFmt: euroFormat } },
      { header: "Budget", key: "budget", width: 16, style: { numFmt: euroFormat } },
    ];
    for (const c of d.costs)
      costs.addRow({
        label: c.label,
        month: c.monthCents / 100,
        ytd: c.yearToDateCents / 100,
        budget: c.budgetCents === null ? null : c.budgetCents / 100,
      });
  }
  const sheet = workbook.addWorksheet("Journal");
  sheet.columns = journalHeader.map((header, i) => ({
    header,
    key: String(i),
    width: i === 3 || i === 5 ? 40 : 14,
    style: i === 6 || i === 7 ? { numFmt: euroFormat } : {},
  }));
  for (const l of lines)
    sheet.addRow([
      l.occurredOn,
      l.transactionId,
      l.kind,
      l.label,
      l.accountCode,
      l.accountName,
      l.debitCents / 100,
      l.creditCents / 100,
      l.leaseId,
      l.reversesTransactionId,
    ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
