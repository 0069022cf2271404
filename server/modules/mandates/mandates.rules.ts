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

/** A mandate or lease period; `endOn` null = open-ended. Dates are inclusive ISO dates. */
export type Period = { startOn: string; endOn: string | null };

export function periodsOverlap(a: Period, b: Period): boolean {
  return (b.endOn === null || a.startOn <= b.endOn) && (a.endOn === null || b.startOn <= a.endOn);
}

export type MandateOnUnit = {
  id: string;
  number: number;
  status: "awaiting_signature" | "signed" | "ended" | "cancelled";
  startDate: string;
  endDate: string;
  endedOn: string | null;
};
export type HeadLeaseOnUnit = {
  id: string;
  status: "draft" | "signed" | "notice_given" | "ended";
  startDate: string;
  endDate: string | null;
  endedOn: string | null;
};

/**
 * Why a new management mandate on a flat cannot be accepted, or null. Loi Hoguet (n° 70-9) and
 * décret 72-678: one mandate at a time for a flat, so a mandate whose period meets another
 * mandate not cancelled (awaiting signature counts: it may be signed tomorrow) is refused; a flat
 * under a head lease (bail principal to the organisation) is the organisation's to sub-let, not a
 * landlord's to have managed, so a mandate meeting a head lease not ended before it is refused too.
 * An ended mandate or lease counts up to the day it ended.
 */
export function mandateConflict(
  candidate: Period,
  mandatesOnUnit: readonly MandateOnUnit[],
  headLeasesOnUnit: readonly HeadLeaseOnUnit[],
):
  | { code: "MANDATE_OVERLAP"; mandateId: string; number: number }
  | { code: "UNIT_UNDER_HEAD_LEASE"; leaseId: string }
  | null {
  for (const mandate of mandatesOnUnit) {
    if (mandate.status === "cancelled") continue;
    const endOn = mandate.endedOn && mandate.endedOn < mandate.endDate ? mandate.endedOn : mandate.endDate;
    if (periodsOverlap(candidate, { startOn: mandate.startDate, endOn }))
      return { code: "MANDATE_OVERLAP", mandateId: mandate.id, number: mandate.number };
  }
  for (const lease of headLeasesOnUnit) {
    if (lease.status === "draft") continue;
    const endOn = lease.endedOn ?? lease.endDate;
    if (periodsOverlap(candidate, { startOn: lease.startDate, endOn }))
      return { code: "UNIT_UNDER_HEAD_LEASE", leaseId: lease.id };
  }
  return null;
}
