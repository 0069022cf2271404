/** The consent the landlord ticks before signing, printed on the signature certificate. */
export const CONSENT_TEXT =
  "J'ai lu le mandat de gestion et son annexe pack sécurisation, et je les signe électroniquement.";

const fold = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

/** The typed name must be the mandant's (accents, case and punctuation aside). */
export function typedNameMatches(typed: string, acceptedNames: readonly string[]): boolean {
  const folded = fold(typed);
  return folded.length > 0 && acceptedNames.some((name) => fold(name) === folded);
}

const parisTime = new Intl.DateTimeFormat("fr-FR", {
  timeZone: "Europe/Paris",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** "23/11/2026 à 10:15:00 (heure de Paris, 2026-11-23T09:15:00.000Z)" */
export function signatureTimeLabel(instant: Date): string {
  const parts = Object.fromEntries(parisTime.formatToParts(instant).map((part) => [part.type, part.value]));
  return `${parts.day}/${parts.month}/${parts.year} à ${parts.hour}:${parts.minute}:${parts.second} (heure de Paris, ${instant.toISOString()})`;
}
