import { describe, expect, it } from "vitest";
import { fixedClock } from "../../server/lib/clock";
import { AppError } from "../../server/lib/errors";
import {
  admissionDuties,
  admissionsOf,
  applyStatusChange,
  arsNotificationDue,
  countedSuspensions,
  lastStatusChangeOn,
  reentryRightLapsed,
  firstOfferDeadline,
  firstOfferDeadlineState,
  hasReentryRight,
  offerDuty,
  offerDutyIndicators,
  type PanelFact,
  reentryRightEndingSoon,
  reentryRightEndsOn,
  suspendedAboveThreshold,
} from "../../server/modules/persons/persons.rules";

describe("first-offer deadline (cahier des charges §8.3.2: 8 weeks after day 1)", () => {
  it.each([
    { entry: "2026-01-05", deadline: "2026-03-02" },
    // across the spring daylight-saving change (29 March 2026): still exactly 56 calendar days
    { entry: "2026-03-20", deadline: "2026-05-15" },
    // across the autumn change (25 October 2026)
    { entry: "2026-10-01", deadline: "2026-11-26" },
    // across a leap day
    { entry: "2028-02-10", deadline: "2028-04-06" },
  ])("day 1 on $entry → deadline $deadline", ({ entry, deadline }) => {
    expect(firstOfferDeadline(entry, 8)).toBe(deadline);
  });

  it("counts days left from the Paris calendar date, whatever the hour on a DST night", () => {
    // 29 March 2026 01:30 UTC is 03:30 in Paris, just after the clocks went forward
    const clock = fixedClock("2026-03-29T01:30:00Z");
    expect(clock.today()).toBe("2026-03-29");
    const deadline = firstOfferDeadline("2026-02-10", 8); // 2026-04-07
    expect(firstOfferDeadlineState(deadline, clock.today(), null)).toEqual({
      state: "due_soon",
      daysLeft: 9,
      daysLate: 0,
    });
    // 28 March 23:30 UTC is already 29 March 00:30 in Paris (UTC+1 before the change)
    expect(fixedClock("2026-03-28T23:30:00Z").today()).toBe("2026-03-29");
  });

  it.each([
    { today: "2026-03-01", first: null, state: "on_track", daysLeft: 37, daysLate: 0 },
    { today: "2026-03-24", first: null, state: "due_soon", daysLeft: 14, daysLate: 0 },
    { today: "2026-03-23", first: null, state: "on_track", daysLeft: 15, daysLate: 0 },
    { today: "2026-04-07", first: null, state: "due_soon", daysLeft: 0, daysLate: 0 },
    { today: "2026-04-08", first: null, state: "overdue", daysLeft: -1, daysLate: 1 },
    { today: "2026-04-20", first: "2026-03-30", state: "met_on_time", daysLeft: -13, daysLate: 0 },
    // an offer on the deadline day itself is on time
    { today: "2026-04-20", first: "2026-04-07", state: "met_on_time", daysLeft: -13, daysLate: 0 },
    // an offer 50 days after the deadline is a duty met late by 50 days, never simply «met»
    { today: "2026-06-07", first: "2026-05-27", state: "met_late", daysLeft: -61, daysLate: 50 },
  ])("on $today (first offer $first) → $state", ({ today, first, state, daysLeft, daysLate }) => {
    expect(firstOfferDeadlineState("2026-04-07", today, first)).toEqual({ state, daysLeft, daysLate });
  });
});

