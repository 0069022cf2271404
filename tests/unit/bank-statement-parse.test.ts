import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bankLineMatcher } from "../../server/modules/ledger/bank-import.rules";
import {
  decodeStatementBytes,
  lineFingerprints,
  parseStatementAmount,
  parseStatementDate,
  readStatement,
} from "../../server/modules/ledger/bank-statement.parse";

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/bank-statements/${name}`, import.meta.url));
const utf8 = (text: string) => new TextEncoder().encode(text);
const today = "2026-03-20";
const read = (text: string) => readStatement(utf8(text), { today });

describe("amounts as French banks write them", () => {
  it.each([
    ["640,50", 64_050],
    ["1 234,56", 123_456],
    ["1\u00a0234,56", 123_456],
    ["1\u202f234,56", 123_456],
    ["1.512,00", 151_200],
    ["+512,00", 51_200],
    ["-85,40", -8_540],
    ["85,40-", -8_540],
    ["(85,40)", -8_540],
    ["640.50", 64_050],
    ["1,234.56", 123_456],
    ["1.234.567,89", 123_456_789],
    ["12", 1_200],
    ["12,5", 1_250],
    ["1.512", 151_200],
    ["450,00 €", 45_000],
    ["450,00 EUR", 45_000],
  ])("%s → %i cents", (raw, cents) => {
    expect(parseStatementAmount(raw)).toBe(cents);
  });

  it.each(["abc", "1,234", "12,345", "1.2.3", "12,", "", "1,23,4", "12.345,6789"])(
    "refuses « %s »",
    (raw) => {
      expect(() => parseStatementAmount(raw)).toThrow(/montant illisible/);
    },
  );
});

describe("dates", () => {
  it.each([
    ["05/03/2026", "2026-03-05"],
    ["5/3/2026", "2026-03-05"],
    ["05/03/26", "2026-03-05"],
    ["05-03-2026", "2026-03-05"],
    ["05.03.2026", "2026-03-05"],
    ["2026-03-05", "2026-03-05"],
    ["20260305", "2026-03-05"],
    ["20260305120000.000[+1:CET]", "2026-03-05"],
  ])("%s → %s", (raw, iso) => {
    expect(parseStatementDate(raw)).toBe(iso);
  });

  it.each(["31/02/2026", "32/01/2026", "2026-13-01", "hier", ""])("refuses « %s »", (raw) => {
    expect(parseStatementDate(raw)).toBeNull();
  });
});

describe("CSV statements", () => {
  it("keeps the cents the old «;» or «,» split lost", () => {
    const lines = read(
      ["date;libellé;montant", "05/03/2026;VIR LEFEVRE;640,50", "06/03/2026;VIR DUPRE;1 234,56"].join("\n"),
    ).lines;
    expect(lines.map((l) => l.amountCents)).toEqual([64_050, 123_456]);
  });

  it("Débit / Crédit columns: a debit is never a receipt, whatever its sign", () => {
    const { lines } = read(
      [
        "Date;Libellé;Débit;Crédit",
        "05/03/2026;PRLV EDF;85,40;",
        "06/03/2026;FRAIS;-3,50;",
        "07/03/2026;VIR MARTIN;;90,00",
      ].join("\r\n"),
    );
    expect(lines.map((l) => l.amountCents)).toEqual([-8_540, -350, 9_000]);
  });

  it("operation and value dates, preamble lines skipped, separator read from the header", () => {
    const { lines, accountRef } = read(
      [
        "Numéro de compte : FR76 3000 4000 0312 3456 7890 143",
        "Période du 01/03/2026 au 10/03/2026",
        "Solde au 01/03/2026 : 10 000,00",
        "",
        "Date opération\tDate valeur\tLibellé\tMontant",
        "05/03/26\t06/03/26\tVIR SEPA DUPRE\t+512,00",
        "06/03/26\t06/03/26\tCB MONOPRIX\t-12,30",
        "Solde final\t\t\t10 499,70",
      ].join("\n"),
    );
    expect(accountRef).toBe("FR7630004000031234567890143");
    expect(lines).toEqual([
      {
        lineNumber: 6,
        bookedOn: "2026-03-05",
        valueOn: "2026-03-06",
        label: "VIR SEPA DUPRE",
        amountCents: 51_200,
        bankReference: null,
      },
      {
        lineNumber: 7,
        bookedOn: "2026-03-06",
        valueOn: "2026-03-06",
        label: "CB MONOPRIX",
        amountCents: -1_230,
        bankReference: null,
      },
    ]);
  });

  it("a comma-separated export with quoted amounts and thousands dots", () => {
    const { lines } = read(
      ['"Date","Libellé","Montant","Référence"', '"05/03/2026","VIR, LOYER","1.512,00","REF-1"'].join("\n"),
    );
    expect(lines[0]).toMatchObject({ label: "VIR, LOYER", amountCents: 151_200, bankReference: "REF-1" });
  });

  it("a label continued on the next row is joined to its operation", () => {
    const { lines } = read(
      ["Date;Libellé;Montant", "05/03/2026;VIR SEPA;450,00", ";LOY-1A2B3C4D LOYER MARS;"].join("\n"),
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]!.label).toBe("VIR SEPA LOY-1A2B3C4D LOYER MARS");
  });

  it("Windows-1252 is detected and decoded (no «Libell�»)", () => {
    const bytes = Buffer.from("Date;Libellé;Montant\n05/03/2026;VIR M. DUPRÉ ÉCHÉANCE;450,00\n", "latin1");
    const statement = readStatement(bytes, { today });
    expect(statement.encoding).toBe("windows-1252");
    expect(statement.lines[0]!.label).toBe("VIR M. DUPRÉ ÉCHÉANCE");
    expect(decodeStatementBytes(utf8("Libellé")).encoding).toBe("utf-8");
  });

  it("the legacy headerless date;libellé;montant still reads", () => {
    expect(read("05/03/2026;VIR X;12,34").lines[0]).toMatchObject({
      bookedOn: "2026-03-05",
      amountCents: 1_234,
    });
  });

  it("unreadable lines are listed with their line number and field", () => {
    try {
      read(["Date;Libellé;Montant", "32/13/2026;x;1,00", "05/03/2026;y;abc"].join("\n"));
      expect.unreachable();
    } catch (error) {
      expect((error as { code: string }).code).toBe("CSV_INVALID");
      expect((error as { extra: { errors: { path: string }[] } }).extra.errors.map((e) => e.path)).toEqual([
        "line.2.date",
        "line.3.amount",
      ]);
    }
  });

  it("an operation dated after today is refused", () => {
    expect(() => read("Date;Libellé;Montant\n21/03/2026;VIR;1,00")).toThrow(/après aujourd'hui/);
  });
});

describe("camt.053 (ISO 20022 BankToCustomerStatementV08)", () => {
  const statement = readStatement(fixture("camt053-001-08.xml"), { today });

  it("reads the account, booked entries only, debits negative, batches split", () => {
    expect(statement.format).toBe("camt.053");
    expect(statement.accountRef).toBe("FR7630004000031234567890143");
    expect(statement.lines.map((l) => [l.amountCents, l.bankReference])).toEqual([
      [64_050, "2026031000012345"],
      [-8_540, "2026031000012346"],
      [30_000, "2026031000012348-1"],
      [22_950, "2026031000012348-2"],
    ]);
    expect(statement.lines[0]).toMatchObject({
      bookedOn: "2026-03-10",
      valueOn: "2026-03-11",
      label: "MME LEFÈVRE CLAIRE {{REFERENCE}} LOYER MARS",
    });
    expect(statement.lines[1]!.label).toBe("FRAIS TENUE DE COMPTE");
    expect(statement.lines[2]!.label).toBe("M NGUYEN VAN LOYER MARS");
  });
});

describe("OFX", () => {
  it("1.x SGML in Windows-1252: unclosed tags, signed amounts, comma decimals, OFX dates", () => {
    const statement = readStatement(fixture("ofx-102-sgml-windows-1252.ofx"), { today });
    expect(statement).toMatchObject({ format: "ofx", encoding: "windows-1252", accountRef: "12345678901" });
    expect(statement.lines).toEqual([
      {
        lineNumber: 1,
        bookedOn: "2026-03-05",
        valueOn: "2026-03-04",
        label: "VIR SEPA M. DUPRÉ {{REFERENCE}} LOYER MARS",
        amountCents: 123_456,
        bankReference: "0000512345",
      },
      {
        lineNumber: 2,
        bookedOn: "2026-03-06",
        valueOn: "2026-03-06",
        label: "PRLV EDF FACTURE ÉLECTRICITÉ",
        amountCents: -8_540,
        bankReference: "0000512346",
      },
      {
        lineNumber: 3,
        bookedOn: "2026-03-07",
        valueOn: null,
        label: "VIR MME MARTIN",
        amountCents: 9_000,
        bankReference: "0000512347",
      },
    ]);
  });

  it("2.x XML: entities decoded, a FEE with a positive amount is still money going out", () => {
    const statement = readStatement(fixture("ofx-220-xml.ofx"), { today });
    expect(statement.encoding).toBe("utf-8");
    expect(statement.lines.map((l) => [l.amountCents, l.label])).toEqual([
      [51_200, "VIR CAF DE PARIS AL 032026 BORDEREAU 4521 & RAPPEL"],
      [-350, "COMMISSION"],
    ]);
  });
});

describe("duplicate identity of a line", () => {
  const line = {
    lineNumber: 1,
    bookedOn: "2026-03-05",
    valueOn: null,
    label: "VIR MARTIN",
    amountCents: 9_000,
    bankReference: null,
  };

  it("two identical transfers in one statement are two operations; an overlapping statement repeats them one for one", () => {
    const first = lineFingerprints("FR76", [line, { ...line, lineNumber: 2 }]);
    expect(first[0]).not.toBe(first[1]);
    const overlapping = lineFingerprints("FR76", [{ ...line, lineNumber: 9 }]);
    expect(overlapping[0]).toBe(first[0]);
  });

  it("account, date, amount, label and bank reference each tell two operations apart", () => {
    const [base] = lineFingerprints("FR76", [line]);
    expect(lineFingerprints("FR77", [line])[0]).not.toBe(base);
    expect(lineFingerprints("FR76", [{ ...line, bookedOn: "2026-03-06" }])[0]).not.toBe(base);
    expect(lineFingerprints("FR76", [{ ...line, amountCents: 9_001 }])[0]).not.toBe(base);
    expect(lineFingerprints("FR76", [{ ...line, label: "VIR DUPONT" }])[0]).not.toBe(base);
    expect(lineFingerprints("FR76", [{ ...line, bankReference: "X1" }])[0]).not.toBe(base);
    // spacing and case of the label do not make a new operation
    expect(lineFingerprints("FR76", [{ ...line, label: " vir  martin" }])[0]).toBe(base);
  });
});

describe("matching with reasons", () => {
  const candidates = [
    { leaseId: "a", reference: "LOY-1A2B3C4D", lastName: "Lefèvre", expectedCents: 45_000 },
    { leaseId: "b", reference: "LOY-99999999", lastName: "Martin", expectedCents: 30_000 },
    { leaseId: "c", reference: "LOY-88888888", lastName: "Martin", expectedCents: 30_000 },
  ];
  const match = bankLineMatcher(candidates);
  it.each([
    ["VIR LOY-1A2B3C4D MARS", 1, { leaseId: "a", by: "reference" }],
    ["VIR LOY 1A2B3C4D", 1, { leaseId: "a", by: "reference" }],
    ["VIR MME LEFEVRE", 45_000, { leaseId: "a", by: "amount_and_name" }],
    ["VIR LOY-99999999 LOY-88888888", 1, { leaseId: null, reason: "ambiguous_reference" }],
    ["VIR MARTIN", 30_000, { leaseId: null, reason: "ambiguous_amount_and_name" }],
    ["VIR LEFEVREAU", 45_000, { leaseId: null, reason: "no_match" }],
  ])("%s (%i) → %o", (label, amountCents, outcome) => {
    expect(match({ label, amountCents })).toEqual(outcome);
  });
});
