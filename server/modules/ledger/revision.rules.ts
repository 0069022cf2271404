/**
 * Annual rent revision (loi 89-462 art. 17-1), pure.
 * new rent = rent × IRL(reference quarter, year N) / IRL(same quarter, year N−1), rounded to the cent;
 * none for a dwelling of DPE class F or G (loi Climat et résilience, art. 159: no increase since
 * 24 Aug 2022); takes effect from the landlord's request, never retroactively; lost when not
 * claimed within one year of the date it could take effect.
 */
import { type Cents, divideRounded } from "../../lib/money";
import { addYears, compareDates, type IsoDate } from "../../lib/dates";

export type IrlIndex = { year: number; quarter: number; valueHundredths: number; publishedOn: IsoDate };

/**
 * IRL published by INSEE (base 100 au 4e trimestre 1998), in hundredths.
 * Source: INSEE, Informations rapides "Indice de référence des loyers", n° 254 of 15 Oct 2025
 * (series 2021–2025 T3). Publication dates are the INSEE release days (mid-month after the quarter).
 */
export const publishedIrl: readonly IrlIndex[] = [
  { year: 2021, quarter: 1, valueHundredths: 13069, publishedOn: "2021-04-15" },
  { year: 2021, quarter: 2, valueHundredths: 13112, publishedOn: "2021-07-13" },
  { year: 2021, quarter: 3, valueHundredths: 13167, publishedOn: "2021-10-14" },
  { year: 2021, quarter: 4, valueHundredths: 13262, publishedOn: "2022-01-14" },
  { year: 2022, quarter: 1, valueHundredths: 13393, publishedOn: "2022-04-14" },
  { year: 2022, quarter: 2, valueHundredths: 13584, publishedOn: "2022-07-13" },
  { year: 2022, quarter: 3, valueHundredths: 13627, publishedOn: "2022-10-14" },
  { year: 2022, quarter: 4, valueHundredths: 13726, publishedOn: "2023-01-13" },
  { year: 2023, quarter: 1, valueHundredths: 13861, publishedOn: "2023-04-14" },
  { year: 2023, quarter: 2, valueHundredths: 14059, publishedOn: "2023-07-13" },
  { year: 2023, quarter: 3, valueHundredths: 14103, publishedOn: "2023-10-13" },
  { year: 2023, quarter: 4, valueHundredths: 14206, publishedOn: "2024-01-12" },
  { year: 2024, quarter: 1, valueHundredths: 14346, publishedOn: "2024-04-12" },
  { year: 2024, quarter: 2, valueHundredths: 14517, publishedOn: "2024-07-12" },
  { year: 2024, quarter: 3, valueHundredths: 14451, publishedOn: "2024-10-15" },
  { year: 2024, quarter: 4, valueHundredths: 14464, publishedOn: "2025-01-15" },
  { year: 2025, quarter: 1, valueHundredths: 14547, publishedOn: "2025-04-15" },
  { year: 2025, quarter: 2, valueHundredths: 14668, publishedOn: "2025-07-15" },
  { year: 2025, quarter: 3, valueHundredths: 14577, publishedOn: "2025-10-15" },
];

export function revisedRent(rentCents: Cents, irlNew: number, irlOld: number): Cents {
  return divideRounded(rentCents * irlNew, irlOld, "half-up");
}

/** "T2" → 2 (the lease's revision clause names a quarter). */
export function parseQuarter(label: string | null | undefined): number | null {
  const match = /^T([1-4])$/i.exec(label ?? "");
  return match ? Number(match[1]) : null;
}

/** The anniversary of the lease in the year of `today` or the last one before it (revision date). */
export function lastAnniversary(startDate: IsoDate, today: IsoDate): IsoDate | null {
  let anniversary: IsoDate | null = null;
  for (let k = 1; compareDates(addYears(startDate, k), today) <= 0; k++) anniversary = addYears(startDate, k);
  return anniversary;
}

/** The first of January in the year of `today` or the last one before it, after `startDate`. */
export function lastFirstJanuary(startDate: IsoDate, today: IsoDate): IsoDate | null {
  const firstJanuary: IsoDate = `${today.slice(0, 4)}-01-01`;
  return compareDates(firstJanuary, startDate) > 0 ? firstJanuary : null;
}

/**
 * When a lease's rent is revised, and on which IRL quarter:
 * - a lease with a term (loi 89-462 art. 17-1): once a year at its anniversary, on the quarter
 *   its revision clause names;
 * - a social landlord's lease, which has no term (fixedTerm false): on 1 January of each year,
 *   within the variation of the IRL of the second quarter of the previous year (CCH L.442-1 for
 *   HLM housing, L.353-9-2 for housing conventionné APL). The law fixes the quarter, whatever the
 *   contract says. The rents of every tenant are revised together, so a lease signed during the
 *   year is revised on the next 1 January (never on the day it starts). The proposal computed on
 *   that quarter is the ceiling: the landlord may decide less, never more.
 */
export function revisionSchedule(
  lease: { startDate: IsoDate; fixedTerm: boolean; irlReferenceQuarter: string | null },
  today: IsoDate,
): { revisionOn: IsoDate | null; referenceQuarter: number | null; basis: "anniversary" | "first_january" } {
  if (!lease.fixedTerm) {
    return {
      revisionOn: lastFirstJanuary(lease.startDate, today),
      referenceQuarter: 2,
      basis: "first_january",
    };
  }
  return {
    revisionOn: lastAnniversary(lease.startDate, today),
    referenceQuarter: parseQuarter(lease.irlReferenceQuarter),
    basis: "anniversary",
  };
}

