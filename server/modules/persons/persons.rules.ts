import { AppError, type InvalidField } from "../../lib/errors";
import {
  addDays,
  addMonths,
  addWeeks,
  compareDates,
  daysBetween,
  formatFrenchDate,
  type IsoDate,
} from "../../lib/dates";

export type PersonStatus = "waiting" | "offered" | "housed" | "suspended" | "left";

/** The words an officer reads for each status, in messages from the API and on every page. */
export const PERSON_STATUS_LABELS: Readonly<Record<PersonStatus, string>> = {
  waiting: "En attente de proposition",
  offered: "Proposition en cours",
  housed: "Logé·e",
  suspended: "Suspendu·e",
  left: "Sorti·e du programme",
};

const STATUS_CHANGE_LABELS: Readonly<Record<StatusChange["action"], string>> = {
  suspend: "Suspension",
  reenter: "Réintégration",
  readmit: "Réadmission",
  leave: "Sortie",
};

/** cahier des charges §8.3.2 / §9.4: a first flat matching the choices within 8 weeks of day 1. */
export function firstOfferDeadline(entryDate: IsoDate, deadlineWeeks: number): IsoDate {
  return addWeeks(entryDate, deadlineWeeks);
}

/** Alert this many days before the first-offer deadline. */
export const FIRST_OFFER_WARNING_DAYS = 14;

/** cahier des charges §8.3.2: «si celui-ci ne convient pas, un autre logement devra être proposé». */
export const DEFAULT_REOFFER_DEADLINE_WEEKS = 4;

/**
 * on_track / due_soon / overdue while no offer was made; met_on_time or met_late once it was
 * (a late offer is a duty met late, never simply «met»).
 */
export type DeadlineState = "on_track" | "due_soon" | "overdue" | "met_on_time" | "met_late";

export type DeadlineStanding = {
  state: DeadlineState;
  /** days from today to the deadline (negative once it has passed) */
  daysLeft: number;
  /** days after the deadline: the offer's lateness once made, today's lateness while overdue; else 0 */
  daysLate: number;
};

/**
 * Where a person stands against an offer deadline. An offer made after the deadline is met late
 * by the days between the deadline and the offer: the 8 weeks are judged on the date of the
 * first offer (cahier des charges §8.3.2).
 */
export function firstOfferDeadlineState(
  deadline: IsoDate,
  today: IsoDate,
  offeredOn: IsoDate | null,
): DeadlineStanding {
  const daysLeft = daysBetween(today, deadline);
  if (offeredOn !== null) {
    const late = daysBetween(deadline, offeredOn);
    return late > 0
      ? { state: "met_late", daysLeft, daysLate: late }
      : { state: "met_on_time", daysLeft, daysLate: 0 };
  }
  if (daysLeft < 0) return { state: "overdue", daysLeft, daysLate: -daysLeft };
  if (daysLeft <= FIRST_OFFER_WARNING_DAYS) return { state: "due_soon", daysLeft, daysLate: 0 };
  return { state: "on_track", daysLeft, daysLate: 0 };
}

export type PanelFact = {
  proposedOn: IsoDate;
  status: "open" | "accepted" | "all_declined" | "expired";
  closedOn: IsoDate | null;
};

export type ReofferDuty = DeadlineStanding & {
  /** the day the previous panel closed without a flat taken */
  since: IsoDate;
  deadline: IsoDate;
  offeredOn: IsoDate | null;
};

export type OfferDuty = DeadlineStanding & {
  firstOfferDeadline: IsoDate;
  firstOfferOn: IsoDate | null;
  /** the latest re-offer owed after a panel closed without a flat taken, if any */
  reoffer: ReofferDuty | null;
};

/**
 * The housing pole's offer duty for the person's current admission (cahier des charges §8.3.2,
 * §9.4): a first offer within `deadlineWeeks` of day 1, and after a panel closed without a
 * flat taken, another offer within `reofferWeeks` of that day. Only panels made since day 1
 * count: a readmission starts a new day 1 and the old admission's offers are not its own.
 * An expired panel (the person never decided) is treated like a declined one: the person still
 * has no home, and the reading that protects them is that another offer is owed.
 */