describe("the offer duty per admission and the re-offer (§8.3.2: «un autre logement devra être proposé»)", () => {
  const base = {
    entryDate: "2026-02-10", // deadline 7 April
    deadlineWeeks: 8,
    reofferWeeks: 4,
    today: "2026-06-01",
    awaitingOffer: true,
  };
  const panel = (proposedOn: string, status: PanelFact["status"], closedOn: string | null = null) => ({
    proposedOn,
    status,
    closedOn,
  });

  it("judges only the panels of the current admission: a readmission starts a new day 1", () => {
    // a panel of the previous admission (before day 1) is not this admission's first offer
    const duty = offerDuty({ ...base, panels: [panel("2025-11-02", "accepted", "2025-11-10")] });
    expect(duty).toMatchObject({ state: "overdue", firstOfferOn: null, daysLate: 55, reoffer: null });
  });

  it.each([
    {
      case: "one panel still open",
      panels: [panel("2026-03-01", "open")],
      state: "met_on_time",
      reoffer: null,
    },
    {
      case: "declined wholly on 10 May, nothing since: re-offer due 7 June",
      panels: [panel("2026-03-01", "all_declined", "2026-05-10")],
      state: "met_on_time",
      reoffer: { since: "2026-05-10", deadline: "2026-06-07", state: "due_soon", daysLeft: 6, daysLate: 0 },
    },
    {
      case: "expired on 20 April, nothing since: re-offer overdue",
      panels: [panel("2026-03-01", "expired", "2026-04-20")],
      state: "met_on_time",
      reoffer: { since: "2026-04-20", deadline: "2026-05-18", state: "overdue", daysLate: 14 },
    },
    {
      case: "declined then re-offered 2 days late",
      panels: [panel("2026-04-10", "all_declined", "2026-04-20"), panel("2026-05-20", "open")],
      state: "met_late",
      reoffer: { deadline: "2026-05-18", offeredOn: "2026-05-20", state: "met_late", daysLate: 2 },
    },
  ])("$case", ({ panels, state, reoffer }) => {
    const duty = offerDuty({ ...base, panels });
    expect(duty.state).toBe(state);
    if (reoffer === null) expect(duty.reoffer).toBeNull();
    else expect(duty.reoffer).toMatchObject(reoffer);
  });

  it("owes no re-offer once the person no longer awaits one (housed, suspended, left)", () => {
    const panels = [panel("2026-03-01", "all_declined", "2026-05-10")];
    expect(offerDuty({ ...base, panels, awaitingOffer: false }).reoffer).toBeNull();
  });

  it("computes the report's indicators: share met on time among admissions due, median delays", () => {
    const at = (entryDate: string, firstOfferOn: string | null, today = "2026-06-01") => ({
      entryDate,
      duty: offerDuty({
        ...base,
        entryDate,
        today,
        panels: firstOfferOn ? [panel(firstOfferOn, "open")] : [],
      }),
    });
    const indicators = offerDutyIndicators([
      at("2026-01-01", "2026-01-21"), // 20 days: on time
      at("2026-01-01", "2026-02-26"), // 56 days: on time (deadline day)
      at("2026-01-01", "2026-03-08"), // 66 days: 10 late
      at("2026-01-01", "2026-04-06"), // 95 days: 39 late
      at("2026-03-01", null), // deadline 26 April passed: overdue
      at("2026-05-20", null), // within its 8 weeks: not yet due
    ]);
    expect(indicators).toEqual({
      admissionsDue: 5,
      offered: 4,
      metOnTime: 2,
      metLate: 2,
      overdue: 1,
      shareMetOnTimeBasisPoints: 4000,
      medianDaysToFirstOffer: 61,
      medianDaysLate: 24.5,
    });
    expect(offerDutyIndicators([]).shareMetOnTimeBasisPoints).toBeNull();
  });
});

