import { sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import type { IsoDate } from "../../lib/dates";
import { selectRows, tenantDebtsByLease } from "../ledger/ledger.queries";
import { type AgeingBucket, ageingBucketStarts, ageingBuckets } from "../ledger/ledger.rules";

/**
 * The reads of the finance dashboard. Each stays proportional to one month of activity (or to
 * the leases in debt), never to the whole history: the targets are set at 10 000 leases × 36
 * months (the dashboard answers within 300 ms).
 */

/**
 * A rent call counts unless a reversal cancelled it. Reversals are few: their ids are hashed once
 * (NOT IN over the partial unique index) instead of probing the index for every call.
 */
function callNotReversed(organisationId: string) {
  return sql`rc.transaction_id not in (select r.reverses_transaction_id from ledger_transactions r
                                        where r.organisation_id = ${organisationId} and r.reverses_transaction_id is not null)`;
}

/**
 * The month's rent calls in one pass over the (organisation, period_start) index: head leases
 * give the vacancy (days without a sub-tenant and their cost), the tenants' leases what was called.
 */
export async function monthCalls(db: Db, organisationId: string, from: IsoDate, to: IsoDate) {
  const [row] = await selectRows<Record<string, string>>(
    db,
    sql`select count(distinct rc.unit_id) filter (where rc.lease_kind = 'head_lease' and rc.vacant_days > 0)::bigint as vacant_units,
               coalesce(sum(rc.vacant_days) filter (where rc.lease_kind = 'head_lease'), 0)::bigint as vacancy_days,
               coalesce(sum(rc.vacancy_cost_cents) filter (where rc.lease_kind = 'head_lease'), 0)::bigint as vacancy_cost,
               count(*) filter (where rc.lease_kind <> 'head_lease')::bigint as calls,
               coalesce(sum(rc.rent_cents + rc.charges_cents) filter (where rc.lease_kind <> 'head_lease'), 0)::bigint as called,
               coalesce(sum(rc.housing_benefit_cents) filter (where rc.lease_kind <> 'head_lease'), 0)::bigint as benefit
          from rent_calls rc
         where rc.organisation_id = ${organisationId} and rc.period_start between ${from} and ${to}
           and ${callNotReversed(organisationId)}`,
  );
  return {
    unitsVacant: Number(row?.vacant_units ?? 0),
    vacancyDays: Number(row?.vacancy_days ?? 0),
    vacancyCostCents: Number(row?.vacancy_cost ?? 0),
    calls: Number(row?.calls ?? 0),
    calledCents: Number(row?.called ?? 0),
    housingBenefitCalledCents: Number(row?.benefit ?? 0),
  };
}

/**
 * What reached the bank in the month from tenants and from the CAF, reversals netted (a reversal
 * is totalled under the kind it reverses), from the maintained month totals.
 */
export async function monthCollections(db: Db, organisationId: string, month: IsoDate) {
  const [row] = await selectRows<{ tenant: string; caf: string }>(
    db,
    sql`select coalesce(sum(m.debit_cents - m.credit_cents) filter (where m.kind = 'payment'), 0)::bigint as tenant,
               coalesce(sum(m.debit_cents - m.credit_cents) filter (where m.kind = 'housing_benefit_receipt'), 0)::bigint as caf
          from ledger_month_totals m
          join ledger_accounts a on a.organisation_id = m.organisation_id and a.id = m.account_id
         where m.organisation_id = ${organisationId} and m.month = ${month} and a.kind = 'bank'`,
  );
  return { tenantCents: Number(row?.tenant ?? 0), cafCents: Number(row?.caf ?? 0) };
}

/**
 * Arrears of every tenant in debt (maintained balances) aged at `asOf`, summed per bucket: the
 * total is what fell due and is unpaid (the buckets' sum), a lease in arrears one that owes some;
 * a call or an instalment not yet due is owed but not late, so in neither.
 *
 * The same outcome as each lease's own arrears view (payments allocated oldest period first by
 * allocateOldestFirst, what is left aged by ageOutstanding; tests/api/ledger-reports compares
 * them): what is outstanding is the newest parts summing to the balance — rent calls and the
 * charges balances claimed (claimParts) — so the balance goes first to the parts not yet due (in
 * no bucket), then to those due 0–30, 31–60, 61–90 and more than 90 days ago; a balance above
 * everything owed is in no bucket. Written in SQL so that
 * 10 000 leases cost one pass over the last 90 days of calls instead of a round trip per lease:
 * the older calls of a lease are read only when its balance exceeds its recent calls, and all of
 * them only when its 12 newest older calls do not cover it (a balance can't exceed what was
 * called — credits only settle or cancel calls — but the lease view caps it there, so does this).
 */
export async function arrearsByBucket(db: Db, organisationId: string, asOf: IsoDate) {
  const starts = ageingBucketStarts(asOf);
  const tenantCall = sql`rc.organisation_id = ${organisationId} and rc.person_id is not null and ${callNotReversed(organisationId)}`;
  // the yearly charges balances owed besides the calls (ChargesClaim): one part on the day each
  // was claimed, or one per instalment when paid in twelve; few rows, read whole
  const claimParts = sql`select cr.lease_id,
                                coalesce((i.value->>'dueOn')::date, cr.confirmed_on) as due_on,
                                coalesce((i.value->>'amountCents')::bigint, cr.balance_cents) as part
                           from charge_regularisations cr
                           left join lateral jsonb_array_elements(cr.instalments) i on true
                          where cr.organisation_id = ${organisationId} and cr.balance_cents > 0
                            and cr.transaction_id is not null
                            and cr.transaction_id not in (select r.reverses_transaction_id from ledger_transactions r
                                                           where r.organisation_id = ${organisationId} and r.reverses_transaction_id is not null)`;
  const [row] = await selectRows<Record<"leases" | "total" | AgeingBucket, string>>(
    db,
    sql`with debt as materialized (${tenantDebtsByLease(organisationId)}), parts as (
          select rc.lease_id, rc.due_on, rc.tenant_part_cents as part
            from rent_calls rc
           where rc.due_on >= ${starts["61-90"]} and ${tenantCall}
          union all
          select lease_id, due_on, part from (${claimParts}) c
        ), recent as (
          select p.lease_id,
                 sum(p.part) filter (where p.due_on > ${asOf}) as not_yet_due,
                 sum(p.part) filter (where p.due_on between ${starts["0-30"]} and ${asOf}) as d30,
                 sum(p.part) filter (where p.due_on >= ${starts["31-60"]} and p.due_on < ${starts["0-30"]}) as d60,
                 sum(p.part) filter (where p.due_on >= ${starts["61-90"]} and p.due_on < ${starts["31-60"]}) as d90,
                 sum(p.part) filter (where p.due_on < ${starts["61-90"]}) as older_claims
            from parts p
           group by p.lease_id
        ), due as (
          -- what the parts already due owe, and their cumulative sums newest first
          select d.lease_id, d.balance, greatest(0, d.balance - coalesce(r.not_yet_due, 0)) as owed,
                 coalesce(r.d30, 0) as upto30, coalesce(r.d30, 0) + coalesce(r.d60, 0) as upto60,
                 coalesce(r.d30, 0) + coalesce(r.d60, 0) + coalesce(r.d90, 0) as upto90,
                 coalesce(r.older_claims, 0) as older_claims
            from debt d left join recent r on r.lease_id = d.lease_id
        ), recent_cover as (
          -- owed beyond the last 90 days: the next 12 older calls (lease index, newest first) cover it
          -- for most debtors; their whole history is summed only when they do not
          select due.*, case when owed <= upto90 + older_claims then owed
                             else least(owed, upto90 + older_claims + (select coalesce(sum(x.part), 0) from (
                                    select rc.tenant_part_cents as part from rent_calls rc
                                     where rc.lease_id = due.lease_id and rc.due_on < ${starts["61-90"]} and ${tenantCall}
                                     order by rc.period_start desc limit 12) x))
                        end as covered
            from due
        ), aged as (
          select balance, least(owed, upto30) as c30, least(owed, upto60) as c60, least(owed, upto90) as c90,
                 case when covered = owed then owed
                      else least(owed, upto90 + older_claims + (select coalesce(sum(rc.tenant_part_cents), 0) from rent_calls rc
                                                  where rc.lease_id = recent_cover.lease_id and rc.due_on < ${starts["61-90"]} and ${tenantCall}))
                 end as call
            from recent_cover
        )
        select count(*) filter (where call > 0)::bigint as leases, coalesce(sum(call), 0)::bigint as total,
               coalesce(sum(c30), 0)::bigint as "0-30", coalesce(sum(c60 - c30), 0)::bigint as "31-60",
               coalesce(sum(c90 - c60), 0)::bigint as "61-90", coalesce(sum(call - c90), 0)::bigint as "90+"
          from aged`,
  );
  return {
    totalCents: Number(row?.total ?? 0),
    leasesInArrears: Number(row?.leases ?? 0),
    buckets: Object.fromEntries(ageingBuckets.map((b) => [b, Number(row?.[b] ?? 0)])) as Record<
      AgeingBucket,
      number
    >,
  };
}
