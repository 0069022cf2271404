import { and, count, eq, lt, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { tenantDebitCollections, tenantDebitMandates } from "../../../db/schema";
import type { IsoDate } from "../../lib/dates";
import { selectRows } from "./ledger.queries";

export type TenantDebitMandateRow = typeof tenantDebitMandates.$inferSelect;
export type TenantDebitCollectionRow = typeof tenantDebitCollections.$inferSelect;

export async function findDebitMandateOfLease(db: Db, organisationId: string, leaseId: string) {
  const [row] = await db
    .select()
    .from(tenantDebitMandates)
    .where(
      and(eq(tenantDebitMandates.organisationId, organisationId), eq(tenantDebitMandates.leaseId, leaseId)),
    );
  return row ?? null;
}

export async function findDebitMandateByReference(db: Db, organisationId: string, reference: string) {
  const [row] = await db
    .select({ id: tenantDebitMandates.id })
    .from(tenantDebitMandates)
    .where(
      and(
        eq(tenantDebitMandates.organisationId, organisationId),
        eq(tenantDebitMandates.reference, reference),
      ),
    );
  return row ?? null;
}

export async function insertDebitMandate(db: Db, values: typeof tenantDebitMandates.$inferInsert) {
  const [row] = await db.insert(tenantDebitMandates).values(values).returning();
  return row!;
}

/** Collections on a mandate in months before `periodStart`. */
export async function collectionsBefore(
  db: Db,
  organisationId: string,
  mandateId: string,
  periodStart: IsoDate,
) {
  const [row] = await db
    .select({ n: count() })
    .from(tenantDebitCollections)
    .where(
      and(
        eq(tenantDebitCollections.organisationId, organisationId),
        eq(tenantDebitCollections.mandateId, mandateId),
        lt(tenantDebitCollections.periodStart, periodStart),
      ),
    );
  return row?.n ?? 0;
}

/**
 * Every mandate of the organisation with, for the month, the tenant parts of its lease's rent
 * calls (reversed calls left out) and the programme's rent complement (reversed ones left out),
 * and how many collections it had in earlier months.
 */
export async function debitCandidates(db: Db, organisationId: string, from: IsoDate, to: IsoDate) {
  const rows = await selectRows<{
    mandate_id: string;
    lease_id: string;
    tenant_parts: string;
    complement: string;
    earlier: string;
  }>(
    db,
    sql`select m.id as mandate_id, m.lease_id,
               (select coalesce(sum(c.tenant_part_cents), 0) from rent_calls c
                 where c.organisation_id = m.organisation_id and c.lease_id = m.lease_id
                   and c.period_start between ${from} and ${to}
                   and not exists (select 1 from ledger_transactions r
                                    where r.organisation_id = c.organisation_id and r.reverses_transaction_id = c.transaction_id))::bigint as tenant_parts,
               (select coalesce(sum(t.amount), 0) from (
                  select sum(e.credit_cents) as amount from ledger_transactions t
                    join ledger_entries e on e.organisation_id = t.organisation_id and e.transaction_id = t.id
                    join ledger_accounts a on a.organisation_id = e.organisation_id and a.id = e.account_id and a.kind = 'tenant'
                   where t.organisation_id = m.organisation_id and t.lease_id = m.lease_id
                     and t.kind = 'rent_complement' and t.period_start = ${from}
                     and not exists (select 1 from ledger_transactions r
                                      where r.organisation_id = t.organisation_id and r.reverses_transaction_id = t.id)
                   group by t.id) t)::bigint as complement,
               (select count(*) from tenant_debit_collections k
                 where k.organisation_id = m.organisation_id and k.mandate_id = m.id and k.period_start < ${from})::bigint as earlier
          from tenant_debit_mandates m
         where m.organisation_id = ${organisationId}
         order by m.reference`,
  );
  return rows.map((r) => ({
    mandateId: r.mandate_id,
    leaseId: r.lease_id,
    tenantPartsCents: Number(r.tenant_parts),
    complementCents: Number(r.complement),
    earlierCollections: Number(r.earlier),
  }));
}

export async function insertCollections(db: Db, values: (typeof tenantDebitCollections.$inferInsert)[]) {
  if (values.length === 0) return;
  await db.insert(tenantDebitCollections).values(values).onConflictDoNothing();
}

/** The month's collections with their mandates, by RUM. */
export async function collectionsOfMonth(db: Db, organisationId: string, periodStart: IsoDate) {
  return db
    .select({ collection: tenantDebitCollections, mandate: tenantDebitMandates })
    .from(tenantDebitCollections)
    .innerJoin(
      tenantDebitMandates,
      and(
        eq(tenantDebitMandates.organisationId, tenantDebitCollections.organisationId),
        eq(tenantDebitMandates.id, tenantDebitCollections.mandateId),
      ),
    )
    .where(
      and(
        eq(tenantDebitCollections.organisationId, organisationId),
        eq(tenantDebitCollections.periodStart, periodStart),
      ),
    )
    .orderBy(tenantDebitMandates.reference);
}
