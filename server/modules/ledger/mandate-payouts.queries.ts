import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { landlords, leases, mandatePayouts, mandates } from "../../../db/schema";
import type { IsoDate } from "../../lib/dates";
import type { PageRequest } from "../../lib/pagination";
import { chart } from "./ledger.accounts";
import { selectRows } from "./ledger.queries";

export type MandatePayoutRow = typeof mandatePayouts.$inferSelect;

/** What settlements already recovered for the guarantee on a mandate's flat and landlord, to `to`. */
export async function recoveredForGuarantee(
  db: Db,
  organisationId: string,
  where: { landlordId: string; unitId?: string },
  from: IsoDate | null,
  to: IsoDate,
) {
  const [row] = await selectRows<{ total: string }>(
    db,
    sql`select coalesce(sum(e.credit_cents - e.debit_cents), 0)::bigint as total
          from ledger_entries e
          join ledger_accounts a on a.organisation_id = e.organisation_id and a.id = e.account_id
          join ledger_transactions t on t.organisation_id = e.organisation_id and t.id = e.transaction_id
         where e.organisation_id = ${organisationId} and a.code = ${chart.guaranteeRecovery().code}
           and t.landlord_id = ${where.landlordId}
           ${where.unitId ? sql`and t.unit_id = ${where.unitId}` : sql``}
           and t.occurred_on <= ${to}
           ${from ? sql`and t.occurred_on >= ${from}` : sql``}`,
  );
  return Number(row?.total ?? 0);
}

/** The transactions that bring a tenant's money in: payments, CAF receipts, rent complements. */
export const COLLECTION_KINDS = ["payment", "housing_benefit_receipt", "rent_complement"] as const;

/** Leases signed in the landlord's name on the mandate's unit (direct leases). */
export async function mandateLeases(
  db: Db,
  organisationId: string,
  mandate: { unitId: string; landlordId: string },
) {
  return db
    .select()
    .from(leases)
    .where(
      and(
        eq(leases.organisationId, organisationId),
        eq(leases.unitId, mandate.unitId),
        eq(leases.landlordId, mandate.landlordId),
        eq(leases.kind, "direct_lease"),
        inArray(leases.status, ["signed", "notice_given", "ended"]),
      ),
    );
}

/** Σ (credit − debit) on the accounts of `accountKind` for the leases and transaction kinds, in [from, to]. */
export async function sumCredits(
  db: Db,
  organisationId: string,
  leaseIds: string[],
  accountKinds: string[],
  transactionKinds: readonly string[],
  from: IsoDate | null,
  to: IsoDate,
) {
  if (leaseIds.length === 0) return 0;
  const kinds = sql`(${sql.join(
    transactionKinds.map((k) => sql`${k}`),
    sql`, `,
  )})`;
  const [row] = await selectRows<{ total: string }>(
    db,
    sql`select coalesce(sum(e.credit_cents - e.debit_cents), 0)::bigint as total
          from ledger_entries e
          join ledger_accounts a on a.organisation_id = e.organisation_id and a.id = e.account_id
          join ledger_transactions t on t.organisation_id = e.organisation_id and t.id = e.transaction_id
          left join ledger_transactions o on o.organisation_id = t.organisation_id and o.id = t.reverses_transaction_id
         where e.organisation_id = ${organisationId}
           and e.lease_id in (${sql.join(
             leaseIds.map((id) => sql`${id}`),
             sql`, `,
           )})
           and a.kind in (${sql.join(
             accountKinds.map((k) => sql`${k}`),
             sql`, `,
           )})
           and (t.kind in ${kinds} or (t.kind = 'reversal' and o.kind in ${kinds}))
           and t.occurred_on <= ${to}
           ${from ? sql`and t.occurred_on >= ${from}` : sql``}`,
  );
  return Number(row?.total ?? 0);
}

/** The mandates in force at some point between `from` and `to`, by number. */
export async function mandatesInForceBetween(db: Db, organisationId: string, from: IsoDate, to: IsoDate) {
  return db
    .select()
    .from(mandates)
    .where(
      and(
        eq(mandates.organisationId, organisationId),
        inArray(mandates.status, ["signed", "ended"]),
        sql`${mandates.startDate} <= ${to} and ${mandates.endDate} >= ${from}`,
        sql`(${mandates.endedOn} is null or ${mandates.endedOn} >= ${from})`,
      ),
    )
    .orderBy(mandates.number);
}

/** The mandates already paid out for the month starting `periodStart`. */
export async function mandatesPaidFor(db: Db, organisationId: string, periodStart: IsoDate) {
  const rows = await db
    .select({ mandateId: mandatePayouts.mandateId })
    .from(mandatePayouts)
    .where(
      and(eq(mandatePayouts.organisationId, organisationId), eq(mandatePayouts.periodStart, periodStart)),
    );
  return new Set(rows.map((r) => r.mandateId));
}

export async function findLandlordOf(db: Db, organisationId: string, landlordId: string) {
  const [landlord] = await db
    .select()
    .from(landlords)
    .where(and(eq(landlords.organisationId, organisationId), eq(landlords.id, landlordId)));
  return landlord ?? null;
}

export async function insertMandatePayout(db: Db, row: typeof mandatePayouts.$inferInsert) {
  const [inserted] = await db.insert(mandatePayouts).values(row).returning();
  return inserted!;
}

/** A page of the payouts of the month starting `periodStart`, in the order they were made. */
export async function mandatePayoutsPage(
  db: Db,
  organisationId: string,
  periodStart: IsoDate,
  page: PageRequest,
) {
  const inMonth = and(
    eq(mandatePayouts.organisationId, organisationId),
    eq(mandatePayouts.periodStart, periodStart),
  );
  const [rows, [counted]] = await Promise.all([
    db
      .select()
      .from(mandatePayouts)
      .where(inMonth)
      .orderBy(asc(mandatePayouts.createdAt), asc(mandatePayouts.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(mandatePayouts).where(inMonth),
  ]);
  return { rows, total: counted?.n ?? 0 };
}

/** The first signed mandate (by number) of the landlord on the unit. */
export async function signedMandateOn(db: Db, organisationId: string, unitId: string, landlordId: string) {
  const [mandate] = await db
    .select()
    .from(mandates)
    .where(
      and(
        eq(mandates.organisationId, organisationId),
        eq(mandates.unitId, unitId),
        eq(mandates.landlordId, landlordId),
        eq(mandates.status, "signed"),
      ),
    )
    .orderBy(mandates.number)
    .limit(1);
  return mandate ?? null;
}
