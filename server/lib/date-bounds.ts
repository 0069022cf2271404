import { compareDates, formatFrenchDate, type IsoDate } from "./dates";
import { AppError } from "./errors";

/**
 * Money is booked on the day it moved: a payment, a CAF receipt, a payout or a cost dated after
 * today is a typo (2062 for 2026) that would sit in a month no dashboard shows yet. The check
 * needs "today" from the injected clock, so it runs after the schema, before any write.
 *
 * `dates` maps the field path of the request ("json.receivedOn") to its value.
 */
export function refuseFutureDates(today: IsoDate, dates: Record<string, IsoDate | null | undefined>): void {
  const errors = Object.entries(dates)
    .filter((entry): entry is [string, IsoDate] => typeof entry[1] === "string")
    .filter(([, date]) => compareDates(date, today) > 0)
    .map(([path, date]) => ({
      path,
      code: "date_in_future",
      message: `Date postérieure à aujourd'hui (${formatFrenchDate(today)}) : ${formatFrenchDate(date)}`,
    }));
  if (errors.length > 0)
    throw new AppError("DATE_IN_FUTURE", "Une date ne peut pas être postérieure à aujourd'hui", { errors });
}
