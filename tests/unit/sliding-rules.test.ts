import { describe, expect, it } from "vitest";
import {
  DEFAULT_SLIDING_ARREARS_TOLERANCE_CENTS,
  DEFAULT_SLIDING_OBSERVATION_MONTHS,
  depositHandoverLines,
  eventsAsDue,
  glissementLedgerRefusal,
  prefectInformationDueOn,
  prefectInformationStatus,
  slidingClauseViolations,
  worstOverdueDebt,
} from "../../server/modules/leases/sliding.rules";

describe("sliding clause dates (CCH L.442-8-3: reviews during the sub-lease)", () => {
  const clause = {
    startDate: "2026-12-01",
    endDate: "2029-11-30",
    targetDate: "2028-12-01",
    reviewDates: ["2027-06-01", "2027-12-01"],
  };
  it.each([
    ["a target after the start, reviews within", {}, []],
    [
      "a target on the start day",
      { targetDate: "2026-12-01", reviewDates: [] },
      ["sliding.targetDate:sliding_target_before_start"],
    ],
    [
      "a target after the contract's end",
      { targetDate: "2029-12-01" },
      ["sliding.targetDate:sliding_target_after_end"],
    ],
    ["a target on the contract's last day", { targetDate: "2029-11-30" }, []],
    [
      "a review before the start",
      { reviewDates: ["2026-11-30", "2027-06-01"] },
      ["sliding.reviewDates.0:sliding_review_outside_lease"],
    ],
    [
      "a review after the target date",
      { reviewDates: ["2027-06-01", "2028-12-02"] },
      ["sliding.reviewDates.1:sliding_review_outside_lease"],
    ],
    ["a review on the target date", { reviewDates: ["2028-12-01"] }, []],
    ["no fixed term: the target bounds the reviews", { endDate: null, targetDate: "2031-01-01" }, []],
  ])("%s", (_, change, expected) => {
    expect(slidingClauseViolations({ ...clause, ...change }).map((v) => `${v.path}:${v.code}`)).toEqual(
      expected,
    );
  });
});

describe("worst overdue debt over a period", () => {
  const events = [
    { on: "2027-01-05", amountCents: 30_000 },
    { on: "2027-01-05", amountCents: -30_000 }, // paid on the due day: on time
    { on: "2027-02-05", amountCents: 30_000 },
    { on: "2027-03-05", amountCents: 30_000 },
    { on: "2027-03-20", amountCents: -60_000 },
    { on: "2027-04-05", amountCents: 30_000 },
    { on: "2027-04-04", amountCents: -30_000 }, // paid ahead
  ];
  it.each([
    ["the whole history", "2027-01-01", "2027-04-30", 60_000, "2027-03-05"],
    ["after the catch-up", "2027-03-21", "2027-04-30", 0, null],
    [
      "the debt carried into the period counts from its first day",
      "2027-03-10",
      "2027-04-30",
      60_000,
      "2027-03-10",
    ],
    ["before the second call", "2027-01-01", "2027-02-04", 0, null],
  ])("%s", (_, from, to, cents, on) => {
    expect(worstOverdueDebt(events, from, to)).toEqual({ cents, on });
  });
});

describe("a rent call is late after the lease's payment day (loi 89-462 art. 3)", () => {
  it.each([
    [5, "2027-01-01", "2027-01-05"],
    [5, "2027-01-16", "2027-01-20"],
    [1, "2027-01-01", "2027-01-01"],
    [null, "2027-01-01", "2027-01-01"],
  ])("payment day %s, call of %s → due %s", (paymentDay, on, due) => {
    expect(eventsAsDue([{ on, rentCall: true, amountCents: 100 }], paymentDay)[0]!.on).toBe(due);
  });
  it("leaves payments on their value date", () => {
    expect(eventsAsDue([{ on: "2027-01-03", rentCall: false, amountCents: -100 }], 5)[0]!.on).toBe(
      "2027-01-03",
    );
  });
});

