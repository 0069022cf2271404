import {
  and,
  asc,
  count,
  desc,
  eq,
  getTableColumns,
  gte,
  inArray,
  isNotNull,
  lte,
  ne,
  sql,
} from "drizzle-orm";
import type { Db } from "../../../db/client";
import {
  buildings,
  landlords,
  leaseInspections,
  leaseReviews,
  leases,
  ledgerAccounts,
  ledgerEntries,
  ledgerTransactions,
  mandates,
  organisations,
  persons,
  rentCalls,
  tightMarketCommunes,
  units,
} from "../../../db/schema";
import type { PageRequest } from "../../lib/pagination";
import { entryAccount, entryTransaction } from "../ledger/ledger.queries";
import { TENANT_CONTRACT_KINDS } from "./leases.rules";

export type LeaseRow = typeof leases.$inferSelect;
export type NewLeaseRow = typeof leases.$inferInsert;
export type LeaseReviewRow = typeof leaseReviews.$inferSelect;
export type UnitStatus = (typeof units.$inferSelect)["status"];

export async function findLease(db: Db, organisationId: string, id: string, forUpdate = false) {
  const query = db
    .select()
    .from(leases)
    .where(and(eq(leases.organisationId, organisationId), eq(leases.id, id)))
    .limit(1);
  const [row] = forUpdate ? await query.for("update") : await query;
  return row ?? null;
}

export type LeaseListFilter = {
  unitId?: string;
  personId?: string;
  landlordId?: string;
  status?: LeaseRow["status"];
};

function leaseConditions(organisationId: string, filter: LeaseListFilter) {
  return and(
    eq(leases.organisationId, organisationId),
    filter.unitId ? eq(leases.unitId, filter.unitId) : undefined,
    filter.personId ? eq(leases.personId, filter.personId) : undefined,
    filter.landlordId ? eq(leases.landlordId, filter.landlordId) : undefined,
    filter.status ? eq(leases.status, filter.status) : undefined,
  );
}

export async function listLeases(db: Db, organisationId: string, filter: LeaseListFilter, page: PageRequest) {
  // who and where, so that a contract is recognised by its tenant and address (head leases: the landlord)
  return db
    .select({
      ...getTableColumns(leases),
      tenantName: sql<
        string | null
      >`case when ${persons.id} is null then null else ${persons.firstName} || ' ' || ${persons.lastName} end`,
      landlordName: landlords.displayName,
      address: sql<string>`${buildings.street} || ', ' || ${buildings.postcode} || ' ' || ${buildings.city}`,
      unitReference: units.reference,
      unitTypology: units.typology,
    })
    .from(leases)
    .innerJoin(units, eq(units.id, leases.unitId))
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .leftJoin(persons, eq(persons.id, leases.personId))
    .leftJoin(landlords, eq(landlords.id, leases.landlordId))
    .where(leaseConditions(organisationId, filter))
    .orderBy(desc(leases.startDate), asc(leases.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countLeases(db: Db, organisationId: string, filter: LeaseListFilter): Promise<number> {
  const [row] = await db.select({ n: count() }).from(leases).where(leaseConditions(organisationId, filter));
  return row?.n ?? 0;
}

export async function insertLease(db: Db, values: NewLeaseRow): Promise<LeaseRow> {
  const [row] = await db.insert(leases).values(values).returning();
  return row!;
}

export async function updateLease(db: Db, organisationId: string, id: string, values: Partial<NewLeaseRow>) {
  const [row] = await db
    .update(leases)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(leases.organisationId, organisationId), eq(leases.id, id)))
    .returning();
  return row!;
}

/** A unit with its building's address, locked when asked (the unit's status is about to change). */
export async function findUnitWithBuilding(
  db: Db,
  organisationId: string,
  unitId: string,
  forUpdate = false,
) {
  const query = db
    .select({ unit: units, building: buildings })
    .from(units)
    .innerJoin(
      buildings,
      and(eq(buildings.organisationId, units.organisationId), eq(buildings.id, units.buildingId)),
    )
    .where(and(eq(units.organisationId, organisationId), eq(units.id, unitId)))
    .limit(1);
  const [row] = forUpdate ? await query.for("update", { of: units }) : await query;
  return row ?? null;
}

export async function findLandlord(db: Db, organisationId: string, id: string) {
  const [row] = await db
    .select()
    .from(landlords)
    .where(and(eq(landlords.organisationId, organisationId), eq(landlords.id, id)))
    .limit(1);
  return row ?? null;
}

export async function findOrganisation(db: Db, organisationId: string) {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, organisationId)).limit(1);
  return row ?? null;
}

