import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { Db } from "../../../db/client";
import { NO_LEASE } from "../../../db/schema/ledger";
import { compareDates, type IsoDate, lastDayOfMonth } from "../../lib/dates";
import { actualCostsByCategory, costSummary } from "../costs/costs.service";
import { costCategories, costCategoryLabels } from "../ledger/ledger.accounts";
import { selectRows } from "../ledger/ledger.queries";
import { type AgeingBucket, ageingBuckets, monthStart } from "../ledger/ledger.rules";

/**
 * Tenant balances in debt per lease, from the balances the database maintains with every entry
 * (ledger_balances: one row per account and lease instead of every entry ever written).
 */
function tenantBalances(organisationId: string) {
  return sql`select b.lease_key as lease_id, sum(b.debit_cents - b.credit_cents) as balance
               from ledger_balances b
               join ledger_accounts a on a.organisation_id = b.organisation_id and a.id = b.account_id
              where b.organisation_id = ${organisationId} and a.kind = 'tenant' and b.lease_key <> ${NO_LEASE}
              group by b.lease_key
             having sum(b.debit_cents - b.credit_cents) > 0`;
}

/** The calls of the lease `b.lease_id` due by `asOf` that count for the tenant (not reversed). */
function callsOfLease(organisationId: string, asOf: IsoDate) {
  return sql`rc.organisation_id = ${organisationId} and rc.lease_id = b.lease_id
             and rc.person_id is not null and rc.due_on <= ${asOf}
             and not exists (select 1 from ledger_transactions r
                              where r.organisation_id = rc.organisation_id and r.reverses_transaction_id = rc.transaction_id)`;
}

/**
 * Arrears by ageing bucket for the whole organisation in SQL (the dashboard must stay fast at
 * 10 000 leases): payments settle the oldest period first, so what is outstanding is the newest
 * calls summing to the balance; each call's outstanding part is clamp(balance − newer calls).
 */
export async function arrearsBuckets(db: Db, organisationId: string, asOf: IsoDate) {
  const rows = await selectRows<{ bucket: AgeingBucket; amount: string; leases: string }>(
    db,
    // Most leases in debt owe only their latest call(s): read each lease's 3 newest calls through
    // the (organisation, lease, period) index, and all of its calls only when those 3 do not cover
    // its balance (period_start is unique per lease, so it orders the calls on its own).
    sql`with bal as materialized (${tenantBalances(organisationId)}), recent as materialized (
          select b.lease_id, b.balance, c.due_on, c.part, sum(c.part) over (partition by b.lease_id order by c.period_start desc) as newer
            from bal b
            cross join lateral (
              select rc.due_on, rc.period_start, rc.tenant_part_cents as part
                from rent_calls rc
               where ${callsOfLease(organisationId, asOf)}
               order by rc.period_start desc limit 3
            ) c
        ), uncovered as (
          select lease_id, balance from recent group by lease_id, balance having max(newer) < balance
        ), calls as (
          select lease_id, due_on, part, balance, newer from recent
           where lease_id not in (select lease_id from uncovered)
          union all
          select b.lease_id, c.due_on, c.part, b.balance, c.newer
            from uncovered b
            cross join lateral (
              select rc.due_on, rc.tenant_part_cents as part,
                     sum(rc.tenant_part_cents) over (order by rc.period_start desc) as newer
                from rent_calls rc
               where ${callsOfLease(organisationId, asOf)}
            ) c
        ), outstanding as (
          select lease_id, greatest(0, least(part, balance - (newer - part))) as amount,
                 (${asOf}::date - due_on) as age
            from calls
        )
        select case when age <= 30 then '0-30' when age <= 60 then '31-60' when age <= 90 then '61-90' else '90+' end as bucket,
               sum(amount)::bigint as amount, count(distinct lease_id)::bigint as leases
          from outstanding where amount > 0
         group by 1`,
  );
  const buckets = Object.fromEntries(ageingBuckets.map((b) => [b, 0])) as Record<AgeingBucket, number>;
  for (const r of rows) buckets[r.bucket] = Number(r.amount);
  const [total] = await selectRows<{ total: string; leases: string }>(
    db,
    sql`select coalesce(sum(balance), 0)::bigint as total, count(*)::bigint as leases
          from (${tenantBalances(organisationId)}) x`,
  );
  return { totalCents: Number(total?.total ?? 0), leasesInArrears: Number(total?.leases ?? 0), buckets };
}

