import type { Db } from "../../../db/client";
import { refuseFutureDates } from "../../lib/date-bounds";
import { compareDates, formatFrenchDate, type IsoDate } from "../../lib/dates";
import { AppError } from "../../lib/errors";
import { inUseCaseTransaction, type UseCaseContext } from "../../lib/use-case-context";
import type { AnyActor } from "../auth/actor";
import type { AuditWriter } from "../audit/audit.service";
import {
  cafReportsOf,
  insertCafReport,
  insertRepaymentPlanRow,
  latestRepaymentPlan,
  leasesInDebt,
} from "./arrears.queries";
import { tenantDebtEvents } from "./ledger.queries";
import {
  type AgeingBucket,
  ageingBuckets,
  ageOutstanding,
  allocateOldestFirst,
  repaymentPlanStatus,
  monthlyAmountDueByTenant,
  spreadClaims,
  unpaidRentThreshold,
  winterTruce,
} from "./ledger.rules";
import { leaseSettlement, loadTenantLease } from "./ledger.service";

export { leasesInDebt };

/** Arrears of one lease: ageing, the 2-month CAF report deadline, the repayment plan, the winter truce. */
export async function leaseArrears(db: Db, organisationId: string, leaseId: string, today: IsoDate) {
  const tenantLease = await loadTenantLease(db, organisationId, leaseId);
  const { lease, person, tenantAccountId } = tenantLease;
  const { calls, claims, otherDebts, tenantOwed, tenantBalance } = await leaseSettlement(
    db,
    organisationId,
    tenantLease,
  );
  const { parts } = allocateOldestFirst(
    [
      ...calls.map((c) => ({
        id: c.id,
        periodStart: c.periodStart,
        dueOn: c.dueOn,
        amountCents: c.tenantPartCents,
      })),
      ...otherDebts,
    ],
    tenantOwed - tenantBalance,
  );
  const buckets = ageOutstanding(parts, today);
  // a charges balance paid in instalments weighs on the impayé only as each instalment falls due
  const events = spreadClaims(await tenantDebtEvents(db, organisationId, tenantAccountId, leaseId), claims);
  const threshold = unpaidRentThreshold(
    events.filter((e) => compareDates(e.on, today) <= 0),
    monthlyAmountDueByTenant({
      rentCents: lease.rentCents,
      chargesCents: lease.chargesCents,
      housingBenefitCents: lease.housingBenefitCents,
      benefitPaidToOperator: lease.housingBenefitPaidToOperator,
    }),
  );
  const reports = threshold.reachedOn
    ? await cafReportsOf(db, organisationId, leaseId, threshold.reachedOn)
    : [];
  const reportedOn = reports[0]?.reportedOn ?? null;
  const plan = await latestRepaymentPlan(db, organisationId, leaseId);
  let planStatus = null;
  if (plan) {
    const since = (on: IsoDate) => compareDates(on, plan.startOn) >= 0;
    const status = repaymentPlanStatus({
      startOn: plan.startOn,
      instalments: plan.instalments,
      callsSinceStart: calls
        .filter((c) => since(c.dueOn))
        .map((c) => ({ dueOn: c.dueOn, amountCents: c.tenantPartCents })),
      paymentsSinceStart: events
        .filter((e) => e.amountCents < 0 && since(e.on))
        .map((e) => ({ on: e.on, amountCents: -e.amountCents })),
      today,
    });
    planStatus = {
      id: plan.id,
      startOn: plan.startOn,
      debtCents: plan.debtCents,
      chargeRegularisationId: plan.chargeRegularisationId,
      ...status,
    };
  }
  const alerts: { code: string; message: string; dueOn?: string }[] = [];
  if (threshold.reachedOn && !reportedOn)
    alerts.push({
      code: compareDates(threshold.cafReportDueOn!, today) < 0 ? "CAF_REPORT_OVERDUE" : "CAF_REPORT_DUE",
      message: `Impayé constitué le ${formatFrenchDate(threshold.reachedOn)} : signalement à la CAF avant le ${formatFrenchDate(threshold.cafReportDueOn!)}`,
      dueOn: threshold.cafReportDueOn!,
    });
  if (planStatus && planStatus.missed > 0)
    alerts.push({
      code: "REPAYMENT_INSTALMENT_MISSED",
      message: `${planStatus.missed} échéance(s) du plan d'apurement non respectée(s)`,
    });
  return {
    leaseId,
    personId: person.id,
    personName: `${person.lastName.toUpperCase()} ${person.firstName}`,
    balanceCents: tenantBalance,
    // what fell due and is unpaid: the arrears proper (a part not yet due is owed, not late)
    overdueCents: ageingBuckets.reduce((sum, bucket) => sum + buckets[bucket], 0),
    buckets,
    threshold: { ...threshold, reportedToCafOn: reportedOn },
    repaymentPlan: planStatus,
    // CPCE L.412-6: shown with every eviction-related step
    eviction: winterTruce(today),
    alerts,
  };
}

