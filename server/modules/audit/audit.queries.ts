import { and, asc, count, desc, eq, gt, gte, inArray, lt, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { accessLog, auditLog, organisations } from "../../../db/schema";
import { type AuditContent, GENESIS_HASH, type StoredAuditRow } from "./audit.rules";

export type AuditFilter = {
  entityType?: string;
  entityId?: string;
  actorUserId?: string;
  /** Europe/Paris calendar dates, both inclusive */
  from?: string;
  to?: string;
};

function filterConditions(organisationId: string, filter: AuditFilter): SQL | undefined {
  return and(
    eq(auditLog.organisationId, organisationId),
    filter.entityType ? eq(auditLog.entityType, filter.entityType) : undefined,
    filter.entityId ? eq(auditLog.entityId, filter.entityId) : undefined,
    filter.actorUserId ? eq(auditLog.actorUserId, filter.actorUserId) : undefined,
    // midnight in Paris of `from`, up to midnight in Paris after `to` (index-friendly bounds)
    filter.from
      ? gte(auditLog.occurredAt, sql`(${filter.from}::date)::timestamp at time zone 'Europe/Paris'`)
      : undefined,
    filter.to
      ? lt(auditLog.occurredAt, sql`(${filter.to}::date + 1)::timestamp at time zone 'Europe/Paris'`)
      : undefined,
  );
}

/** A page of an organisation's audit rows, newest first, and how many match in all. */
export async function listAuditRows(
  db: Db,
  organisationId: string,
  filter: AuditFilter,
  page: { limit: number; offset: number },
) {
  const where = filterConditions(organisationId, filter);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.sequence))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(auditLog).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function organisationIds(db: Db): Promise<string[]> {
  const rows = await db.select({ id: organisations.id }).from(organisations).orderBy(asc(organisations.id));
  return rows.map((row) => row.id);
}

/** The next rows of an organisation's chain after `afterSequence`, in chain order. */
export async function chainBatch(
  db: Db,
  organisationId: string,
  afterSequence: number,
  limit: number,
): Promise<StoredAuditRow[]> {
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.organisationId, organisationId), gt(auditLog.sequence, afterSequence)))
    .orderBy(asc(auditLog.sequence))
    .limit(limit);
  return rows.map((row) => ({
    organisationId: row.organisationId,
    sequence: Number(row.sequence),
    occurredAt: row.occurredAt.toISOString(),
    actorUserId: row.actorUserId,
    actorLabel: row.actorLabel,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    changes: row.changes ?? null,
    requestId: row.requestId,
    previousHash: row.previousHash,
    hash: row.hash,
  }));
}

/**
 * Takes the organisation's audit-chain lock until the transaction ends: the chain is appended in
 * order, by one transaction at a time, whichever process runs it.
 */
export async function lockAuditChain(tx: Db, organisationId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`audit:${organisationId}`}, 0))`);
}

/** The hash of the organisation's newest chained row (the genesis hash for an empty chain). */
export async function lastChainHash(tx: Db, organisationId: string): Promise<string> {
  const [last] = await tx
    .select({ hash: auditLog.hash })
    .from(auditLog)
    .where(eq(auditLog.organisationId, organisationId))
    .orderBy(desc(auditLog.sequence))
    .limit(1);
  return last?.hash ?? GENESIS_HASH;
}

export type ChainedRow = AuditContent & { previousHash: string; hash: string };

/** Appends rows to the chain in the given order (the sequence follows the VALUES order). */
export async function insertChainedRows(tx: Db, rows: ChainedRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.insert(auditLog).values(rows.map((row) => ({ ...row, occurredAt: new Date(row.occurredAt) })));
}

export async function insertAccessRows(db: Db, rows: AuditContent[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(accessLog).values(rows.map((row) => ({ ...row, occurredAt: new Date(row.occurredAt) })));
}

export async function organisationsWithPendingReads(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ id: accessLog.organisationId }).from(accessLog);
  return rows.map((row) => row.id).sort();
}

/** The oldest reads of an organisation not chained yet, in the order they were recorded. */
export async function pendingReads(
  db: Db,
  organisationId: string,
  limit: number,
): Promise<(AuditContent & { id: number })[]> {
  const rows = await db
    .select()
    .from(accessLog)
    .where(eq(accessLog.organisationId, organisationId))
    .orderBy(asc(accessLog.id))
    .limit(limit);
  return rows.map((row) => ({
    id: row.id,
    organisationId: row.organisationId,
    occurredAt: row.occurredAt.toISOString(),
    actorUserId: row.actorUserId,
    actorLabel: row.actorLabel,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    changes: row.changes ?? null,
    requestId: row.requestId,
  }));
}

/** Removes reads now in the chain; the table's trigger lets only this transaction-local flag delete. */
export async function deleteChainedReads(tx: Db, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.execute(sql`select set_config('audit.chaining', 'on', true)`);
  await tx.delete(accessLog).where(inArray(accessLog.id, ids));
}

export async function countPendingReads(db: Db, organisationId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(accessLog)
    .where(eq(accessLog.organisationId, organisationId));
  return row?.n ?? 0;
}