describe("the slide's payment condition, read from the ledger", () => {
  const monthlyCalls = (months: string[], paid: string[]) =>
    months.flatMap((month) => [
      { on: `${month}-05`, amountCents: 28_500 },
      ...(paid.includes(month) ? [{ on: `${month}-03`, amountCents: -28_500 }] : []),
    ]);
  const months = ["2026-12", "2027-01", "2027-02", "2027-03", "2027-04", "2027-05"];
  const lease = { startDate: "2026-12-01" };
  it("documents its defaults: twelve months observed, no overdue debt tolerated", () => {
    expect(DEFAULT_SLIDING_OBSERVATION_MONTHS).toBe(12);
    expect(DEFAULT_SLIDING_ARREARS_TOLERANCE_CENTS).toBe(0);
  });
  it.each([
    ["every rent paid", months, { observationMonths: null, toleranceCents: null }, null],
    [
      "one month unpaid, no tolerance",
      months.filter((m) => m !== "2027-04"),
      { observationMonths: 12, toleranceCents: 0 },
      28_500,
    ],
    [
      "one month unpaid within the tolerance",
      months.filter((m) => m !== "2027-04"),
      { observationMonths: 12, toleranceCents: 28_500 },
      null,
    ],
    [
      "an unpaid month before the observation period",
      months.filter((m) => m !== "2026-12"),
      { observationMonths: 3, toleranceCents: 0 },
      28_500,
    ],
  ])("%s", (_, paid, terms, worst) => {
    const refusal = glissementLedgerRefusal(monthlyCalls(months, paid), terms, lease, "2027-06-10");
    expect(refusal?.worstDebtCents ?? null).toBe(worst);
    if (refusal) {
      expect(refusal.field).toMatchObject({ path: "ledger", code: "arrears_beyond_tolerance" });
      expect(refusal.field.message).toContain("285,00");
    }
  });
  it("an old debt repaid before the observation period is forgiven", () => {
    const events = [
      ...monthlyCalls(
        months,
        months.filter((m) => m !== "2026-12"),
      ),
      { on: "2027-01-20", amountCents: -28_500 },
    ];
    expect(
      glissementLedgerRefusal(events, { observationMonths: 3, toleranceCents: 0 }, lease, "2027-06-10"),
    ).toBe(null);
  });
  it("observes from the sub-lease's start when it is younger than the period", () => {
    const refusal = glissementLedgerRefusal(
      [{ on: "2026-12-05", amountCents: 100 }],
      { observationMonths: 12, toleranceCents: 0 },
      lease,
      "2027-06-10",
    );
    expect(refusal).toMatchObject({ observedFrom: "2026-12-01", observedTo: "2027-06-10" });
  });
  it("a period without any call shows no arrears (the tenant is not refused for want of history)", () => {
    expect(
      glissementLedgerRefusal([], { observationMonths: 12, toleranceCents: 0 }, lease, "2027-06-10"),
    ).toBe(null);
  });
});

describe("the social landlord informs the préfet two months before the review period ends (CCH L.442-8-3)", () => {
  it("is due two months before the target date", () => {
    expect(prefectInformationDueOn("2028-12-01")).toBe("2028-10-01");
    expect(prefectInformationDueOn("2028-04-30")).toBe("2028-02-29");
  });
  it.each([
    [false, null, "2028-09-15", { required: false }],
    [true, null, "2028-08-15", { required: true, state: "upcoming", dueOn: "2028-10-01" }],
    [true, null, "2028-09-01", { required: true, state: "due", dueOn: "2028-10-01" }],
    [true, null, "2028-10-01", { required: true, state: "due" }],
    [true, null, "2028-10-02", { required: true, state: "late" }],
    [true, "2028-09-20", "2028-10-02", { required: true, state: "done", informedOn: "2028-09-20" }],
  ])("social landlord %s, informed %s, on %s", (socialLandlord, informedOn, today, expected) => {
    expect(
      prefectInformationStatus({ socialLandlord, targetDate: "2028-12-01", informedOn, today }),
    ).toMatchObject(expected);
  });
});

describe("the deposit held under the sub-lease leaves the books at the glissement (loi 89-462 art. 22)", () => {
  it.each([
    [
      52_000,
      [
        ["165", 52_000, 0],
        ["512", 0, 52_000],
      ],
    ],
    [0, []],
  ])("%i cents held", (amountCents, expected) => {
    const lines = depositHandoverLines({
      amountCents,
      depositAccountId: "165",
      bankAccountId: "512",
      leaseId: "l",
    });
    expect(lines.map((l) => [l.accountId, l.debitCents, l.creditCents])).toEqual(expected);
  });
});
