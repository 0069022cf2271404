import { and, eq, gte, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import {
  costBudgets,
  landlords,
  ledgerTransactions,
  leases,
  organisations,
  persons,
  units,
} from "../../../db/schema";
import type { IsoDate } from "../../lib/dates";
import type { CostCategory } from "../ledger/ledger.accounts";
import { selectRows } from "../ledger/ledger.queries";
import { TENANT_CONTRACT_KINDS } from "../leases/leases.rules";

/** Whether the organisation has that unit, person or lease. */
export async function subjectExists(
  db: Db,
  organisationId: string,
  kind: "unit" | "person" | "lease",
  id: string,
): Promise<boolean> {
  const table = kind === "unit" ? units : kind === "person" ? persons : leases;
  const [row] = await db
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.organisationId, organisationId), eq(table.id, id)));
  return Boolean(row);
}

export async function findLandlord(db: Db, organisationId: string, landlordId: string) {
  const [landlord] = await db
    .select()
    .from(landlords)
    .where(and(eq(landlords.organisationId, organisationId), eq(landlords.id, landlordId)));
  return landlord ?? null;
}

export async function findOrganisation(db: Db, organisationId: string) {
  const [organisation] = await db.select().from(organisations).where(eq(organisations.id, organisationId));
  return organisation ?? null;
}

/** The tenant leases billed at some point between `from` and `to`, each with its tenant. */
export async function tenantLeasesRunningBetween(db: Db, organisationId: string, from: IsoDate, to: IsoDate) {
  return db
    .select({ lease: leases, person: persons })
    .from(leases)
    .innerJoin(
      persons,
      and(eq(persons.organisationId, leases.organisationId), eq(persons.id, leases.personId)),
    )
    .where(
      and(
        eq(leases.organisationId, organisationId),
        inArray(leases.kind, [...TENANT_CONTRACT_KINDS]),
        inArray(leases.status, ["signed", "notice_given", "ended"]),
        lte(leases.startDate, to),
        or(isNull(leases.endDate), gte(leases.endDate, from)),
      ),
    );
}

/** The leases already credited a rent complement for the month starting `periodStart`. */
export async function leasesWithComplementFor(db: Db, organisationId: string, periodStart: IsoDate) {
  const rows = await db
    .select({ leaseId: ledgerTransactions.leaseId })
    .from(ledgerTransactions)
    .where(
      and(
        eq(ledgerTransactions.organisationId, organisationId),
        eq(ledgerTransactions.kind, "rent_complement"),
        eq(ledgerTransactions.periodStart, periodStart),
      ),
    );
  return new Set(rows.map((r) => r.leaseId));
}

export async function upsertBudget(
  db: Db,
  organisationId: string,
  year: number,
  budget: { category: CostCategory; amountCents: number },
) {
  await db
    .insert(costBudgets)
    .values({ organisationId, year, category: budget.category, amountCents: budget.amountCents })
    .onConflictDoUpdate({
      target: [costBudgets.organisationId, costBudgets.year, costBudgets.category],
      set: { amountCents: budget.amountCents, updatedAt: new Date() },
    });
}

export async function budgetsOf(db: Db, organisationId: string, year: number) {
  return db
    .select()
    .from(costBudgets)
    .where(and(eq(costBudgets.organisationId, organisationId), eq(costBudgets.year, year)));
}

/**
 * Σ(debit − credit) per cost category over the months from `fromMonth` to `toMonth` (first days,
 * included), from the month totals the database maintains with every entry (ledger_month_totals).
 */
export async function costTotalsByCategory(
  db: Db,
  organisationId: string,
  fromMonth: IsoDate,
  toMonth: IsoDate,
) {
  return selectRows<{ category: CostCategory; amount: string }>(
    db,
    sql`select a.cost_category as category, sum(m.debit_cents - m.credit_cents)::bigint as amount
          from ledger_month_totals m
          join ledger_accounts a on a.organisation_id = m.organisation_id and a.id = m.account_id
         where m.organisation_id = ${organisationId} and a.kind = 'iml_cost'
           and m.month between ${fromMonth} and ${toMonth}
         group by a.cost_category`,
  );
}
