/**
 * The two yearly reports of a "Un Chez-soi d'abord" site (cahier des charges §8.12), pure:
 * - by 30 April, the housing pole's figures for the activity report sent to the ARS with the
 *   administrative account (CASF R.314-50);
 * - by 30 June, anonymised data on the people followed and their support, for the national
 *   evaluation: no name, no contact, no exact birth date or address, and no group small enough
 *   to make a person recognisable.
 * Facts in, rows and figures out; the services read the facts and the existing rules (the offer
 * duty, the IML costs, the arrears) and this file only says who is counted where.
 */
import { createHmac } from "node:crypto";
import { compareDates, daysBetween, type IsoDate } from "../../lib/dates";
import type { InvalidField } from "../../lib/errors";
import type { OfferDuty, PanelFact } from "../persons/persons.rules";

// ─── the year ────────────────────────────────────────────────────────────────────────────────

export type ReportYear = { year: number; start: IsoDate; end: IsoDate; asOf: IsoDate };

/**
 * A calendar year, and the day its figures are taken on: 31 December, or today while the year
 * is not over (a report of the current year is provisional).
 */
export function reportYear(year: number, today: IsoDate): ReportYear {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  return { year, start, end, asOf: compareDates(end, today) <= 0 ? end : today };
}

/** A report is asked for a year that has begun: a future year has nothing to report. */
export function reportYearProblems(year: number, today: IsoDate): InvalidField[] {
  if (year > Number(today.slice(0, 4)))
    return [
      {
        path: "query.year",
        message: `L'année ${year} n'a pas commencé : choisissez une année jusqu'à ${today.slice(0, 4)}`,
      },
    ];
  return [];
}

const within = (date: IsoDate | null, period: { start: IsoDate; end: IsoDate }) =>
  date !== null && compareDates(date, period.start) >= 0 && compareDates(date, period.end) <= 0;

/**
 * A person followed during the year: day 1 on or before its last day (or today's), and not gone
 * before its first day. Both reports count the same people.
 */
export function followedDuring(person: { entryDate: IsoDate; leftOn: IsoDate | null }, period: ReportYear) {
  return (
    compareDates(person.entryDate, period.asOf) <= 0 &&
    (person.leftOn === null || compareDates(person.leftOn, period.start) >= 0)
  );
}

// ─── pseudonyms ──────────────────────────────────────────────────────────────────────────────

/**
 * The pseudonymous id of a person: HMAC-SHA-256 of the person's internal id under the site's
 * key. The same person has the same pseudonym every year (the key is kept); without the key the
 * pseudonym cannot be recomputed from an id, nor reversed (a keyed hash, not an encryption).
 */
export function pseudonym(siteKeyHex: string, personId: string): string {
  return createHmac("sha256", Buffer.from(siteKeyHex, "hex")).update(personId).digest("hex");
}

// ─── the quasi-identifiers and their generalisations ─────────────────────────────────────────

/** Age in whole years on a day (a birthday on 29 February is reached on 1 March). */
export function ageOn(birthDate: IsoDate, on: IsoDate): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

export const UNKNOWN = "Non renseigné";

/** Ten-year bands (18–24 first), the age taken on 31 December of the year. */
export function ageBand(birthDate: IsoDate | null, on: IsoDate): string {
  if (!birthDate) return UNKNOWN;
  const age = ageOn(birthDate, on);
  if (age < 18) return "Moins de 18 ans";
  if (age < 25) return "18–24 ans";
  if (age >= 65) return "65 ans et plus";
  const low = Math.floor((age - 5) / 10) * 10 + 5;
  return `${low}–${low + 9} ans`;
}

/** The coarser bands a small group's age is generalised to. */
export function coarseAgeBand(fine: string): string {
  if (fine === UNKNOWN) return UNKNOWN;
  if (fine === "Moins de 18 ans" || fine === "18–24 ans" || fine === "25–34 ans") return "Moins de 35 ans";
  if (fine === "35–44 ans" || fine === "45–54 ans") return "35–54 ans";
  return "55 ans et plus";
}

export function householdCategory(adults: number, children: number): string {
  if (adults <= 1) return children === 0 ? "Personne seule" : "Parent seul avec enfant(s)";
  return children === 0 ? "Plusieurs adultes sans enfant" : "Plusieurs adultes avec enfant(s)";
}