describe("the 8-week duty of each admission (§8.3.2: «dans un délai de 8 semaines à compter du jour 1»)", () => {
  const first = {
    sequence: 1,
    admittedOn: "2025-01-06",
    endedOn: "2025-09-30",
    outcome: "left" as const,
    leftReason: "moved_away",
  };
  const second = { sequence: 2, admittedOn: "2026-02-02", endedOn: null, outcome: null, leftReason: null };
  const accepted: PanelFact = { proposedOn: "2025-02-10", status: "accepted", closedOn: "2025-02-20" };
  const duties = (panels: PanelFact[], today = "2026-04-15") =>
    admissionDuties({
      admissions: [second, first],
      panels,
      deadlineWeeks: 8,
      reofferWeeks: 4,
      today,
      awaitingOffer: true,
    });

  it("a readmission starts a new day 1 and never inherits the earlier admission's offer", () => {
    const [old, current] = duties([accepted]);
    expect(old).toMatchObject({ sequence: 1, endedOn: "2025-09-30", outcome: "left" });
    expect(old!.duty).toMatchObject({ state: "met_on_time", firstOfferOn: "2025-02-10" });
    expect(old!.daysToFirstOffer).toBe(35);
    // 8 weeks from 2 February 2026 ran out on 30 March: 16 days late on 15 April
    expect(current!.duty).toMatchObject({
      state: "overdue",
      firstOfferDeadline: "2026-03-30",
      firstOfferOn: null,
      daysLate: 16,
    });
    expect(current!.daysToFirstOffer).toBeNull();
  });

  it("each admission owns the panels from its day 1 to the next day 1", () => {
    const [old, current] = duties([accepted, { proposedOn: "2026-04-06", status: "open", closedOn: null }]);
    expect(old!.duty.firstOfferOn).toBe("2025-02-10");
    expect(current!.duty).toMatchObject({ state: "met_late", firstOfferOn: "2026-04-06", daysLate: 7 });
    expect(current!.daysToFirstOffer).toBe(63);
  });

  it("an ended admission is judged on the day it ended and owes nothing after", () => {
    const [old] = admissionDuties({
      admissions: [{ ...first, endedOn: "2025-01-31" }],
      panels: [],
      deadlineWeeks: 8,
      reofferWeeks: 4,
      today: "2026-04-15",
      awaitingOffer: true,
    });
    // left before the deadline (3 March 2025) without an offer: the duty never fell due
    expect(old!.duty.state).toBe("on_track");
    expect(old!.duty.reoffer).toBeNull();
  });

  it("a person loaded without admission rows has one: the current admission", () => {
    expect(
      admissionsOf(
        { entryDate: "2026-01-05", status: "left", leftOn: "2026-03-01", leftReason: "other" },
        [],
      ),
    ).toEqual([
      { sequence: 1, admittedOn: "2026-01-05", endedOn: "2026-03-01", outcome: "left", leftReason: "other" },
    ]);
  });
});