/** The finance dashboard of a month. */
export async function financeDashboard(db: Db, organisationId: string, month: string, today: IsoDate) {
  const from = monthStart(month);
  const to = lastDayOfMonth(from);
  const notReversed = sql`not exists (select 1 from ledger_transactions r where r.organisation_id = rc.organisation_id and r.reverses_transaction_id = rc.transaction_id)`;
  const [vacancy] = await selectRows<{ units: string; days: string; cost: string }>(
    db,
    sql`select count(distinct rc.unit_id) filter (where rc.vacant_days > 0)::bigint as units,
               coalesce(sum(rc.vacant_days), 0)::bigint as days, coalesce(sum(rc.vacancy_cost_cents), 0)::bigint as cost
          from rent_calls rc
         where rc.organisation_id = ${organisationId} and rc.lease_kind = 'head_lease'
           and rc.period_start between ${from} and ${to} and ${notReversed}`,
  );
  const [called] = await selectRows<{ total: string; benefit: string; calls: string }>(
    db,
    sql`select coalesce(sum(rc.rent_cents + rc.charges_cents), 0)::bigint as total,
               coalesce(sum(rc.housing_benefit_cents), 0)::bigint as benefit, count(*)::bigint as calls
          from rent_calls rc
         where rc.organisation_id = ${organisationId} and rc.lease_kind <> 'head_lease'
           and rc.period_start between ${from} and ${to} and ${notReversed}`,
  );
  const [collected] = await selectRows<{ tenant: string; caf: string }>(
    db,
    sql`select coalesce(sum(e.debit_cents - e.credit_cents) filter (where coalesce(o.kind, t.kind) = 'payment'), 0)::bigint as tenant,
               coalesce(sum(e.debit_cents - e.credit_cents) filter (where coalesce(o.kind, t.kind) = 'housing_benefit_receipt'), 0)::bigint as caf
          from ledger_entries e
          join ledger_accounts a on a.organisation_id = e.organisation_id and a.id = e.account_id
          join ledger_transactions t on t.organisation_id = e.organisation_id and t.id = e.transaction_id
          left join ledger_transactions o on o.organisation_id = t.organisation_id and o.id = t.reverses_transaction_id
         where e.organisation_id = ${organisationId} and a.kind = 'bank'
           and t.occurred_on between ${from} and ${to}`,
  );
  const asOf = compareDates(to, today) < 0 ? to : today;
  const arrears = await arrearsBuckets(db, organisationId, asOf);
  const monthCosts = await actualCostsByCategory(db, organisationId, from, to);
  const year = Number(month.slice(0, 4));
  const yearToDate = await actualCostsByCategory(db, organisationId, `${year}-01-01`, to);
  const budget = await costSummary(db, organisationId, year);
  const budgetByCategory = new Map(budget.categories.map((c) => [c.category, c.budgetCents]));
  return {
    month,
    vacancy: {
      unitsVacant: Number(vacancy?.units ?? 0),
      vacancyDays: Number(vacancy?.days ?? 0),
      vacancyCostCents: Number(vacancy?.cost ?? 0),
    },
    rent: {
      calls: Number(called?.calls ?? 0),
      calledCents: Number(called?.total ?? 0),
      housingBenefitCalledCents: Number(called?.benefit ?? 0),
      collectedFromTenantsCents: Number(collected?.tenant ?? 0),
      collectedFromCafCents: Number(collected?.caf ?? 0),
      collectedCents: Number(collected?.tenant ?? 0) + Number(collected?.caf ?? 0),
    },
    // balances are the current ones; buckets age them at the month end (or today)
    arrears: { asOf, ...arrears },
    costs: costCategories.map((category) => ({
      category,
      label: costCategoryLabels[category],
      monthCents: monthCosts[category],
      yearToDateCents: yearToDate[category],
      budgetCents: budgetByCategory.get(category) ?? null,
    })),
  };
}

export type JournalLine = {
  occurredOn: string;
  transactionId: string;
  kind: string;
  label: string;
  accountCode: string;
  accountName: string;
  debitCents: number;
  creditCents: number;
  leaseId: string | null;
  reversesTransactionId: string | null;
};

/** The ledger journal (every entry) between two dates, in posting order. */
export async function journal(
  db: Db,
  organisationId: string,
  from: IsoDate,
  to: IsoDate,
): Promise<JournalLine[]> {
  const rows = await selectRows<Record<string, string | null>>(
    db,
    sql`select t.occurred_on::text as occurred_on, t.id as transaction_id, t.kind, t.label, a.code, a.name,
               e.debit_cents, e.credit_cents, e.lease_id, t.reverses_transaction_id
          from ledger_entries e
          join ledger_transactions t on t.organisation_id = e.organisation_id and t.id = e.transaction_id
          join ledger_accounts a on a.organisation_id = e.organisation_id and a.id = e.account_id
         where e.organisation_id = ${organisationId} and t.occurred_on between ${from} and ${to}
         order by t.occurred_on, t.recorded_at, t.id, e.debit_cents desc, a.code`,
  );
  return rows.map((r) => ({
    occurredOn: r.occurred_on!,
    transactionId: r.transaction_id!,
    kind: r.kind!,
    label: r.label!,
    accountCode: r.code!,
    accountName: r.name!,
    debitCents: Number(r.debit_cents),
    creditCents: Number(r.credit_cents),
    leaseId: r.lease_id ?? null,
    reversesTransactionId: r.reverses_transaction_id ?? null,
  }));
}

