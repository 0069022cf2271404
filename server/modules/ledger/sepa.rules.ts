/**
 * SEPA payment files, built as text with no I/O: the credit transfers of a payout run
 * (ISO 20022 pain.001.001.09, CustomerCreditTransferInitiationV09) and the direct debits of tenants
 * who signed a SEPA mandate (pain.008.001.08, CustomerDirectDebitInitiationV08), the versions the
 * EPC rulebooks (SCT EPC125-05, SDD Core EPC016-06, 2023 onwards) ask banks to accept.
 *
 * Every file is checked against the ISO 20022 schema when it is produced (sepa.schema.ts): a
 * file the bank would reject is never handed out.
 */
import { checkIban } from "../landlords/iban.rules";

export const PAIN_001_NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09";
export const PAIN_008_NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:pain.008.001.08";

/**
 * The Latin character set every SEPA scheme must carry (EPC217-08 «SEPA Requirements for an
 * Extended Character Set», §2: a–z A–Z 0–9 / - ? : ( ) . , ' + and space). French letters lose their
 * accents (é → e, œ → oe), anything else becomes a space, and the text is cut to `max`.
 */
export function sepaText(text: string, max: number): string {
  const latin = text
    .replace(/œ/g, "oe")
    .replace(/Œ/g, "OE")
    .replace(/æ/g, "ae")
    .replace(/Æ/g, "AE")
    .replace(/ß/g, "ss")
    .replace(/&/g, "+")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9/\-?:().,'+ ]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return latin.slice(0, max).trim();
}

/** An identifier (MsgId, EndToEndId, RUM): SEPA characters without spaces, at most 35. */
export function sepaIdentifier(text: string): string {
  return sepaText(text, 140).replace(/ /g, "").slice(0, 35);
}