export function coarseHouseholdCategory(fine: string): string {
  return fine === "Personne seule" || fine === "Plusieurs adultes sans enfant"
    ? "Sans enfant"
    : "Avec enfant(s)";
}

/** The mark of a suppressed cell in the file. */
export const SUPPRESSED = "*";

/** The threshold: no group of fewer than 5 people is shown. */
export const SMALL_CELL_THRESHOLD = 5;

export const QUASI_IDENTIFIERS = ["ageBand", "household", "admissionYear", "housedYear", "exitYear"] as const;
export type QuasiIdentifier = (typeof QUASI_IDENTIFIERS)[number];
export type QuasiIdentifiers = Record<QuasiIdentifier, string>;

/**
 * The generalisation steps, in the order they are applied to the people of a group that is too
 * small: first the household and the age are coarsened, then the years are suppressed from the
 * least to the most useful to the evaluation (exit, entry into housing, admission), and last the
 * household and the age themselves.
 */
export const GENERALISATION_STEPS: readonly { column: QuasiIdentifier; apply: (value: string) => string }[] =
  [
    { column: "household", apply: coarseHouseholdCategory },
    { column: "ageBand", apply: coarseAgeBand },
    { column: "exitYear", apply: () => SUPPRESSED },
    { column: "housedYear", apply: () => SUPPRESSED },
    { column: "admissionYear", apply: () => SUPPRESSED },
    { column: "household", apply: () => SUPPRESSED },
    { column: "ageBand", apply: () => SUPPRESSED },
  ];

const classKey = (qi: QuasiIdentifiers) => QUASI_IDENTIFIERS.map((column) => qi[column]).join("\u0000");

export type Suppression<T> = {
  rows: (T & { qi: QuasiIdentifiers })[];
  /** people left out because even with every quasi-identifier suppressed they were fewer than k */
  withheld: number;
  /** cells generalised or suppressed */
  generalisedCells: number;
};

/**
 * Small-cell suppression (k-anonymity on the quasi-identifiers, k = 5): the people are grouped by
 * the combination of their quasi-identifiers as shown (a suppressed «*» or a coarse band is a
 * value of its own); each person of a group of fewer than k takes the next generalisation step,
 * and the grouping is made again, until every group has at least k people. People whose group is
 * still too small once every quasi-identifier is suppressed are withheld from the file. A group
 * of k or more is never touched, so what each shown combination stands for is at least k people:
 * whatever an outsider knows of a person's age, household and years, at least k rows fit it.
 * Deterministic: the same people give the same file.
 */
