/**
 * The Fichier des écritures comptables (LPF art. L.47 A, format of art. A.47 A-1): one line per
 * entry line, 18 columns in this order, a header row with their names, fields separated by a
 * tab or a pipe, amounts with a decimal comma and no thousands separator, dates AAAAMMJJ.
 * Pure: ledger lines in, text out.
 */
export const FEC_COLUMNS = [
  "JournalCode",
  "JournalLib",
  "EcritureNum",
  "EcritureDate",
  "CompteNum",
  "CompteLib",
  "CompAuxNum",
  "CompAuxLib",
  "PieceRef",
  "PieceDate",
  "EcritureLib",
  "Debit",
  "Credit",
  "EcritureLet",
  "DateLet",
  "ValidDate",
  "Montantdevise",
  "Idevise",
] as const;

export type FecJournal = "VT" | "AC" | "BQ" | "OD";
export const FEC_JOURNALS: Record<FecJournal, string> = {
  VT: "Appels de loyers",
  AC: "Loyers des baux principaux",
  BQ: "Banque",
  OD: "Opérations diverses",
};

/** The journal of a transaction: anything moving the bank is in BQ, else by its kind. */
export function fecJournal(kind: string, touchesBank: boolean, reversedKind: string | null): FecJournal {
  if (touchesBank) return "BQ";
  const own = kind === "reversal" && reversedKind ? reversedKind : kind;
  if (own === "rent_call") return "VT";
  if (own === "head_lease_rent") return "AC";
  return "OD";
}

/** General account names of the plan comptable for the accounts that carry an auxiliary. */
const GENERAL_NAMES: Record<string, string> = {
  "411": "Locataires",
  "401": "Bailleurs",
  "441": "CAF — aides au logement",
};

/**
 * CompteNum from the chart's code: the general account's digits, right-padded to 6 ("411-<id>"
 * → "411000", "7061" → "706100"); the tenant or landlord goes to CompAuxNum, never a UUID.
 */
export function fecAccountNumber(code: string): string {
  const general = code.split("-")[0]!;
  if (!/^\d{3,}$/.test(general)) throw new RangeError(`compte hors plan comptable : ${code}`);
  return general.padEnd(6, "0");
}

export function fecGeneralName(code: string, name: string): string {
  return GENERAL_NAMES[code.split("-")[0]!] && code.includes("-")
    ? GENERAL_NAMES[code.split("-")[0]!]!
    : name;
}

export function fecAmount(cents: number): string {
  return `${Math.trunc(cents / 100)},${String(cents % 100).padStart(2, "0")}`;
}

export const fecDate = (iso: string) => iso.replace(/-/g, "");

/** A free text field: no separator, no line break, no control character. */
export function fecText(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
      .replace(/[\t|\r\n\u0000-\u001f\u007f]+/g, " ")
      .replace(/[\u00a0\u202f]/g, " ")
      .trim()
  );
}

export type FecInputLine = {
  transactionId: string;
  occurredOn: string;
  validatedOn: string;
  kind: string;
  reversedKind: string | null;
  label: string;
  reference: string | null;
  accountCode: string;
  accountName: string;
  auxiliary: { number: string; name: string } | null;
  debitCents: number;
  creditCents: number;
};

/**
 * Groups the lines by transaction and numbers the entries per journal and fiscal year
 * (EcritureNum continuous from 1, in date order). The lines must come in posting order, grouped
 * by transaction, from the first day of the fiscal year.
 */
export function numberFecEntries<L extends FecInputLine>(lines: readonly L[]) {
  const byTransaction = new Map<string, L[]>();
  for (const line of lines) {
    const group = byTransaction.get(line.transactionId);
    if (group) group.push(line);
    else byTransaction.set(line.transactionId, [line]);
  }
  const transactions = [...byTransaction.values()].sort(
    (a, b) =>
      a[0]!.occurredOn.localeCompare(b[0]!.occurredOn) || a[0]!.validatedOn.localeCompare(b[0]!.validatedOn),
  );
  const counters = new Map<string, number>();
  return transactions.map((group) => {
    const first = group[0]!;
    const touchesBank = group.some((l) => l.accountCode === "512");
    const journal = fecJournal(first.kind, touchesBank, first.reversedKind);
    const key = `${journal}-${first.occurredOn.slice(0, 4)}`;
    const number = (counters.get(key) ?? 0) + 1;
    counters.set(key, number);
    const entryNumber = `${journal}${first.occurredOn.slice(0, 4)}-${String(number).padStart(6, "0")}`;
    return { journal, entryNumber, lines: group };
  });
}

/** Numbers the entries (numberFecEntries) and writes the file. */
export function buildFec(lines: readonly FecInputLine[], separator: "\t" | "|" = "|"): string {
  const rows: string[] = [FEC_COLUMNS.join(separator)];
  for (const { journal, entryNumber, lines: group } of numberFecEntries(lines)) {
    for (const line of group) {
      if (line.debitCents === 0 && line.creditCents === 0) continue;
      rows.push(
        [
          journal,
          FEC_JOURNALS[journal],
          entryNumber,
          fecDate(line.occurredOn),
          fecAccountNumber(line.accountCode),
          fecText(fecGeneralName(line.accountCode, line.accountName)),
          line.auxiliary?.number ?? "",
          fecText(line.auxiliary?.name ?? ""),
          fecText(line.reference || entryNumber),
          fecDate(line.occurredOn),
          fecText(line.label),
          fecAmount(line.debitCents),
          fecAmount(line.creditCents),
          "",
          "",
          fecDate(line.validatedOn),
          "",
          "",
        ].join(separator),
      );
    }
  }
  return `${rows.join("\r\n")}\r\n`;
}

/**
 * ISO 8859-15 bytes (one of the character sets art. A.47 A-1 allows): Latin-1 plus €, Œ, œ,
 * Š, š, Ž, ž, Ÿ at their 8859-15 positions; anything else becomes "?".
 */
export function encodeIso885915(text: string): Uint8Array {
  const special: Record<number, number> = {
    8364: 0xa4,
    352: 0xa6,
    353: 0xa8,
    381: 0xb4,
    382: 0xb8,
    338: 0xbc,
    339: 0xbd,
    376: 0xbe,
  };
  const replaced = new Set([0xa4, 0xa6, 0xa8, 0xb4, 0xb8, 0xbc, 0xbd, 0xbe]);
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (special[code] !== undefined) bytes.push(special[code]!);
    else if (code < 0x100 && !replaced.has(code)) bytes.push(code);
    else bytes.push(0x3f);
  }
  return Uint8Array.from(bytes);
}