describe("suspension and the 6-month re-entry right (§8.5.2)", () => {
  it("lasts six calendar months, clamped at month end", () => {
    expect(reentryRightEndsOn("2026-01-15")).toBe("2026-07-15");
    expect(reentryRightEndsOn("2026-08-31")).toBe("2027-02-28");
    expect(hasReentryRight("2026-01-15", "2026-07-15")).toBe(true);
    expect(hasReentryRight("2026-01-15", "2026-07-16")).toBe(false);
    expect(reentryRightEndingSoon("2026-01-15", "2026-06-15")).toBe(true);
    expect(reentryRightEndingSoon("2026-01-15", "2026-06-14")).toBe(false);
    expect(reentryRightEndingSoon("2026-01-15", "2026-07-16")).toBe(false);
  });

  // no earlier change bounds these cases; today is far enough for every date used
  const open = { lastChangeOn: "2025-06-01", today: "2027-01-01" };
  const suspended = {
    status: "suspended" as const,
    suspendedOn: "2026-01-15",
    statusBeforeSuspension: "housed" as const,
    entryDate: "2025-06-01",
  };

  it("re-enters at once within the window, back to the status before", () => {
    expect(
      applyStatusChange(suspended, { action: "reenter", date: "2026-05-01" }, false, open),
    ).toMatchObject({
      status: "housed",
      suspendedOn: null,
    });
  });

  it("refuses re-entry after six months and asks for a new admission (new day 1)", () => {
    const late = () => applyStatusChange(suspended, { action: "reenter", date: "2026-08-01" }, false, open);
    expect(late).toThrow(AppError);
    expect(() => late()).toThrow(/nouvelle admission/);
    expect(
      applyStatusChange(suspended, { action: "readmit", entryDate: "2026-08-01" }, false, open),
    ).toMatchObject({
      status: "waiting",
      entryDate: "2026-08-01",
    });
    expect(() =>
      applyStatusChange(suspended, { action: "readmit", entryDate: "2026-05-01" }, false, open),
    ).toThrow(/réintégration immédiate/);
  });

  it("suspends and leaves, never with an open panel, never twice", () => {
    const waiting = {
      status: "waiting" as const,
      suspendedOn: null,
      statusBeforeSuspension: null,
      entryDate: "2026-01-01",
    };
    expect(applyStatusChange(waiting, { action: "suspend", date: "2026-02-01" }, false, open)).toEqual({
      status: "suspended",
      suspendedOn: "2026-02-01",
      statusBeforeSuspension: "waiting",
      statusSince: "2026-02-01",
    });
    expect(() => applyStatusChange(waiting, { action: "suspend", date: "2026-02-01" }, true, open)).toThrow(
      /proposition/,
    );
    expect(() =>
      applyStatusChange(suspended, { action: "suspend", date: "2026-02-01" }, false, open),
    ).toThrow(AppError);
    expect(
      applyStatusChange(waiting, { action: "leave", date: "2026-03-01", reason: "moved_away" }, false, open),
    ).toMatchObject({
      status: "left",
      leftOn: "2026-03-01",
      leftReason: "moved_away",
    });
  });

  it.each([
    // the defect: a suspension back-dated before day 1 ended the six-month right at once
    { date: "2026-01-15", message: /jour 1/ },
    { date: "2026-10-20", message: /dernier changement/ },
    { date: "2026-12-02", message: /postérieure à aujourd'hui/ },
  ])(
    "refuses a suspension dated $date (before day 1, the last change, or after today)",
    ({ date, message }) => {
      const entered = {
        status: "housed" as const,
        suspendedOn: null,
        statusBeforeSuspension: null,
        entryDate: "2026-10-01",
      };
      const bounds = { lastChangeOn: "2026-10-25", today: "2026-12-01" };
      const attempt = () => applyStatusChange(entered, { action: "suspend", date }, false, bounds);
      expect(attempt).toThrow(message);
      try {
        attempt();
      } catch (error) {
        expect((error as AppError).code).toBe("VALIDATION_FAILED");
        expect((error as AppError).extra.errors).toEqual([expect.objectContaining({ path: "json.date" })]);
      }
      expect(applyStatusChange(entered, { action: "suspend", date: "2026-10-25" }, false, bounds)).toEqual({
        status: "suspended",
        suspendedOn: "2026-10-25",
        statusBeforeSuspension: "housed",
        statusSince: "2026-10-25",
      });
    },
  );

  it("dates the last change from day 1, the recorded changes and the panels", () => {
    const person = { entryDate: "2026-03-01", statusSince: "2026-04-01", suspendedOn: null, leftOn: null };
    expect(lastStatusChangeOn(person)).toBe("2026-04-01");
    expect(
      lastStatusChangeOn(person, [{ proposedOn: "2026-04-10", status: "accepted", closedOn: "2026-04-20" }]),
    ).toBe("2026-04-20");
  });

  it("counts towards the 10 % only the suspensions within their six months; past them the exit is examined", () => {
    const people = [
      { status: "suspended", suspendedOn: "2026-06-01" }, // right until 1 Dec: counts
      { status: "suspended", suspendedOn: "2026-05-01" }, // lapsed on 1 Nov: no longer counts
      { status: "housed", suspendedOn: null },
    ];
    expect(countedSuspensions(people, "2026-11-23")).toEqual([people[0]]);
    expect(reentryRightLapsed("2026-05-01", "2026-11-23")).toBe(true);
    expect(reentryRightLapsed("2026-06-01", "2026-11-23")).toBe(false);
  });

  it.each([
    { counted: 10, capacity: 100, last: null, due: false },
    { counted: 11, capacity: 100, last: null, due: true },
    { counted: 11, capacity: 100, last: { suspendedCount: 11 }, due: false },
    // more suspensions since the ARS was told: it must be told again
    { counted: 13, capacity: 100, last: { suspendedCount: 11 }, due: true },
  ])(
    "ARS notice due with $counted suspended of $capacity, last notice $last → $due",
    ({ counted, capacity, last, due }) => {
      expect(arsNotificationDue(counted, capacity, last)).toBe(due);
    },
  );

  it("raises the ARS alert strictly above 10% of capacity", () => {
    expect(suspendedAboveThreshold(10, 100)).toBe(false);
    expect(suspendedAboveThreshold(11, 100)).toBe(true);
    expect(suspendedAboveThreshold(10, 95)).toBe(true);
    expect(suspendedAboveThreshold(9, 95)).toBe(false);
  });
});