export function suppressSmallCells<T extends { qi: QuasiIdentifiers }>(
  people: readonly T[],
  k = SMALL_CELL_THRESHOLD,
): Suppression<T> {
  const rows = people.map((person) => ({ ...person, qi: { ...person.qi }, step: 0 }));
  let generalisedCells = 0;
  for (;;) {
    const groups = new Map<string, typeof rows>();
    for (const row of rows) {
      const key = classKey(row.qi);
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    let progressed = false;
    for (const group of groups.values()) {
      if (group.length >= k) continue;
      for (const row of group) {
        while (row.step < GENERALISATION_STEPS.length) {
          const { column, apply } = GENERALISATION_STEPS[row.step++]!;
          const next = apply(row.qi[column]);
          if (next !== row.qi[column]) {
            if (row.qi[column] !== SUPPRESSED) generalisedCells++;
            row.qi[column] = next;
            progressed = true;
            break;
          }
        }
      }
    }
    if (!progressed) break;
  }
  const sizes = new Map<string, number>();
  for (const row of rows) sizes.set(classKey(row.qi), (sizes.get(classKey(row.qi)) ?? 0) + 1);
  const kept = rows.filter((row) => sizes.get(classKey(row.qi))! >= k);
  return {
    rows: kept.map(({ step: _step, ...row }) => row as unknown as T & { qi: QuasiIdentifiers }),
    withheld: rows.length - kept.length,
    generalisedCells,
  };
}

/** The smallest group of people sharing a combination of quasi-identifiers (Infinity when none). */
export function smallestGroup(rows: readonly { qi: QuasiIdentifiers }[]): number {
  const sizes = new Map<string, number>();
  for (const row of rows) sizes.set(classKey(row.qi), (sizes.get(classKey(row.qi)) ?? 0) + 1);
  return sizes.size === 0 ? Number.POSITIVE_INFINITY : Math.min(...sizes.values());
}

// ─── one person's year ───────────────────────────────────────────────────────────────────────

/**
 * The panels as they stood on a day: those proposed later did not exist yet, those closed later
 * were still open. The offer duty of a past year is judged on them.
 */
export function panelFactsAsOf(panels: readonly PanelFact[], asOf: IsoDate): PanelFact[] {
  return panels
    .filter((panel) => compareDates(panel.proposedOn, asOf) <= 0)
    .map((panel) =>
      panel.closedOn !== null && compareDates(panel.closedOn, asOf) > 0
        ? { ...panel, status: "open" as const, closedOn: null }
        : panel,
    );
}

export type TenancyFact = {
  kind: string;
  startDate: IsoDate;
  endedOn: IsoDate | null;
  endReason: string | null;
};

export type RelocationFact = { requestedOn: IsoDate; status: string; closedOn: IsoDate | null };

export const LEASE_KIND_LABELS: Readonly<Record<string, string>> = {
  sublease: "Sous-location",
  sliding_sublease: "Bail glissant",
  direct_lease: "Bail direct",
  temporary_occupancy: "Convention d'occupation temporaire (répit)",
};

const yearOf = (date: IsoDate | null) => (date === null ? "" : date.slice(0, 4));

/** The tenant contracts of the current admission that had begun by the day. */
const tenanciesAsOf = (tenancies: readonly TenancyFact[], entryDate: IsoDate, asOf: IsoDate) =>
  tenancies
    .filter((t) => compareDates(t.startDate, entryDate) >= 0 && compareDates(t.startDate, asOf) <= 0)
    .sort((a, b) => compareDates(a.startDate, b.startDate));

/** Ended for a glissement (the sliding sub-lease became a direct lease) by the day. */
export const isGlissement = (t: TenancyFact, asOf: IsoDate) =>
  t.endReason === "glissement" && t.endedOn !== null && compareDates(t.endedOn, asOf) <= 0;

/** A relocation: asked for in the register, or a contract ended to move to another flat. */
export function relocatedDuring(
  relocations: readonly RelocationFact[],
  tenancies: readonly TenancyFact[],
  period: { start: IsoDate; end: IsoDate },
) {
  return (
    relocations.some((r) => within(r.requestedOn, period) || within(r.closedOn, period)) ||
    tenancies.some((t) => t.endReason === "relocation" && within(t.endedOn, period))
  );
}

export type PersonYearFacts = {
  id: string;
  birthDate: IsoDate | null;
  adults: number;
  children: number;
  entryDate: IsoDate;
  leftOn: IsoDate | null;
  status: string;
  suspendedOn: IsoDate | null;
  panels: readonly PanelFact[];
  offersMade: number;
  tenancies: readonly TenancyFact[];
  relocations: readonly RelocationFact[];
};

export type AnonymisedRow = {
  pseudonym: string;
  qi: QuasiIdentifiers;
  situation: string;
  daysToFirstOffer: number | null;
  firstOfferOnTime: string;
  panels: number;
  offers: number;
  leaseKind: string;
  glissement: string;
  relocation: string;
};

const DUTY_MET: Readonly<Record<string, string>> = {
  met_on_time: "Oui",
  met_late: "Non",
  overdue: "Non",
  on_track: "Délai en cours",
  due_soon: "Délai en cours",
};

/**
 * One person's row before suppression: no name, contact, address, exact date or free text; the
 * age as a band on 31 December, the household as a category, dates as years. `duty` is the
 * person's offer duty (persons.rules offerDuty) judged on the panels as of `asOf`.
 */
export function anonymisedRow(
  person: PersonYearFacts,
  duty: Pick<OfferDuty, "state" | "firstOfferOn">,
  period: ReportYear,
  siteKeyHex: string,
): AnonymisedRow {
  const tenancies = tenanciesAsOf(person.tenancies, person.entryDate, period.asOf);
  const latest = tenancies.at(-1) ?? null;
  const left = person.leftOn !== null && compareDates(person.leftOn, period.asOf) <= 0;
  const housedNow =
    latest !== null && (latest.endedOn === null || compareDates(latest.endedOn, period.asOf) > 0);
  const situation = left
    ? "Sorti·e du programme"
    : person.status === "suspended" &&
        person.suspendedOn &&
        compareDates(person.suspendedOn, period.asOf) <= 0
      ? "Accompagnement suspendu"
      : housedNow
        ? "Logé·e"
        : "En attente de logement";
  return {
    pseudonym: pseudonym(siteKeyHex, person.id),
    qi: {
      ageBand: ageBand(person.birthDate, period.end),
      household: householdCategory(person.adults, person.children),
      admissionYear: yearOf(person.entryDate),
      housedYear: yearOf(tenancies[0]?.startDate ?? null) || "Non logé·e",
      exitYear: left ? yearOf(person.leftOn) : "Pas de sortie",
    },
    situation,
    daysToFirstOffer: duty.firstOfferOn ? daysBetween(person.entryDate, duty.firstOfferOn) : null,
    firstOfferOnTime: DUTY_MET[duty.state] ?? "",
    panels: panelFactsAsOf(person.panels, period.asOf).filter(
      (panel) => compareDates(panel.proposedOn, person.entryDate) >= 0,
    ).length,
    offers: person.offersMade,
    leaseKind: latest ? (LEASE_KIND_LABELS[latest.kind] ?? latest.kind) : "",
    glissement: tenancies.some((t) => isGlissement(t, period.asOf)) ? "Oui" : "Non",
    relocation: relocatedDuring(person.relocations, person.tenancies, {
      start: person.entryDate,
      end: period.asOf,
    })
      ? "Oui"
      : "Non",
  };
}

// ─── the activity report's counts ────────────────────────────────────────────────────────────

/**
 * The admissions whose 8-week duty the year's report judges: those whose first-offer deadline
 * fell in the year, each judged as it stood on the year's last day (or today). Every admission
 * is counted once, in the year its 8 weeks ran out, whether the offer came early or late.
 */
export function dutyFallsIn(firstOfferDeadline: IsoDate, period: ReportYear): boolean {
  return within(firstOfferDeadline, period);
}

export type PeopleFacts = {
  entryDate: IsoDate;
  /** the person's admissions: a readmission is an entry of its own, an earlier exit stays an exit */
  admissions: readonly {
    admittedOn: IsoDate;
    endedOn: IsoDate | null;
    outcome: string | null;
    leftReason: string | null;
  }[];
  leftOn: IsoDate | null;
  leftReason: string | null;
  tenancies: readonly TenancyFact[];
};

/** A tenant contract in force on at least one day of the period. */
const inForceDuring = (t: TenancyFact, period: { start: IsoDate; end: IsoDate }) =>
  compareDates(t.startDate, period.end) <= 0 &&
  (t.endedOn === null || compareDates(t.endedOn, period.start) >= 0);

export function peopleFigures(people: readonly PeopleFacts[], period: ReportYear) {
  const span = { start: period.start, end: period.asOf };
  const followed = people.filter((p) => followedDuring(p, period));
  const exits = followed.flatMap((p) =>
    p.admissions.filter((a) => a.outcome === "left" && within(a.endedOn, span)),
  );
  const exitsByReason = new Map<string, number>();
  for (const a of exits)
    exitsByReason.set(a.leftReason ?? "other", (exitsByReason.get(a.leftReason ?? "other") ?? 0) + 1);
  return {
    followed: followed.length,
    admitted: followed.reduce(
      (sum, p) => sum + p.admissions.filter((a) => within(a.admittedOn, span)).length,
      0,
    ),
    readmitted: followed.reduce(
      (sum, p) => sum + p.admissions.slice(1).filter((a) => within(a.admittedOn, span)).length,
      0,
    ),
    housedDuringYear: followed.filter((p) => p.tenancies.some((t) => inForceDuring(t, span))).length,
    movedIn: followed.filter((p) => p.tenancies.some((t) => within(t.startDate, span))).length,
    housedAtYearEnd: followed.filter((p) =>
      p.tenancies.some((t) => inForceDuring(t, { start: period.asOf, end: period.asOf })),
    ).length,
    exits: exits.length,
    exitsByReason: [...exitsByReason].map(([reason, count]) => ({ reason, count })),
  };
}

export type PanelYearFacts = {
  proposedOn: IsoDate;
  size: number;
  reasonIfFewer: string | null;
};

/** Panels proposed in the year: their sizes, and the derogations to the minimum (footnote 32). */
export function panelFigures(
  panels: readonly PanelYearFacts[],
  minimumPanelSize: number,
  period: ReportYear,
) {
  const span = { start: period.start, end: period.asOf };
  const proposed = panels.filter((p) => within(p.proposedOn, span));
  const bySize = new Map<number, number>();
  for (const p of proposed) bySize.set(p.size, (bySize.get(p.size) ?? 0) + 1);
  const derogations = proposed.filter((p) => p.size < minimumPanelSize);
  const byReason = new Map<string, number>();
  for (const p of derogations)
    byReason.set(p.reasonIfFewer ?? "none", (byReason.get(p.reasonIfFewer ?? "none") ?? 0) + 1);
  return {
    panels: proposed.length,
    offers: proposed.reduce((sum, p) => sum + p.size, 0),
    minimumPanelSize,
    bySize: [...bySize].sort((a, b) => a[0] - b[0]).map(([size, count]) => ({ size, count })),
    derogations: derogations.length,
    derogationsByReason: [...byReason].map(([reason, count]) => ({ reason, count })),
  };
}

export type DeclineFact = {
  decidedOn: IsoDate | null;
  declinedBy: string | null;
  declineReason: string | null;
};

/** Offers declined in the year, by who declined and why (the coded lists of the panels). */
export function refusalFigures(declines: readonly DeclineFact[], period: ReportYear) {
  const span = { start: period.start, end: period.asOf };
  const inYear = declines.filter((d) => d.declinedBy !== null && within(d.decidedOn, span));
  const count = (key: (d: DeclineFact) => string) => {
    const map = new Map<string, number>();
    for (const d of inYear) map.set(key(d), (map.get(key(d)) ?? 0) + 1);
    return map;
  };
  const byWho = count((d) => d.declinedBy!);
  const byReason = count((d) => `${d.declinedBy}\u0000${d.declineReason ?? "other"}`);
  return {
    declined: inYear.length,
    byWho: ["person", "landlord", "operator_withdrew"].map((who) => ({ who, count: byWho.get(who) ?? 0 })),
    byReason: [...byReason]
      .map(([key, count]) => {
        const [who, reason] = key.split("\u0000") as [string, string];
        return { who, reason, count };
      })
      .sort((a, b) => b.count - a.count || a.who.localeCompare(b.who) || a.reason.localeCompare(b.reason)),
  };
}

/** Relocations asked for, rehoused and abandoned in the year; contracts ended to move. */
export function relocationFigures(
  relocations: readonly (RelocationFact & { pdalhpdPriorityOn: IsoDate | null })[],
  tenancies: readonly TenancyFact[],
  period: ReportYear,
) {
  const span = { start: period.start, end: period.asOf };
  return {
    requested: relocations.filter((r) => within(r.requestedOn, span)).length,
    rehoused: relocations.filter((r) => r.status === "rehoused" && within(r.closedOn, span)).length,
    abandoned: relocations.filter((r) => r.status === "abandoned" && within(r.closedOn, span)).length,
    underWayAtYearEnd: relocations.filter(
      (r) =>
        compareDates(r.requestedOn, period.asOf) <= 0 &&
        (r.closedOn === null || compareDates(r.closedOn, period.asOf) > 0),
    ).length,
    pdalhpdPriorities: relocations.filter((r) => within(r.pdalhpdPriorityOn, span)).length,
    contractsEndedForRelocation: tenancies.filter(
      (t) => t.endReason === "relocation" && within(t.endedOn, span),
    ).length,
  };
}

/** Glissements in the year (the sliding sub-lease ended into a direct lease) and sliding leases running. */
export function glissementFigures(tenancies: readonly TenancyFact[], period: ReportYear) {
  const span = { start: period.start, end: period.asOf };
  return {
    glissements: tenancies.filter((t) => t.endReason === "glissement" && within(t.endedOn, span)).length,
    slidingLeasesInForceAtYearEnd: tenancies.filter(
      (t) => t.kind === "sliding_sublease" && inForceDuring(t, { start: period.asOf, end: period.asOf }),
    ).length,
  };
}