export async function arrearsOverview(context: UseCaseContext) {
  const { db } = context;
  const { organisationId } = context.actor;
  const today = context.clock.today();
  const debtors = await leasesInDebt(db, organisationId);
  const leases = [];
  for (const d of debtors) leases.push(await leaseArrears(db, organisationId, d.leaseId, today));
  const totals = Object.fromEntries(ageingBuckets.map((b) => [b, 0])) as Record<AgeingBucket, number>;
  for (const l of leases) for (const b of ageingBuckets) totals[b] += l.buckets[b];
  return {
    asOf: today,
    totalCents: leases.reduce((s, l) => s + l.overdueCents, 0),
    buckets: totals,
    winterTruce: winterTruce(today),
    leases,
  };
}

export type RepaymentPlanInput = {
  leaseId: string;
  startOn: IsoDate;
  instalments: { dueOn: IsoDate; amountCents: number }[];
};

/** A plan d'apurement: instalments that together never exceed what the tenant owes today. */
export async function createRepaymentPlan(context: UseCaseContext<AnyActor>, input: RepaymentPlanInput) {
  refuseFutureDates(context.clock.today(), { "json.startOn": input.startOn });
  const organisationId = context.actor.organisationId;
  return inUseCaseTransaction(context, async (tx, audit) => {
    const tenantLease = await loadTenantLease(tx, organisationId, input.leaseId);
    const { tenantBalance } = await leaseSettlement(tx, organisationId, tenantLease);
    const total = input.instalments.reduce((s, i) => s + i.amountCents, 0);
    if (tenantBalance <= 0)
      throw new AppError("AMOUNT_EXCEEDS_DEBT", "Ce locataire n'a pas de dette à étaler");
    if (total > tenantBalance)
      throw new AppError("AMOUNT_EXCEEDS_DEBT", "Les échéances dépassent la dette du locataire", {
        debtCents: tenantBalance,
      });
    const plan = await insertRepaymentPlanInTransaction(
      tx,
      organisationId,
      {
        leaseId: input.leaseId,
        startOn: input.startOn,
        debtCents: tenantBalance,
        instalments: input.instalments,
      },
      audit,
    );
    return {
      id: plan.id,
      leaseId: plan.leaseId,
      startOn: plan.startOn,
      debtCents: plan.debtCents,
      instalments: plan.instalments,
      createdAt: plan.createdAt.toISOString(),
    };
  });
}

/**
 * Writes a repayment plan as agreed, inside the caller's transaction: arrears spread by the
 * officer, or a yearly charges balance paid in twelve instalments at the tenant's request
 * (loi 89-462 art. 23, `chargeRegularisationId`).
 */
export async function insertRepaymentPlanInTransaction(
  db: Db,
  organisationId: string,
  input: {
    leaseId: string;
    startOn: IsoDate;
    debtCents: number;
    instalments: { dueOn: IsoDate; amountCents: number }[];
    chargeRegularisationId?: string;
  },
  audit: AuditWriter,
) {
  const plan = await insertRepaymentPlanRow(db, {
    organisationId,
    ...input,
    chargeRegularisationId: input.chargeRegularisationId ?? null,
  });
  await audit.record({
    action: "ledger.repayment_plan.create",
    entityType: "repayment_plan",
    entityId: plan.id,
    after: plan,
  });
  return plan;
}

/** Records that the CAF was told of the lease's impayé (once per impayé), as of the clock's today. */
export async function recordCafReport(
  context: UseCaseContext<AnyActor>,
  input: { leaseId: string; reportedOn: IsoDate },
) {
  const organisationId = context.actor.organisationId;
  const today = context.clock.today();
  return inUseCaseTransaction(context, async (tx, audit) => {
    const arrears = await leaseArrears(tx, organisationId, input.leaseId, today);
    if (!arrears.threshold.reachedOn)
      throw new AppError("CONFLICT", "Aucun impayé constitué à signaler pour ce bail");
    const row = await insertCafReport(tx, {
      organisationId,
      leaseId: input.leaseId,
      thresholdReachedOn: arrears.threshold.reachedOn,
      reportedOn: input.reportedOn,
    });
    if (row)
      await audit.record({
        action: "ledger.caf_report.record",
        entityType: "caf_arrears_report",
        entityId: row.id,
        after: row,
      });
    return {
      leaseId: input.leaseId,
      thresholdReachedOn: arrears.threshold.reachedOn,
      reportedOn: input.reportedOn,
    };
  });
}
