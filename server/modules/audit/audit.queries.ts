import { and, asc, count, desc, eq, gt, gte, lt, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { auditLog, organisations } from "../../../db/schema";
import type { StoredAuditRow } from "./audit.rules";

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
