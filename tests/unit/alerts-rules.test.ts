import { describe, expect, it } from "vitest";
import { type AlertInput, buildAlerts } from "../../server/modules/alerts/alerts.rules";
import { formatEuros } from "../../server/lib/money";

const base: AlertInput = {
  today: "2026-11-23",
  capacity: 100,
  firstOfferDeadlineWeeks: 8,
  reofferDeadlineWeeks: 4,
  ceilingBasisPoints: 3000,
  panelStaleDays: 14,
  lastArsNotice: null,
  exitReviewPersonIds: [],
  persons: [],
  openPanels: [],
  housed: [],
  tenancyRisks: [],
};
const person = (id: string, overrides: Partial<AlertInput["persons"][number]> = {}) => ({
  id,
  name: `Personne ${id}`,
  status: "waiting",
  entryDate: "2026-10-01",
  suspendedOn: null,
  relocationRequested: false,
  panels: [],
  ...overrides,
});

describe("alerts", () => {
  it("flags the first-offer deadline: overdue, due within 14 days, met or far ignored", () => {
    const alerts = buildAlerts({
      ...base,
      persons: [
        person("late", { entryDate: "2026-09-01" }), // deadline 27 Oct
        person("soon", { entryDate: "2026-10-05" }), // deadline 30 Nov
        person("far", { entryDate: "2026-11-20" }),
        person("met", {
          entryDate: "2026-09-01",
          status: "offered",
          panels: [{ proposedOn: "2026-10-20", status: "open", closedOn: null }],
        }),
        person("housed", { entryDate: "2026-01-01", status: "housed" }),
      ],
    });
    expect(alerts.map((a) => [a.kind, a.personId, a.dueDate])).toEqual([
      ["first_offer_overdue", "late", "2026-10-27"],
      ["first_offer_due_soon", "soon", "2026-11-30"],
    ]);
    expect(alerts[0]!.details).toEqual({ daysLate: 27 });
  });

  it("flags the re-offer owed after a panel closed without a flat taken (§8.3.2: another flat)", () => {
    const declined = (closedOn: string) => [
      { proposedOn: "2026-10-01", status: "all_declined" as const, closedOn },
    ];
    const alerts = buildAlerts({
      ...base,
      persons: [
        person("late", { panels: declined("2026-10-20") }), // due 17 Nov
        person("soon", { panels: declined("2026-11-09") }), // due 7 Dec: 14 days left
        person("far", { panels: declined("2026-11-20") }), // due 18 Dec: more than 14 days left
        // housed without relocation: no re-offer is owed
        person("housed", { status: "housed", panels: declined("2026-10-20") }),
        // relocation requested: the re-offer is owed again
        person("reloc", { status: "housed", relocationRequested: true, panels: declined("2026-10-21") }),
      ],
    });
    expect(alerts.map((a) => [a.kind, a.personId, a.dueDate])).toEqual([
      ["reoffer_overdue", "late", "2026-11-17"],
      ["reoffer_overdue", "reloc", "2026-11-18"],
      ["reoffer_due_soon", "soon", "2026-12-07"],
    ]);
    expect(alerts[0]!.details).toEqual({ daysLate: 6, since: "2026-10-20" });
  });

  it("flags panels without decision, and expired ones not yet run", () => {
    const alerts = buildAlerts({
      ...base,
      openPanels: [
        { id: "p-stale", personId: "a", personName: "A", proposedOn: "2026-11-05", expiresOn: "2026-12-05" },
        { id: "p-fresh", personId: "b", personName: "B", proposedOn: "2026-11-20", expiresOn: "2026-12-20" },
        { id: "p-over", personId: "c", personName: "C", proposedOn: "2026-10-01", expiresOn: "2026-10-31" },
      ],
    });
    expect(alerts.map((a) => [a.kind, a.panelId])).toEqual([
      ["panel_expired", "p-over"],
      ["panel_without_decision", "p-stale"],
    ]);
  });

  it("flags re-entry rights ending within 30 days and suspensions above 10% of capacity", () => {
    const suspended = Array.from({ length: 11 }, (_, i) =>
      person(`s${i}`, { status: "suspended", suspendedOn: i === 0 ? "2026-06-10" : "2026-10-01" }),
    );
    const alerts = buildAlerts({ ...base, persons: suspended });
    expect(alerts.map((a) => a.kind)).toEqual(["suspensions_above_threshold", "reentry_right_ending"]);
    expect(alerts[1]).toMatchObject({ personId: "s0", dueDate: "2026-12-10" });
    expect(buildAlerts({ ...base, persons: suspended.slice(1) }).map((a) => a.kind)).toEqual([]);
  });

  it("stops counting suspensions past six months, asks for the exit review, and stays quiet once the ARS was told (§8.5.2)", () => {
    const within = Array.from({ length: 11 }, (_, i) =>
      person(`s${i}`, { status: "suspended", suspendedOn: "2026-10-01" }),
    );
    // suspended on 1 May: the right lapsed on 1 November; it no longer counts towards the 10 %
    const lapsed = person("old", { status: "suspended", suspendedOn: "2026-05-01" });
    const ten = buildAlerts({ ...base, persons: [...within.slice(1), lapsed] });
    expect(ten.map((a) => [a.kind, a.personId])).toEqual([["reentry_right_lapsed", "old"]]);
    expect(buildAlerts({ ...base, persons: [lapsed], exitReviewPersonIds: ["old"] })).toEqual([]);

    const eleven = [...within, lapsed];
    expect(buildAlerts({ ...base, persons: eleven }).map((a) => a.kind)).toContain(
      "suspensions_above_threshold",
    );
    const told = { informedOn: "2026-11-20", suspendedCount: 11 };
    expect(buildAlerts({ ...base, persons: eleven, lastArsNotice: told }).map((a) => a.kind)).not.toContain(
      "suspensions_above_threshold",
    );
    const more = [...eleven, person("s11", { status: "suspended", suspendedOn: "2026-11-01" })];
    expect(buildAlerts({ ...base, persons: more, lastArsNotice: told }).map((a) => a.kind)).toContain(
      "suspensions_above_threshold",
    );
  });

  it("flags housed people whose residual rent is above the ceiling", () => {
    const alerts = buildAlerts({
      ...base,
      housed: [
        {
          personId: "ok",
          name: "OK",
          rentCents: 40_000,
          chargesCents: 0,
          housingBenefitCents: 25_000,
          resourcesCents: 60_000,
          source: "lease",
        },
        {
          personId: "hi",
          name: "Haut",
          rentCents: 50_000,
          chargesCents: 5_000,
          housingBenefitCents: 25_000,
          resourcesCents: 60_000,
          source: "accepted_offer",
        },
      ],
    });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      kind: "effort_rate_above_ceiling",
      personId: "hi",
      details: { residualCents: 30_000, effortRateBasisPoints: 5000, complementCents: 12_000 },
    });
    expect(alerts[0]!.message).toContain(`complément de loyer de ${formatEuros(12_000)}`);
  });

  it("follows up the keeping register: late actions and passed prevention deadlines, then those due soon (§8.5.1)", () => {
    const risk = (riskId: string, overrides: Partial<AlertInput["tenancyRisks"][number]>) => ({
      riskId,
      personId: `p-${riskId}`,
      personName: `Personne ${riskId}`,
      address: `${riskId} rue du Bail, 21000 Dijon`,
      alert: "open" as const,
      pendingActions: [],
      preventionDeadline: null,
      ...overrides,
    });
    const alerts = buildAlerts({
      ...base,
      tenancyRisks: [
        risk("late", {
          alert: "overdue",
          pendingActions: [
            { action: "Visite à domicile", dueOn: "2026-11-20" },
            { action: "Point avec le bailleur", dueOn: "2026-12-15" },
          ],
        }),
        risk("ccapex", { alert: "overdue", preventionDeadline: "2026-11-01" }),
        risk("soon", {
          alert: "due_soon",
          pendingActions: [{ action: "Plan d'apurement", dueOn: "2026-12-01" }],
        }),
        risk("calm", { alert: "open", pendingActions: [{ action: "Relance", dueOn: "2027-02-01" }] }),
        risk("closed", { alert: "closed", pendingActions: [{ action: "Oubliée", dueOn: "2026-01-01" }] }),
      ],
    });
    expect(alerts.map((a) => [a.kind, a.severity, a.dueDate, a.message])).toEqual([
      [
        "tenancy_risk_overdue",
        "critical",
        "2026-11-01",
        "Personne ccapex (ccapex rue du Bail, 21000 Dijon) : échéance de prévention du 01/11/2026 dépassée",
      ],
      [
        "tenancy_risk_overdue",
        "critical",
        "2026-11-20",
        "Personne late (late rue du Bail, 21000 Dijon) : « Visite à domicile » prévue le 20/11/2026",
      ],
      [
        "tenancy_risk_due_soon",
        "warning",
        "2026-12-01",
        "Personne soon (soon rue du Bail, 21000 Dijon) : échéance le 01/12/2026",
      ],
    ]);
  });
});