export function offerDuty(input: {
  entryDate: IsoDate;
  deadlineWeeks: number;
  reofferWeeks: number;
  today: IsoDate;
  panels: readonly PanelFact[];
  /** false once housed (without relocation), suspended or left: no re-offer is then owed */
  awaitingOffer: boolean;
}): OfferDuty {
  const panels = input.panels
    .filter((panel) => compareDates(panel.proposedOn, input.entryDate) >= 0)
    .slice()
    .sort((a, b) => compareDates(a.proposedOn, b.proposedOn));
  const firstOfferOn = panels[0]?.proposedOn ?? null;
  const deadline = firstOfferDeadline(input.entryDate, input.deadlineWeeks);
  const first = firstOfferDeadlineState(deadline, input.today, firstOfferOn);

  let reoffer: ReofferDuty | null = null;
  for (const [index, panel] of panels.entries()) {
    if (panel.status !== "all_declined" && panel.status !== "expired") continue;
    const since = panel.closedOn ?? panel.proposedOn;
    const next = panels[index + 1] ?? null;
    if (!next && !input.awaitingOffer) {
      reoffer = null;
      continue;
    }
    const reofferDeadline = addWeeks(since, input.reofferWeeks);
    const offeredOn = next?.proposedOn ?? null;
    reoffer = {
      since,
      deadline: reofferDeadline,
      offeredOn,
      ...firstOfferDeadlineState(reofferDeadline, input.today, offeredOn),
    };
  }
  return { firstOfferDeadline: deadline, firstOfferOn, ...first, reoffer };
}

export type AdmissionOutcome = "left" | "readmitted";

/** One admission of a person: its day 1 and, once over, how it ended. */
export type AdmissionFact = {
  sequence: number;
  admittedOn: IsoDate;
  endedOn: IsoDate | null;
  outcome: AdmissionOutcome | null;
  leftReason: string | null;
};

export type AdmissionDuty = AdmissionFact & {
  duty: OfferDuty;
  /** days from day 1 to the admission's first offer (null when none was made) */
  daysToFirstOffer: number | null;
};

/**
 * The person's admissions, oldest first. A person recorded without any admission row (a bulk
 * load) has one: the current admission, from the person's day 1.
 */
export function admissionsOf(
  person: { entryDate: IsoDate; status: PersonStatus; leftOn: IsoDate | null; leftReason: string | null },
  stored: readonly AdmissionFact[],
): AdmissionFact[] {
  if (stored.length > 0) return stored.slice().sort((a, b) => a.sequence - b.sequence);
  const left = person.status === "left";
  return [
    {
      sequence: 1,
      admittedOn: person.entryDate,
      endedOn: left ? (person.leftOn ?? person.entryDate) : null,
      outcome: left ? "left" : null,
      leftReason: left ? person.leftReason : null,
    },
  ];
}

/**
 * The 8-week duty of each admission (cahier des charges §8.3.2: «dans un délai de 8 semaines à
 * compter du jour 1»). An admission owns the panels made from its day 1 until the next
 * admission's day 1: a readmitted person starts a new day 1 and never inherits the earlier
 * admission's offer. An ended admission is judged as it stood on the day it ended; only the
 * admission under way may still owe an offer.
 */
export function admissionDuties(input: {
  admissions: readonly AdmissionFact[];
  panels: readonly PanelFact[];
  deadlineWeeks: number;
  reofferWeeks: number;
  today: IsoDate;
  /** whether the admission under way is owed an offer (persons.service awaitingOffer) */
  awaitingOffer: boolean;
}): AdmissionDuty[] {
  const sorted = input.admissions.slice().sort((a, b) => a.sequence - b.sequence);
  return sorted.map((admission, index) => {
    const next = sorted[index + 1] ?? null;
    const asOf =
      admission.endedOn !== null && compareDates(admission.endedOn, input.today) < 0
        ? admission.endedOn
        : input.today;
    const panels = input.panels.filter(
      (panel) =>
        compareDates(panel.proposedOn, admission.admittedOn) >= 0 &&
        (next === null || compareDates(panel.proposedOn, next.admittedOn) < 0) &&
        compareDates(panel.proposedOn, asOf) <= 0,
    );
    const duty = offerDuty({
      entryDate: admission.admittedOn,
      deadlineWeeks: input.deadlineWeeks,
      reofferWeeks: input.reofferWeeks,
      today: asOf,
      panels,
      awaitingOffer: admission.endedOn === null && input.awaitingOffer,
    });
    return {
      ...admission,
      duty,
      daysToFirstOffer: duty.firstOfferOn ? daysBetween(admission.admittedOn, duty.firstOfferOn) : null,
    };
  });
}

