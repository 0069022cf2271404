/**
 * Tenancy keeping: the pure rules of the risk register, the prevention of evictions and the
 * partner meetings (seed 004, SELO; cahier des charges §8.5.1, §9.4). No I/O.
 */
import type { InvalidField } from "../../lib/errors";
import { addWeeks, compareDates, type IsoDate } from "../../lib/dates";

export const TENANCY_RISK_KINDS = [
  "unpaid_rent",
  "neighbour_trouble",
  "damage",
  "lack_of_upkeep",
  "long_absence",
  "other",
] as const;
export type TenancyRiskKind = (typeof TENANCY_RISK_KINDS)[number];

export const RISK_REPORTERS = [
  "landlord",
  "neighbour",
  "housing_officer",
  "support_team",
  "tenant",
  "other",
] as const;

export const RISK_OUTCOMES = ["resolved", "relocation", "lease_ended", "no_further_action"] as const;

export const PREVENTION_STEP_KINDS = [
  "repayment_plan",
  "fsl_application",
  "ccapex_referral",
  "payment_order_received",
] as const;
export type PreventionStepKind = (typeof PREVENTION_STEP_KINDS)[number];

/**
 * Loi n° 89-462 art. 24 I (as amended by loi n° 2023-668 of 27 July 2023): the lease's
 * termination clause for unpaid rent «ne produit effet que six semaines après un commandement de
 * payer demeuré infructueux». The date the clause could first take effect is the deadline the
 * pole works against: before it, a plan d'apurement or an FSL grant settles the debt. When the
 * officer enters an earlier deadline, the legal one still stands: the later date protects the tenant.
 */
export const PAYMENT_ORDER_WEEKS = 6;

export function preventionDeadline(kind: PreventionStepKind, stepOn: IsoDate, entered: IsoDate | null) {
  if (kind !== "payment_order_received") return entered;
  const legal = addWeeks(stepOn, PAYMENT_ORDER_WEEKS);
  return entered && compareDates(entered, legal) > 0 ? entered : legal;
}

/** A date of the register: never in the future, never before the tenancy began. */
export function keepingDateProblems(
  date: IsoDate,
  path: string,
  bounds: { notBefore: IsoDate; today: IsoDate; notBeforeLabel: string },
): InvalidField[] {
  if (compareDates(date, bounds.today) > 0)
    return [{ path, message: "La date ne peut pas être postérieure à aujourd'hui", code: "DATE_IN_FUTURE" }];
  if (compareDates(date, bounds.notBefore) < 0)
    return [{ path, message: `La date ne peut pas précéder ${bounds.notBeforeLabel}` }];
  return [];
}

export type ActionFact = { dueOn: IsoDate; doneOn: IsoDate | null };

/** An action not done by its due date is overdue from the next day on. */
export function actionOverdue(action: ActionFact, today: IsoDate): boolean {
  return action.doneOn === null && compareDates(action.dueOn, today) < 0;
}

export type StepFact = { kind: PreventionStepKind; deadlineOn: IsoDate | null };

/** The prevention deadline still ahead (or passed) of an open risk: the earliest one. */
export function nextPreventionDeadline(steps: readonly StepFact[]): IsoDate | null {
  let next: IsoDate | null = null;
  for (const step of steps)
    if (step.deadlineOn && (next === null || compareDates(step.deadlineOn, next) < 0)) next = step.deadlineOn;
  return next;
}

/**
 * The register's alert level of a risk: «overdue» when an action is late or a prevention
 * deadline has passed, «due_soon» within 14 days of one, «open» otherwise; «closed» once ended.
 */
export function riskAlert(
  risk: { closedOn: IsoDate | null },
  actions: readonly ActionFact[],
  steps: readonly StepFact[],
  today: IsoDate,
): "closed" | "overdue" | "due_soon" | "open" {
  if (risk.closedOn) return "closed";
  if (actions.some((action) => actionOverdue(action, today))) return "overdue";
  const deadline = nextPreventionDeadline(steps);
  if (deadline && compareDates(deadline, today) < 0) return "overdue";
  const soon = addWeeks(today, 2);
  const dueDates = [
    ...actions.filter((a) => a.doneOn === null).map((a) => a.dueOn),
    ...(deadline ? [deadline] : []),
  ];
  if (dueDates.some((date) => compareDates(date, soon) <= 0)) return "due_soon";
  return "open";
}

/**
 * What a landlord may read of a meeting's agenda (privacy: landlords see their flats, never a
 * tenant's resources or history): only the risks on its own flats, as kind and address.
 */
export function agendaForLandlord<T extends { landlordId: string | null }>(
  agenda: readonly T[],
  landlordId: string,
): T[] {
  return agenda.filter((item) => item.landlordId === landlordId);
}
