/**
 * SEPA files: the builders' output is checked against the ISO 20022 schemas by libxml2
 * (schemas/iso20022/), and the rules the schema cannot see (character set, amounts, creditor
 * identifier check digits) are tested one by one.
 */
import { describe, expect, it } from "vitest";
import {
  buildCreditTransferFile,
  buildDirectDebitFile,
  checkCreditorIdentifier,
  isBic,
  sepaAmount,
  sepaIssues,
  sepaText,
} from "../../server/modules/ledger/sepa.rules";
import { validateSepaFile } from "../../server/modules/ledger/sepa.schema";

const organisation = {
  name: "Un Chez-soi d'abord – Lille Métropole",
  iban: "FR76 3000 6000 0112 3456 7890 189",
  bic: "AGRIFRPP",
};

const transfers = [
  {
    endToEndId: "019393a1b2c34d5e8f90a1b2c3d4e5f6",
    amountCents: 75_715,
    creditorName: "Mme Éloïse Bœuf & fils",
    creditorIban: "FR14 2004 1010 0505 0001 3M02 606",
    remittance: "Reversement au bailleur (mandat n° 3, 2026-11) — loyers encaissés",
  },
  {
    endToEndId: "019393a1b2c34d5e8f90a1b2c3d4e5f7",
    amountCents: 5,
    creditorName: "SCI Les Tilleuls",
    creditorIban: "DE89 3704 0044 0532 0130 00",
    remittance: "Loyer du bail principal, décembre 2026",
  },
];

const debits = [
  {
    endToEndId: "LOY-AB12CD34-2026-12",
    amountCents: 20_000,
    debtorName: "Jean-François Lefèvre",
    debtorIban: "FR7630006000011234567890189",
    mandateReference: "RUM-2026-0001",
    mandateSignedOn: "2026-01-10",
    sequenceType: "FRST" as const,
    remittance: "Loyer de décembre 2026, réf. LOY-AB12CD34",
  },
  {
    endToEndId: "LOY-EF56GH78-2026-12",
    amountCents: 1_050,
    debtorName: "Zoé N'Diaye",
    debtorIban: "BE68539007547034",
    mandateReference: "RUM-2025-0042",
    mandateSignedOn: "2025-03-02",
    sequenceType: "RCUR" as const,
    remittance: "Loyer de décembre 2026",
  },
];

describe("pain.001.001.09 (ISO 20022 CustomerCreditTransferInitiationV09)", () => {
  const file = buildCreditTransferFile({
    messageId: "VIR-20261205-abc123",
    createdAt: new Date("2026-12-02T08:30:00Z"),
    executionDate: "2026-12-05",
    debtor: organisation,
    transfers,
  });

  it("passes the ISO 20022 schema", async () => {
    expect(await validateSepaFile("pain.001.001.09", file)).toEqual({ valid: true, errors: [] });
  });

  it("passes without the organisation's BIC (EPC SCT rulebook: BIC optional)", async () => {
    const withoutBic = buildCreditTransferFile({
      messageId: "VIR-1",
      createdAt: new Date("2026-12-02T08:30:00Z"),
      executionDate: "2026-12-05",
      debtor: { ...organisation, bic: null },
      transfers,
    });
    expect(await validateSepaFile("pain.001.001.09", withoutBic)).toEqual({ valid: true, errors: [] });
  });

  it("carries the count, the control sum and each amount in euros with a decimal point", () => {
    expect(file).toContain("<NbOfTxs>2</NbOfTxs><CtrlSum>757.20</CtrlSum>");
    expect(file).toContain('<InstdAmt Ccy="EUR">757.15</InstdAmt>');
    expect(file).toContain('<InstdAmt Ccy="EUR">0.05</InstdAmt>');
    expect(file).toContain("<IBAN>FR1420041010050500013M02606</IBAN>");
    expect(file).toContain("<Nm>Mme Eloise Boeuf + fils</Nm>");
  });

  it("is refused by the schema when it breaks it (the validator is real)", async () => {
    const broken = await validateSepaFile(
      "pain.001.001.09",
      file.replace("<PmtMtd>TRF</PmtMtd>", "<PmtMtd>CHK2</PmtMtd>"),
    );
    expect(broken.valid).toBe(false);
    expect(broken.errors.join("\n")).toMatch(/PmtMtd/);
    const currency = await validateSepaFile(
      "pain.001.001.09",
      file.replace('Ccy="EUR">757.15', 'Ccy="euro">757.15'),
    );
    expect(currency.valid).toBe(false);
  });
});