export type OfferDutyIndicators = {
  /** admissions whose first-offer deadline has passed or whose first offer was made */
  admissionsDue: number;
  offered: number;
  metOnTime: number;
  metLate: number;
  overdue: number;
  /** share of the admissions due that were offered on time, in basis points (null when none due) */
  shareMetOnTimeBasisPoints: number | null;
  /** median days from day 1 to the first offer (null when no offer yet) */
  medianDaysToFirstOffer: number | null;
  /** median lateness of the late first offers (null when none late) */
  medianDaysLate: number | null;
};

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = values.slice().sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * The 8-week duty as the activity report counts it (cahier des charges §8.12): the share of
 * first offers made on time among admissions that are due (offered, or past the deadline), and
 * the median delays. An admission still within its 8 weeks without an offer is not yet due.
 */
export function offerDutyIndicators(
  duties: readonly { entryDate: IsoDate; duty: Pick<OfferDuty, "state" | "firstOfferOn" | "daysLate"> }[],
): OfferDutyIndicators {
  const metOnTime = duties.filter((d) => d.duty.state === "met_on_time").length;
  const late = duties.filter((d) => d.duty.state === "met_late");
  const overdue = duties.filter((d) => d.duty.state === "overdue").length;
  const admissionsDue = metOnTime + late.length + overdue;
  const offeredDelays = duties
    .filter((d) => d.duty.firstOfferOn !== null)
    .map((d) => daysBetween(d.entryDate, d.duty.firstOfferOn!));
  return {
    admissionsDue,
    offered: offeredDelays.length,
    metOnTime,
    metLate: late.length,
    overdue,
    shareMetOnTimeBasisPoints: admissionsDue === 0 ? null : Math.round((metOnTime * 10_000) / admissionsDue),
    medianDaysToFirstOffer: median(offeredDelays),
    medianDaysLate: median(late.map((d) => d.duty.daysLate)),
  };
}

/** cahier des charges §8.5.2: a suspended person may re-enter at once, without a new contract, for six months. */
export const REENTRY_RIGHT_MONTHS = 6;

export function reentryRightEndsOn(suspendedOn: IsoDate): IsoDate {
  return addMonths(suspendedOn, REENTRY_RIGHT_MONTHS);
}

export function hasReentryRight(suspendedOn: IsoDate, on: IsoDate): boolean {
  return compareDates(on, reentryRightEndsOn(suspendedOn)) <= 0;
}

/** cahier des charges §8.5.2: suspended contracts above 10% of capacity must be reported to the ARS. */
export const SUSPENSION_ALERT_SHARE_BASIS_POINTS = 1000;

export function suspendedAboveThreshold(suspendedCount: number, capacity: number): boolean {
  return suspendedCount * 10_000 > capacity * SUSPENSION_ALERT_SHARE_BASIS_POINTS;
}

/**
 * The suspended contracts that count towards the 10 % threshold: those still within their
 * six-month re-entry right. Past it, the contract is no longer merely suspended: the exit is to
 * be examined (§8.5.2), and the person would re-enter only through a new admission.
 */
export function countedSuspensions<T extends { status: string; suspendedOn: IsoDate | null }>(
  persons: readonly T[],
  today: IsoDate,
): T[] {
  return persons.filter(
    (person) =>
      person.status === "suspended" &&
      person.suspendedOn !== null &&
      hasReentryRight(person.suspendedOn, today),
  );
}

/**
 * Whether the ARS must (still) be told: above the threshold and not yet informed of at least
 * this many suspended contracts (cahier des charges §8.5.2: «en informe sans délai»).
 */
export function arsNotificationDue(
  counted: number,
  capacity: number,
  lastNotice: { suspendedCount: number } | null,
): boolean {
  if (!suspendedAboveThreshold(counted, capacity)) return false;
  return lastNotice === null || lastNotice.suspendedCount < counted;
}

/** The right lapsed without re-entry: the exit is to be examined on the criteria of §8.5.2. */
export function reentryRightLapsed(suspendedOn: IsoDate, today: IsoDate): boolean {
  return !hasReentryRight(suspendedOn, today);
}

