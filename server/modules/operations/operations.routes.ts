import { createHash, timingSafeEqual } from "node:crypto";
import { Hono } from "hono";
import { AppError } from "../../lib/errors";
import type { AppEnv } from "../../lib/hono";
import type { AppMetrics } from "./operations.metrics";
import { readiness } from "./operations.service";

const digest = (text: string) => createHash("sha256").update(text).digest();

/** Compares in constant time (over digests, so that the lengths do not leak either). */
function bearerMatches(header: string | undefined, token: string): boolean {
  const presented = /^Bearer\s+(.+)$/i.exec(header ?? "")?.[1]?.trim() ?? "";
  return timingSafeEqual(digest(presented), digest(token));
}

/**
 * The probes and the scrape an orchestrator and Prometheus call, outside /api (no session, no
 * CSRF, no audit):
 * - /healthz, liveness: the process answers; it never touches the database, so a slow database
 *   does not get a healthy process restarted;
 * - /readyz, readiness: the database answers and its schema is the code's; 503 while draining;
 * - /metrics: Prometheus text, behind METRICS_TOKEN (unset: not served).
 */
export function operationsRoutes(metrics: AppMetrics): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get("/healthz", (c) => {
      c.header("Cache-Control", "no-store");
      return c.json({ status: "ok", uptimeSeconds: Math.round(process.uptime()) }, 200);
    })
    .get("/readyz", async (c) => {
      const { database, lifecycle } = c.get("deps");
      const state = await readiness(database, lifecycle?.draining ?? false);
      if (!state.ready) {
        c.get("logger").warn({ reason: state.reason }, "readiness: not ready");
        throw new AppError("NOT_READY", `Service pas prêt : ${state.reason}`, { retryAfterSeconds: 5 });
      }
      c.header("Cache-Control", "no-store");
      return c.json(
        {
          status: "ready",
          database: database.kind,
          migration: state.migration,
          databaseMs: state.databaseMs,
        },
        200,
      );
    })
    .get("/metrics", async (c) => {
      const token = c.get("deps").env.METRICS_TOKEN;
      if (!token) throw new AppError("ROUTE_NOT_FOUND", "Métriques désactivées : définissez METRICS_TOKEN");
      if (!bearerMatches(c.req.header("authorization"), token)) {
        throw new AppError("UNAUTHENTICATED", "Jeton des métriques absent ou incorrect");
      }
      const body = await metrics.render();
      return c.body(body, 200, { "Content-Type": metrics.contentType, "Cache-Control": "no-store" });
    });
}
