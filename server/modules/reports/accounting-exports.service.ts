/**
 * The accountant's files besides the FEC: the journal, the balance générale (trial balance) and
 * the grand livre (general ledger) of a date range, and the month's dashboard; each in CSV and
 * XLSX from one description (spreadsheet.ts). Entry numbers and account numbers are the FEC's own,
 * so every file reconciles with it line by line.
 */
import type { Db } from "../../../db/client";
import { type IsoDate, lastDayOfMonth } from "../../lib/dates";
import { AppError } from "../../lib/errors";
import { ageingBuckets, monthStart } from "../ledger/ledger.rules";
import {
  type AccountingLine,
  accountingAccount,
  generalLedger,
  natureLabel,
  trialBalance,
} from "./exports.rules";
import { numberFecEntries } from "./fec.rules";
import { entriesBetween } from "./fec.service";
import { financeDashboard } from "./finance.service";
import { type Sheet, toCsv, toXlsx } from "./spreadsheet";

/** The lines dated in [from, to], numbered as in the FEC (numbering runs from 1 January). */
export async function accountingLines(
  db: Db,
  organisationId: string,
  from: IsoDate,
  to: IsoDate,
): Promise<AccountingLine[]> {
  const entries = await entriesBetween(db, organisationId, `${from.slice(0, 4)}-01-01`, to);
  return numberFecEntries(entries).flatMap(({ entryNumber, lines }) =>
    lines
      .filter((line) => line.occurredOn >= from && (line.debitCents !== 0 || line.creditCents !== 0))
      .map((line) => ({
        occurredOn: line.occurredOn,
        entryNumber,
        kind: line.kind === "reversal" && line.reversedKind ? "reversal" : line.kind,
        label: line.label,
        accountCode: line.accountCode,
        accountName: line.accountName,
        auxiliary: line.auxiliary,
        debitCents: line.debitCents,
        creditCents: line.creditCents,
      })),
  );
}

export function journalSheet(lines: AccountingLine[]): Sheet {
  return {
    name: "Journal",
    columns: [
      { header: "Date", kind: "date" },
      { header: "Écriture", kind: "text", width: 18 },
      { header: "Nature", kind: "text", width: 24 },
      { header: "Libellé", kind: "text", width: 48 },
      { header: "Compte", kind: "text", width: 10 },
      { header: "Intitulé du compte", kind: "text" },
      { header: "Compte auxiliaire", kind: "text", width: 12 },
      { header: "Nom auxiliaire", kind: "text" },
      { header: "Débit", kind: "euros" },
      { header: "Crédit", kind: "euros" },
    ],
    rows: lines.map((line) => {
      const account = accountingAccount(line);
      return [
        line.occurredOn,
        line.entryNumber,
        natureLabel(line.kind),
        line.label,
        account.number,
        account.name,
        account.auxiliaryNumber,
        account.auxiliaryName,
        line.debitCents,
        line.creditCents,
      ];
    }),
  };
}

export function trialBalanceSheet(lines: AccountingLine[]): Sheet {
  const rows = trialBalance(lines);
  const total = (pick: (row: (typeof rows)[number]) => number) =>
    rows.reduce((sum, row) => sum + pick(row), 0);
  return {
    name: "Balance générale",
    columns: [
      { header: "Compte", kind: "text", width: 10 },
      { header: "Intitulé", kind: "text" },
      { header: "Compte auxiliaire", kind: "text", width: 12 },
      { header: "Nom auxiliaire", kind: "text" },
      { header: "Total débit", kind: "euros" },
      { header: "Total crédit", kind: "euros" },
      { header: "Solde débiteur", kind: "euros" },
      { header: "Solde créditeur", kind: "euros" },
    ],
    rows: [
      ...rows.map((row) => [
        row.accountNumber,
        row.accountName,
        row.auxiliaryNumber,
        row.auxiliaryName,
        row.debitCents,
        row.creditCents,
        Math.max(0, row.balanceCents),
        Math.max(0, -row.balanceCents),
      ]),
      [
        "Total",
        "",
        "",
        "",
        total((r) => r.debitCents),
        total((r) => r.creditCents),
        total((r) => Math.max(0, r.balanceCents)),
        total((r) => Math.max(0, -r.balanceCents)),
      ],
    ],
  };
}

