/**
 * Bank statement readers, pure: bytes in, statement lines out. Three formats are read:
 * - the CSV exports of French banks (separator chosen from the header, preamble lines skipped,
 *   one signed amount column or Débit / Crédit columns, operation and value dates);
 * - ISO 20022 camt.053 (BkToCstmrStmt, versions 001.02 to 001.13: the elements read are common);
 * - OFX 1.x (SGML, unclosed tags) and 2.x (XML).
 * A debit is always a negative amount, whatever column or indicator carried it.
 */
import { createHash } from "node:crypto";
import { parse as parseCsv } from "csv-parse/sync";
import { XMLParser } from "fast-xml-parser";
import { compareDates, formatFrenchDate, type IsoDate, isIsoDate } from "../../lib/dates";
import { AppError, type InvalidField } from "../../lib/errors";
import type { Cents } from "../../lib/money";

export type StatementFormat = "csv" | "camt.053" | "ofx";

export type StatementLine = {
  /** Position in the file (CSV: the physical line; camt/OFX: the operation's rank), for the review. */
  lineNumber: number;
  /** Date of the operation (booking date): the date the money moved on the account. */
  bookedOn: IsoDate;
  /** Value date, when the bank gives one. */
  valueOn: IsoDate | null;
  label: string;
  /** Credit > 0, debit < 0. */
  amountCents: Cents;
  /** The bank's own reference of the operation (camt AcctSvcrRef, OFX FITID, a CSV column). */
  bankReference: string | null;
};

export type ParsedStatement = {
  format: StatementFormat;
  encoding: "utf-8" | "windows-1252";
  /** The account the statement is for (IBAN or account number), when the file says it. */
  accountRef: string | null;
  lines: StatementLine[];
};

// ---------------------------------------------------------------------------------------------
// bytes → text

/**
 * French bank exports come in UTF-8 or in Windows-1252 (Excel, older portals). A byte sequence
 * that is valid UTF-8 is read as UTF-8; anything else as Windows-1252, which maps every byte.
 */
export function decodeStatementBytes(bytes: Uint8Array): {
  text: string;
  encoding: "utf-8" | "windows-1252";
} {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return { text: text.replace(/^\uFEFF/, ""), encoding: "utf-8" };
  } catch {
    return { text: new TextDecoder("windows-1252").decode(bytes), encoding: "windows-1252" };
  }
}

export function detectStatementFormat(text: string): StatementFormat {
  const head = text.slice(0, 4000).trimStart();
  if (/^OFXHEADER:/i.test(head) || /<OFX>/i.test(head) || /<\?OFX\b/i.test(head)) return "ofx";
  if (/<BkToCstmrStmt\b/.test(text.slice(0, 20_000)) || /camt\.053/.test(head)) return "camt.053";
  if (head.startsWith("<"))
    throw new AppError("BANK_STATEMENT_INVALID", "Fichier XML qui n'est pas un relevé camt.053");
  return "csv";
}

export function readStatement(bytes: Uint8Array, options: { today: IsoDate }): ParsedStatement {
  const { text, encoding } = decodeStatementBytes(bytes);
  if (text.includes("\u0000"))
    throw new AppError(
      "BANK_STATEMENT_INVALID",
      "Le fichier contient des octets nuls : ce n'est pas un relevé",
    );
  const format = detectStatementFormat(text);
  const read =
    format === "ofx" ? parseOfx(text) : format === "camt.053" ? parseCamt053(text) : parseCsvStatement(text);
  const future = read.lines.filter((line) => compareDates(line.bookedOn, options.today) > 0);
  if (future.length)
    throw new AppError(
      format === "csv" ? "CSV_INVALID" : "BANK_STATEMENT_INVALID",
      "Un relevé ne peut pas contenir d'opération datée après aujourd'hui",
      {
        errors: future.map((line) => ({
          path: `line.${line.lineNumber}.date`,
          message: `opération datée du ${formatFrenchDate(line.bookedOn)}, postérieure à aujourd'hui`,
        })),
      },
    );
  return { format, encoding, ...read };
}

// ---------------------------------------------------------------------------------------------
// amounts and dates as banks write them

