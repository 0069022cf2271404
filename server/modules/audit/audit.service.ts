import type { Db } from "../../../db/client";
import type { Clock } from "../../lib/clock";
import { afterPendingInput } from "../../lib/event-loop";
import { type Actor, type AnyActor, actorLabel } from "../auth/actor";
import {
  type AuditFilter,
  type ChainedRow,
  chainBatch,
  countPendingReads,
  deleteChainedReads,
  insertAccessRows,
  insertChainedRows,
  lastChainHash,
  listAuditRows,
  lockAuditChain,
  organisationIds,
  organisationsWithPendingReads,
  pendingReads,
} from "./audit.queries";
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

/** What one audit row says, as it is hashed (and as the database gives it back). */
function auditContent(context: AuditContext, entry: AuditEntry): AuditContent {
  const { actor } = context;
  const diff = changedFields(entry.before, entry.after);
  for (const [key, value] of Object.entries(entry.details ?? {})) diff[key] = { before: null, after: value };
  return {
    organisationId: actor.organisationId,
    // milliseconds, as a JavaScript Date gives them back from timestamptz
    occurredAt: context.clock.now().toISOString(),
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
}

async function appendAuditRow(tx: Db, context: AuditContext, entry: AuditEntry): Promise<void> {
  const content = auditContent(context, entry);
  const previousHash = await lastChainHash(tx, content.organisationId);
  await insertChainedRows(tx, [{ ...content, previousHash, hash: chainHash(previousHash, content) }]);
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
    // first in every write transaction: lock order is always "chain, then domain rows" (no deadlock)
    await lockAuditChain(scoped, context.actor.organisationId);
    const audit: AuditWriter = { record: (entry) => appendAuditRow(scoped, context, entry) };
    return work(scoped, audit);
  });
}

/**
 * Records a read of personal data (opening a person's file, their matches, a panel): attributable
 * like a write, but without the organisation's chain lock, so that reads run side by side. The row
 * is committed before this returns (a read that was answered is never lost) and joins the hash
 * chain at the next `chainPendingReads` (at most a second later in the server, and at shutdown).
 * Reads arriving while a previous insert commits are inserted together, in one statement and one
 * commit (one flush to disk for many reads). Action defaults to `<entityType>.read`.
 */
export async function recordRead(
  db: Db,
  context: AuditContext,
  entry: { entityType: string; entityId: string; action?: string; details?: Record<string, unknown> },
): Promise<void> {
  await enqueueRead(
    db,
    auditContent(context, {
      action: entry.action ?? `${entry.entityType}.read`,
      entityType: entry.entityType,
      entityId: entry.entityId,
      details: entry.details,
    }),
  );
}

type PendingInsert = { content: AuditContent; resolve: () => void; reject: (error: unknown) => void };
type ReadQueue = { waiting: PendingInsert[]; flushing: boolean };
const readQueues = new WeakMap<Db, ReadQueue>();

/** Group commit: one insert in flight per database; what arrives meanwhile goes in the next one. */
function enqueueRead(db: Db, content: AuditContent): Promise<void> {
  let queue = readQueues.get(db);
  if (!queue) {
    queue = { waiting: [], flushing: false };
    readQueues.set(db, queue);
  }
  const target = queue;
  return new Promise<void>((resolve, reject) => {
    target.waiting.push({ content, resolve, reject });
    if (!target.flushing) void flushReads(db, target);
  });
}

async function flushReads(db: Db, queue: ReadQueue): Promise<void> {
  queue.flushing = true;
  try {
    while (queue.waiting.length > 0) {
      // Let the requests already received reach this queue before the insert leaves: the embedded
      // database runs each statement without yielding, so without this turn of the event loop
      // every read would commit (and flush to disk) alone.
      await afterPendingInput();
      const batch = queue.waiting.splice(0, 500);
      try {
        await insertAccessRows(
          db,
          batch.map((pending) => pending.content),
        );
        for (const pending of batch) pending.resolve();
      } catch {
        // one bad row must not refuse the others: insert them one by one, each its own answer
        for (const pending of batch) {
          await insertAccessRows(db, [pending.content]).then(pending.resolve, pending.reject);
        }
      }
    }
  } finally {
    queue.flushing = false;
  }
}

