/**
 * IBAN checks (ISO 13616): two letters of country, two check digits, then the national account
 * number (BBAN). The check digits make the whole number ≡ 1 (mod 97) once the first four
 * characters are moved to the end and letters are replaced by 10…35 (ISO 7064 MOD 97-10).
 */

/** Lengths of the IBAN for the countries our landlords bank in (SEPA, ECBS registry). */
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24,
  AT: 20,
  BE: 16,
  BG: 22,
  CH: 21,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  EE: 20,
  ES: 24,
  FI: 18,
  FR: 27,
  GB: 22,
  GR: 27,
  HR: 21,
  HU: 28,
  IE: 22,
  IS: 26,
  IT: 27,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MT: 31,
  NL: 18,
  NO: 15,
  PL: 28,
  PT: 25,
  RO: 24,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
};

export type IbanCheck =
  | { valid: true; iban: string }
  | { valid: false; reason: "format" | "country" | "length" | "checksum"; message: string };

/** Removes spaces and hyphens and upper-cases: "fr76 3000…" → "FR763000…". */
export function normalizeIban(input: string): string {
  return input.replace(/[\s-]+/g, "").toUpperCase();
}

/** The remainder of the IBAN's rearranged digits modulo 97, computed piecewise (no bigint needed). */
export function ibanMod97(iban: string): number {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = char >= "A" && char <= "Z" ? char.charCodeAt(0) - 55 : Number(char);
    remainder = (remainder * (value >= 10 ? 100 : 10) + value) % 97;
  }
  return remainder;
}

export function checkIban(input: string): IbanCheck {
  const iban = normalizeIban(input);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{1,30}$/.test(iban)) {
    return {
      valid: false,
      reason: "format",
      message: "Un IBAN commence par deux lettres de pays et deux chiffres de contrôle",
    };
  }
  const country = iban.slice(0, 2);
  const expected = IBAN_LENGTHS[country];
  if (expected === undefined) {
    return { valid: false, reason: "country", message: `Pays d'IBAN non pris en charge : ${country}` };
  }
  if (iban.length !== expected) {
    return {
      valid: false,
      reason: "length",
      message: `Un IBAN ${country} compte ${expected} caractères (reçu : ${iban.length})`,
    };
  }
  if (ibanMod97(iban) !== 1) {
    return { valid: false, reason: "checksum", message: "Clé de contrôle de l'IBAN incorrecte" };
  }
  return { valid: true, iban };
}

/** What a reader without landlords.readBankDetails may see: country and the last four characters. */
export function maskIban(iban: string): string {
  const normalized = normalizeIban(iban);
  return `${normalized.slice(0, 2)}•• •••• •••• ${normalized.slice(-4)}`;
}