/** "1234,56": the accountant's spreadsheets read a decimal comma (cents → text, no float). */
function euros(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)},${String(abs % 100).padStart(2, "0")}`;
}

function csvCell(value: string | number | null): string {
  const text = value === null ? "" : String(value);
  return /[";\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const journalHeader = [
  "Date",
  "Écriture",
  "Nature",
  "Libellé",
  "Compte",
  "Intitulé du compte",
  "Débit",
  "Crédit",
  "Bail",
  "Contre-passe",
];

/** CSV for French spreadsheets: UTF-8 BOM, semicolons, decimal comma. */
export function journalCsv(lines: JournalLine[]): string {
  const rows = lines.map((l) =>
    [
      l.occurredOn,
      l.transactionId,
      l.kind,
      l.label,
      l.accountCode,
      l.accountName,
      euros(l.debitCents),
      euros(l.creditCents),
      l.leaseId,
      l.reversesTransactionId,
    ]
      .map(csvCell)
      .join(";"),
  );
  return `\uFEFF${[journalHeader.join(";"), ...rows].join("\r\n")}\r\n`;
}

type Dashboard = Awaited<ReturnType<typeof financeDashboard>>;

export function dashboardCsv(d: Dashboard): string {
  const rows: (string | number)[][] = [
    ["Indicateur", "Valeur"],
    ["Mois", d.month],
    ["Logements vacants", d.vacancy.unitsVacant],
    ["Jours de vacance", d.vacancy.vacancyDays],
    ["Coût de la vacance (€)", euros(d.vacancy.vacancyCostCents)],
    ["Loyers et charges appelés (€)", euros(d.rent.calledCents)],
    ["Encaissé (€)", euros(d.rent.collectedCents)],
    ["dont locataires (€)", euros(d.rent.collectedFromTenantsCents)],
    ["dont CAF (€)", euros(d.rent.collectedFromCafCents)],
    ["Impayés total (€)", euros(d.arrears.totalCents)],
    ...ageingBuckets.map((b) => [`Impayés ${b} jours (€)`, euros(d.arrears.buckets[b])]),
    ...d.costs.map((c) => [`Coût IML ${c.label} — mois (€)`, euros(c.monthCents)]),
    ...d.costs.map((c) => [
      `Coût IML ${c.label} — cumul / budget (€)`,
      `${euros(c.yearToDateCents)} / ${c.budgetCents === null ? "" : euros(c.budgetCents)}`,
    ]),
  ];
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(";")).join("\r\n")}\r\n`;
}

const euroFormat = '#,##0.00 "€"';

/** One workbook: the dashboard, the IML costs vs budget, and the journal of the month. */
export async function financeWorkbook(d: Dashboard | null, lines: JournalLine[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Back office logement";
  if (d) {
    const sheet = workbook.addWorksheet("Tableau de bord");
    sheet.columns = [
      { header: "Indicateur", key: "label", width: 48 },
      { header: "Valeur", key: "value", width: 18 },
    ];
    const money = (label: string, cents: number) =>
      (sheet.addRow({ label, value: cents / 100 }).getCell(2).numFmt = euroFormat);
    sheet.addRow({ label: "Mois", value: d.month });
    sheet.addRow({ label: "Logements vacants", value: d.vacancy.unitsVacant });
    sheet.addRow({ label: "Jours de vacance", value: d.vacancy.vacancyDays });
    money("Coût de la vacance", d.vacancy.vacancyCostCents);
    money("Appelé", d.rent.calledCents);
    money("Encaissé", d.rent.collectedCents);
    money("Impayés", d.arrears.totalCents);
    for (const b of ageingBuckets) money(`Impayés ${b} jours`, d.arrears.buckets[b]);
    const costs = workbook.addWorksheet("Coûts IML");
    costs.columns = [
      { header: "Catégorie", key: "label", width: 48 },
      { header: "Mois", key: "month", width: 16, style: { numFmt: euroFormat } },
      { header: "Cumul annuel", key: "ytd", width: 16, style: { numFmt: euroFormat } },
      { header: "Budget", key: "budget", width: 16, style: { numFmt: euroFormat } },
    ];
    for (const c of d.costs)
      costs.addRow({
        label: c.label,
        month: c.monthCents / 100,
        ytd: c.yearToDateCents / 100,
        budget: c.budgetCents === null ? null : c.budgetCents / 100,
      });
  }
  const sheet = workbook.addWorksheet("Journal");
  sheet.columns = journalHeader.map((header, i) => ({
    header,
    key: String(i),
    width: i === 3 || i === 5 ? 40 : 14,
    style: i === 6 || i === 7 ? { numFmt: euroFormat } : {},
  }));
  for (const l of lines)
    sheet.addRow([
      l.occurredOn,
      l.transactionId,
      l.kind,
      l.label,
      l.accountCode,
      l.accountName,
      l.debitCents / 100,
      l.creditCents / 100,
      l.leaseId,
      l.reversesTransactionId,
    ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