/**
 * "640,50", "1 234,56", "1.512,00", "+512,00", "-85,40", "85,40-", "(85,40)", "640.50", "1,234.56".
 * A single separator followed by one or two digits is the decimal separator; dots followed by
 * groups of three digits are thousands separators. "1,234" (comma then three digits) is refused:
 * it is 1 234 € in English and 1,234 € (three decimals, impossible) in French.
 */
export function parseStatementAmount(raw: string): Cents {
  let text = raw.replace(/[\s\u00a0\u202f'€]/g, "").replace(/EUR$/i, "");
  let negative = false;
  if (/^\(.*\)$/.test(text)) {
    negative = true;
    text = text.slice(1, -1);
  }
  if (text.startsWith("+")) text = text.slice(1);
  else if (text.startsWith("-") || text.startsWith("\u2212")) {
    negative = !negative;
    text = text.slice(1);
  } else if (text.endsWith("-")) {
    negative = true;
    text = text.slice(0, -1);
  }
  const lastComma = text.lastIndexOf(",");
  const lastDot = text.lastIndexOf(".");
  let whole: string;
  let fraction = "";
  if (lastComma >= 0 && lastDot >= 0) {
    const decimalAt = Math.max(lastComma, lastDot);
    const thousands = lastComma > lastDot ? "." : ",";
    whole = text.slice(0, decimalAt);
    fraction = text.slice(decimalAt + 1);
    if (!new RegExp(`^\\d{1,3}(\\${thousands}\\d{3})*$`).test(whole)) throw notAnAmount(raw);
    whole = whole.split(thousands).join("");
  } else if (lastComma >= 0) {
    whole = text.slice(0, lastComma);
    fraction = text.slice(lastComma + 1);
    if (whole.includes(",")) throw notAnAmount(raw);
  } else if (lastDot >= 0) {
    if (/^\d{1,3}(\.\d{3})+$/.test(text)) whole = text.replace(/\./g, "");
    else {
      whole = text.slice(0, lastDot);
      fraction = text.slice(lastDot + 1);
      if (whole.includes(".")) throw notAnAmount(raw);
    }
  } else whole = text;
  if (!/^\d+$/.test(whole) || !/^\d{0,2}$/.test(fraction) || (fraction === "" && text.endsWith(",")))
    throw notAnAmount(raw);
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  if (!Number.isSafeInteger(cents)) throw notAnAmount(raw);
  return negative ? -cents : cents;
}

function notAnAmount(raw: string) {
  return new RangeError(`montant illisible « ${raw} »`);
}

/**
 * "05/03/2026", "05/03/26", "05-03-2026", "05.03.2026", "2026-03-05", "20260305" (OFX).
 * A two-digit year is of this century: a statement of this software is never older than 2000.
 */
export function parseStatementDate(raw: string): IsoDate | null {
  const text = raw.trim();
  let date: string | null = null;
  const fr = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/.exec(text);
  if (fr) {
    const year = fr[3]!.length === 2 ? `20${fr[3]}` : fr[3]!;
    date = `${year}-${fr[2]!.padStart(2, "0")}-${fr[1]!.padStart(2, "0")}`;
  }
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$/.exec(text);
  if (iso) date = `${iso[1]}-${iso[2]}-${iso[3]}`;
  const compact = /^(\d{4})(\d{2})(\d{2})(?:\d{6})?(?:\.\d+)?(?:\[.*\])?$/.exec(text);
  if (compact) date = `${compact[1]}-${compact[2]}-${compact[3]}`;
  return date && isIsoDate(date) ? date : null;
}

// ---------------------------------------------------------------------------------------------
// CSV

type Column = "date" | "valueDate" | "label" | "amount" | "debit" | "credit" | "reference";

function headerKey(cell: string): string {
  return cell
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\(.*?\)|€|\beur\b/g, "")
    .replace(/[^a-z]+/g, " ")
    .trim();
}

/** What a header cell names, from the wording of French banks' exports. */
export function columnOf(cell: string): Column | null {
  const key = headerKey(cell);
  if (/^date (de )?valeur$|^valeur$/.test(key)) return "valueDate";
  if (/^date( (d )?operation| op| comptable| de comptabilisation| d execution)?$/.test(key)) return "date";
  if (
    /^(libelle|libelle (de l )?operation|libelle simplifie|libelle operation|intitule|description|detail|nature de l operation|operation|informations complementaires|motif)$/.test(
      key,
    )
  )
    return "label";
  if (/^(montant|montant de l operation|somme|amount)$/.test(key)) return "amount";
  if (/^debits?$/.test(key)) return "debit";
  if (/^credits?$/.test(key)) return "credit";
  if (/^(reference|ref|numero d operation|reference de l operation)$/.test(key)) return "reference";
  return null;
}

const SEPARATORS = [";", "\t", ",", "|"] as const;

function looksLikeHeader(cells: readonly string[]): boolean {
  const columns = cells.map(columnOf);
  const hasDate = columns.includes("date");
  const hasAmount = columns.includes("amount") || columns.includes("debit") || columns.includes("credit");
  return hasDate && hasAmount;
}

/** Splits a raw line on a separator, respecting double quotes (enough to recognise a header). */
function splitRaw(line: string, separator: string): string[] {
  const cells: string[] = [];
  let current = "";
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (char === separator && !quoted) {
      cells.push(current.trim());
      current = "";
    } else current += char;
  }
  cells.push(current.trim());
  return cells;
}

