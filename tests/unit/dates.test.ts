import { describe, expect, it } from "vitest";
import { fixedClock } from "../../server/lib/clock";
import {
  addDays,
  addMonths,
  addWeeks,
  daysBetween,
  formatFrenchDate,
  isIsoDate,
  lastDayOfMonth,
  parisDateOf,
} from "../../server/lib/dates";
import { formatFrenchMonth } from "../../server/lib/french-months";

describe("business dates (Europe/Paris)", () => {
  it("takes the Paris calendar date of an instant, not the UTC one", () => {
    expect(parisDateOf(new Date("2026-03-28T23:30:00Z"))).toBe("2026-03-29"); // 00:30 in Paris
    expect(parisDateOf(new Date("2026-10-24T22:30:00Z"))).toBe("2026-10-25"); // 00:30 CEST
    expect(parisDateOf(new Date("2026-12-31T22:59:59Z"))).toBe("2026-12-31");
    expect(parisDateOf(new Date("2026-12-31T23:00:00Z"))).toBe("2027-01-01");
  });

  it("gives each second of a minute that minute's date, and the next minute its own", () => {
    // asked again and again (every request asks for today): the answer follows the instant
    const instants: [string, string][] = [
      ["2026-12-31T22:59:00Z", "2026-12-31"],
      ["2026-12-31T22:59:59.999Z", "2026-12-31"],
      ["2026-12-31T23:00:00Z", "2027-01-01"],
      ["2026-12-31T22:59:30Z", "2026-12-31"], // a clock set back
      ["2026-03-28T22:59:59Z", "2026-03-28"], // 23:59:59 CET, the night of the spring change
      ["2026-03-28T23:00:00Z", "2026-03-29"],
      ["2026-10-24T21:59:59Z", "2026-10-24"], // 23:59:59 CEST, the night of the autumn change
      ["2026-10-24T22:00:00Z", "2026-10-25"],
    ];
    for (const [instant, date] of instants) expect(parisDateOf(new Date(instant)), instant).toBe(date);
  });

  it("adds weeks across a daylight-saving change without losing a day", () => {
    // day 1 on the Friday before the spring change (29 March 2026)
    expect(addWeeks("2026-03-27", 8)).toBe("2026-05-22");
    expect(addWeeks("2026-10-20", 8)).toBe("2026-12-15");
    expect(daysBetween("2026-03-27", "2026-05-22")).toBe(56);
  });

  it("clamps month arithmetic to the last day of the month", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonths("2026-12-15", 1)).toBe("2027-01-15");
    expect(addMonths("2026-03-31", -1)).toBe("2026-02-28");
    expect(lastDayOfMonth("2028-02-10")).toBe("2028-02-29");
  });

  it("validates ISO calendar dates", () => {
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("2028-02-29")).toBe(true);
    expect(isIsoDate("2026-13-01")).toBe(false);
    expect(() => addDays("23/11/2026", 1)).toThrow(RangeError);
  });

  it("writes dates the French way", () => {
    expect(formatFrenchDate("2026-11-23")).toBe("23/11/2026");
  });

  it.each([
    ["2026-01", "janvier 2026"],
    ["2026-08", "août 2026"],
    ["2027-12", "décembre 2027"],
  ])("writes the month %s as «%s»", (month, text) => {
    expect(formatFrenchMonth(month)).toBe(text);
  });

  it("refuses what is not a month", () => {
    for (const bad of ["2026-13", "2026-00", "11/2026", "2026-1"])
      expect(() => formatFrenchMonth(bad), bad).toThrow(RangeError);
  });

  it("a fixed clock set to a date gives that Paris date all day", () => {
    const clock = fixedClock("2026-03-29");
    expect(clock.today()).toBe("2026-03-29");
    clock.set("2026-03-29T23:30:00+02:00");
    expect(clock.today()).toBe("2026-03-29");
  });
});
