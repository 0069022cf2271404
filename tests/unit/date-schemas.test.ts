import { describe, expect, it } from "vitest";
import { BirthDateSchema, IsoDateSchema, MonthSchema } from "../../server/lib/date-schemas";
import { refuseFutureDates } from "../../server/lib/date-bounds";

describe("IsoDateSchema: a real calendar day of 2000–2100", () => {
  it.each([
    ["2026-11-23", true],
    ["2024-02-29", true], // leap year (divisible by 4)
    ["2000-02-29", true], // leap year (divisible by 400)
    ["2100-02-29", false], // not a leap year (divisible by 100, not 400)
    ["2026-02-29", false],
    ["2026-02-31", false],
    ["2026-04-31", false],
    ["2026-13-01", false],
    ["2026-00-10", false],
    ["2026-11-00", false],
    ["1999-12-31", false],
    ["2000-01-01", true],
    ["2100-12-31", true],
    ["2101-01-01", false],
    ["9999-12-31", false],
    ["0000-01-01", false],
    ["2026-1-5", false],
    ["23/11/2026", false],
    ["2026-11-23T00:00:00Z", false],
    ["", false],
  ])("%s → %s", (value, valid) => {
    expect(IsoDateSchema.safeParse(value).success).toBe(valid);
  });

  it("says in French what is wrong", () => {
    const message = (value: string) => IsoDateSchema.safeParse(value).error?.issues[0]?.message;
    expect(message("23/11/2026")).toBe("Date attendue au format AAAA-MM-JJ");
    expect(message("2026-02-31")).toBe("Date inexistante au calendrier : 2026-02-31");
    expect(message("9999-12-31")).toBe("Date hors des années 2000 à 2100 : 9999-12-31");
  });
});

describe("BirthDateSchema: from 1900", () => {
  it.each([
    ["1948-05-08", true],
    ["1900-01-01", true],
    ["1899-12-31", false],
    ["1960-02-30", false],
  ])("%s → %s", (value, valid) => {
    expect(BirthDateSchema.safeParse(value).success).toBe(valid);
  });
});

describe("MonthSchema: AAAA-MM of 2000–2100", () => {
  it.each([
    ["2026-11", true],
    ["2000-01", true],
    ["2100-12", true],
    ["0000-01", false],
    ["1999-12", false],
    ["2101-01", false],
    ["2026-13", false],
    ["2026-00", false],
    ["2026-1", false],
    ["2026-11-01", false],
  ])("%s → %s", (value, valid) => {
    expect(MonthSchema.safeParse(value).success).toBe(valid);
  });
});

describe("refuseFutureDates", () => {
  it("lets today and earlier pass, and names each later field", () => {
    expect(() => refuseFutureDates("2026-11-23", { "json.a": "2026-11-23", "json.b": null })).not.toThrow();
    try {
      refuseFutureDates("2026-11-23", {
        "json.a": "2026-11-24",
        "json.b": "2020-01-01",
        "json.c": "2062-01-01",
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: "DATE_IN_FUTURE", status: 422 });
      expect((error as { extra: { errors: { path: string }[] } }).extra.errors.map((e) => e.path)).toEqual([
        "json.a",
        "json.c",
      ]);
    }
  });
});
