import { createApp } from "../../server/app";
import { defaultEnv, type Env } from "../../server/env";
import { fixedClock } from "../../server/lib/clock";
import { createLogger } from "../../server/lib/logger";
import type { Database } from "../../db/client";

export type TestClock = ReturnType<typeof fixedClock>;

export type RequestOptions = {
  body?: unknown;
  cookie?: string;
  headers?: Record<string, string>;
};

/**
 * The application over a test database, with a stopped clock ("today" is injected).
 * `call` sends JSON the way the browser app does (same-origin headers included), or bytes as given.
 */
export function createTestApp(database: Database, options: { now?: string; env?: Partial<Env> } = {}) {
  const clock = fixedClock(options.now ?? "2026-11-23T10:00:00+01:00");
  const env = defaultEnv({ NODE_ENV: "test", LOG_LEVEL: "silent", ...options.env });
  const app = createApp({ database, clock, env, logger: createLogger(env) });

  async function call(method: string, path: string, request: RequestOptions = {}) {
    const headers: Record<string, string> = { ...request.headers };
    if (request.cookie) headers.cookie = request.cookie;
    let body: string | Uint8Array<ArrayBuffer> | undefined;
    // binary (a zip): sent as given, its content type is the caller's
    if (request.body instanceof Uint8Array) body = new Uint8Array(request.body);
    else if (request.body !== undefined) {
      headers["content-type"] ??= "application/json";
      body = typeof request.body === "string" ? request.body : JSON.stringify(request.body);
    }
    if (method !== "GET" && method !== "HEAD") {
      headers.origin ??= "http://localhost";
      headers["sec-fetch-site"] ??= "same-origin";
    }
    const response = await app.request(`http://localhost${path}`, { method, headers, body });
    const type = response.headers.get("content-type") ?? "";
    const json = type.includes("json") ? await response.json() : undefined;
    return { status: response.status, headers: response.headers, json: json as any, response };
  }

  return { app, clock, env, call };
}