/** Tenant contracts in force on a unit (signed or under notice), other than `exceptId`. */
export async function activeTenantContracts(
  db: Db,
  organisationId: string,
  unitId: string,
  exceptId?: string,
) {
  const conditions = [
    eq(leases.organisationId, organisationId),
    eq(leases.unitId, unitId),
    inArray(leases.kind, [...TENANT_CONTRACT_KINDS]),
    inArray(leases.status, ["signed", "notice_given"]),
  ];
  if (exceptId) conditions.push(ne(leases.id, exceptId));
  return db
    .select()
    .from(leases)
    .where(and(...conditions));
}

/** The head lease in force on a unit, if any. */
export async function activeHeadLease(db: Db, organisationId: string, unitId: string) {
  const [row] = await db
    .select()
    .from(leases)
    .where(
      and(
        eq(leases.organisationId, organisationId),
        eq(leases.unitId, unitId),
        eq(leases.kind, "head_lease"),
        inArray(leases.status, ["signed", "notice_given"]),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** When the last tenant of the unit left (art. 3: previous rent when < 18 months). */
export async function lastTenantDeparture(db: Db, organisationId: string, unitId: string) {
  const [row] = await db
    .select({ endedOn: leases.endedOn, rentCents: leases.rentCents })
    .from(leases)
    .where(
      and(
        eq(leases.organisationId, organisationId),
        eq(leases.unitId, unitId),
        inArray(leases.kind, [...TENANT_CONTRACT_KINDS]),
        eq(leases.status, "ended"),
        isNotNull(leases.endedOn),
        ne(leases.endReason, "glissement"),
      ),
    )
    .orderBy(desc(leases.endedOn))
    .limit(1);
  return row ?? null;
}

export async function listReviews(db: Db, organisationId: string, leaseId: string) {
  return db
    .select()
    .from(leaseReviews)
    .where(and(eq(leaseReviews.organisationId, organisationId), eq(leaseReviews.leaseId, leaseId)))
    .orderBy(asc(leaseReviews.scheduledOn));
}

export async function insertReviews(db: Db, values: (typeof leaseReviews.$inferInsert)[]) {
  if (values.length === 0) return [];
  return db.insert(leaseReviews).values(values).returning();
}

export async function updateReview(
  db: Db,
  organisationId: string,
  id: string,
  values: Partial<typeof leaseReviews.$inferInsert>,
) {
  const [row] = await db
    .update(leaseReviews)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(leaseReviews.organisationId, organisationId), eq(leaseReviews.id, id)))
    .returning();
  return row!;
}

export async function setPersonHousing(
  db: Db,
  organisationId: string,
  personId: string,
  values: Partial<typeof persons.$inferInsert>,
) {
  await db
    .update(persons)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(persons.organisationId, organisationId), eq(persons.id, personId)));
}

export async function listTightMarketCommunes(db: Db, organisationId: string) {
  return db
    .select()
    .from(tightMarketCommunes)
    .where(eq(tightMarketCommunes.organisationId, organisationId))
    .orderBy(asc(tightMarketCommunes.inseeCode));
}

/** Replaces the organisation's zone tendue list by `communes` (one statement each way). */
export async function replaceTightMarketCommunes(
  db: Db,
  organisationId: string,
  source: string,
  communes: readonly { inseeCode: string; name: string }[],
) {
  await db.delete(tightMarketCommunes).where(eq(tightMarketCommunes.organisationId, organisationId));
  if (communes.length === 0) return [];
  return db
    .insert(tightMarketCommunes)
    .values(communes.map((commune) => ({ organisationId, source, ...commune })))
    .returning();
}

