import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { landlords } from "../../../db/schema";
import { lastDayOfMonth } from "../../lib/dates";
import { AppError } from "../../lib/errors";
import { chart } from "./ledger.accounts";
import { accountIdByCode, selectRows } from "./ledger.queries";
import { monthStart } from "./ledger.rules";
import { recoveredForGuarantee } from "./mandate-payouts.queries";

/**
 * The pack sécurisation on a landlord's statement: what the guarantee paid them for unpaid rent,
 * and what was recovered from the tenants since (subrogation, C. civ. art. 1346: repayments of
 * guaranteed arrears go back to the guarantee), to date and within the month.
 */
async function guaranteeSummary(
  db: Db,
  organisationId: string,
  landlordId: string,
  accountId: string,
  from: string,
  to: string,
) {
  const [paid] = await selectRows<{ to_date: string; in_month: string }>(
    db,
    sql`select coalesce(sum(e.credit_cents - e.debit_cents), 0)::bigint as to_date,
               coalesce(sum(e.credit_cents - e.debit_cents) filter (where t.occurred_on >= ${from}), 0)::bigint as in_month
          from ledger_entries e
          join ledger_transactions t on t.organisation_id = e.organisation_id and t.id = e.transaction_id
          left join ledger_transactions o on o.organisation_id = t.organisation_id and o.id = t.reverses_transaction_id
         where e.organisation_id = ${organisationId} and e.account_id = ${accountId}
           and (t.kind = 'guarantee_payout' or (t.kind = 'reversal' and o.kind = 'guarantee_payout'))
           and t.occurred_on <= ${to}`,
  );
  return {
    paidToDateCents: Number(paid?.to_date ?? 0),
    paidInMonthCents: Number(paid?.in_month ?? 0),
    recoveredToDateCents: await recoveredForGuarantee(db, organisationId, { landlordId }, null, to),
    recoveredInMonthCents: await recoveredForGuarantee(db, organisationId, { landlordId }, from, to),
  };
}

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
      guarantee: {
        paidToDateCents: 0,
        paidInMonthCents: 0,
        recoveredToDateCents: 0,
        recoveredInMonthCents: 0,
      },
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
    guarantee: await guaranteeSummary(db, organisationId, landlordId, accountId, from, to),
  };
}
