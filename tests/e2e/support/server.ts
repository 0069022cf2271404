import { afterAll, beforeAll } from "vitest";
import type { Database } from "../../../db/client";
import { seedDemo } from "../../../db/seed";
import type { Env } from "../../../server/env";
import { fixedClock } from "../../../server/lib/clock";
import { openTestDatabase } from "../../support/db";
import { buildWebIfStale } from "../../../web/build";
import { serveApp } from "./serve-app";

export const E2E_NOW = "2026-11-23T10:00:00+01:00";

export type RunningServer = { baseUrl: string; database: Database; clock: ReturnType<typeof fixedClock> };

/**
 * The real server, in-process, on a random port: the app over a test database holding the demo
 * seed (the README's demo accounts), serving the built browser app.
 */
export async function startServer(
  options: { env?: Partial<Env>; seed?: boolean } = {},
): Promise<RunningServer & { close(): Promise<void> }> {
  await buildWebIfStale();
  const database = await openTestDatabase();
  const clock = fixedClock(E2E_NOW);
  if (options.seed !== false) await seedDemo(database, clock);
  const served = await serveApp(database, clock, options.env);
  return {
    baseUrl: served.baseUrl,
    database,
    clock,
    async close() {
      await served.close();
      await database.close();
    },
  };
}

/** Starts the server before the file's tests and stops it after: `const server = useServer();`. */
export function useServer(options: Parameters<typeof startServer>[0] = {}): {
  readonly current: RunningServer;
} {
  let running: Awaited<ReturnType<typeof startServer>> | undefined;
  beforeAll(async () => {
    running = await startServer(options);
  });
  afterAll(async () => {
    await running?.close();
  });
  return {
    get current() {
      if (!running) throw new Error("the server starts in beforeAll");
      return running;
    },
  };
}
