import type { Context } from "hono";
import type { Db } from "../../db/client";
import type { Actor, AnyActor } from "../modules/auth/actor";
import { type AuditWriter, inAuditedTransaction } from "../modules/audit/audit.service";
import type { Clock } from "./clock";
import type { AppEnv } from "./hono";
import { requireActor } from "./openapi";

/**
 * What every use-case receives, whoever calls it (a route, the demo seed, a CLI run): the database,
 * the clock "today" comes from, who acts, and the request id the audit rows carry. It is also the
 * audit context: a use-case opens its own transaction with `inUseCaseTransaction`, never the caller.
 *
 * Routes pass a logged-in user (`Actor`, the default); writes the system makes itself (seed, scheduled
 * runs) pass `UseCaseContext<AnyActor>` with a `SystemActor` and no request id.
 */
export type UseCaseContext<A extends AnyActor = Actor> = {
  db: Db;
  clock: Clock;
  actor: A;
  requestId: string | null;
};

/** The context of the request being handled: the injected database and clock, the session's user. */
export function useCaseContext(c: Context<AppEnv>): UseCaseContext {
  const { database, clock } = c.get("deps");
  return { db: database.db, actor: requireActor(c), requestId: c.get("requestId"), clock };
}

/**
 * Runs `work` in one transaction whose audit rows are written in that same transaction: the change and
 * its audit land together, or neither does.
 */
export function inUseCaseTransaction<T>(
  context: UseCaseContext<AnyActor>,
  work: (tx: Db, audit: AuditWriter) => Promise<T>,
): Promise<T> {
  return inAuditedTransaction(context.db, context, work);
}

/** The user a row names as its author (`created_by_user_id`): none when the system writes. */
export function actingUserId(actor: AnyActor): string | null {
  return actor.kind === "user" ? actor.userId : null;
}
