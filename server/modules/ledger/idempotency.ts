import { canonicalJson } from "../audit/audit.rules";
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Context } from "hono";
import type { Db } from "../../../db/client";
import { idempotencyKeys } from "../../../db/schema";
import { AppError } from "../../lib/errors";
import type { AppEnv } from "../../lib/hono";
import type { AnyActor } from "../auth/actor";
import { type AuditWriter, inAuditedTransaction } from "../audit/audit.service";
import type { Clock } from "../../lib/clock";
import { inUseCaseTransaction, type UseCaseContext } from "../../lib/use-case-context";

export type IdempotentResult<T> = { status: number; body: T; replayed: boolean };

export type IdempotentRequest = { key: string; fingerprint: string };

/** Hash of what the request asks: method, path and body (key order does not matter). */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash("sha256")
    .update(canonicalJson([method.toUpperCase(), path, body ?? null]))
    .digest("hex");
}

/** The Idempotency-Key header every money-writing endpoint requires. */
export function idempotentRequest(c: Context<AppEnv>, body: unknown): IdempotentRequest {
  const key = c.req.header("idempotency-key")?.trim();
  if (!key || key.length > 200)
    throw new AppError(
      "IDEMPOTENCY_KEY_REQUIRED",
      "Toute écriture d'argent exige un en-tête Idempotency-Key (1 à 200 caractères)",
    );
  return { key, fingerprint: requestFingerprint(c.req.method, c.req.path, body) };
}

/**
 * Runs a money write at most once per key. The key row is inserted in the write's own
 * transaction: a replay finds it and gets the stored response; a concurrent replay waits on the
 * organisation's audit lock (then on the key's primary key) and reads the first response; a
 * failed write leaves no key. Same key, different request → 409 IDEMPOTENCY_KEY_REUSED.
 */
export async function runIdempotent<T>(
  db: Db,
  context: { actor: AnyActor; requestId: string | null; clock: Clock },
  request: IdempotentRequest,
  work: (tx: Db, audit: AuditWriter) => Promise<{ status: number; body: T }>,
): Promise<IdempotentResult<T>> {
  const organisationId = context.actor.organisationId;
  return inAuditedTransaction(db, context, async (tx, audit) => {
    const inserted = await tx
      .insert(idempotencyKeys)
      .values({ organisationId, key: request.key, requestHash: request.fingerprint })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    const where = and(
      eq(idempotencyKeys.organisationId, organisationId),
      eq(idempotencyKeys.key, request.key),
    );
    if (inserted.length === 0) {
      const [existing] = await tx.select().from(idempotencyKeys).where(where);
      if (!existing || existing.requestHash !== request.fingerprint)
        throw new AppError(
          "IDEMPOTENCY_KEY_REUSED",
          "Cette clé d'idempotence a déjà servi pour une requête différente",
        );
      return { status: existing.responseStatus ?? 200, body: existing.responseBody as T, replayed: true };
    }
    const result = await work(tx, audit);
    await tx
      .update(idempotencyKeys)
      .set({ responseStatus: result.status, responseBody: result.body as never })
      .where(where);
    return { ...result, replayed: false };
  });
}

/**
 * How an API request asks a money use-case to run at most once: its Idempotency-Key, read only
 * once the use-case has refused what it can refuse first (an unknown id answers 404, a date in the
 * future 422, whatever the headers). Writes the system makes itself (seed, CLI, scheduled runs)
 * pass none.
 */
export type OnceOnly = () => IdempotentRequest;

/**
 * Opens a money use-case's one transaction: at most once per Idempotency-Key when the request
 * carries one (`runIdempotent`), a plain audited transaction otherwise. `status` is the HTTP
 * status the first answer is stored and replayed with.
 */
export async function inMoneyTransaction<T>(
  context: UseCaseContext<AnyActor>,
  once: OnceOnly | undefined,
  status: number,
  work: (tx: Db, audit: AuditWriter) => Promise<T>,
): Promise<IdempotentResult<T>> {
  if (!once)
    return inUseCaseTransaction(context, async (tx, audit) => ({
      status,
      body: await work(tx, audit),
      replayed: false,
    }));
  return runIdempotent(context.db, context, once(), async (tx, audit) => ({
    status,
    body: await work(tx, audit),
  }));
}

/** Sends an idempotent result, flagging replays. */
export function sendIdempotent<T>(c: Context<AppEnv>, result: IdempotentResult<T>) {
  if (result.replayed) c.header("Idempotent-Replayed", "true");
  return c.json(result.body as never, result.status as never);
}
