/** A number as a French reader writes it: "12 345,678" (narrow no-break space, decimal comma). */
const formatters = new Map<number, Intl.NumberFormat>();

export function formatFrenchNumber(value: number, maximumFractionDigits = 3): string {
  let formatter = formatters.get(maximumFractionDigits);
  if (!formatter) {
    formatter = new Intl.NumberFormat("fr-FR", { maximumFractionDigits });
    formatters.set(maximumFractionDigits, formatter);
  }
  return formatter.format(value);
}
