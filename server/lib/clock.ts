import { type IsoDate, isIsoDate, parisDateOf } from "./dates";

/**
 * "Now" is injected: services ask the clock, tests set it.
 * today() is the Europe/Paris calendar date.
 */
export type Clock = {
  now(): Date;
  today(): IsoDate;
};

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => parisDateOf(new Date()),
};

/** A clock stopped at an instant ("2026-03-29T09:00:00+02:00") or at noon Paris time of a date. */
export function fixedClock(
  at: string | Date,
): Clock & { set(at: string | Date): void; advance(ms: number): void } {
  let instant = toInstant(at);
  return {
    now: () => new Date(instant.getTime()),
    today: () => parisDateOf(instant),
    set(next) {
      instant = toInstant(next);
    },
    advance(ms) {
      instant = new Date(instant.getTime() + ms);
    },
  };
}

function toInstant(at: string | Date): Date {
  if (at instanceof Date) return new Date(at.getTime());
  // a bare date means noon in Paris, far from any midnight ambiguity (10:00 or 11:00 UTC)
  if (isIsoDate(at)) return new Date(`${at}T11:00:00Z`);
  const instant = new Date(at);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`not an instant: "${at}"`);
  return instant;
}
