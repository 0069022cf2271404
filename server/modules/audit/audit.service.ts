import { desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { auditLog } from "../../../db/schema";
import type { Clock } from "../../lib/clock";
import { type Actor, type AnyActor, actorLabel } from "../auth/actor";
import { type AuditFilter, chainBatch, listAuditRows, organisationIds } from "./audit.queries";
import {
  type AuditContent,
  type BrokenLink,
  chainHash,
  changedFields,
  GENESIS_HASH,
  verifyChain,
} from "./audit.rules";

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
    // hashed exactly as jsonb will give it back (Dates as ISO strings, undefined dropped)
    changes:
      Object.keys(diff).length > 0 ? (JSON.parse(JSON.stringify(diff)) as AuditContent["changes"]) : null,
    requestId: context.requestId,
  };
  await tx
    .insert(auditLog)
    .values({ ...content, occurredAt, previousHash, hash: chainHash(previousHash, content) });
}

/**
 * Runs a write use-case in one transaction whose audit rows are written in that same
 * transaction: either the change and its audit land together, or neither.
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

/**
 * Opening a person's file is recorded like a write (every read of personal data is attributable). The persons area calls this when
 * a file is displayed, e.g. `recordRead(db, {actor, requestId, clock}, {entityType: "person", entityId})`.
 * Action defaults to `<entityType>.read`.
 */
export async function recordRead(
  db: Db,
  context: AuditContext,
  entry: { entityType: string; entityId: string; action?: string; details?: Record<string, unknown> },
): Promise<void> {
  await inAuditedTransaction(db, context, (_tx, audit) =>
    audit.record({
      action: entry.action ?? `${entry.entityType}.read`,
      entityType: entry.entityType,
      entityId: entry.entityId,
      details: entry.details,
    }),
  );
}

/** GET /api/audit: the admin's organisation only, newest first. */
export async function listAudit(
  db: Db,
  actor: Actor,
  filter: AuditFilter,
  page: { limit: number; offset: number },
) {
  const { rows, total } = await listAuditRows(db, actor.organisationId, filter, page);
  return {
    items: rows.map((row) => ({
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
    })),
    total,
    limit: page.limit,
    offset: page.offset,
  };
}

export type ChainReport = { organisationId: string; checked: number; broken: BrokenLink | null };

/**
 * `npm run audit:verify`: walks every organisation's chain in sequence order, in batches, and
 * reports for each the rows checked and the first broken link.
 */
export async function verifyAuditChains(
  db: Db,
  options: { batchSize?: number } = {},
): Promise<ChainReport[]> {
  const batchSize = options.batchSize ?? 5000;
  const reports: ChainReport[] = [];
  for (const organisationId of await organisationIds(db)) {
    let lastHash = GENESIS_HASH;
    let afterSequence = 0;
    let checked = 0;
    let broken: BrokenLink | null = null;
    for (;;) {
      const rows = await chainBatch(db, organisationId, afterSequence, batchSize);
      if (rows.length === 0) break;
      const verdict = verifyChain(rows, lastHash);
      checked += verdict.checked;
      if (!verdict.ok) {
        broken = verdict.broken;
        break;
      }
      lastHash = verdict.lastHash;
      afterSequence = rows.at(-1)!.sequence;
    }
    reports.push({ organisationId, checked, broken });
  }
  return reports;
}
