import { describe, expect, it } from "vitest";
import {
  type AccountingLine,
  generalLedger,
  natureLabel,
  neutraliseFormula,
  trialBalance,
} from "../../server/modules/reports/exports.rules";

describe("neutraliseFormula (OWASP «CSV Injection»)", () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ["+33 6 12 34 56 78", "'+33 6 12 34 56 78"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\t=1", "'\t=1"],
    ["\r=1", "'\r=1"],
    ["Réparation = chaudière", "Réparation = chaudière"],
    ["Loyer", "Loyer"],
    ["", ""],
  ])("%j → %j", (input, output) => {
    expect(neutraliseFormula(input)).toBe(output);
  });
});

const line = (over: Partial<AccountingLine>): AccountingLine => ({
  occurredOn: "2026-02-01",
  entryNumber: "VT2026-000001",
  kind: "rent_call",
  label: "Loyer",
  accountCode: "512",
  accountName: "Banque",
  auxiliary: null,
  debitCents: 0,
  creditCents: 0,
  ...over,
});

const lines: AccountingLine[] = [
  line({
    accountCode: "411-a",
    accountName: "Locataire A",
    auxiliary: { number: "L00001", name: "A" },
    debitCents: 45_000,
  }),
  line({ accountCode: "706", accountName: "Loyers", creditCents: 45_000 }),
  line({
    occurredOn: "2026-02-05",
    entryNumber: "BQ2026-000001",
    kind: "payment",
    accountCode: "512",
    debitCents: 10_050,
  }),
  line({
    occurredOn: "2026-02-05",
    entryNumber: "BQ2026-000001",
    kind: "payment",
    accountCode: "411-a",
    accountName: "Locataire A",
    auxiliary: { number: "L00001", name: "A" },
    creditCents: 10_050,
  }),
];

describe("trial balance (balance générale)", () => {
  it("sums each account under its plan comptable number, auxiliary apart", () => {
    expect(trialBalance(lines)).toEqual([
      {
        accountNumber: "411000",
        accountName: "Locataires",
        auxiliaryNumber: "L00001",
        auxiliaryName: "A",
        debitCents: 45_000,
        creditCents: 10_050,
        balanceCents: 34_950,
      },
      {
        accountNumber: "512000",
        accountName: "Banque",
        auxiliaryNumber: "",
        auxiliaryName: "",
        debitCents: 10_050,
        creditCents: 0,
        balanceCents: 10_050,
      },
      {
        accountNumber: "706000",
        accountName: "Loyers",
        auxiliaryNumber: "",
        auxiliaryName: "",
        debitCents: 0,
        creditCents: 45_000,
        balanceCents: -45_000,
      },
    ]);
  });
});

describe("general ledger (grand livre)", () => {
  it("groups by account in date order with the running balance", () => {
    expect(generalLedger(lines).map((r) => [r.accountNumber, r.occurredOn, r.runningBalanceCents])).toEqual([
      ["411000", "2026-02-01", 45_000],
      ["411000", "2026-02-05", 34_950],
      ["512000", "2026-02-05", 10_050],
      ["706000", "2026-02-01", -45_000],
    ]);
  });
});

describe("French natures", () => {
  it.each([
    ["rent_call", "Appel de loyer"],
    ["reversal", "Contre-passation"],
    ["landlord_payout", "Virement au bailleur"],
  ])("%s → %s", (kind, label) => {
    expect(natureLabel(kind)).toBe(label);
  });
});