/**
 * Moves the recorded reads into the hash chain, organisation by organisation, in batches: each batch
 * takes the chain lock, appends the reads in the order they were recorded and deletes them from the
 * access log, in one transaction. Safe to run from several processes at once (the lock serialises
 * them, and a batch only sees rows no other batch has chained). Returns how many reads were chained.
 */
export async function chainPendingReads(
  db: Db,
  options: { batchSize?: number; organisationId?: string } = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 1000;
  let chained = 0;
  const organisations = options.organisationId
    ? [options.organisationId]
    : await organisationsWithPendingReads(db);
  for (const organisationId of organisations) {
    for (;;) {
      const moved = await db.transaction(async (tx) => {
        const scoped = tx as unknown as Db;
        await lockAuditChain(scoped, organisationId);
        const reads = await pendingReads(scoped, organisationId, batchSize);
        if (reads.length === 0) return 0;
        let previousHash = await lastChainHash(scoped, organisationId);
        const rows: ChainedRow[] = reads.map(({ id: _id, ...content }) => {
          const hash = chainHash(previousHash, content);
          const row = { ...content, previousHash, hash };
          previousHash = hash;
          return row;
        });
        await insertChainedRows(scoped, rows);
        await deleteChainedReads(
          scoped,
          reads.map((read) => read.id),
        );
        return reads.length;
      });
      chained += moved;
      if (moved < batchSize) break;
    }
  }
  return chained;
}

/**
 * The server's chaining step: `chainPendingReads` every `intervalMs` (one run at a time) and once
 * more at `stop()`, after the last request was answered.
 */
export function startReadChaining(
  db: Db,
  options: { intervalMs?: number; onError?: (error: unknown) => void } = {},
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const run = () => {
    running = running.then(() => chainPendingReads(db)).catch((error: unknown) => options.onError?.(error));
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped) void run();
  }, options.intervalMs ?? 1000);
  timer.unref();
  void run();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await run();
    },
  };
}

/**
 * GET /api/audit: the admin's organisation only, newest first. The reads recorded in the last
 * second are chained first, so that the list shows every read made until now.
 */
export async function listAudit(
  db: Db,
  actor: Actor,
  filter: AuditFilter,
  page: { limit: number; offset: number },
) {
  await chainPendingReads(db, { organisationId: actor.organisationId });
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

export type ChainReport = {
  organisationId: string;
  checked: number;
  broken: BrokenLink | null;
  /** reads recorded but not chained yet (the chaining step runs every second in the server) */
  pendingReads: number;
};

/** Walks one organisation's chain in sequence order, in batches, up to the first broken link. */
export async function verifyOrganisationChain(
  db: Db,
  organisationId: string,
  options: { batchSize?: number } = {},
): Promise<ChainReport> {
  const batchSize = options.batchSize ?? 5000;
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
  return { organisationId, checked, broken, pendingReads: await countPendingReads(db, organisationId) };
}

/** GET /api/audit/verify: the admin's own chain, after chaining the reads just recorded. */
export async function verifyOwnChain(db: Db, actor: Actor): Promise<ChainReport> {
  await chainPendingReads(db, { organisationId: actor.organisationId });
  return verifyOrganisationChain(db, actor.organisationId);
}

/**
 * `npm run audit:verify`: walks every organisation's chain and reports for each the rows checked,
 * the first broken link and the reads still waiting to be chained.
 */
export async function verifyAuditChains(
  db: Db,
  options: { batchSize?: number } = {},
): Promise<ChainReport[]> {
  const reports: ChainReport[] = [];
  for (const organisationId of await organisationIds(db)) {
    reports.push(await verifyOrganisationChain(db, organisationId, options));
  }
  return reports;
}
