/**
 * The capture targets of a programme site (cahier des charges §8.9.1: «la captation rapide sur le
 * territoire des 100 logements, dont 50 logements sur la première année»), measured from the
 * site's opening on the units' pipeline history. Pure functions: the service loads the history.
 */
import { addMonths, compareDates, type IsoDate, lastDayOfMonth } from "../../lib/dates";
import { CAPTURED_STATUSES, type UnitStatus } from "../units/pipeline.rules";

/** §8.9.1: 50 flats by the end of the first year, 100 by the end of the second. */
export const CAPTURE_TARGETS = [
  { afterMonths: 12, flats: 50 },
  { afterMonths: 24, flats: 100 },
] as const;

export type UnitTransitionFact = { unitId: string; toStatus: UnitStatus; effectiveDate: IsoDate };

const captured = new Set<UnitStatus>(CAPTURED_STATUSES);

/**
 * The flats in the captured stock at the end of `date`: each unit's last status on or before it is
 * a captured one (agreed with the landlord up to let, vacant or in works). A flat given back to its
 * landlord (withdrawn) leaves the stock: the target counts homes the site can offer, not contacts.
 */
export function capturedStockOn(transitions: readonly UnitTransitionFact[], date: IsoDate): number {
  const last = new Map<string, UnitTransitionFact>();
  for (const t of transitions) {
    if (compareDates(t.effectiveDate, date) > 0) continue;
    const previous = last.get(t.unitId);
    if (!previous || compareDates(t.effectiveDate, previous.effectiveDate) >= 0) last.set(t.unitId, t);
  }
  let count = 0;
  for (const t of last.values()) if (captured.has(t.toStatus)) count++;
  return count;
}

export type CaptureMilestone = {
  flats: number;
  dueOn: IsoDate;
  /** the stock on the due date, or today while the date is ahead */
  capturedOn: number;
  state: "reached" | "on_track" | "behind" | "missed";
};

export type CaptureProgress = {
  openedOn: IsoDate;
  capturedNow: number;
  milestones: CaptureMilestone[];
  /** the stock at the end of each month since the opening (the last point is today) */
  series: { month: string; captured: number; target: number }[];
};

/**
 * Progress against the two targets. A milestone ahead is «on track» when the stock today is at
 * least the straight line from the opening (or the previous milestone) to it, «behind» otherwise.
 */
export function captureProgress(
  openedOn: IsoDate,
  today: IsoDate,
  transitions: readonly UnitTransitionFact[],
): CaptureProgress {
  const capturedNow = capturedStockOn(transitions, today);
  let previous = { on: openedOn, flats: 0 };
  const milestones = CAPTURE_TARGETS.map(({ afterMonths, flats }) => {
    const dueOn = addMonths(openedOn, afterMonths);
    const past = compareDates(dueOn, today) <= 0;
    const capturedOn = past ? capturedStockOn(transitions, dueOn) : capturedNow;
    let state: CaptureMilestone["state"];
    if (capturedOn >= flats) state = "reached";
    else if (past) state = "missed";
    else state = capturedNow >= straightLine(previous, { on: dueOn, flats }, today) ? "on_track" : "behind";
    previous = { on: dueOn, flats };
    return { flats, dueOn, capturedOn, state };
  });
  const series: CaptureProgress["series"] = [];
  const end = CAPTURE_TARGETS.at(-1)!;
  const lastDue = addMonths(openedOn, end.afterMonths);
  const stop = compareDates(today, lastDue) < 0 ? today : lastDue;
  for (let month = 0; ; month++) {
    const monthEnd = lastDayOfMonth(addMonths(openedOn, month));
    const point = compareDates(monthEnd, stop) < 0 ? monthEnd : stop;
    series.push({
      month: point.slice(0, 7),
      captured: capturedStockOn(transitions, point),
      target: targetOn(openedOn, point),
    });
    if (point === stop) break;
  }
  return { openedOn, capturedNow, milestones, series };
}

function straightLine(
  from: { on: IsoDate; flats: number },
  to: { on: IsoDate; flats: number },
  date: IsoDate,
) {
  const span = dayNumber(to.on) - dayNumber(from.on);
  const elapsed = Math.min(span, Math.max(0, dayNumber(date) - dayNumber(from.on)));
  return Math.floor(from.flats + ((to.flats - from.flats) * elapsed) / span);
}

/** The target line on a date: straight from 0 at the opening to 50, then to 100. */
export function targetOn(openedOn: IsoDate, date: IsoDate): number {
  let from = { on: openedOn, flats: 0 };
  for (const { afterMonths, flats } of CAPTURE_TARGETS) {
    const to = { on: addMonths(openedOn, afterMonths), flats };
    if (compareDates(date, to.on) <= 0) return straightLine(from, to, date);
    from = to;
  }
  return from.flats;
}

function dayNumber(date: IsoDate): number {
  return Date.parse(`${date}T00:00:00Z`) / 86_400_000;
}

/** The pipeline's funnel: how many flats stand at each step today (withdrawn ones apart). */
export const FUNNEL_STEPS = [
  { key: "prospect", statuses: ["prospect"] },
  { key: "visit_scheduled", statuses: ["visit_scheduled"] },
  { key: "visited", statuses: ["visited"] },
  { key: "agreed", statuses: ["agreed"] },
  { key: "offerable", statuses: ["available", "vacant"] },
  { key: "reserved", statuses: ["reserved"] },
  { key: "let", statuses: ["let", "notice_given"] },
  { key: "works", statuses: ["works"] },
  { key: "withdrawn", statuses: ["withdrawn"] },
] as const satisfies readonly { key: string; statuses: readonly UnitStatus[] }[];

export function captureFunnel(byStatus: ReadonlyMap<string, number>) {
  return FUNNEL_STEPS.map((step) => ({
    step: step.key,
    units: step.statuses.reduce((sum, status) => sum + (byStatus.get(status) ?? 0), 0),
  }));
}
