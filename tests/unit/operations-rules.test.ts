import { describe, expect, it } from "vitest";
import { firstOfferOverdueCount, type WaitingPerson } from "../../server/modules/operations/operations.rules";

const parameters = { firstOfferDeadlineWeeks: 8, reofferDeadlineWeeks: 4 };
const today = "2026-11-23";

// cahier des charges §8.3.2: a first flat within 8 weeks of day 1 (deadline = day 1 + 56 days)
describe("firstOfferOverdueCount (people waiting past the first-offer deadline)", () => {
  const cases: [string, WaitingPerson, number][] = [
    ["waiting, day 1 twelve weeks ago", { status: "waiting", entryDate: "2026-09-01", panels: [] }, 1],
    ["waiting, deadline today (not yet late)", { status: "waiting", entryDate: "2026-09-28", panels: [] }, 0],
    ["waiting, deadline yesterday", { status: "waiting", entryDate: "2026-09-27", panels: [] }, 1],
    ["waiting, three weeks in", { status: "waiting", entryDate: "2026-11-02", panels: [] }, 0],
    [
      "offered late: the offer meets the duty, even late",
      {
        status: "offered",
        entryDate: "2026-09-01",
        panels: [{ proposedOn: "2026-11-10", status: "open", closedOn: null }],
      },
      0,
    ],
    [
      "a panel from a previous admission does not count",
      {
        status: "waiting",
        entryDate: "2026-09-01",
        panels: [{ proposedOn: "2026-06-01", status: "all_declined", closedOn: "2026-06-20" }],
      },
      1,
    ],
    ["housed: no first offer owed", { status: "housed", entryDate: "2026-01-01", panels: [] }, 0],
    ["suspended: not counted", { status: "suspended", entryDate: "2026-01-01", panels: [] }, 0],
    ["left: not counted", { status: "left", entryDate: "2026-01-01", panels: [] }, 0],
  ];
  it.each(cases)("%s", (_label, person, expected) => {
    expect(firstOfferOverdueCount([person], parameters, today)).toBe(expected);
  });

  it("follows the organisation's own deadline", () => {
    const person: WaitingPerson = { status: "waiting", entryDate: "2026-10-12", panels: [] };
    expect(firstOfferOverdueCount([person], parameters, today)).toBe(0);
    expect(firstOfferOverdueCount([person], { ...parameters, firstOfferDeadlineWeeks: 4 }, today)).toBe(1);
  });
});
