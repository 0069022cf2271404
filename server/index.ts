import { serve } from "@hono/node-server";
import { migrate } from "../db/migrate";
import { openConfiguredDatabase } from "../db/open-configured";
import { seedDemo } from "../db/seed";
import { createApp } from "./app";
import { loadEnv } from "./env";
import { systemClock } from "./lib/clock";
import { createLogger } from "./lib/logger";
import { refuseDemoAccountsInProduction } from "./modules/auth/production-guard";

/** Boot: parse env, open the database (embedded: migrate and seed), serve the app. */
async function main(): Promise<void> {
  const env = loadEnv();
  const logger = createLogger(env);
  const database = await openConfiguredDatabase(env);
  if (database.kind === "embedded") {
    await migrate(database);
    if (env.SEED_DEMO && env.NODE_ENV !== "production") {
      const seeded = await seedDemo(database, systemClock);
      if (seeded) logger.info("demo data seeded");
    }
  }
  await refuseDemoAccountsInProduction(database, env);

  const app = createApp({ database, clock: systemClock, env, logger });
  const server = serve({ fetch: app.fetch, hostname: env.HOST, port: env.PORT }, (info) => {
    logger.info({ url: `http://localhost:${info.port}`, database: database.kind }, "back office listening");
  });

  const shutdown = (signal: string) => {
    logger.info({ signal }, "shutting down");
    server.close(() => {
      void database.close().finally(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`Le serveur n'a pas pu démarrer : ${message}`);
  process.exit(1);
});
