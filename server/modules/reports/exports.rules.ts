/**
 * What the accountant's files share (journal, trial balance, general ledger, dashboard; CSV and
 * XLSX): French labels, account numbers of the plan comptable without internal ids, and text
 * cells that a spreadsheet can never run as a formula. Pure: lines in, rows out.
 */
import { fecAccountNumber, fecGeneralName } from "./fec.rules";

/**
 * A text cell a spreadsheet would read as a formula (it starts with = + - @, or a tab or carriage
 * return that some import as one, OWASP «CSV Injection») gets a leading apostrophe: shown as
 * text, never evaluated (`=HYPERLINK(…)` in a cost label stays a label).
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** «Nature» of a ledger transaction, in French. */
export const transactionKindLabels: Record<string, string> = {
  rent_call: "Appel de loyer",
  head_lease_rent: "Loyer du bail principal",
  payment: "Paiement du locataire",
  housing_benefit_receipt: "Versement CAF",
  cost: "Coût IML",
  rent_complement: "Complément de loyer",
  write_off: "Passage en perte",
  guarantee_payout: "Garantie de loyers",
  landlord_payout: "Virement au bailleur",
  mandate_settlement: "Règlement du mandat",
  charges_regularisation: "Régularisation des charges",
  reversal: "Contre-passation",
  deposit_handover: "Dépôt de garantie remis au glissement",
  deposit_received: "Dépôt de garantie reçu",
  deposit_return: "Dépôt de garantie restitué",
  tenant_refund: "Trop-perçu remboursé au locataire",
};

export const natureLabel = (kind: string) => transactionKindLabels[kind] ?? kind;

export type AccountingLine = {
  occurredOn: string;
  entryNumber: string;
  kind: string;
  label: string;
  /** the chart's own code ("411-<person id>", "512") */
  accountCode: string;
  accountName: string;
  auxiliary: { number: string; name: string } | null;
  debitCents: number;
  creditCents: number;
};

/** The account as the accountant reads it: general number (6 digits) and auxiliary, never an id. */
export function accountingAccount(line: Pick<AccountingLine, "accountCode" | "accountName" | "auxiliary">) {
  return {
    number: fecAccountNumber(line.accountCode),
    name: fecGeneralName(line.accountCode, line.accountName),
    auxiliaryNumber: line.auxiliary?.number ?? "",
    auxiliaryName: line.auxiliary?.name ?? "",
  };
}

export type TrialBalanceRow = {
  accountNumber: string;
  accountName: string;
  auxiliaryNumber: string;
  auxiliaryName: string;
  debitCents: number;
  creditCents: number;
  /** debit − credit: positive a debit balance, negative a credit balance */
  balanceCents: number;
};

/**
 * Balance générale: Σ debits and Σ credits per account (and auxiliary), ordered by number; the
 * totals of the two columns are equal when every entry balances (PCG art. 911-1 and following).
 */
export function trialBalance(lines: readonly AccountingLine[]): TrialBalanceRow[] {
  const rows = new Map<string, TrialBalanceRow>();
  for (const line of lines) {
    const account = accountingAccount(line);
    const key = `${account.number}|${account.auxiliaryNumber}`;
    const row = rows.get(key) ?? {
      accountNumber: account.number,
      accountName: account.name,
      auxiliaryNumber: account.auxiliaryNumber,
      auxiliaryName: account.auxiliaryName,
      debitCents: 0,
      creditCents: 0,
      balanceCents: 0,
    };
    row.debitCents += line.debitCents;
    row.creditCents += line.creditCents;
    row.balanceCents = row.debitCents - row.creditCents;
    rows.set(key, row);
  }
  return [...rows.values()].sort(
    (a, b) =>
      a.accountNumber.localeCompare(b.accountNumber) || a.auxiliaryNumber.localeCompare(b.auxiliaryNumber),
  );
}

export type GeneralLedgerRow = AccountingLine & {
  accountNumber: string;
  generalName: string;
  auxiliaryNumber: string;
  auxiliaryName: string;
  /** the account's balance after this line (debit − credit) */
  runningBalanceCents: number;
};

/** Grand livre: every line grouped by account (and auxiliary), in date order, with the running balance. */
export function generalLedger(lines: readonly AccountingLine[]): GeneralLedgerRow[] {
  const keyed = lines.map((line, index) => {
    const account = accountingAccount(line);
    return { line, index, account, key: `${account.number}|${account.auxiliaryNumber}` };
  });
  keyed.sort(
    (a, b) =>
      a.key.localeCompare(b.key) || a.line.occurredOn.localeCompare(b.line.occurredOn) || a.index - b.index,
  );
  const balances = new Map<string, number>();
  return keyed.map(({ line, account, key }) => {
    const balance = (balances.get(key) ?? 0) + line.debitCents - line.creditCents;
    balances.set(key, balance);
    return {
      ...line,
      accountNumber: account.number,
      generalName: account.name,
      auxiliaryNumber: account.auxiliaryNumber,
      auxiliaryName: account.auxiliaryName,
      runningBalanceCents: balance,
    };
  });
}