/** The signed management mandate covering a unit on `onDate`, if any (loi Hoguet: one at a time). */
export async function mandateInForce(db: Db, organisationId: string, unitId: string, onDate: string) {
  const [row] = await db
    .select()
    .from(mandates)
    .where(
      and(
        eq(mandates.organisationId, organisationId),
        eq(mandates.unitId, unitId),
        eq(mandates.status, "signed"),
        lte(mandates.startDate, onDate),
        gte(mandates.endDate, onDate),
      ),
    )
    .limit(1);
  return row ?? null;
}

export type LeaseInspectionRow = typeof leaseInspections.$inferSelect;

export async function listInspections(db: Db, organisationId: string, leaseId: string) {
  return db
    .select()
    .from(leaseInspections)
    .where(and(eq(leaseInspections.organisationId, organisationId), eq(leaseInspections.leaseId, leaseId)))
    .orderBy(asc(leaseInspections.inspectedOn));
}

export async function insertInspection(db: Db, values: typeof leaseInspections.$inferInsert) {
  const [row] = await db.insert(leaseInspections).values(values).returning();
  return row!;
}

/** The start of the latest period already called for a lease, if any. */
export async function latestCalledPeriodStart(db: Db, organisationId: string, leaseId: string) {
  const [row] = await db
    .select({ start: sql<string | null>`max(${rentCalls.periodStart})::text` })
    .from(rentCalls)
    .where(and(eq(rentCalls.organisationId, organisationId), eq(rentCalls.leaseId, leaseId)));
  return row?.start ?? null;
}

/**
 * The tenant's account movements for a lease, by business date (+ a call on its due date, − a
 * payment on its value date), leaving out reversed transactions and their reversals: a cancelled
 * call was never owed, a rejected payment never paid.
 */
export async function tenantAccountEvents(db: Db, organisationId: string, personId: string, leaseId: string) {
  const rows = await db
    .select({
      transactionId: ledgerTransactions.id,
      on: ledgerTransactions.occurredOn,
      kind: ledgerTransactions.kind,
      amount: sql<string>`sum(${ledgerEntries.debitCents} - ${ledgerEntries.creditCents})`,
    })
    .from(ledgerEntries)
    .innerJoin(ledgerTransactions, entryTransaction)
    .innerJoin(ledgerAccounts, entryAccount)
    .where(
      and(
        eq(ledgerEntries.organisationId, organisationId),
        eq(ledgerEntries.leaseId, leaseId),
        eq(ledgerAccounts.kind, "tenant"),
        eq(ledgerAccounts.personId, personId),
        sql`${ledgerTransactions.reversesTransactionId} is null`,
        sql`not exists (select 1 from ledger_transactions r where r.organisation_id = ${ledgerTransactions.organisationId} and r.reverses_transaction_id = ${ledgerTransactions.id})`,
      ),
    )
    .groupBy(ledgerTransactions.id, ledgerTransactions.occurredOn, ledgerTransactions.kind);
  return rows.map((r) => ({
    transactionId: r.transactionId,
    on: r.on,
    rentCall: r.kind === "rent_call",
    amountCents: Number(r.amount),
  }));
}

/** What the organisation's books hold of a lease's deposit: credits less debits on 165. */
export async function depositHeldCents(db: Db, organisationId: string, leaseId: string) {
  const [row] = await db
    .select({ held: sql<string | null>`sum(${ledgerEntries.creditCents} - ${ledgerEntries.debitCents})` })
    .from(ledgerEntries)
    .innerJoin(ledgerAccounts, entryAccount)
    .where(
      and(
        eq(ledgerEntries.organisationId, organisationId),
        eq(ledgerEntries.leaseId, leaseId),
        eq(ledgerAccounts.kind, "deposit"),
      ),
    );
  return Number(row?.held ?? 0);
}
