import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { landlords } from "../../../db/schema";
import { lastDayOfMonth } from "../../lib/dates";
import { AppError } from "../../lib/errors";
import { chart } from "./ledger.accounts";
import { accountIdByCode, selectRows } from "./ledger.queries";
import { monthStart } from "./ledger.rules";

/**
 * Relevé de gérance of a landlord for a month: what the organisation owes them (credits: head-lease
 * rent, guarantee payouts) and what it paid (debits), with opening and closing balances (owed > 0).
 */
export async function landlordStatement(db: Db, organisationId: string, landlordId: string, month: string) {
  const [landlord] = await db
    .select()
    .from(landlords)
    .where(and(eq(landlords.organisationId, organisationId), eq(landlords.id, landlordId)));
  if (!landlord) throw AppError.notFound("Bailleur", landlordId);
  const from = monthStart(month);
  const to = lastDayOfMonth(from);
  const accountId = await accountIdByCode(db, organisationId, chart.landlord(landlordId, "").code);
  if (!accountId)
    return {
      landlordId,
      landlordName: landlord.displayName,
      month,
      openingBalanceCents: 0,
      lines: [],
      closingBalanceCents: 0,
    };
  const [opening] = await selectRows<{ owed: string }>(
    db,
    sql`select coalesce(sum(e.credit_cents - e.debit_cents), 0)::bigint as owed
          from ledger_entries e join ledger_transactions t on t.organisation_id = e.organisation_id and t.id = e.transaction_id
         where e.organisation_id = ${organisationId} and e.account_id = ${accountId} and t.occurred_on < ${from}`,
  );
  const lines = await selectRows<{
    transaction_id: string;
    occurred_on: string;
    kind: string;
    label: string;
    unit_id: string | null;
    period_start: string | null;
    period_end: string | null;
    credit: string;
    debit: string;
  }>(
    db,
    sql`select t.id as transaction_id, t.occurred_on::text as occurred_on, t.kind, t.label, t.unit_id,
               t.period_start::text as period_start, t.period_end::text as period_end,
               sum(e.credit_cents)::bigint as credit, sum(e.debit_cents)::bigint as debit
          from ledger_entries e join ledger_transactions t on t.organisation_id = e.organisation_id and t.id = e.transaction_id
         where e.organisation_id = ${organisationId} and e.account_id = ${accountId}
           and t.occurred_on between ${from} and ${to}
         group by t.organisation_id, t.id order by t.occurred_on, t.recorded_at`,
  );
  const openingBalanceCents = Number(opening?.owed ?? 0);
  const mapped = lines.map((l) => ({
    transactionId: l.transaction_id,
    on: l.occurred_on,
    kind: l.kind,
    label: l.label,
    unitId: l.unit_id,
    periodStart: l.period_start,
    periodEnd: l.period_end,
    owedCents: Number(l.credit),
    paidCents: Number(l.debit),
  }));
  return {
    landlordId,
    landlordName: landlord.displayName,
    month,
    openingBalanceCents,
    lines: mapped,
    closingBalanceCents: openingBalanceCents + mapped.reduce((s, l) => s + l.owedCents - l.paidCents, 0),
  };
}
