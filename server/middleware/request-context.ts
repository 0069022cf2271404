import { randomUUID } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { AppDeps, AppEnv } from "../lib/hono";

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Gives every request its dependencies, a request id (taken from X-Request-Id when it is
 * well-formed, generated otherwise) echoed on the response, and a child logger carrying it.
 */
export function requestContext(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const logger = deps.logger.child({ requestId });
    c.set("deps", deps);
    c.set("requestId", requestId);
    c.set("logger", logger);
    c.set("actor", null);
    c.header("X-Request-Id", requestId);
    const started = performance.now();
    await next();
    // A handler answering with a Response object of its own bypasses the header set above. Set
    // on the answer's headers directly: `c.header` after the answer exists rebuilds it, body
    // stream included, on every request.
    if (!c.res.headers.has("X-Request-Id")) c.res.headers.set("X-Request-Id", requestId);
    logger.info(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        durationMs: Math.round(performance.now() - started),
        userId: c.get("actor")?.userId,
      },
      "request",
    );
  };
}
