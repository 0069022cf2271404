import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Database } from "../../../db/client";
import { createApp } from "../../../server/app";
import { defaultEnv, type Env } from "../../../server/env";
import type { Clock } from "../../../server/lib/clock";
import { createLogger } from "../../../server/lib/logger";

/** Serves the real app (API + built browser app) on a random local port; no vitest dependency (bench/ uses it). */
export async function serveApp(
  database: Database,
  clock: Clock,
  envOverrides: Partial<Env> = {},
): Promise<{ baseUrl: string; close(): Promise<void> }> {
  // offline unless a test says otherwise: no basemap fetched from IGN, no geocoder asked
  const env = defaultEnv({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    MAP_BASEMAP: "none",
    GEOCODER_URL: "",
    ...envOverrides,
  });
  const app = createApp({ database, clock, env, logger: createLogger(env) });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, () => resolve(started));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
