import { desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { auditLog } from "../../../db/schema";
import type { Clock } from "../../lib/clock";
import { type AnyActor, actorLabel } from "../auth/actor";
import { type AuditContent, chainHash, changedFields, GENESIS_HASH } from "./audit.rules";

export type AuditContext = { actor: AnyActor; requestId: string | null; clock: Clock };

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId?: string | null;
  /** the record before the write (null or absent for a creation) */
  before?: Record<string, unknown> | null;
  /** the record after the write (null for a deletion) */
  after?: Record<string, unknown> | null;
  /** extra facts to record as-is (e.g. the small-building exception used) */
  details?: Record<string, unknown>;
};

export type AuditWriter = { record(entry: AuditEntry): Promise<void> };

/**
 * Takes the organisation's audit-chain lock. Called first in every write transaction so that
 * the chain is appended in order and lock order is always "chain, then domain rows" (no deadlock).
 */
async function lockAuditChain(tx: Db, organisationId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`audit:${organisationId}`}, 0))`);
}

async function appendAuditRow(tx: Db, context: AuditContext, entry: AuditEntry): Promise<void> {
  const { actor } = context;
  const organisationId = actor.organisationId;
  const [last] = await tx
    .select({ hash: auditLog.hash })
    .from(auditLog)
    .where(eq(auditLog.organisationId, organisationId))
    .orderBy(desc(auditLog.sequence))
    .limit(1);
  const previousHash = last?.hash ?? GENESIS_HASH;
  const diff = changedFields(entry.before, entry.after);
  for (const [key, value] of Object.entries(entry.details ?? {})) diff[key] = { before: null, after: value };
  const occurredAt = context.clock.now();
  const content: AuditContent = {
    organisationId,
    occurredAt: occurredAt.toISOString(),
    actorUserId: actor.kind === "user" ? actor.userId : null,
    actorLabel: actorLabel(actor),
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    changes: Object.keys(diff).length > 0 ? diff : null,
    requestId: context.requestId,
  };
  await tx
    .insert(auditLog)
    .values({ ...content, occurredAt, previousHash, hash: chainHash(previousHash, content) });
}

/**
 * Runs a write use-case in one transaction whose audit rows are written in that same
 * transaction (issue 3 §5): either the change and its audit land together, or neither.
 */
export async function inAuditedTransaction<T>(
  db: Db,
  context: AuditContext,
  work: (tx: Db, audit: AuditWriter) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    const scoped = tx as unknown as Db;
    await lockAuditChain(scoped, context.actor.organisationId);
    const audit: AuditWriter = { record: (entry) => appendAuditRow(scoped, context, entry) };
    return work(scoped, audit);
  });
}