/**
 * Finds the header line (preamble lines — account number, period, balance — come before it)
 * and the separator it uses. Without a header, the legacy three columns date;libellé;montant.
 */
export function locateCsvHeader(lines: readonly string[]): {
  index: number;
  separator: string;
  header: boolean;
} {
  for (let index = 0; index < Math.min(lines.length, 40); index += 1) {
    const line = lines[index]!;
    const found = SEPARATORS.filter((separator) => looksLikeHeader(splitRaw(line, separator)));
    if (found.length) {
      // the separator that yields the most cells is the one the file uses
      const separator = found.sort((a, b) => splitRaw(line, b).length - splitRaw(line, a).length)[0]!;
      return { index, separator, header: true };
    }
  }
  for (let index = 0; index < Math.min(lines.length, 40); index += 1) {
    const line = lines[index]!;
    for (const separator of SEPARATORS) {
      const cells = splitRaw(line, separator);
      if (cells.length >= 3 && parseStatementDate(cells[0]!)) return { index, separator, header: false };
    }
  }
  throw new AppError(
    "CSV_INVALID",
    "Relevé illisible : aucune ligne d'en-tête (Date, Libellé, Montant) ni d'opération datée",
    {
      errors: [{ path: "file", message: "en-tête introuvable" }],
    },
  );
}

const SUMMARY_ROW = /^(ancien |nouveau )?solde|^total|^sous total|^montant total/i;
const IBAN_IN_PREAMBLE = /\b([A-Z]{2}\d{2}(?:\s?[0-9A-Z]{4}){2,7}(?:\s?[0-9A-Z]{1,4})?)\b/;
const ACCOUNT_IN_PREAMBLE = /compte[^0-9\n]*([0-9][0-9 ]{6,}[0-9])/i;

