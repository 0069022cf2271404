import { describe, expect, it } from "vitest";
import { mandateConflict, type MandateOnUnit } from "../../server/modules/mandates/mandates.rules";

// Loi Hoguet (n° 70-9) and décret 72-678: one management mandate at a time for a flat; a flat
// let to the organisation under a head lease is not a landlord's to have managed.
const mandate = (over: Partial<MandateOnUnit> = {}): MandateOnUnit => ({
  id: "m1",
  number: 1,
  status: "signed",
  startDate: "2026-01-01",
  endDate: "2028-12-31",
  endedOn: null,
  ...over,
});
const candidate = { startOn: "2026-06-01", endOn: "2029-05-31" };

describe("one mandate per flat and period", () => {
  it.each([
    ["a signed mandate on the same dates", mandate(), "MANDATE_OVERLAP"],
    [
      "a mandate awaiting signature (it may be signed tomorrow)",
      mandate({ status: "awaiting_signature" }),
      "MANDATE_OVERLAP",
    ],
    ["a cancelled mandate", mandate({ status: "cancelled" }), null],
    ["a mandate ended before the new one starts", mandate({ status: "ended", endedOn: "2026-05-31" }), null],
    [
      "a mandate ended on the day the new one starts",
      mandate({ status: "ended", endedOn: "2026-06-01" }),
      "MANDATE_OVERLAP",
    ],
    ["a mandate whose term ends the day before", mandate({ endDate: "2026-05-31" }), null],
    [
      "a mandate starting after the new one ends",
      mandate({ startDate: "2029-06-01", endDate: "2032-05-31" }),
      null,
    ],
  ])("%s", (_case, existing, expected) => {
    expect(mandateConflict(candidate, [existing], [])?.code ?? null).toBe(expected);
  });
});

describe("no mandate on a head-leased flat", () => {
  const headLease = {
    id: "l1",
    status: "signed" as const,
    startDate: "2025-01-01",
    endDate: null,
    endedOn: null,
  };
  it.each([
    ["an open-ended head lease", headLease, "UNIT_UNDER_HEAD_LEASE"],
    [
      "a head lease given notice but still running",
      { ...headLease, status: "notice_given" as const, endDate: "2026-08-31" },
      "UNIT_UNDER_HEAD_LEASE",
    ],
    ["a head lease ended before", { ...headLease, status: "ended" as const, endedOn: "2026-05-31" }, null],
    ["a draft head lease (nothing signed)", { ...headLease, status: "draft" as const }, null],
  ])("%s", (_case, lease, expected) => {
    expect(mandateConflict(candidate, [], [lease])?.code ?? null).toBe(expected);
  });
});