/** 12345 cents → "123.45", the decimal point and two digits ISO 20022 amounts carry. */
export function sepaAmount(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents <= 0)
    throw new RangeError(`a SEPA amount is a positive number of cents, got ${cents}`);
  return `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
}

/** ISO 9362 BIC: 4 letters (bank), 2 letters (country), 2 letters or digits (place), optional branch. */
export function isBic(value: string): boolean {
  return /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(value);
}

function alphaToDigits(text: string): string {
  return text.replace(/[A-Z]/g, (letter) => String(letter.charCodeAt(0) - 55));
}

function mod97(digits: string): number {
  let remainder = 0;
  for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  return remainder;
}

/**
 * The SEPA creditor identifier (ICS in France), EPC262-08 «Creditor Identifier Overview»: country
 * code, two check digits, a three-character business code that the check ignores, then the national
 * identifier (six characters in France, issued by the Banque de France). Check digits: ISO 7064
 * MOD 97-10 over the national identifier followed by the country code and «00».
 */
export function checkCreditorIdentifier(value: string): boolean {
  const id = value.replace(/\s/g, "").toUpperCase();
  const match = /^([A-Z]{2})(\d{2})[A-Z0-9]{3}([A-Z0-9]{1,28})$/.exec(id);
  if (!match) return false;
  const [, country, check, national] = match;
  if (country === "FR" && national!.length !== 6) return false;
  return 98 - mod97(alphaToDigits(`${national}${country}00`)) === Number(check);
}

/** The organisation's own account: the debtor of transfers, the creditor of direct debits. */
export type SepaAccountHolder = {
  name: string;
  iban: string;
  bic: string | null;
};

export type CreditTransfer = {
  /** unique per file and stable: the payout's id */
  endToEndId: string;
  amountCents: number;
  creditorName: string;
  creditorIban: string;
  remittance: string;
};

export type DirectDebit = {
  endToEndId: string;
  amountCents: number;
  debtorName: string;
  debtorIban: string;
  /** the debtor's bank (optional in SEPA: «NOTPROVIDED» without it) */
  debtorBic?: string | null;
  /** the day this debit is collected, when it is not the file's `collectionDate` */
  collectionDate?: string;
  /** Référence Unique du Mandat */
  mandateReference: string;
  mandateSignedOn: string;
  /** EPC016-06 AT-21: FRST the first collection, RCUR the next ones, OOFF a one-off, FNAL the last */
  sequenceType: "FRST" | "RCUR" | "OOFF" | "FNAL";
  remittance: string;
};

export type SepaIssue = { field: string; message: string };

/** What the bank needs and the schema cannot see (an IBAN's checksum, a creditor identifier). */
export function sepaIssues(input: {
  holder: SepaAccountHolder;
  creditorIdentifier?: string | null;
  parties: { label: string; iban: string | null }[];
}): SepaIssue[] {
  const issues: SepaIssue[] = [];
  if (!input.holder.name.trim())
    issues.push({ field: "bankAccountHolder", message: "Titulaire du compte manquant" });
  if (!checkIban(input.holder.iban).valid)
    issues.push({ field: "bankIban", message: "IBAN de l'organisation manquant ou invalide" });
  if (input.holder.bic !== null && !isBic(input.holder.bic))
    issues.push({ field: "bankBic", message: "BIC de l'organisation invalide" });
  if (input.creditorIdentifier !== undefined && !checkCreditorIdentifier(input.creditorIdentifier ?? ""))
    issues.push({
      field: "sepaCreditorIdentifier",
      message: "Identifiant créancier SEPA (ICS) manquant ou invalide",
    });
  for (const party of input.parties)
    if (!party.iban || !checkIban(party.iban).valid)
      issues.push({ field: "iban", message: `IBAN manquant ou invalide : ${party.label}` });
  return issues;
}

const escapeXml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** <Tag>text</Tag> with the text escaped. */
const el = (tag: string, text: string) => `<${tag}>${escapeXml(text)}</${tag}>`;

const ibanOf = (iban: string) => {
  const checked = checkIban(iban);
  if (!checked.valid) throw new RangeError(`invalid IBAN for a SEPA file: ${iban}`);
  return checked.iban;
};

/** The agent of the organisation's account: its BIC, or «NOTPROVIDED» (EPC: BIC optional in SEPA). */
const agent = (bic: string | null) =>
  bic
    ? `<FinInstnId>${el("BICFI", bic)}</FinInstnId>`
    : "<FinInstnId><Othr><Id>NOTPROVIDED</Id></Othr></FinInstnId>";

const total = (items: { amountCents: number }[]) => items.reduce((sum, item) => sum + item.amountCents, 0);

/** ISO date-time without fraction nor zone, as banks' portals expect: 2026-12-02T09:30:00. */
const creationTime = (instant: Date) => instant.toISOString().slice(0, 19);

/**
 * pain.001.001.09: one payment information block, debited once on the organisation's account
 * (batch booking), paid on `executionDate`; charges shared (SLEV, the only value SEPA allows).
 */
export function buildCreditTransferFile(input: {
  messageId: string;
  createdAt: Date;
  executionDate: string;
  debtor: SepaAccountHolder;
  transfers: CreditTransfer[];
}): string {
  if (input.transfers.length === 0)
    throw new RangeError("a credit transfer file needs at least one transfer");
  const count = String(input.transfers.length);
  const sum = sepaAmount(total(input.transfers));
  const messageId = sepaIdentifier(input.messageId);
  const transactions = input.transfers
    .map(
      (t) =>
        "<CdtTrfTxInf>" +
        `<PmtId>${el("EndToEndId", sepaIdentifier(t.endToEndId))}</PmtId>` +
        `<Amt><InstdAmt Ccy="EUR">${sepaAmount(t.amountCents)}</InstdAmt></Amt>` +
        `<Cdtr>${el("Nm", sepaText(t.creditorName, 70))}</Cdtr>` +
        `<CdtrAcct><Id>${el("IBAN", ibanOf(t.creditorIban))}</Id></CdtrAcct>` +
        `<RmtInf>${el("Ustrd", sepaText(t.remittance, 140))}</RmtInf>` +
        "</CdtTrfTxInf>",
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="${PAIN_001_NAMESPACE}">
<CstmrCdtTrfInitn>
<GrpHdr>${el("MsgId", messageId)}${el("CreDtTm", creationTime(input.createdAt))}${el("NbOfTxs", count)}${el("CtrlSum", sum)}<InitgPty>${el("Nm", sepaText(input.debtor.name, 70))}</InitgPty></GrpHdr>
<PmtInf>
${el("PmtInfId", messageId)}<PmtMtd>TRF</PmtMtd><BtchBookg>true</BtchBookg>${el("NbOfTxs", count)}${el("CtrlSum", sum)}
<PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl></PmtTpInf>
<ReqdExctnDt>${el("Dt", input.executionDate)}</ReqdExctnDt>
<Dbtr>${el("Nm", sepaText(input.debtor.name, 70))}</Dbtr>
<DbtrAcct><Id>${el("IBAN", ibanOf(input.debtor.iban))}</Id></DbtrAcct>
<DbtrAgt>${agent(input.debtor.bic)}</DbtrAgt>
<ChrgBr>SLEV</ChrgBr>
${transactions}
</PmtInf>
</CstmrCdtTrfInitn>
</Document>
`;
}

