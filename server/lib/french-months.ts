/** The months in French, lower case as they are written inside a date ("1er janvier 2027"). */
export const FRENCH_MONTHS = [
  "janvier",
  "février",
  "mars",
  "avril",
  "mai",
  "juin",
  "juillet",
  "août",
  "septembre",
  "octobre",
  "novembre",
  "décembre",
] as const;

/** "novembre 2026" for the month "2026-11", as statements and labels write a month. */
export function formatFrenchMonth(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  const name = match ? FRENCH_MONTHS[Number(match[2]) - 1] : undefined;
  if (!match || !name) throw new RangeError(`not an ISO month: "${month}"`);
  return `${name} ${match[1]}`;
}