describe("pain.008.001.08 (ISO 20022 CustomerDirectDebitInitiationV08, SDD Core)", () => {
  const file = buildDirectDebitFile({
    messageId: "PRLV-20261205",
    createdAt: new Date("2026-12-02T08:30:00Z"),
    collectionDate: "2026-12-05",
    creditor: organisation,
    creditorIdentifier: "FR72ZZZ123456",
    debits,
  });

  it("passes the ISO 20022 schema", async () => {
    expect(await validateSepaFile("pain.008.001.08", file)).toEqual({ valid: true, errors: [] });
  });

  it("groups the debits by sequence type, with the mandate (RUM, signature date) on each", () => {
    expect(file.match(/<PmtInf>/g)).toHaveLength(2);
    expect(file).toContain("<SeqTp>FRST</SeqTp>");
    expect(file).toContain("<SeqTp>RCUR</SeqTp>");
    expect(file).toContain("<MndtId>RUM-2026-0001</MndtId><DtOfSgntr>2026-01-10</DtOfSgntr>");
    expect(file).toContain("<Id>FR72ZZZ123456</Id><SchmeNm><Prtry>SEPA</Prtry></SchmeNm>");
    expect(file).toContain("<NbOfTxs>2</NbOfTxs><CtrlSum>210.50</CtrlSum>");
  });

  it("refuses a creditor identifier whose check digits are wrong", () => {
    expect(() =>
      buildDirectDebitFile({
        messageId: "X",
        createdAt: new Date(),
        collectionDate: "2026-12-05",
        creditor: organisation,
        creditorIdentifier: "FR73ZZZ123456",
        debits,
      }),
    ).toThrow(/creditor identifier/);
  });
});

describe("SEPA rules", () => {
  // EPC217-08 §2: the Latin character set every bank must accept
  it.each([
    ["Éloïse Bœuf", 70, "Eloise Boeuf"],
    ["L'Haÿ-les-Roses", 70, "L'Hay-les-Roses"],
    ["Loyer n° 3 — «novembre»", 70, "Loyer n 3 novembre"],
    ["SCI A&B", 70, "SCI A+B"],
    ["<script>", 70, "script"],
    ["a".repeat(80), 70, "a".repeat(70)],
  ])("sepaText(%j) = %j", (input, max, expected) => {
    expect(sepaText(input, max)).toBe(expected);
  });

  it.each([
    [1, "0.01"],
    [100, "1.00"],
    [75_715, "757.15"],
    [123_456_789, "1234567.89"],
  ])("sepaAmount(%i) = %s", (cents, text) => {
    expect(sepaAmount(cents)).toBe(text);
  });

  it.each([0, -5, 1.5])("refuses the amount %d", (cents) => {
    expect(() => sepaAmount(cents)).toThrow(RangeError);
  });

  // EPC262-08: ISO 7064 MOD 97-10 over the national identifier, the country code and 00
  it.each([
    ["FR72ZZZ123456", true], // the example of the Banque de France's ICS documentation
    ["FR72 ZZZ 123456", true],
    ["DE98ZZZ09999999999", true], // the Deutsche Bundesbank's test identifier
    ["FR73ZZZ123456", false],
    ["FR72ZZZ12345", false], // a French national identifier has six characters
    ["", false],
  ])("checkCreditorIdentifier(%j) = %s", (value, valid) => {
    expect(checkCreditorIdentifier(value)).toBe(valid);
  });

  it.each([
    ["AGRIFRPP", true],
    ["AGRIFRPP882", true],
    ["AGRIFRP", false],
    ["agrifrpp", false],
  ])("isBic(%j) = %s", (value, valid) => {
    expect(isBic(value)).toBe(valid);
  });

  it("names the parties whose IBAN is missing or wrong before any file is built", () => {
    expect(
      sepaIssues({
        holder: { name: "Asso", iban: "", bic: null },
        parties: [
          { label: "M. Sans IBAN", iban: null },
          { label: "Mme Faux", iban: "FR7630006000011234567890188" },
          { label: "SCI Bon", iban: "FR7630006000011234567890189" },
        ],
      }).map((issue) => issue.message),
    ).toEqual([
      "IBAN de l'organisation manquant ou invalide",
      "IBAN manquant ou invalide : M. Sans IBAN",
      "IBAN manquant ou invalide : Mme Faux",
    ]);
  });
});
