import { describe, expect, it } from "vitest";
import {
  irlDeemedPublishedOn,
  irlTableLag,
  latestIrlDue,
  proposeRevision,
  publishedIrl,
} from "../../server/modules/ledger/revision.rules";

describe("IRL never taken from a stale table (loi 89-462 art. 17-1: the index published at the revision date)", () => {
  const base = { rentCents: 50_000, energyClass: "D", referenceQuarter: 2, indices: publishedIrl };

  it.each([
    // the shipped table stops at 2025 T3: a 2026 anniversary needs 2026 T2, which it lacks
    ["2026-12-01", 2, { year: 2026, quarter: 2 }],
    ["2026-07-16", 2, { year: 2026, quarter: 2 }],
    ["2026-10-20", 3, { year: 2026, quarter: 3 }],
    ["2026-02-01", 4, { year: 2025, quarter: 4 }],
  ] as const)(
    "anniversary %s, quarter T%i → refused, %j missing",
    (anniversaryOn, referenceQuarter, missing) => {
      expect(proposeRevision({ ...base, referenceQuarter, anniversaryOn })).toEqual({
        kind: "none",
        reason: "INDEX_MISSING",
        missing,
      });
    },
  );

  it("before mid-July the 2026 T2 index is not due yet: the 2025 T2 one applies", () => {
    expect(proposeRevision({ ...base, anniversaryOn: "2026-07-01" })).toMatchObject({
      kind: "revision",
      irlYear: 2025,
      irlNewHundredths: 14668,
      irlOldHundredths: 14517,
    });
  });

  it.each([
    [2026, 1, "2026-04-16"],
    [2026, 2, "2026-07-16"],
    [2026, 3, "2026-10-16"],
    [2026, 4, "2027-01-16"],
  ])("%i T%i deemed published on %s", (year, quarter, on) => {
    expect(irlDeemedPublishedOn(year, quarter)).toBe(on);
  });

  it.each([
    ["2026-11-23", { year: 2026, quarter: 3 }],
    ["2026-10-15", { year: 2026, quarter: 2 }],
    ["2027-01-20", { year: 2026, quarter: 4 }],
    ["2026-03-01", { year: 2025, quarter: 4 }],
  ] as const)("on %s the latest index due is %j", (today, due) => {
    expect(latestIrlDue(today)).toEqual(due);
  });

  it("says how far the table is behind (dashboard warning)", () => {
    expect(irlTableLag(publishedIrl, "2026-11-23")).toEqual({
      due: { year: 2026, quarter: 3 },
      latest: { year: 2025, quarter: 3 },
    });
    expect(irlTableLag(publishedIrl, "2025-11-01")).toBeNull();
    expect(irlTableLag([], "2025-11-01")).toEqual({ due: { year: 2025, quarter: 3 }, latest: null });
  });
});
