import type { Env } from "../server/env";
import { type Database, openDatabase } from "./client";

/**
 * DATABASE_URL set → PostgreSQL server; unset → embedded PGlite in DATA_DIR, restored from the
 * archive `embeddedTemplate` when one is given for an empty folder.
 */
export function openConfiguredDatabase(
  env: Env,
  options: { embeddedTemplate?: string | undefined } = {},
): Promise<Database> {
  return env.DATABASE_URL
    ? openDatabase({ kind: "server", url: env.DATABASE_URL, maxConnections: env.DATABASE_POOL_SIZE })
    : openDatabase({
        kind: "embedded",
        dataDir: env.DATA_DIR,
        ...(options.embeddedTemplate ? { restoreArchive: options.embeddedTemplate } : {}),
      });
}
