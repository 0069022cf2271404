import type { Database } from "../../db/client";
import type { Env } from "../env";
import type { Actor } from "../modules/auth/actor";
import type { Clock } from "./clock";
import type { Logger } from "./logger";

/** What createApp needs from the outside world: injected, so tests swap any of it. */
export type AppDeps = {
  database: Database;
  clock: Clock;
  env: Env;
  logger: Logger;
  /** the process's life cycle (server/index.ts): readiness turns false while it drains */
  lifecycle?: Lifecycle;
};

export type Lifecycle = { draining: boolean };

export type AppEnv = {
  Variables: {
    deps: AppDeps;
    requestId: string;
    logger: Logger;
    /** null when no valid session came with the request */
    actor: Actor | null;
  };
};
