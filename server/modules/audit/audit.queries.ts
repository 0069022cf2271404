import { and, asc, count, desc, eq, gt, gte, lt, type SQL, sql } from "drizzle-orm";
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

/**
 * The rows of a batch, in the order given, from one JSON parameter unpacked by the database: the
 * statement's text is the same for one row or a thousand, so nothing is built per row on this side
 * and the server parses it once. `chained` adds the two hash columns of the audit chain.
 */
function batchRows(rows: AuditContent[], chained: boolean): SQL {
  const hashColumns = chained ? sql`, "previousHash" text, hash text` : sql``;
  const hashNames = chained ? sql`, "previousHash", hash` : sql``;
  return sql`
    select "organisationId", "occurredAt", "actorUserId", "actorLabel", action, "entityType", "entityId",
      changes, "requestId"${hashNames}
    from rows from (jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as (
      "organisationId" uuid, "occurredAt" timestamptz, "actorUserId" uuid, "actorLabel" text,
      action text, "entityType" text, "entityId" text, changes jsonb, "requestId" text${hashColumns}
    )) with ordinality as r("organisationId", "occurredAt", "actorUserId", "actorLabel", action,
      "entityType", "entityId", changes, "requestId"${hashNames}, position)
    order by position`;
}

const contentColumns = sql.raw(
  "organisation_id, occurred_at, actor_user_id, actor_label, action, entity_type, entity_id, changes, request_id",
);

/** Appends rows to the chain in the given order (the sequence follows that order). */
export async function insertChainedRows(tx: Db, rows: ChainedRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(
    sql`insert into audit_log (${contentColumns}, previous_hash, hash) ${batchRows(rows, true)}`,
  );
}

/** Records reads, in the order given, in the access log (see `batchRows`). */
export async function insertAccessRows(db: Db, rows: AuditContent[]): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(sql`insert into access_log (${contentColumns}) ${batchRows(rows, false)}`);
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
  // one parameter for the whole batch, as for the inserts
  await tx.execute(
    sql`delete from access_log where id = any(string_to_array(${ids.join(",")}, ',')::bigint[])`,
  );
}

export async function countPendingReads(db: Db, organisationId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(accessLog)
    .where(eq(accessLog.organisationId, organisationId));
  return row?.n ?? 0;
}