/**
 * pain.008.001.08, SEPA Direct Debit Core: one payment information block per sequence type (the
 * rulebook processes FRST, RCUR, OOFF and FNAL separately) and collection date (`collectionDate`,
 * or a debit's own), with the creditor identifier and each debit's mandate (RUM and signature date).
 */
export function buildDirectDebitFile(input: {
  messageId: string;
  createdAt: Date;
  collectionDate: string;
  creditor: SepaAccountHolder;
  creditorIdentifier: string;
  debits: DirectDebit[];
}): string {
  if (input.debits.length === 0) throw new RangeError("a direct debit file needs at least one debit");
  if (!checkCreditorIdentifier(input.creditorIdentifier))
    throw new RangeError(`invalid SEPA creditor identifier: ${input.creditorIdentifier}`);
  const messageId = sepaIdentifier(input.messageId);
  const dateOf = (d: DirectDebit) => d.collectionDate ?? input.collectionDate;
  const dates = [...new Set(input.debits.map(dateOf))].sort();
  const sequences = dates.flatMap((collectionDate) =>
    (["FRST", "RCUR", "OOFF", "FNAL"] as const)
      .map((sequenceType) => ({
        sequenceType,
        collectionDate,
        debits: input.debits.filter((d) => d.sequenceType === sequenceType && dateOf(d) === collectionDate),
      }))
      .filter((group) => group.debits.length > 0),
  );
  const blocks = sequences
    .map(({ sequenceType, collectionDate, debits }, index) => {
      const transactions = debits
        .map(
          (d) =>
            "<DrctDbtTxInf>" +
            `<PmtId>${el("EndToEndId", sepaIdentifier(d.endToEndId))}</PmtId>` +
            `<InstdAmt Ccy="EUR">${sepaAmount(d.amountCents)}</InstdAmt>` +
            `<DrctDbtTx><MndtRltdInf>${el("MndtId", sepaIdentifier(d.mandateReference))}${el("DtOfSgntr", d.mandateSignedOn)}</MndtRltdInf></DrctDbtTx>` +
            `<DbtrAgt>${agent(d.debtorBic ?? null)}</DbtrAgt>` +
            `<Dbtr>${el("Nm", sepaText(d.debtorName, 70))}</Dbtr>` +
            `<DbtrAcct><Id>${el("IBAN", ibanOf(d.debtorIban))}</Id></DbtrAcct>` +
            `<RmtInf>${el("Ustrd", sepaText(d.remittance, 140))}</RmtInf>` +
            "</DrctDbtTxInf>",
        )
        .join("\n");
      return `<PmtInf>
${el("PmtInfId", dates.length > 1 ? `${messageId.slice(0, 27)}-${index + 1}-${sequenceType}` : `${messageId.slice(0, 30)}-${sequenceType}`)}<PmtMtd>DD</PmtMtd><BtchBookg>true</BtchBookg>${el("NbOfTxs", String(debits.length))}${el("CtrlSum", sepaAmount(total(debits)))}
<PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl><LclInstrm><Cd>CORE</Cd></LclInstrm>${el("SeqTp", sequenceType)}</PmtTpInf>
${el("ReqdColltnDt", collectionDate)}
<Cdtr>${el("Nm", sepaText(input.creditor.name, 70))}</Cdtr>
<CdtrAcct><Id>${el("IBAN", ibanOf(input.creditor.iban))}</Id></CdtrAcct>
<CdtrAgt>${agent(input.creditor.bic)}</CdtrAgt>
<ChrgBr>SLEV</ChrgBr>
<CdtrSchmeId><Id><PrvtId><Othr>${el("Id", input.creditorIdentifier.replace(/\s/g, "").toUpperCase())}<SchmeNm><Prtry>SEPA</Prtry></SchmeNm></Othr></PrvtId></Id></CdtrSchmeId>
${transactions}
</PmtInf>`;
    })
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="${PAIN_008_NAMESPACE}">
<CstmrDrctDbtInitn>
<GrpHdr>${el("MsgId", messageId)}${el("CreDtTm", creationTime(input.createdAt))}${el("NbOfTxs", String(input.debits.length))}${el("CtrlSum", sepaAmount(total(input.debits)))}<InitgPty>${el("Nm", sepaText(input.creditor.name, 70))}</InitgPty></GrpHdr>
${blocks}
</CstmrDrctDbtInitn>
</Document>
`;
}
