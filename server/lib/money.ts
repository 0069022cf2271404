/**
 * Money is integer cents everywhere: never a float of euros.
 */
export type Cents = number;

export function assertCents(value: number, label = "amount"): Cents {
  if (!Number.isSafeInteger(value))
    throw new RangeError(`${label} must be an integer number of cents, got ${value}`);
  return value;
}

const euroFormatter = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });

/** "1 234,56 €" as French typography writes it (narrow no-break space between thousands). */
export function formatEuros(cents: Cents): string {
  assertCents(cents);
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const euros = Math.trunc(abs / 100);
  const rest = abs % 100;
  // Format the integer part with Intl and append the cents ourselves: no float arithmetic.
  const formatted = euroFormatter.format(euros); // e.g. "1 234,00 €"
  return sign + formatted.replace(/,00(\s€)$/, `,${String(rest).padStart(2, "0")}$1`);
}

/** Parses "1 234,56", "1234.56", "12" (euros) into cents; rejects more than two decimals. */
export function parseEuros(text: string): Cents {
  const cleaned = text.replace(/[\s\u00a0\u202f€]/g, "").replace(",", ".");
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) throw new RangeError(`not an amount in euros: "${text}"`);
  const [, sign, whole, fraction = ""] = match;
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  return sign === "-" ? -cents : cents;
}

export type Rounding = "floor" | "ceil" | "half-up";

/**
 * cents × basisPoints / 10 000 in integer arithmetic (1 bp = 0.01 %), rounded as asked.
 * "half-up" rounds halves away from zero, as French accounting does.
 */
export function applyBasisPoints(cents: Cents, basisPoints: number, rounding: Rounding): Cents {
  return divideRounded(cents * basisPoints, 10_000, rounding);
}

/** Integer division of cents with an explicit rounding mode. */
export function divideRounded(numerator: number, denominator: number, rounding: Rounding): number {
  if (denominator <= 0 || !Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator)) {
    throw new RangeError("divideRounded needs safe integers and a positive denominator");
  }
  const negative = numerator < 0;
  const abs = Math.abs(numerator);
  const quotient = Math.floor(abs / denominator);
  const remainder = abs - quotient * denominator;
  let magnitude: number;
  if (rounding === "half-up") magnitude = remainder * 2 >= denominator ? quotient + 1 : quotient;
  else if ((rounding === "ceil") !== negative) magnitude = remainder > 0 ? quotient + 1 : quotient;
  else magnitude = quotient;
  return negative ? -magnitude : magnitude;
}

export function sumCents(values: readonly Cents[]): Cents {
  return values.reduce((total, value) => total + value, 0);
}

/** "7,5 %" for 750 basis points, as French text writes a rate. */
export function formatBasisPoints(basisPoints: number): string {
  return `${(basisPoints / 100).toLocaleString("fr-FR", { maximumFractionDigits: 2 })} %`;
}
