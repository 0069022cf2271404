import { and, eq, gte, inArray, isNotNull, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import {
  chargeRegularisations,
  landlords,
  leases,
  ledgerAccounts,
  ledgerBalances,
  ledgerEntries,
  ledgerTransactions,
  persons,
  rentCalls,
  rentReceipts,
  rentRevisions,
} from "../../../db/schema";
import { NO_LEASE } from "../../../db/schema/ledger";
import { AppError } from "../../lib/errors";
import { billedUntil } from "../leases/leases.rules";
import type { IsoDate } from "../../lib/dates";
import { timeOrderedUuid } from "../../lib/ids";
import { decodedJson, jsonRecords } from "../../lib/sql-json";
import type { AccountSpec } from "./ledger.accounts";
import { type ChargesClaim, type EntryLine, isBalanced, nonZeroLines } from "./ledger.rules";

/** An entry's transaction, joined within the entry's organisation. */
export const entryTransaction = and(
  eq(ledgerTransactions.organisationId, ledgerEntries.organisationId),
  eq(ledgerTransactions.id, ledgerEntries.transactionId),
);

/** An entry's account, joined within the entry's organisation. */
export const entryAccount = and(
  eq(ledgerAccounts.organisationId, ledgerEntries.organisationId),
  eq(ledgerAccounts.id, ledgerEntries.accountId),
);

export type TransactionHeader = Omit<
  typeof ledgerTransactions.$inferInsert,
  "organisationId" | "id" | "recordedAt"
>;

/** Rows of a raw query whatever the driver (postgres.js: array; PGlite: {rows}). */
export async function selectRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/**
 * A PostgreSQL array literal ('{"a","b",NULL}') for one parameter: every element quoted and
 * escaped, so any text is safe; cast it in the query (::uuid[], ::date[]…).
 */
export function pgArray(values: readonly (string | number | null)[]): string {
  return `{${values
    .map((v) => (v === null ? "NULL" : `"${String(v).replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`))
    .join(",")}}`;
}

/** Creates the accounts that do not exist yet and returns code → id. */
export async function ensureAccounts(
  db: Db,
  organisationId: string,
  specs: readonly AccountSpec[],
): Promise<Map<string, string>> {
  const unique = [...new Map(specs.map((s) => [s.code, s])).values()];
  const ids = new Map<string, string>();
  for (let i = 0; i < unique.length; i += 1000) {
    const chunk = unique.slice(i, i + 1000);
    const lookup = async (codes: string[]) => {
      const rows = await db
        .select({ id: ledgerAccounts.id, code: ledgerAccounts.code })
        .from(ledgerAccounts)
        .where(and(eq(ledgerAccounts.organisationId, organisationId), inArray(ledgerAccounts.code, codes)));
      for (const row of rows) ids.set(row.code, row.id);
    };
    // most accounts exist after the first run: read first, insert only the missing ones
    await lookup(chunk.map((s) => s.code));
    const missing = chunk.filter((s) => !ids.has(s.code));
    if (missing.length === 0) continue;
    await db
      .insert(ledgerAccounts)
      .values(
        missing.map((s) => ({
          organisationId,
          code: s.code,
          kind: s.kind,
          name: s.name,
          personId: s.personId ?? null,
          landlordId: s.landlordId ?? null,
          costCategory: s.costCategory ?? null,
        })),
      )
      .onConflictDoNothing();
    await lookup(missing.map((s) => s.code));
  }
  return ids;
}

export async function ensureAccount(db: Db, organisationId: string, spec: AccountSpec): Promise<string> {
  return (await ensureAccounts(db, organisationId, [spec])).get(spec.code)!;
}

export type PostingInput = { header: TransactionHeader; lines: EntryLine[]; id?: string };

/**
 * Posts balanced transactions in bulk (the database checks the balance again at commit).
 * Returns the transaction ids in input order.
 */
export async function postTransactions(db: Db, organisationId: string, postings: readonly PostingInput[]) {
  const prepared = postings.map((p) => {
    const lines = nonZeroLines(p.lines);
    if (!isBalanced(lines))
      throw new AppError("LEDGER_UNBALANCED", "Écriture déséquilibrée : débits et crédits diffèrent", {
        lines,
      });
    return { id: p.id ?? timeOrderedUuid(), header: p.header, lines };
  });
  // one INSERT … SELECT FROM unnest(arrays) per table: a handful of parameters instead of tens
  // of thousands (parsing and binding huge multi-row VALUES dominated large runs)
  const headers = prepared.map((p) => ({ id: p.id, ...p.header }));
  for (let i = 0; i < headers.length; i += 20_000) {
    const chunk = headers.slice(i, i + 20_000);
    const c = <K extends keyof (typeof headers)[number]>(key: K) =>
      pgArray(chunk.map((h) => (h[key] ?? null) as string | number | null));
    await db.execute(sql`insert into ledger_transactions (organisation_id, id, kind, occurred_on, label, lease_id,
        person_id, unit_id, landlord_id, cost_category, method, external_reference, period_start, period_end,
        reverses_transaction_id, created_by_user_id)
      select ${organisationId}::uuid, * from unnest(${c("id")}::uuid[], ${c("kind")}::ledger_transaction_kind[],
        ${c("occurredOn")}::date[], ${c("label")}::text[], ${c("leaseId")}::uuid[], ${c("personId")}::uuid[],
        ${c("unitId")}::uuid[], ${c("landlordId")}::uuid[], ${c("costCategory")}::iml_cost_category[],
        ${c("method")}::payment_method[], ${c("externalReference")}::text[], ${c("periodStart")}::date[],
        ${c("periodEnd")}::date[], ${c("reversesTransactionId")}::uuid[], ${c("createdByUserId")}::uuid[])`);
  }
  const entries = prepared.flatMap((p) =>
    p.lines.map((line) => ({
      id: timeOrderedUuid(),
      transactionId: p.id,
      accountId: line.accountId,
      debitCents: line.debitCents,
      creditCents: line.creditCents,
      leaseId: line.leaseId ?? null,
    })),
  );
  for (let i = 0; i < entries.length; i += 50_000) {
    const chunk = entries.slice(i, i + 50_000);
    const c = <K extends keyof (typeof chunk)[number]>(key: K) =>
      pgArray(chunk.map((e) => e[key] as string | number | null));
    await db.execute(sql`insert into ledger_entries (organisation_id, id, transaction_id, account_id, debit_cents,
        credit_cents, lease_id)
      select ${organisationId}::uuid, * from unnest(${c("id")}::uuid[], ${c("transactionId")}::uuid[], ${c("accountId")}::uuid[],
        ${c("debitCents")}::integer[], ${c("creditCents")}::integer[], ${c("leaseId")}::uuid[])`);
  }
  return prepared.map((p) => p.id);
}

export async function postTransaction(
  db: Db,
  organisationId: string,
  posting: PostingInput,
): Promise<string> {
  const [id] = await postTransactions(db, organisationId, [posting]);
  return id!;
}

export async function findTransaction(db: Db, organisationId: string, id: string) {
  const [row] = await db
    .select()
    .from(ledgerTransactions)
    .where(and(eq(ledgerTransactions.organisationId, organisationId), eq(ledgerTransactions.id, id)));
  return row ?? null;
}

export async function transactionLines(db: Db, organisationId: string, transactionId: string) {
  return db
    .select({
      accountId: ledgerEntries.accountId,
      debitCents: ledgerEntries.debitCents,
      creditCents: ledgerEntries.creditCents,
      leaseId: ledgerEntries.leaseId,
      accountCode: ledgerAccounts.code,
      accountName: ledgerAccounts.name,
    })
    .from(ledgerEntries)
    .innerJoin(ledgerAccounts, entryAccount)
    .where(
      and(eq(ledgerEntries.organisationId, organisationId), eq(ledgerEntries.transactionId, transactionId)),
    );
}

export type BillableLease = {
  id: string;
  kind: (typeof leases.kind.enumValues)[number];
  unitId: string;
  personId: string | null;
  landlordId: string | null;
  startDate: IsoDate;
  endDate: IsoDate | null;
  status: (typeof leases.status.enumValues)[number];
  rentCents: number;
  chargesCents: number;
  housingBenefitCents: number;
  housingBenefitPaidToOperator: boolean;
  paymentFrequency: (typeof leases.paymentFrequency.enumValues)[number];
  personFirstName: string | null;
  personLastName: string | null;
};

const billableLease = jsonRecords<BillableLease>({
  id: leases.id,
  kind: leases.kind,
  unitId: leases.unitId,
  personId: leases.personId,
  landlordId: leases.landlordId,
  startDate: leases.startDate,
  endDate: leases.endDate,
  status: leases.status,
  rentCents: leases.rentCents,
  chargesCents: leases.chargesCents,
  housingBenefitCents: leases.housingBenefitCents,
  housingBenefitPaidToOperator: leases.housingBenefitPaidToOperator,
  paymentFrequency: leases.paymentFrequency,
  personFirstName: persons.firstName,
  personLastName: persons.lastName,
});

/**
 * The leases in `statuses` running at some point between `from` and `to`, with their tenant's
 * name, in one statement handed over as one JSON text (sql-json.ts: 10 000 leases of 14 values
 * took ~300 ms to decode value by value on the embedded database).
 */
export async function leasesRunningBetween(
  db: Db,
  organisationId: string,
  statuses: readonly (typeof leases.status.enumValues)[number][],
  from: IsoDate,
  to: IsoDate,
): Promise<BillableLease[]> {
  const [row] = await db
    .select({ leases: decodedJson(billableLease.agg(sql`${leases.id}`), billableLease.decode) })
    .from(leases)
    .leftJoin(
      persons,
      and(eq(persons.organisationId, leases.organisationId), eq(persons.id, leases.personId)),
    )
    .where(
      and(
        eq(leases.organisationId, organisationId),
        inArray(leases.status, [...statuses]),
        lte(leases.startDate, to),
        // a signed lease past its term without notice runs on (tacit renewal, see billedUntil)
        or(eq(leases.status, "signed"), isNull(leases.endDate), gte(leases.endDate, from)),
      ),
    );
  return row?.leases ?? [];
}

/**
 * Σ(debit − credit) on a tenant (411) or CAF (441) account for one lease. Only those two kinds keep
 * a balance per lease (migration 0016): any other account answers 0 here — sum its rows instead.
 */
export async function leaseAccountBalance(
  db: Db,
  organisationId: string,
  accountId: string,
  leaseId: string,
) {
  // maintained by the database with every entry (ledger_balances), read by primary key
  const [row] = await db
    .select({ debit: ledgerBalances.debitCents, credit: ledgerBalances.creditCents })
    .from(ledgerBalances)
    .where(
      and(
        eq(ledgerBalances.organisationId, organisationId),
        eq(ledgerBalances.accountId, accountId),
        eq(ledgerBalances.leaseKey, leaseId),
      ),
    );
  return row ? Number(row.debit) - Number(row.credit) : 0;
}

/**
 * Leases whose tenant owes money: (lease_id, balance > 0) from the tenant accounts' maintained
 * balances (ledger_balances), one row per lease, to use as a subquery.
 */
export function tenantDebtsByLease(organisationId: string): SQL {
  return sql`select b.lease_key as lease_id, sum(b.debit_cents - b.credit_cents) as balance
               from ledger_balances b
               join ledger_accounts a on a.organisation_id = b.organisation_id and a.id = b.account_id
              where b.organisation_id = ${organisationId} and a.kind = 'tenant' and b.lease_key <> ${NO_LEASE}
              group by b.lease_key
             having sum(b.debit_cents - b.credit_cents) > 0`;
}

/** The rent calls of a lease whose booking was not reversed, oldest first. */
export async function activeRentCalls(db: Db, organisationId: string, leaseId: string) {
  const reversal = sql`exists (select 1 from ledger_transactions r where r.organisation_id = ${rentCalls.organisationId} and r.reverses_transaction_id = ${rentCalls.transactionId})`;
  return db
    .select()
    .from(rentCalls)
    .where(
      and(eq(rentCalls.organisationId, organisationId), eq(rentCalls.leaseId, leaseId), sql`not ${reversal}`),
    )
    .orderBy(rentCalls.periodStart, rentCalls.id);
}

/**
 * The credits of a lease's tenant account in the order they were booked, with the kind of their
 * transaction; a credit later reversed, and the reversals, are left out (they cancel out).
 */
export async function tenantAccountCredits(
  db: Db,
  organisationId: string,
  accountId: string,
  leaseId: string,
) {
  const rows = await selectRows<{ kind: string; amount: string }>(
    db,
    sql`select t.kind, sum(e.credit_cents - e.debit_cents)::bigint as amount
          from ledger_entries e
          join ledger_transactions t on t.organisation_id = e.organisation_id and t.id = e.transaction_id
         where e.organisation_id = ${organisationId} and e.account_id = ${accountId} and e.lease_id = ${leaseId}
           and t.kind <> 'reversal' and t.kind <> 'rent_call'
           and not exists (select 1 from ledger_transactions r
                            where r.organisation_id = t.organisation_id and r.reverses_transaction_id = t.id)
         group by t.organisation_id, t.id, t.kind, t.occurred_on, t.recorded_at
         order by t.occurred_on, t.recorded_at, t.id`,
  );
  return rows.map((r) => ({ kind: r.kind, amountCents: Number(r.amount) }));
}

/** Events on the tenant account of a lease (calls +, payments −), by business date. */
export async function tenantDebtEvents(db: Db, organisationId: string, accountId: string, leaseId: string) {
  const rows = await db
    .select({
      transactionId: ledgerTransactions.id,
      on: ledgerTransactions.occurredOn,
      amount: sql<string>`sum(${ledgerEntries.debitCents} - ${ledgerEntries.creditCents})`,
    })
    .from(ledgerEntries)
    .innerJoin(ledgerTransactions, entryTransaction)
    .where(
      and(
        eq(ledgerEntries.organisationId, organisationId),
        eq(ledgerEntries.accountId, accountId),
        eq(ledgerEntries.leaseId, leaseId),
      ),
    )
    .groupBy(ledgerTransactions.id, ledgerTransactions.occurredOn);
  return rows.map((r) => ({ transactionId: r.transactionId, on: r.on, amountCents: Number(r.amount) }));
}

/**
 * The yearly charges balances claimed from the tenant of a lease (confirmed, owed by the tenant,
 * booking not reversed), with their instalments when paid in twelve (ChargesClaim).
 */
export async function chargesClaimsOfLease(
  db: Db,
  organisationId: string,
  leaseId: string,
): Promise<ChargesClaim[]> {
  const reversed = sql`exists (select 1 from ledger_transactions r where r.organisation_id = ${chargeRegularisations.organisationId} and r.reverses_transaction_id = ${chargeRegularisations.transactionId})`;
  const rows = await db
    .select({
      id: chargeRegularisations.id,
      transactionId: chargeRegularisations.transactionId,
      claimedOn: chargeRegularisations.confirmedOn,
      amountCents: chargeRegularisations.balanceCents,
      instalments: chargeRegularisations.instalments,
    })
    .from(chargeRegularisations)
    .where(
      and(
        eq(chargeRegularisations.organisationId, organisationId),
        eq(chargeRegularisations.leaseId, leaseId),
        isNotNull(chargeRegularisations.transactionId),
        sql`${chargeRegularisations.balanceCents} > 0`,
        sql`not ${reversed}`,
      ),
    )
    .orderBy(chargeRegularisations.confirmedOn, chargeRegularisations.id);
  return rows.map((r) => ({
    id: r.id,
    transactionId: r.transactionId!,
    claimedOn: r.claimedOn!,
    amountCents: r.amountCents,
    instalments: r.instalments,
  }));
}

export async function accountIdByCode(db: Db, organisationId: string, code: string) {
  const [row] = await db
    .select({ id: ledgerAccounts.id })
    .from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.organisationId, organisationId), eq(ledgerAccounts.code, code)));
  return row?.id ?? null;
}

export async function isReversed(db: Db, organisationId: string, transactionId: string) {
  const [row] = await db
    .select({ id: ledgerTransactions.id })
    .from(ledgerTransactions)
    .where(
      and(
        eq(ledgerTransactions.organisationId, organisationId),
        eq(ledgerTransactions.reversesTransactionId, transactionId),
      ),
    );
  return Boolean(row);
}

/**
 * The transactions booked on one lease, oldest first, each with its amount (the sum of its debits)
 * and, when it was cancelled, the id of the reversal that cancelled it.
 */
export async function findLeaseTransactions(db: Db, organisationId: string, leaseId: string) {
  return selectRows<{
    id: string;
    kind: string;
    occurredOn: string;
    label: string;
    amountCents: number;
    reversesTransactionId: string | null;
    reversedById: string | null;
  }>(
    db,
    sql`select t.id, t.kind, t.occurred_on::text as "occurredOn", t.label,
          coalesce((select sum(e.debit_cents) from ${ledgerEntries} e
                     where e.organisation_id = t.organisation_id and e.transaction_id = t.id), 0)::int
            as "amountCents",
          t.reverses_transaction_id as "reversesTransactionId",
          (select r.id from ${ledgerTransactions} r
            where r.organisation_id = t.organisation_id and r.reverses_transaction_id = t.id) as "reversedById"
        from ${ledgerTransactions} t
        where t.organisation_id = ${organisationId} and t.lease_id = ${leaseId}
        order by t.occurred_on, t.recorded_at`,
  );
}

/** The IRL revisions proposed for one lease, by anniversary. */
export async function findLeaseRevisions(db: Db, organisationId: string, leaseId: string) {
  return db
    .select({
      id: rentRevisions.id,
      anniversaryOn: rentRevisions.anniversaryOn,
      previousRentCents: rentRevisions.previousRentCents,
      newRentCents: rentRevisions.newRentCents,
      irlYear: rentRevisions.irlYear,
      irlQuarter: rentRevisions.irlQuarter,
      requestedOn: rentRevisions.requestedOn,
      effectiveFrom: rentRevisions.effectiveFrom,
    })
    .from(rentRevisions)
    .where(and(eq(rentRevisions.organisationId, organisationId), eq(rentRevisions.leaseId, leaseId)))
    .orderBy(rentRevisions.anniversaryOn);
}

/** The reversal that cancelled a transaction, if any. */
export async function findReversalOf(db: Db, organisationId: string, transactionId: string) {
  const [row] = await db
    .select({ id: ledgerTransactions.id })
    .from(ledgerTransactions)
    .where(
      and(
        eq(ledgerTransactions.organisationId, organisationId),
        eq(ledgerTransactions.reversesTransactionId, transactionId),
      ),
    );
  return row ?? null;
}

/** The periods already called that start between `from` and `to`, per lease. */
export async function rentCallsStartingBetween(db: Db, organisationId: string, from: IsoDate, to: IsoDate) {
  return db
    .select({ leaseId: rentCalls.leaseId, periodStart: rentCalls.periodStart })
    .from(rentCalls)
    .where(
      and(
        eq(rentCalls.organisationId, organisationId),
        gte(rentCalls.periodStart, from),
        lte(rentCalls.periodStart, to),
      ),
    );
}

/** Every requested IRL revision taking effect on or before `on` (whatever the lease). */
export async function revisionsInEffectBy(db: Db, organisationId: string, on: IsoDate) {
  const rows = await db
    .select({
      leaseId: rentRevisions.leaseId,
      effectiveFrom: rentRevisions.effectiveFrom,
      newRentCents: rentRevisions.newRentCents,
    })
    .from(rentRevisions)
    .where(
      and(
        eq(rentRevisions.organisationId, organisationId),
        isNotNull(rentRevisions.effectiveFrom),
        lte(rentRevisions.effectiveFrom, on),
      ),
    );
  return rows.map((r) => ({ ...r, effectiveFrom: r.effectiveFrom as IsoDate }));
}

export async function landlordNames(db: Db, organisationId: string, landlordIds: readonly string[]) {
  if (landlordIds.length === 0) return [];
  return db
    .select({ id: landlords.id, displayName: landlords.displayName })
    .from(landlords)
    .where(and(eq(landlords.organisationId, organisationId), inArray(landlords.id, [...landlordIds])));
}

/**
 * When each unit is occupied: the dates of the leases of `kinds` in `statuses` on those units. A
 * signed lease has no end here: past its term without notice it runs on (billedUntil).
 */
export async function occupancyOfUnits(
  db: Db,
  organisationId: string,
  unitIds: readonly string[],
  kinds: readonly (typeof leases.kind.enumValues)[number][],
  statuses: readonly (typeof leases.status.enumValues)[number][],
) {
  if (unitIds.length === 0) return [];
  const rows = await db
    .select({ unitId: leases.unitId, start: leases.startDate, end: leases.endDate, status: leases.status })
    .from(leases)
    .where(
      and(
        eq(leases.organisationId, organisationId),
        inArray(leases.unitId, [...unitIds]),
        inArray(leases.kind, [...kinds]),
        inArray(leases.status, [...statuses]),
      ),
    );
  return rows.map((r) => ({
    unitId: r.unitId,
    start: r.start,
    end: billedUntil({ status: r.status, endDate: r.end }),
  }));
}

export type RentCallRow = typeof rentCalls.$inferInsert;

/** Inserts rent calls in chunks of 20 000, each one statement over arrays (unnest). */
export async function insertRentCalls(db: Db, organisationId: string, rows: readonly RentCallRow[]) {
  for (let i = 0; i < rows.length; i += 20_000) {
    const chunk = rows.slice(i, i + 20_000);
    const c = <K extends keyof RentCallRow>(key: K) =>
      pgArray(chunk.map((r) => (r[key] ?? null) as string | number | null));
    await db.execute(sql`insert into rent_calls (organisation_id, id, lease_id, lease_kind, unit_id, person_id, landlord_id,
        period_start, period_end, due_on, rent_cents, charges_cents, housing_benefit_cents, tenant_part_cents,
        vacant_days, vacancy_cost_cents, transaction_id)
      select ${organisationId}::uuid, * from unnest(${c("id")}::uuid[], ${c("leaseId")}::uuid[], ${c("leaseKind")}::text[],
        ${c("unitId")}::uuid[], ${c("personId")}::uuid[], ${c("landlordId")}::uuid[], ${c("periodStart")}::date[],
        ${c("periodEnd")}::date[], ${c("dueOn")}::date[], ${c("rentCents")}::integer[], ${c("chargesCents")}::integer[],
        ${c("housingBenefitCents")}::integer[], ${c("tenantPartCents")}::integer[], ${c("vacantDays")}::integer[],
        ${c("vacancyCostCents")}::integer[], ${c("transactionId")}::uuid[])`);
  }
}

export type ReceiptRow = typeof rentReceipts.$inferInsert;

/** Inserts receipts; one already issued for the same call and transaction is kept as it was. */
export async function insertReceipts(db: Db, rows: readonly ReceiptRow[]) {
  return db
    .insert(rentReceipts)
    .values([...rows])
    .onConflictDoNothing()
    .returning();
}

export async function leaseReceipts(db: Db, organisationId: string, leaseId: string) {
  return db
    .select()
    .from(rentReceipts)
    .where(and(eq(rentReceipts.organisationId, organisationId), eq(rentReceipts.leaseId, leaseId)))
    .orderBy(rentReceipts.issuedOn, rentReceipts.createdAt);
}

/** Σ debits and Σ credits per account of the transactions dated up to `asOf` (all when absent). */
export async function accountTotals(db: Db, organisationId: string, asOf?: IsoDate) {
  return db
    .select({
      accountId: ledgerAccounts.id,
      code: ledgerAccounts.code,
      name: ledgerAccounts.name,
      kind: ledgerAccounts.kind,
      debit: sql<string>`coalesce(sum(${ledgerEntries.debitCents}), 0)`,
      credit: sql<string>`coalesce(sum(${ledgerEntries.creditCents}), 0)`,
    })
    .from(ledgerEntries)
    .innerJoin(ledgerAccounts, entryAccount)
    .innerJoin(ledgerTransactions, entryTransaction)
    .where(
      and(
        eq(ledgerEntries.organisationId, organisationId),
        asOf ? lte(ledgerTransactions.occurredOn, asOf) : undefined,
      ),
    )
    .groupBy(ledgerAccounts.id, ledgerAccounts.code, ledgerAccounts.name, ledgerAccounts.kind)
    .orderBy(ledgerAccounts.code);
}
