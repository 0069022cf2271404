/**
 * Tenants' SEPA direct debits (SDD Core rulebook, EPC016-06), pure: what a mandate must carry,
 * which sequence type a collection takes and how much a month's collection is.
 */
import type { IsoDate } from "../../lib/dates";
import { compareDates } from "../../lib/dates";
import type { Cents } from "../../lib/money";
import { checkIban } from "../landlords/iban.rules";
import { isBic, sepaIdentifier } from "./sepa.rules";

export type DebitMandateIssue = { path: string; message: string };

/**
 * The mandate's own data (EPC016 AT-01 the RUM, AT-25 the date of signature, AT-07 the debtor's
 * IBAN, AT-13 the debtor's BIC, optional in SEPA): a RUM of at most 35 SEPA characters with no
 * space, a signature that has happened, a valid IBAN, a well-formed BIC when given.
 */
export function debitMandateIssues(input: {
  reference: string;
  signedOn: IsoDate;
  iban: string;
  bic: string | null;
  today: IsoDate;
}): DebitMandateIssue[] {
  const issues: DebitMandateIssue[] = [];
  if (
    input.reference.length === 0 ||
    input.reference.length > 35 ||
    sepaIdentifier(input.reference) !== input.reference
  )
    issues.push({
      path: "json.reference",
      message:
        "La référence unique du mandat (RUM) compte au plus 35 caractères, lettres non accentuées, chiffres et + ? / - : ( ) . , ' sans espace",
    });
  if (compareDates(input.signedOn, input.today) > 0)
    issues.push({ path: "json.signedOn", message: "Le mandat ne peut être signé après aujourd'hui" });
  if (!checkIban(input.iban).valid) issues.push({ path: "json.iban", message: "IBAN invalide" });
  if (input.bic !== null && !isBic(input.bic)) issues.push({ path: "json.bic", message: "BIC invalide" });
  return issues;
}

/**
 * EPC016 AT-21: the first collection on a mandate is FRST, every later one RCUR (the rulebook
 * processes them apart; since the 2016 rulebook a change of debtor bank no longer restarts at FRST).
 */
export function sequenceTypeFor(previousCollections: number): "FRST" | "RCUR" {
  return previousCollections === 0 ? "FRST" : "RCUR";
}

/**
 * What a month's direct debit takes: the tenant parts called for the month minus the programme's
 * rent complement of the month, never below zero (a debit never takes what the programme pays).
 */
export function monthDebitAmount(tenantPartsCents: Cents, rentComplementCents: Cents): Cents {
  return Math.max(0, tenantPartsCents - rentComplementCents);
}
