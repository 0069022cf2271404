import { formatEuros } from "../../../server/lib/money";
import { formatFrenchDate } from "../../../server/lib/dates";
import { formatFrenchMonth } from "../../../server/lib/french-months";
import { UNIT_STATUS_LABELS } from "../../../server/modules/units/pipeline.rules";

/** French formats everywhere: "1 234,56 €", "23/11/2026", "28,5 %". */
export { formatEuros };

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  return formatFrenchDate(iso.slice(0, 10));
}

const dateTime = new Intl.DateTimeFormat("fr-FR", {
  dateStyle: "short",
  timeStyle: "short",
  timeZone: "Europe/Paris",
});
export function formatDateTime(instant: string | null | undefined): string {
  return instant ? dateTime.format(new Date(instant)) : "—";
}

const percent = new Intl.NumberFormat("fr-FR", { style: "percent", maximumFractionDigits: 1 });
/** A ratio (0.285) as "28,5 %". */
export function formatPercent(ratio: number | null | undefined): string {
  return ratio === null || ratio === undefined || Number.isNaN(ratio) ? "—" : percent.format(ratio);
}

const number = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });
export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : number.format(value);
}

export function formatKm(km: number | null | undefined): string {
  return km === null || km === undefined ? "—" : `${number.format(km)} km`;
}

export const unitStatusLabels: Readonly<Record<string, string>> = UNIT_STATUS_LABELS;

export const typologyLabels: Record<string, string> = {
  studio: "Studio",
  T1: "T1",
  T2: "T2",
  T3: "T3",
  T4: "T4",
  T5: "T5",
  T6: "T6",
};

export const roleLabels: Record<string, string> = {
  admin: "Administration",
  housing_officer: "Gestion locative",
  finance: "Finances",
  landlord: "Propriétaire",
};

export function label(map: Record<string, string>, key: string | null | undefined): string {
  if (!key) return "—";
  return map[key] ?? key;
}

/**
 * A number typed the French way: "25,5", "1 234,5" (spaces, no-break spaces) or "25.5".
 * Returns null when the text is not a number, so the form says so instead of guessing:
 * a comma is never dropped ("25,5" never becomes 255). Thousands with a dot ("1.234") are
 * refused as ambiguous.
 */
export function parseFrenchNumber(text: string): number | null {
  const compact = text.trim().replace(/[\s\u00a0\u202f]/g, "");
  if (!/^[-+]?\d+([.,]\d+)?$/.test(compact)) return null;
  if (/^[-+]?\d{1,3}\.\d{3}$/.test(compact) && compact.includes(".")) return null;
  return Number(compact.replace(",", "."));
}

/** "2026-10" → "octobre 2026". */
export const formatMonth = formatFrenchMonth;

/** "2026-10" → "d'octobre 2026", "2026-11" → "de novembre 2026" (the elision before avril, août, octobre). */
export function ofMonth(month: string): string {
  const name = formatMonth(month);
  return /^[aeiouyàâéèêô]/i.test(name) ? `d'${name}` : `de ${name}`;
}

/** A sentence's first letter in capitals: «Octobre 2026 : …». */
export function capitalized(text: string): string {
  return text.charAt(0).toLocaleUpperCase("fr-FR") + text.slice(1);
}

/** «1 bail», «13 baux»: a count with its noun in the right number. */
export function countOf(count: number, singular: string, plural: string): string {
  return `${count} ${count > 1 ? plural : singular}`;
}

/** «de Karim», «d'Aïcha»: the preposition elided before a vowel or a mute h. */
export function ofName(name: string): string {
  return /^[aeiouyhàâäéèêëîïôöûüÿ]/i.test(name) ? `d'${name}` : `de ${name}`;
}