export function generalLedgerSheet(lines: AccountingLine[]): Sheet {
  return {
    name: "Grand livre",
    columns: [
      { header: "Compte", kind: "text", width: 10 },
      { header: "Intitulé", kind: "text" },
      { header: "Compte auxiliaire", kind: "text", width: 12 },
      { header: "Nom auxiliaire", kind: "text" },
      { header: "Date", kind: "date" },
      { header: "Écriture", kind: "text", width: 18 },
      { header: "Nature", kind: "text", width: 24 },
      { header: "Libellé", kind: "text", width: 48 },
      { header: "Débit", kind: "euros" },
      { header: "Crédit", kind: "euros" },
      { header: "Solde", kind: "euros" },
    ],
    rows: generalLedger(lines).map((row) => [
      row.accountNumber,
      row.generalName,
      row.auxiliaryNumber,
      row.auxiliaryName,
      row.occurredOn,
      row.entryNumber,
      natureLabel(row.kind),
      row.label,
      row.debitCents,
      row.creditCents,
      row.runningBalanceCents,
    ]),
  };
}

type Dashboard = Awaited<ReturnType<typeof financeDashboard>>;

/** The month's figures, the same as on the dashboard's card and chart, to the cent. */
export function dashboardSheets(d: Dashboard): Sheet[] {
  return [
    {
      name: "Tableau de bord",
      columns: [
        { header: "Indicateur", kind: "text", width: 48 },
        { header: "Montant", kind: "euros", width: 18 },
        { header: "Nombre", kind: "integer" },
      ],
      rows: [
        ["Logements vacants", null, d.vacancy.unitsVacant],
        ["Jours de vacance", null, d.vacancy.vacancyDays],
        ["Coût de la vacance", d.vacancy.vacancyCostCents, null],
        ["Loyers et charges appelés", d.rent.calledCents, d.rent.calls],
        ["Encaissé", d.rent.collectedCents, null],
        ["dont locataires", d.rent.collectedFromTenantsCents, null],
        ["dont CAF", d.rent.collectedFromCafCents, null],
        [`Impayés au ${d.arrears.asOf.split("-").reverse().join("/")}`, d.arrears.totalCents, null],
        ...ageingBuckets.map((b): (string | number | null)[] => [
          `Impayés ${b} jours`,
          d.arrears.buckets[b],
          null,
        ]),
      ],
    },
    {
      name: "Coûts IML",
      columns: [
        { header: "Catégorie", kind: "text", width: 48 },
        { header: "Mois", kind: "euros" },
        { header: "Cumul annuel", kind: "euros" },
        { header: "Budget", kind: "euros" },
      ],
      rows: d.costs.map((c) => [c.label, c.monthCents, c.yearToDateCents, c.budgetCents]),
    },
  ];
}

export type ExportFormat = "csv" | "xlsx";
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async function render(sheets: Sheet[], format: ExportFormat, baseName: string) {
  if (format === "csv")
    return {
      fileName: `${baseName}.csv`,
      contentType: "text/csv; charset=utf-8",
      body: new TextEncoder().encode(toCsv(sheets[0]!)),
    };
  return { fileName: `${baseName}.xlsx`, contentType: XLSX_TYPE, body: new Uint8Array(await toXlsx(sheets)) };
}

export type AccountingReport = "journal" | "trial-balance" | "general-ledger";

const reportSheet: Record<AccountingReport, (lines: AccountingLine[]) => Sheet> = {
  journal: journalSheet,
  "trial-balance": trialBalanceSheet,
  "general-ledger": generalLedgerSheet,
};
const reportName: Record<AccountingReport, string> = {
  journal: "journal",
  "trial-balance": "balance-generale",
  "general-ledger": "grand-livre",
};

/** The journal, trial balance or general ledger of [from, to] as a CSV or XLSX file. */
export async function accountingFile(
  db: Db,
  organisationId: string,
  report: AccountingReport,
  range: { from: IsoDate; to: IsoDate },
  format: ExportFormat,
) {
  if (range.from > range.to)
    throw AppError.validation([{ path: "query.to", message: "la fin précède le début" }]);
  const lines = await accountingLines(db, organisationId, range.from, range.to);
  return render([reportSheet[report](lines)], format, `${reportName[report]}-${range.from}-${range.to}`);
}

/** The month's dashboard (CSV: the figures; XLSX: the figures, the IML costs and the month's journal). */
export async function dashboardFile(
  db: Db,
  organisationId: string,
  month: string,
  today: IsoDate,
  format: ExportFormat,
) {
  const dashboard = await financeDashboard(db, organisationId, month, today);
  const sheets = dashboardSheets(dashboard);
  if (format === "xlsx") {
    const from = monthStart(month);
    sheets.push(journalSheet(await accountingLines(db, organisationId, from, lastDayOfMonth(from))));
  }
  return render(sheets, format, format === "csv" ? `tableau-de-bord-${month}` : `finance-${month}`);
}
