/**
 * The two shapes of every accountant's file, from one description of its columns:
 * CSV for French spreadsheets (UTF-8 with BOM, semicolons, decimal comma, dd/mm/yyyy) and XLSX
 * (amounts as numbers in euros with a euro format, dates as dates, the header row frozen and
 * filterable). Text cells are neutralised so that no cell is ever run as a formula.
 */
import type ExcelJS from "exceljs";
import { neutraliseFormula } from "./exports.rules";

export type ColumnKind = "text" | "date" | "euros" | "integer";
export type Column = { header: string; kind: ColumnKind; width?: number };
export type Cell = string | number | null;
export type Sheet = { name: string; columns: Column[]; rows: Cell[][] };

const EURO_FORMAT = '#,##0.00 "€";-#,##0.00 "€"';
const DATE_FORMAT = "dd/mm/yyyy";

/** 123456 → "1234,56" (cents → text, no float). */
export function csvEuros(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)},${String(abs % 100).padStart(2, "0")}`;
}

/** "2026-02-05" → "05/02/2026". */
export const frenchDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

function csvValue(kind: ColumnKind, value: Cell): string {
  if (value === null || value === "") return "";
  if (kind === "euros") return csvEuros(Number(value));
  if (kind === "date") return frenchDate(String(value));
  if (kind === "integer") return String(value);
  return neutraliseFormula(String(value));
}

const quoted = (text: string) => (/[";\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

export function toCsv(sheet: Sheet): string {
  const lines = [
    sheet.columns.map((c) => quoted(c.header)).join(";"),
    ...sheet.rows.map((row) =>
      row.map((value, i) => quoted(csvValue(sheet.columns[i]!.kind, value))).join(";"),
    ),
  ];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

function xlsxValue(kind: ColumnKind, value: Cell): ExcelJS.CellValue {
  if (value === null || value === "") return null;
  // cents → euros as a number: exact to the cent in a double for any realistic amount
  if (kind === "euros") return Number(value) / 100;
  // a calendar date: midnight UTC, which Excel shows as that day whatever its time zone
  if (kind === "date") return new Date(`${String(value)}T00:00:00Z`);
  if (kind === "integer") return Number(value);
  return neutraliseFormula(String(value));
}

/** exceljs costs a few hundred milliseconds to load: only a request for a spreadsheet pays it. */
const loadExcel = async (): Promise<typeof ExcelJS> => (await import("exceljs")).default;

export async function toXlsx(sheets: Sheet[]): Promise<Buffer> {
  const { Workbook } = await loadExcel();
  const workbook = new Workbook();
  workbook.creator = "Back office logement";
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name, { views: [{ state: "frozen", ySplit: 1 }] });
    worksheet.columns = sheet.columns.map((column, i) => ({
      header: column.header,
      key: String(i),
      width: column.width ?? (column.kind === "text" ? 36 : 14),
      style:
        column.kind === "euros"
          ? { numFmt: EURO_FORMAT }
          : column.kind === "date"
            ? { numFmt: DATE_FORMAT }
            : {},
    }));
    worksheet.getRow(1).font = { bold: true };
    for (const row of sheet.rows)
      worksheet.addRow(row.map((value, i) => xlsxValue(sheet.columns[i]!.kind, value)));
    worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
