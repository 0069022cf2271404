/**
 * The one set of date schemas of the API and of the web app's forms (the browser imports this
 * file too: `z` comes from @hono/zod-openapi, which the web build aliases to plain zod).
 *
 * A date is a real calendar day written "AAAA-MM-JJ" (2026-02-31 is refused, 29 February only in
 * leap years) inside sane bounds: a typo such as 9999 or 0000 must be refused at the door rather
 * than booked in a month no screen ever shows. Business dates and periods lie in 2000–2100; birth
 * dates from 1900. Whether a date may lie after "today" depends on the injected clock, so that
 * check belongs to the services (see date-bounds.ts).
 */
import { z } from "@hono/zod-openapi";
import { isIsoDate, isIsoMonth } from "./dates";

export const BUSINESS_YEARS = { min: 2000, max: 2100 } as const;
export const BIRTH_YEARS = { min: 1900, max: 2100 } as const;

function calendarDate(years: { min: number; max: number }) {
  return z
    .string()
    .superRefine((value, ctx) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
        ctx.addIssue({ code: "custom", message: "Date attendue au format AAAA-MM-JJ" });
      } else if (!isIsoDate(value)) {
        ctx.addIssue({ code: "custom", message: `Date inexistante au calendrier : ${value}` });
      } else {
        const year = Number(value.slice(0, 4));
        if (year < years.min || year > years.max)
          ctx.addIssue({
            code: "custom",
            message: `Date hors des années ${years.min} à ${years.max} : ${value}`,
          });
      }
    })
    .openapi({
      format: "date",
      example: "2026-11-23",
      description: `Date AAAA-MM-JJ du calendrier, années ${years.min} à ${years.max}`,
    });
}

/** A business date (a lease start, a payment, a panel's decision): years 2000 to 2100. */
export const IsoDateSchema = calendarDate(BUSINESS_YEARS);

/** A birth date: from 1900 (the services also refuse a date after today). */
export const BirthDateSchema = calendarDate(BIRTH_YEARS);

/** Any calendar date a document may print (birth dates included): years 1900 to 2100. */
export const CalendarDateSchema = calendarDate(BIRTH_YEARS);

/** A month "AAAA-MM" (a rent-call period, a payout month): years 2000 to 2100. */
export const MonthSchema = z
  .string()
  .superRefine((value, ctx) => {
    if (!isIsoMonth(value)) {
      ctx.addIssue({ code: "custom", message: "Mois attendu au format AAAA-MM" });
      return;
    }
    const year = Number(value.slice(0, 4));
    if (year < BUSINESS_YEARS.min || year > BUSINESS_YEARS.max)
      ctx.addIssue({
        code: "custom",
        message: `Mois hors des années ${BUSINESS_YEARS.min} à ${BUSINESS_YEARS.max} : ${value}`,
      });
  })
  .openapi({ example: "2026-11", description: "Mois AAAA-MM, années 2000 à 2100" });
