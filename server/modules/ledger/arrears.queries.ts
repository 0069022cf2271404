import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { cafArrearsReports, repaymentPlans } from "../../../db/schema";
import type { IsoDate } from "../../lib/dates";
import { selectRows, tenantDebtsByLease } from "./ledger.queries";

/** Tenant balances per lease (> 0 = the tenant owes), from the tenant accounts (411). */
export async function leasesInDebt(db: Db, organisationId: string) {
  const rows = await selectRows<{ lease_id: string; balance: string }>(
    db,
    sql`select lease_id, balance::bigint as balance from (${tenantDebtsByLease(organisationId)}) d order by lease_id`,
  );
  return rows.map((r) => ({ leaseId: r.lease_id, balanceCents: Number(r.balance) }));
}

/** The CAF reports made for one impayé (one lease, one date the threshold was reached). */
export async function cafReportsOf(
  db: Db,
  organisationId: string,
  leaseId: string,
  thresholdReachedOn: IsoDate,
) {
  return db
    .select()
    .from(cafArrearsReports)
    .where(
      and(
        eq(cafArrearsReports.organisationId, organisationId),
        eq(cafArrearsReports.leaseId, leaseId),
        eq(cafArrearsReports.thresholdReachedOn, thresholdReachedOn),
      ),
    );
}

/** A report already made for the same impayé is kept as it was (null then). */
export async function insertCafReport(db: Db, row: typeof cafArrearsReports.$inferInsert) {
  const [inserted] = await db.insert(cafArrearsReports).values(row).onConflictDoNothing().returning();
  return inserted ?? null;
}

export async function latestRepaymentPlan(db: Db, organisationId: string, leaseId: string) {
  const [plan] = await db
    .select()
    .from(repaymentPlans)
    .where(and(eq(repaymentPlans.organisationId, organisationId), eq(repaymentPlans.leaseId, leaseId)))
    .orderBy(sql`${repaymentPlans.createdAt} desc`)
    .limit(1);
  return plan ?? null;
}

export async function insertRepaymentPlanRow(db: Db, row: typeof repaymentPlans.$inferInsert) {
  const [plan] = await db.insert(repaymentPlans).values(row).returning();
  return plan!;
}
