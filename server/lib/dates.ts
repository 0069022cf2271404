/**
 * Business dates are Europe/Paris calendar dates written as ISO strings ("2026-03-29").
 * Calendar arithmetic is done on the date itself (never on instants), so a
 * daylight-saving change can never move a deadline by a day.
 */
export type IsoDate = string;

export const BUSINESS_TIME_ZONE = "Europe/Paris";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const parisDateFormatter = new Intl.DateTimeFormat("en-CA", {
  timeZone: BUSINESS_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

// The date of the last minute asked: every request asks for today, and formatting in a time zone
// costs more than the rest of a kept answer. A minute never straddles midnight in Paris (the
// zone's offsets are whole hours), so the date of one instant is that of its whole minute.
let lastMinute = Number.NaN;
let lastMinuteDate: IsoDate = "";

/** The Paris calendar date of an instant. */
export function parisDateOf(instant: Date): IsoDate {
  const minute = Math.floor(instant.getTime() / 60_000);
  if (minute !== lastMinute) {
    lastMinuteDate = parisDateFormatter.format(instant);
    lastMinute = minute;
  }
  return lastMinuteDate;
}

export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

/** "2026-11": a month of the calendar (01 to 12). */
export function isIsoMonth(value: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

function toUtcMidnight(date: IsoDate): Date {
  if (!isIsoDate(date)) throw new RangeError(`not an ISO calendar date: "${date}"`);
  return new Date(`${date}T00:00:00Z`);
}

function fromUtcMidnight(value: Date): IsoDate {
  return value.toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const value = toUtcMidnight(date);
  value.setUTCDate(value.getUTCDate() + days);
  return fromUtcMidnight(value);
}

export function addWeeks(date: IsoDate, weeks: number): IsoDate {
  return addDays(date, weeks * 7);
}

/** Adds calendar months, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const value = toUtcMidnight(date);
  const day = value.getUTCDate();
  value.setUTCDate(1);
  value.setUTCMonth(value.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(value.getUTCFullYear(), value.getUTCMonth() + 1, 0)).getUTCDate();
  value.setUTCDate(Math.min(day, lastDay));
  return fromUtcMidnight(value);
}

export function addYears(date: IsoDate, years: number): IsoDate {
  return addMonths(date, years * 12);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtcMidnight(to).getTime() - toUtcMidnight(from).getTime()) / 86_400_000);
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function lastDayOfMonth(date: IsoDate): IsoDate {
  const value = toUtcMidnight(date);
  return fromUtcMidnight(new Date(Date.UTC(value.getUTCFullYear(), value.getUTCMonth() + 1, 0)));
}

/** "23/11/2026", as French documents and screens write dates. */
export function formatFrenchDate(date: IsoDate): string {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`not an ISO calendar date: "${date}"`);
  return `${match[3]}/${match[2]}/${match[1]}`;
}
