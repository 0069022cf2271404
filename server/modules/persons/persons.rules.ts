import { AppError } from "../../lib/errors";
import { addDays, addMonths, addWeeks, compareDates, daysBetween, type IsoDate } from "../../lib/dates";

export type PersonStatus = "waiting" | "offered" | "housed" | "suspended" | "left";

/** cahier des charges §8.3.2 / §9.4: a first flat matching the choices within 8 weeks of day 1. */
export function firstOfferDeadline(entryDate: IsoDate, deadlineWeeks: number): IsoDate {
  return addWeeks(entryDate, deadlineWeeks);
}

/** Alert this many days before the first-offer deadline. */
export const FIRST_OFFER_WARNING_DAYS = 14;

export type DeadlineState = "met" | "on_track" | "due_soon" | "overdue";

/**
 * Where a person stands against the first-offer deadline. Met once a first panel was proposed
 * (the 8 weeks are judged on the first offer: the date it was made may be after the deadline).
 */
export function firstOfferDeadlineState(
  deadline: IsoDate,
  today: IsoDate,
  firstOfferOn: IsoDate | null,
): { state: DeadlineState; daysLeft: number } {
  const daysLeft = daysBetween(today, deadline);
  if (firstOfferOn !== null) return { state: "met", daysLeft };
  if (daysLeft < 0) return { state: "overdue", daysLeft };
  if (daysLeft <= FIRST_OFFER_WARNING_DAYS) return { state: "due_soon", daysLeft };
  return { state: "on_track", daysLeft };
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
};

const illegal = (from: PersonStatus, action: string) =>
  new AppError("ILLEGAL_STATUS_CHANGE", `Changement impossible depuis le statut « ${from} » : ${action}`, {
    from,
    action,
  });

/**
 * The person's path: waiting → offered (a panel) → housed (an offer accepted); suspended (the
 * right to re-enter at once lasts 6 months, after which a new admission restarts day 1); left.
 * Panels drive waiting/offered/housed; this function handles the changes an officer records.
 */
export function applyStatusChange(
  state: StatusState,
  change: StatusChange,
  hasOpenPanel: boolean,
): StatusUpdate {
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
          `Le droit de réintégration immédiate a pris fin le ${reentryRightEndsOn(state.suspendedOn)} : une nouvelle admission est nécessaire`,
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
