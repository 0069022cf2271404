import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../lib/hono";
import { resolveSession } from "../modules/auth/auth.service";
import { readSessionCookie } from "../modules/auth/session-cookie";

/** Resolves the session cookie into the request's actor (null when absent or expired). */
export function sessionActor(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = readSessionCookie(c);
    if (token) c.set("actor", await resolveSession(c.get("deps"), token));
    await next();
  };
}