export type RevisionProposal =
  | {
      kind: "revision";
      anniversaryOn: IsoDate;
      previousRentCents: Cents;
      newRentCents: Cents;
      irlYear: number;
      irlQuarter: number;
      irlNewHundredths: number;
      irlOldHundredths: number;
    }
  | { kind: "none"; reason: "DPE_F_OR_G" | "NO_REFERENCE_QUARTER" | "NOT_YET_A_YEAR" }
  | { kind: "none"; reason: "INDEX_MISSING"; missing: { year: number; quarter: number } };

/**
 * The day from which INSEE's index of `quarter` of `year` is deemed published: INSEE releases it
 * in the middle of the month after the quarter (T1 in April, T2 in July, T3 in October, T4 in
 * January of the next year), between the 12th and the 15th; from the 16th it should be there.
 */
export function irlDeemedPublishedOn(year: number, quarter: number): IsoDate {
  const month = quarter * 3 + 1;
  return month > 12 ? `${year + 1}-01-16` : `${year}-${String(month).padStart(2, "0")}-16`;
}

/** The latest (year, quarter) INSEE should have published by `onDate`. */
export function latestIrlDue(onDate: IsoDate): { year: number; quarter: number } {
  const year = Number(onDate.slice(0, 4));
  for (const candidate of [
    { year, quarter: 3 },
    { year, quarter: 2 },
    { year, quarter: 1 },
    { year: year - 1, quarter: 4 },
    { year: year - 1, quarter: 3 },
  ]) {
    if (compareDates(irlDeemedPublishedOn(candidate.year, candidate.quarter), onDate) <= 0) return candidate;
  }
  return { year: year - 1, quarter: 3 };
}

/**
 * How far the IRL table is behind what INSEE should have published by `today`: null when up to
 * date, else the latest quarter due and the latest one held.
 */
export function irlTableLag(indices: readonly IrlIndex[], today: IsoDate) {
  const due = latestIrlDue(today);
  const latest = [...indices].sort((a, b) => b.year - a.year || b.quarter - a.quarter)[0] ?? null;
  if (latest && (latest.year > due.year || (latest.year === due.year && latest.quarter >= due.quarter))) {
    return null;
  }
  return { due, latest: latest ? { year: latest.year, quarter: latest.quarter } : null };
}

/**
 * The proposal for the revision date `anniversaryOn`: the index of the reference quarter
 * most recently published at that date (year N) against the same quarter of N−1.
 */
export function proposeRevision(input: {
  rentCents: Cents;
  energyClass: string | null;
  referenceQuarter: number | null;
  anniversaryOn: IsoDate | null;
  indices: readonly IrlIndex[];
}): RevisionProposal {
  if (input.energyClass === "F" || input.energyClass === "G") return { kind: "none", reason: "DPE_F_OR_G" };
  if (!input.referenceQuarter) return { kind: "none", reason: "NO_REFERENCE_QUARTER" };
  if (!input.anniversaryOn) return { kind: "none", reason: "NOT_YET_A_YEAR" };
  const anniversaryOn = input.anniversaryOn;
  const quarter = input.referenceQuarter;
  // the index of year N is the last one of the quarter published at the revision date; when the
  // table lacks the one that should be published by then, an older year must never stand in for
  // it (that would repeat last year's ratio): the revision waits for the admins to enter it
  const dueYear = (() => {
    const anniversaryYear = Number(anniversaryOn.slice(0, 4));
    for (let year = anniversaryYear; year > anniversaryYear - 3; year--) {
      if (compareDates(irlDeemedPublishedOn(year, quarter), anniversaryOn) <= 0) return year;
    }
    return anniversaryYear - 3;
  })();
  const publishedEarly = input.indices.find(
    (i) => i.quarter === quarter && i.year === dueYear + 1 && compareDates(i.publishedOn, anniversaryOn) <= 0,
  );
  const currentYear = publishedEarly ? dueYear + 1 : dueYear;
  const current = input.indices.find((i) => i.quarter === quarter && i.year === currentYear);
  if (!current) return { kind: "none", reason: "INDEX_MISSING", missing: { year: currentYear, quarter } };
  const previous = input.indices.find((i) => i.quarter === quarter && i.year === currentYear - 1);
  if (!previous)
    return { kind: "none", reason: "INDEX_MISSING", missing: { year: currentYear - 1, quarter } };
  return {
    kind: "revision",
    anniversaryOn,
    previousRentCents: input.rentCents,
    newRentCents: revisedRent(input.rentCents, current.valueHundredths, previous.valueHundredths),
    irlYear: current.year,
    irlQuarter: current.quarter,
    irlNewHundredths: current.valueHundredths,
    irlOldHundredths: previous.valueHundredths,
  };
}

/**
 * When a requested revision takes effect: from the request (never before the anniversary, never
 * retroactively); null when requested more than a year after the anniversary (art. 17-1: the
 * landlord is deemed to have waived it).
 */
export function revisionEffectiveFrom(anniversaryOn: IsoDate, requestedOn: IsoDate): IsoDate | null {
  if (compareDates(requestedOn, addYears(anniversaryOn, 1)) > 0) return null;
  return compareDates(requestedOn, anniversaryOn) > 0 ? requestedOn : anniversaryOn;
}