export const LEAVE_REASONS = [
  "direct_lease", // a lease in the person's own name elsewhere
  "sliding_lease_completed", // bail glissant: the lease slid into the person's name
  "no_contact_six_months",
  "taken_over_by_another_institution",
  "moved_away",
  "deceased",
  "own_decision",
  "other",
] as const;
export type LeaveReason = (typeof LEAVE_REASONS)[number];

/** The French wording of the exit reasons: the status forms and the yearly activity report. */
export const LEAVE_REASON_LABELS: Readonly<Record<LeaveReason, string>> = {
  direct_lease: "Bail direct à son nom ailleurs",
  sliding_lease_completed: "Bail glissé au nom de la personne",
  no_contact_six_months: "Sans contact depuis plus de six mois",
  taken_over_by_another_institution: "Prise en charge par une autre institution",
  moved_away: "Départ du territoire",
  deceased: "Décès",
  own_decision: "Décision de la personne",
  other: "Autre",
};

export type StatusChange =
  | { action: "suspend"; date: IsoDate }
  | { action: "reenter"; date: IsoDate }
  | { action: "readmit"; entryDate: IsoDate }
  | { action: "leave"; date: IsoDate; reason: LeaveReason };

export type StatusState = {
  status: PersonStatus;
  suspendedOn: IsoDate | null;
  statusBeforeSuspension: PersonStatus | null;
  entryDate: IsoDate;
};

export type StatusUpdate = {
  status: PersonStatus;
  suspendedOn?: IsoDate | null;
  statusBeforeSuspension?: PersonStatus | null;
  leftOn?: IsoDate | null;
  leftReason?: string | null;
  entryDate?: IsoDate;
  statusSince: IsoDate;
};

/**
 * The last date the person's path changed: day 1, a suspension, a re-entry, an exit, or a panel
 * proposed or closed. A status change recorded later may not be dated before it.
 */
export function lastStatusChangeOn(
  person: {
    entryDate: IsoDate;
    statusSince: IsoDate | null;
    suspendedOn: IsoDate | null;
    leftOn: IsoDate | null;
  },
  panels: readonly PanelFact[] = [],
): IsoDate {
  const dates = [person.entryDate, person.statusSince, person.suspendedOn, person.leftOn];
  for (const panel of panels) dates.push(panel.proposedOn, panel.closedOn);
  return dates.filter((date): date is IsoDate => date !== null).reduce((a, b) => (a > b ? a : b));
}

/**
 * A status change is dated between the last change and today: a back-dated suspension would
 * shorten the six-month re-entry right (cahier des charges §8.5.2), a future one records what has
 * not happened.
 */
export function statusChangeDateProblems(
  date: IsoDate,
  path: string,
  bounds: { entryDate: IsoDate; lastChangeOn: IsoDate; today: IsoDate },
): InvalidField[] {
  if (compareDates(date, bounds.today) > 0)
    return [
      {
        path,
        message: `La date ne peut pas être postérieure à aujourd'hui (${formatFrenchDate(bounds.today)})`,
      },
    ];
  if (compareDates(date, bounds.entryDate) < 0)
    return [
      {
        path,
        message: `La date précède le jour 1 de l'accompagnement (${formatFrenchDate(bounds.entryDate)})`,
      },
    ];
  if (compareDates(date, bounds.lastChangeOn) < 0)
    return [
      {
        path,
        message: `La date précède le dernier changement de situation (${formatFrenchDate(bounds.lastChangeOn)})`,
      },
    ];
  return [];
}

const illegal = (from: PersonStatus, action: StatusChange["action"]) =>
  new AppError(
    "ILLEGAL_STATUS_CHANGE",
    `${STATUS_CHANGE_LABELS[action]} impossible depuis le statut « ${PERSON_STATUS_LABELS[from]} »`,
    { from, action },
  );

/**
 * The person's path: waiting → offered (a panel) → housed (an offer accepted); suspended (the
 * right to re-enter at once lasts 6 months, after which a new admission restarts day 1); left.
 * Panels drive waiting/offered/housed; this function handles the changes an officer records.
 */
export function applyStatusChange(
  state: StatusState,
  change: StatusChange,
  hasOpenPanel: boolean,
  bounds: { lastChangeOn: IsoDate; today: IsoDate },
): StatusUpdate {
  if (change.action === "readmit") {
    // a new day 1 comes after the exit or the suspension it follows, and not after today
    const problems = statusChangeDateProblems(change.entryDate, "json.entryDate", {
      entryDate: state.entryDate,
      ...bounds,
    });
    if (problems.length > 0) throw AppError.validation(problems, problems[0]!.message);
  } else {
    const problems = statusChangeDateProblems(change.date, "json.date", {
      entryDate: state.entryDate,
      ...bounds,
    });
    if (problems.length > 0) throw AppError.validation(problems, problems[0]!.message);
  }
  return withStatusSince(applyValidStatusChange(state, change, hasOpenPanel), change);
}

