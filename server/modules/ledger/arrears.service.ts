import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { cafArrearsReports, repaymentPlans } from "../../../db/schema";
import { compareDates, formatFrenchDate, type IsoDate } from "../../lib/dates";
import { AppError } from "../../lib/errors";
import type { AuditWriter } from "../audit/audit.service";
import { selectRows, tenantDebtEvents, tenantDebtsByLease } from "./ledger.queries";
import {
  type AgeingBucket,
  ageingBuckets,
  ageOutstanding,
  allocateOldestFirst,
  repaymentPlanStatus,
  monthlyAmountDueByTenant,
  unpaidRentThreshold,
  winterTruce,
} from "./ledger.rules";
import { leaseSettlement, loadTenantLease } from "./ledger.service";

/** Tenant balances per lease (> 0 = the tenant owes), from the tenant accounts (411). */
export async function leasesInDebt(db: Db, organisationId: string) {
  const rows = await selectRows<{ lease_id: string; balance: string }>(
    db,
    sql`select lease_id, balance::bigint as balance from (${tenantDebtsByLease(organisationId)}) d order by lease_id`,
  );
  return rows.map((r) => ({ leaseId: r.lease_id, balanceCents: Number(r.balance) }));
}

/** Arrears of one lease: ageing, the 2-month CAF report deadline, the repayment plan, the winter truce. */
export async function leaseArrears(db: Db, organisationId: string, leaseId: string, today: IsoDate) {
  const tenantLease = await loadTenantLease(db, organisationId, leaseId);
  const { lease, person, tenantAccountId } = tenantLease;
  const { calls, tenantBalance } = await leaseSettlement(db, organisationId, tenantLease);
  const tenantCalled = calls.reduce((s, c) => s + c.tenantPartCents, 0);
  const { parts } = allocateOldestFirst(
    calls.map((c) => ({
      id: c.id,
      periodStart: c.periodStart,
      dueOn: c.dueOn,
      amountCents: c.tenantPartCents,
    })),
    tenantCalled - tenantBalance,
  );
  const buckets = ageOutstanding(parts, today);
  const events = await tenantDebtEvents(db, organisationId, tenantAccountId, leaseId);
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
    ? await db
        .select()
        .from(cafArrearsReports)
        .where(
          and(
            eq(cafArrearsReports.organisationId, organisationId),
            eq(cafArrearsReports.leaseId, leaseId),
            eq(cafArrearsReports.thresholdReachedOn, threshold.reachedOn),
          ),
        )
    : [];
  const reportedOn = reports[0]?.reportedOn ?? null;
  const [plan] = await db
    .select()
    .from(repaymentPlans)
    .where(and(eq(repaymentPlans.organisationId, organisationId), eq(repaymentPlans.leaseId, leaseId)))
    .orderBy(sql`${repaymentPlans.createdAt} desc`)
    .limit(1);
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
    buckets,
    threshold: { ...threshold, reportedToCafOn: reportedOn },
    repaymentPlan: planStatus,
    // CPCE L.412-6: shown with every eviction-related step
    eviction: winterTruce(today),
    alerts,
  };
}

export async function arrearsOverview(db: Db, organisationId: string, today: IsoDate) {
  const debtors = await leasesInDebt(db, organisationId);
  const leases = [];
  for (const d of debtors) leases.push(await leaseArrears(db, organisationId, d.leaseId, today));
  const totals = Object.fromEntries(ageingBuckets.map((b) => [b, 0])) as Record<AgeingBucket, number>;
  for (const l of leases) for (const b of ageingBuckets) totals[b] += l.buckets[b];
  return {
    asOf: today,
    totalCents: leases.reduce((s, l) => s + l.balanceCents, 0),
    buckets: totals,
    winterTruce: winterTruce(today),
    leases,
  };
}

export async function createRepaymentPlan(
  db: Db,
  organisationId: string,
  input: { leaseId: string; startOn: IsoDate; instalments: { dueOn: IsoDate; amountCents: number }[] },
  audit: AuditWriter,
) {
  const tenantLease = await loadTenantLease(db, organisationId, input.leaseId);
  const { tenantBalance } = await leaseSettlement(db, organisationId, tenantLease);
  const total = input.instalments.reduce((s, i) => s + i.amountCents, 0);
  if (tenantBalance <= 0) throw new AppError("AMOUNT_EXCEEDS_DEBT", "Ce locataire n'a pas de dette à étaler");
  if (total > tenantBalance)
    throw new AppError("AMOUNT_EXCEEDS_DEBT", "Les échéances dépassent la dette du locataire", {
      debtCents: tenantBalance,
    });
  const plan = await insertRepaymentPlan(
    db,
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
    id: plan!.id,
    leaseId: plan!.leaseId,
    startOn: plan!.startOn,
    debtCents: plan!.debtCents,
    instalments: plan!.instalments,
    createdAt: plan!.createdAt.toISOString(),
  };
}

/**
 * Writes a repayment plan as agreed: arrears spread by the officer, or a yearly charges balance
 * paid in twelve instalments at the tenant's request (loi 89-462 art. 23, `chargeRegularisationId`).
 */
export async function insertRepaymentPlan(
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
  const [plan] = await db
    .insert(repaymentPlans)
    .values({ organisationId, ...input, chargeRegularisationId: input.chargeRegularisationId ?? null })
    .returning();
  await audit.record({
    action: "ledger.repayment_plan.create",
    entityType: "repayment_plan",
    entityId: plan!.id,
    after: plan,
  });
  return plan!;
}

export async function recordCafReport(
  db: Db,
  organisationId: string,
  input: { leaseId: string; reportedOn: IsoDate },
  today: IsoDate,
  audit: AuditWriter,
) {
  const arrears = await leaseArrears(db, organisationId, input.leaseId, today);
  if (!arrears.threshold.reachedOn)
    throw new AppError("CONFLICT", "Aucun impayé constitué à signaler pour ce bail");
  const [row] = await db
    .insert(cafArrearsReports)
    .values({
      organisationId,
      leaseId: input.leaseId,
      thresholdReachedOn: arrears.threshold.reachedOn,
      reportedOn: input.reportedOn,
    })
    .onConflictDoNothing()
    .returning();
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
}
