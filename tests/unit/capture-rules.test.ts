import { describe, expect, it } from "vitest";
import {
  captureFunnel,
  captureProgress,
  capturedStockOn,
  targetOn,
  type UnitTransitionFact,
} from "../../server/modules/programme/capture.rules";

/** n units agreed on `on`, then optionally moved on. */
function agreed(n: number, on: string, prefix = "u"): UnitTransitionFact[] {
  return Array.from({ length: n }, (_, i) => ({
    unitId: `${prefix}${i}`,
    toStatus: "agreed",
    effectiveDate: on,
  }));
}

describe("capture targets (cahier des charges §8.9.1: 100 flats in two years, 50 the first)", () => {
  it.each([
    // [case, transitions, date, stock]
    [
      "a prospect is not captured",
      [{ unitId: "a", toStatus: "prospect", effectiveDate: "2025-01-10" }],
      "2025-02-01",
      0,
    ],
    ["agreed counts from its date", agreed(1, "2025-01-10"), "2025-01-10", 1],
    ["not before its date", agreed(1, "2025-01-10"), "2025-01-09", 0],
    [
      "let, vacant and works stay in the stock",
      [
        { unitId: "a", toStatus: "agreed", effectiveDate: "2025-01-10" },
        { unitId: "a", toStatus: "let", effectiveDate: "2025-02-10" },
        { unitId: "b", toStatus: "works", effectiveDate: "2025-02-10" },
      ],
      "2025-03-01",
      2,
    ],
    [
      "a flat given back to its landlord leaves the stock",
      [
        { unitId: "a", toStatus: "agreed", effectiveDate: "2025-01-10" },
        { unitId: "a", toStatus: "withdrawn", effectiveDate: "2025-02-10" },
      ],
      "2025-03-01",
      0,
    ],
  ] as const)("%s", (_case, transitions, date, stock) => {
    expect(capturedStockOn(transitions as unknown as UnitTransitionFact[], date)).toBe(stock);
  });

  it("draws the target line: 0 at the opening, 25 at half a year, 50 at a year, 100 at two", () => {
    expect(targetOn("2025-01-01", "2025-01-01")).toBe(0);
    expect(targetOn("2025-01-01", "2025-07-03")).toBe(25);
    expect(targetOn("2025-01-01", "2026-01-01")).toBe(50);
    expect(targetOn("2025-01-01", "2027-01-01")).toBe(100);
    expect(targetOn("2025-01-01", "2028-06-01")).toBe(100);
  });

  it("judges the first-year milestone on its due date, the second on today's pace", () => {
    const transitions = [...agreed(48, "2025-06-01"), ...agreed(30, "2026-03-01", "v")];
    const progress = captureProgress("2025-01-01", "2026-06-30", transitions);
    expect(progress.capturedNow).toBe(78);
    // 48 on 1 January 2026: the first year's 50 were missed
    expect(progress.milestones[0]).toEqual({
      flats: 50,
      dueOn: "2026-01-01",
      capturedOn: 48,
      state: "missed",
    });
    // the line from 50 to 100 stands at 74 on 30 June 2026: 78 is on track
    expect(progress.milestones[1]).toMatchObject({ flats: 100, dueOn: "2027-01-01", state: "on_track" });
    expect(progress.series[0]).toEqual({ month: "2025-01", captured: 0, target: 4 });
    expect(progress.series.at(-1)).toEqual({ month: "2026-06", captured: 78, target: 74 });
    expect(progress.series).toHaveLength(18);
  });

  it("says behind when the pace is under the line, reached when the count is there", () => {
    expect(captureProgress("2025-01-01", "2025-07-01", agreed(10, "2025-03-01")).milestones[0]!.state).toBe(
      "behind",
    );
    expect(captureProgress("2025-01-01", "2025-07-01", agreed(50, "2025-03-01")).milestones[0]!.state).toBe(
      "reached",
    );
  });

  it("counts the funnel by step, offerable flats together", () => {
    const funnel = captureFunnel(
      new Map([
        ["prospect", 4],
        ["available", 2],
        ["vacant", 1],
        ["let", 10],
        ["notice_given", 1],
      ]),
    );
    expect(funnel.find((s) => s.step === "offerable")!.units).toBe(3);
    expect(funnel.find((s) => s.step === "let")!.units).toBe(11);
    expect(funnel.find((s) => s.step === "prospect")!.units).toBe(4);
  });
});