function withStatusSince(update: Omit<StatusUpdate, "statusSince">, change: StatusChange): StatusUpdate {
  return { ...update, statusSince: change.action === "readmit" ? change.entryDate : change.date };
}

function applyValidStatusChange(
  state: StatusState,
  change: StatusChange,
  hasOpenPanel: boolean,
): Omit<StatusUpdate, "statusSince"> {
  switch (change.action) {
    case "suspend": {
      if (state.status === "suspended" || state.status === "left") throw illegal(state.status, change.action);
      if (hasOpenPanel)
        throw new AppError(
          "OPEN_PANEL_EXISTS",
          "Une proposition est en cours : enregistrez les décisions ou laissez-la expirer avant de suspendre",
        );
      return { status: "suspended", suspendedOn: change.date, statusBeforeSuspension: state.status };
    }
    case "reenter": {
      if (state.status !== "suspended" || !state.suspendedOn) throw illegal(state.status, change.action);
      if (compareDates(change.date, state.suspendedOn) < 0)
        throw AppError.validation([{ path: "date", message: "La réintégration précède la suspension" }]);
      if (!hasReentryRight(state.suspendedOn, change.date)) {
        throw new AppError(
          "REENTRY_RIGHT_EXPIRED",
          `Le droit de réintégration immédiate a pris fin le ${formatFrenchDate(reentryRightEndsOn(state.suspendedOn))} : une nouvelle admission est nécessaire`,
          { reentryRightEndsOn: reentryRightEndsOn(state.suspendedOn) },
        );
      }
      // back where the person was; an "offered" person had no open panel left (checked on suspension)
      const back = state.statusBeforeSuspension === "housed" ? "housed" : "waiting";
      return { status: back, suspendedOn: null, statusBeforeSuspension: null };
    }
    case "readmit": {
      if (state.status !== "suspended" && state.status !== "left") throw illegal(state.status, change.action);
      if (
        state.status === "suspended" &&
        state.suspendedOn &&
        hasReentryRight(state.suspendedOn, change.entryDate)
      ) {
        throw new AppError(
          "ILLEGAL_STATUS_CHANGE",
          "La personne a encore son droit de réintégration immédiate : utilisez la réintégration",
        );
      }
      // a new admission: day 1 starts again, so does the 8-week deadline
      return {
        status: "waiting",
        entryDate: change.entryDate,
        suspendedOn: null,
        statusBeforeSuspension: null,
        leftOn: null,
        leftReason: null,
      };
    }
    case "leave": {
      if (state.status === "left") throw illegal(state.status, change.action);
      if (hasOpenPanel)
        throw new AppError(
          "OPEN_PANEL_EXISTS",
          "Une proposition est en cours : enregistrez les décisions avant la sortie du programme",
        );
      return { status: "left", leftOn: change.date, leftReason: change.reason, statusBeforeSuspension: null };
    }
  }
}

/** Days before the end of the re-entry right that an alert starts. */
export const REENTRY_WARNING_DAYS = 30;

export function reentryRightEndingSoon(suspendedOn: IsoDate, today: IsoDate): boolean {
  const ends = reentryRightEndsOn(suspendedOn);
  return compareDates(today, ends) <= 0 && compareDates(addDays(today, REENTRY_WARNING_DAYS), ends) >= 0;
}

/**
 * Names are searched without accents or case: «aicha» finds Aïcha, «LEFEVRE» finds Lefèvre.
 * The same folding runs in SQL (ACCENTED → UNACCENTED through translate, ligatures replaced),
 * so that PGlite and PostgreSQL agree whatever their collation.
 */
export const ACCENTED = "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝŸàáâãäåçèéêëìíîïñòóôõöùúûüýÿ";
export const UNACCENTED = "aaaaaaceeeeiiiinooooouuuuyyaaaaaaceeeeiiiinooooouuuuyy";

export function searchKey(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/œ/gi, "oe")
    .replace(/æ/gi, "ae")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}
