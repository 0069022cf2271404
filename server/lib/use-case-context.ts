import type { Context } from "hono";
import type { Db } from "../../db/client";
import type { Actor } from "../modules/auth/actor";
import type { Clock } from "./clock";
import type { AppEnv } from "./hono";
import { requireActor } from "./openapi";

/** What a use-case needs from a request: the database, who acts, the request id and the clock. */
export type UseCaseContext = { db: Db; actor: Actor; requestId: string; clock: Clock };

export function useCaseContext(c: Context<AppEnv>): UseCaseContext {
  const { database, clock } = c.get("deps");
  return { db: database.db, actor: requireActor(c), requestId: c.get("requestId"), clock };
}