export function parseCsvStatement(text: string): Omit<ParsedStatement, "format" | "encoding"> {
  const physical = text.split(/\r\n|\n|\r/);
  const { index, separator, header } = locateCsvHeader(physical);
  const preamble = physical.slice(0, index).join("\n");
  const account = IBAN_IN_PREAMBLE.exec(preamble) ?? ACCOUNT_IN_PREAMBLE.exec(preamble);
  const accountRef = account ? account[1]!.replace(/\s/g, "") || null : null;
  let records: { record: string[]; line: number }[];
  try {
    const parsed = parseCsv(physical.slice(index).join("\n"), {
      delimiter: separator,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      trim: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    records = parsed.map(({ record, info }) => ({ record, line: index + info.lines }));
  } catch (error) {
    throw new AppError("CSV_INVALID", `Relevé illisible : ${(error as Error).message}`);
  }
  let columns: (Column | null)[];
  if (header) {
    columns = records.shift()!.record.map(columnOf);
  } else {
    const first = records[0]?.record ?? [];
    columns =
      first.length >= 4 && parseStatementDate(first[1] ?? "")
        ? ["date", "valueDate", "label", "amount"]
        : ["date", "label", "amount"];
  }
  const at = (column: Column) => columns.indexOf(column);
  const labelColumns = columns.flatMap((column, i) => (column === "label" ? [i] : []));
  if (at("date") < 0 || (at("amount") < 0 && at("debit") < 0 && at("credit") < 0) || !labelColumns.length)
    throw new AppError(
      "CSV_INVALID",
      "Relevé illisible : il faut les colonnes Date, Libellé et Montant (ou Débit / Crédit)",
    );

  const errors: InvalidField[] = [];
  const lines: StatementLine[] = [];
  for (const { record, line } of records) {
    const cell = (i: number) => (i >= 0 ? (record[i] ?? "").trim() : "");
    if (record.every((value) => value.trim() === "")) continue;
    const rawDate = cell(at("date"));
    const label = labelColumns.map(cell).filter(Boolean).join(" ").replace(/\s+/g, " ");
    const rawAmount = cell(at("amount"));
    const rawDebit = cell(at("debit"));
    const rawCredit = cell(at("credit"));
    if (!rawDate && !rawAmount && !rawDebit && !rawCredit) {
      // a label continued on the next physical row, as some banks export long labels
      const previous = lines[lines.length - 1];
      if (previous && label) previous.label = `${previous.label} ${label}`;
      continue;
    }
    const bookedOn = parseStatementDate(rawDate);
    if (!bookedOn) {
      if (SUMMARY_ROW.test(rawDate) || SUMMARY_ROW.test(label)) continue; // balance and totals rows
      errors.push({ path: `line.${line}.date`, message: `date illisible « ${rawDate} »` });
      continue;
    }
    const rawValueDate = cell(at("valueDate"));
    const valueOn = rawValueDate ? parseStatementDate(rawValueDate) : null;
    if (rawValueDate && !valueOn) {
      errors.push({
        path: `line.${line}.valueDate`,
        message: `date de valeur illisible « ${rawValueDate} »`,
      });
      continue;
    }
    let amountCents: Cents;
    try {
      if (at("amount") >= 0 && rawAmount) amountCents = parseStatementAmount(rawAmount);
      else {
        // a Débit cell is money going out whatever its sign; a Crédit cell money coming in
        const debit = rawDebit ? Math.abs(parseStatementAmount(rawDebit)) : 0;
        const credit = rawCredit ? Math.abs(parseStatementAmount(rawCredit)) : 0;
        if (debit && credit) throw new RangeError("montant au débit et au crédit sur la même ligne");
        if (!rawDebit && !rawCredit) throw new RangeError("montant absent");
        amountCents = credit - debit;
      }
    } catch (error) {
      errors.push({ path: `line.${line}.amount`, message: (error as Error).message });
      continue;
    }
    lines.push({
      lineNumber: line,
      bookedOn,
      valueOn,
      label,
      amountCents,
      bankReference: cell(at("reference")) || null,
    });
  }
  if (errors.length)
    throw new AppError("CSV_INVALID", "Certaines lignes du relevé sont illisibles", { errors });
  return { accountRef, lines };
}

// ---------------------------------------------------------------------------------------------
// ISO 20022 camt.053 (Bank-to-Customer Statement)

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => ["Stmt", "Ntry", "NtryDtls", "TxDtls", "Ustrd"].includes(name),
});

type XmlNode = Record<string, unknown>;
const node = (value: unknown): XmlNode => (value && typeof value === "object" ? (value as XmlNode) : {});
const list = (value: unknown): XmlNode[] =>
  Array.isArray(value) ? value.map(node) : value ? [node(value)] : [];
const textOf = (value: unknown): string => {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  if (value && typeof value === "object" && "#text" in value) return String((value as XmlNode)["#text"]);
  return "";
};
const dateOf = (value: unknown): IsoDate | null => {
  const choice = node(value);
  return parseStatementDate(textOf(choice.Dt) || textOf(choice.DtTm));
};

/** A party's name: camt.053.001.02 writes Dbtr/Nm, from 001.08 on Dbtr/Pty/Nm. */
function partyName(party: unknown): string {
  const p = node(party);
  return textOf(p.Nm) || textOf(node(p.Pty).Nm);
}

