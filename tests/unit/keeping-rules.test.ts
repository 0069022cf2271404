import { describe, expect, it } from "vitest";
import {
  actionOverdue,
  agendaForLandlord,
  keepingDateProblems,
  preventionDeadline,
  riskAlert,
} from "../../server/modules/keeping/keeping.rules";

describe("tenancy keeping rules (seed 004 SELO; loi 89-462 art. 24)", () => {
  it.each([
    // loi 89-462 art. 24 I: the termination clause takes effect six weeks after a fruitless commandement de payer
    ["commandement de payer: six weeks", "payment_order_received", "2026-11-02", null, "2026-12-14"],
    [
      "an earlier deadline entered: the legal one stands",
      "payment_order_received",
      "2026-11-02",
      "2026-11-20",
      "2026-12-14",
    ],
    [
      "a later deadline entered (e.g. a court's): kept",
      "payment_order_received",
      "2026-11-02",
      "2027-01-15",
      "2027-01-15",
    ],
    ["FSL application: the deadline entered", "fsl_application", "2026-11-02", "2026-12-01", "2026-12-01"],
    ["plan d'apurement without a deadline", "repayment_plan", "2026-11-02", null, null],
  ] as const)("%s", (_case, kind, stepOn, entered, expected) => {
    expect(preventionDeadline(kind, stepOn, entered)).toBe(expected);
  });

  it.each([
    ["due yesterday, not done", { dueOn: "2026-11-22", doneOn: null }, true],
    ["due today, not done", { dueOn: "2026-11-23", doneOn: null }, false],
    ["due yesterday, done", { dueOn: "2026-11-22", doneOn: "2026-11-23" }, false],
  ] as const)("action %s → overdue %s", (_case, action, overdue) => {
    expect(actionOverdue(action, "2026-11-23")).toBe(overdue);
  });

  it("grades a risk: closed, overdue action or deadline, due within 14 days, open", () => {
    const today = "2026-11-23";
    expect(riskAlert({ closedOn: "2026-11-20" }, [{ dueOn: "2026-11-01", doneOn: null }], [], today)).toBe(
      "closed",
    );
    expect(riskAlert({ closedOn: null }, [{ dueOn: "2026-11-01", doneOn: null }], [], today)).toBe("overdue");
    expect(
      riskAlert(
        { closedOn: null },
        [],
        [{ kind: "payment_order_received", deadlineOn: "2026-11-22" }],
        today,
      ),
    ).toBe("overdue");
    expect(riskAlert({ closedOn: null }, [{ dueOn: "2026-12-07", doneOn: null }], [], today)).toBe(
      "due_soon",
    );
    expect(riskAlert({ closedOn: null }, [{ dueOn: "2026-12-08", doneOn: null }], [], today)).toBe("open");
  });

  it("refuses a date in the future or before the tenancy", () => {
    const bounds = { notBefore: "2026-01-01", today: "2026-11-23", notBeforeLabel: "le début du contrat" };
    expect(keepingDateProblems("2026-11-24", "json.noticedOn", bounds)[0]?.code).toBe("DATE_IN_FUTURE");
    expect(keepingDateProblems("2025-12-31", "json.noticedOn", bounds)[0]?.message).toContain(
      "le début du contrat",
    );
    expect(keepingDateProblems("2026-06-01", "json.noticedOn", bounds)).toEqual([]);
  });

  it("shows a landlord only the agenda items on its own flats", () => {
    const agenda = [
      { riskId: "a", landlordId: "L1" },
      { riskId: "b", landlordId: "L2" },
      { riskId: "c", landlordId: null },
    ];
    expect(agendaForLandlord(agenda, "L1").map((item) => item.riskId)).toEqual(["a"]);
  });
});