export function parseCamt053(text: string): Omit<ParsedStatement, "format" | "encoding"> {
  let documentNode: XmlNode;
  try {
    documentNode = node(xml.parse(text, true));
  } catch (error) {
    throw new AppError("BANK_STATEMENT_INVALID", `Relevé camt.053 illisible : ${(error as Error).message}`);
  }
  const statements = list(node(node(documentNode.Document).BkToCstmrStmt).Stmt);
  if (!statements.length) throw new AppError("BANK_STATEMENT_INVALID", "Relevé camt.053 sans relevé (Stmt)");
  const errors: InvalidField[] = [];
  const lines: StatementLine[] = [];
  let accountRef: string | null = null;
  let rank = 0;
  for (const statement of statements) {
    const accountId = node(node(statement.Acct).Id);
    accountRef ??= textOf(accountId.IBAN) || textOf(node(accountId.Othr).Id) || null;
    for (const entry of list(statement.Ntry)) {
      rank += 1;
      const status = node(entry.Sts);
      // only booked entries are on the account; pending (PDNG) and information (INFO) are not
      if ((textOf(status.Cd) || textOf(entry.Sts)) !== "BOOK") continue;
      const debit = textOf(entry.CdtDbtInd) === "DBIT";
      const bookedOn = dateOf(entry.BookgDt);
      const valueOn = dateOf(entry.ValDt);
      if (!bookedOn) {
        errors.push({
          path: `entry.${rank}.BookgDt`,
          message: "date de comptabilisation absente ou illisible",
        });
        continue;
      }
      const transactions = list(entry.NtryDtls).flatMap((details) => list(details.TxDtls));
      const describe = (tx: XmlNode | null) => {
        const parties = node(tx?.RltdPties);
        const name = partyName(debit ? parties.Cdtr : parties.Dbtr);
        const unstructured = node(tx?.RmtInf).Ustrd;
        const remittance = (Array.isArray(unstructured) ? unstructured : [unstructured]).map(textOf);
        return [name, ...remittance, textOf(entry.AddtlNtryInf)]
          .filter(Boolean)
          .join(" ")
          .replace(/\s+/g, " ");
      };
      const amountOf = (value: unknown, path: string): Cents | null => {
        try {
          return parseStatementAmount(textOf(value));
        } catch {
          errors.push({ path, message: `montant illisible « ${textOf(value)} »` });
          return null;
        }
      };
      const reference = textOf(entry.AcctSvcrRef) || textOf(entry.NtryRef) || null;
      // a batch entry (several transfers booked as one) is split when each transfer has its amount
      const split =
        transactions.length > 1 &&
        transactions.every((tx) => textOf(node(node(tx.AmtDtls).TxAmt).Amt) || tx.Amt);
      if (split) {
        transactions.forEach((tx, i) => {
          const amount = amountOf(
            tx.Amt ?? node(node(tx.AmtDtls).TxAmt).Amt,
            `entry.${rank}.TxDtls.${i + 1}.Amt`,
          );
          if (amount === null) return;
          const txDebit = textOf(tx.CdtDbtInd) ? textOf(tx.CdtDbtInd) === "DBIT" : debit;
          lines.push({
            lineNumber: lines.length + 1,
            bookedOn,
            valueOn,
            label: describe(tx),
            amountCents: txDebit ? -Math.abs(amount) : Math.abs(amount),
            bankReference:
              textOf(node(tx.Refs).AcctSvcrRef) ||
              (reference ? `${reference}/${i + 1}` : textOf(node(tx.Refs).EndToEndId) || null),
          });
        });
        continue;
      }
      const amount = amountOf(entry.Amt, `entry.${rank}.Amt`);
      if (amount === null) continue;
      lines.push({
        lineNumber: lines.length + 1,
        bookedOn,
        valueOn,
        label: describe(transactions[0] ?? null),
        amountCents: debit ? -Math.abs(amount) : Math.abs(amount),
        bankReference: reference,
      });
    }
  }
  if (errors.length)
    throw new AppError("BANK_STATEMENT_INVALID", "Certaines écritures du relevé camt.053 sont illisibles", {
      errors,
    });
  return { accountRef, lines };
}

// ---------------------------------------------------------------------------------------------
// OFX 1.x (SGML) and 2.x (XML)

/** The value of a leaf element: OFX 1.x leaves are not closed ("<TRNAMT>450.00"). */
function ofxValue(block: string, tag: string): string {
  const match = new RegExp(`<${tag}>([^<\\r\\n]*)`, "i").exec(block);
  return match ? decodeOfxEntities(match[1]!.trim()) : "";
}

function decodeOfxEntities(value: string): string {
  return value
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&");
}

export function parseOfx(text: string): Omit<ParsedStatement, "format" | "encoding"> {
  const body = text.slice(Math.max(0, text.search(/<OFX>/i)));
  if (!/<OFX>/i.test(body))
    throw new AppError("BANK_STATEMENT_INVALID", "Relevé OFX illisible : balise <OFX> absente");
  const account =
    /<(?:BANKACCTFROM|CCACCTFROM)>([\s\S]*?)(?:<\/(?:BANKACCTFROM|CCACCTFROM)>|<BANKTRANLIST>)/i.exec(body);
  const accountRef = account ? ofxValue(account[1]!, "ACCTID") || null : null;
  const errors: InvalidField[] = [];
  const lines: StatementLine[] = [];
  const blocks = body.split(/<STMTTRN>/i).slice(1);
  blocks.forEach((raw, i) => {
    const block = raw.split(/<\/STMTTRN>/i)[0]!;
    const rank = i + 1;
    const bookedOn = parseStatementDate(ofxValue(block, "DTPOSTED"));
    const userDate = ofxValue(block, "DTUSER");
    const rawAmount = ofxValue(block, "TRNAMT");
    if (!bookedOn) {
      errors.push({
        path: `STMTTRN.${rank}.DTPOSTED`,
        message: `date illisible « ${ofxValue(block, "DTPOSTED")} »`,
      });
      return;
    }
    let amountCents: Cents;
    try {
      amountCents = parseStatementAmount(rawAmount);
    } catch {
      errors.push({ path: `STMTTRN.${rank}.TRNAMT`, message: `montant illisible « ${rawAmount} »` });
      return;
    }
    // TRNAMT carries the sign (OFX 2.2 §11.4.4.1); a DEBIT-type line with a positive amount
    // written by a careless exporter is still money going out
    const type = ofxValue(block, "TRNTYPE").toUpperCase();
    if (["DEBIT", "PAYMENT", "CHECK", "FEE", "SRVCHG", "ATM", "POS", "DIRECTDEBIT", "CASH"].includes(type))
      amountCents = -Math.abs(amountCents);
    const label = [ofxValue(block, "NAME"), ofxValue(block, "MEMO")]
      .filter(Boolean)
      .join(" ")
      .replace(/\s+/g, " ");
    lines.push({
      lineNumber: rank,
      bookedOn,
      // OFX has no value date; DTUSER is the date the customer initiated the operation
      valueOn: userDate ? parseStatementDate(userDate) : null,
      label,
      amountCents,
      bankReference: ofxValue(block, "FITID") || null,
    });
  });
  if (errors.length)
    throw new AppError("BANK_STATEMENT_INVALID", "Certaines opérations du relevé OFX sont illisibles", {
      errors,
    });
  return { accountRef, lines };
}

// ---------------------------------------------------------------------------------------------
// duplicates

export function fileHash(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * The identity of an operation across overlapping statements: account, date, amount, label and
 * the bank's reference. Two identical operations in one statement (two 90 € transfers the same
 * day) are both real: the n-th occurrence gets n in its identity, so the same two lines in a
 * later overlapping statement are recognised one for one.
 */
export function lineFingerprints(accountRef: string | null, lines: readonly StatementLine[]): string[] {
  const seen = new Map<string, number>();
  return lines.map((line) => {
    const label = line.label.normalize("NFC").toUpperCase().replace(/\s+/g, " ").trim();
    const identity = [
      accountRef ?? "",
      line.bookedOn,
      line.amountCents,
      label,
      line.bankReference ?? "",
    ].join("\u001f");
    const occurrence = (seen.get(identity) ?? 0) + 1;
    seen.set(identity, occurrence);
    return createHash("sha256").update(`${identity}\u001f${occurrence}`).digest("hex");
  });
}
