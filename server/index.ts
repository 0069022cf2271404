import { sealFromEnv } from "./modules/documents/document-seal";
import type { Server } from "node:http";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { serve } from "@hono/node-server";
import { serveBackupSocket } from "../db/backup";
import type { Database } from "../db/client";
import { embeddedTemplateFor } from "../db/embedded-template";
import { migrate } from "../db/migrate";
import { openConfiguredDatabase } from "../db/open-configured";
import { assertSchemaIsCurrent } from "../db/schema-version";
import { seedDemo } from "../db/seed";
import { createApp } from "./app";
import { type Env, loadEnv } from "./env";
import { systemClock } from "./lib/clock";
import type { Lifecycle } from "./lib/hono";
import { createLogger, type Logger } from "./lib/logger";
import { startReadChaining } from "./modules/audit/audit.service";
import { refuseDemoAccountsInProduction } from "./modules/auth/production-guard";
import { startMailWorker } from "./modules/mail/mail.worker";
import { createMailTransport } from "./modules/mail/mail.transport";

const SIGNALS = ["SIGTERM", "SIGINT"] as const;

/**
 * A full garbage collection, so that the closed instance's WebAssembly memory is given back now
 * rather than whenever V8 next feels the need (the process would hold both until then).
 */
function collectGarbage(): void {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as (() => void) | undefined;
  gc?.();
}

/**
 * Boot: parse env, open the database (embedded: restore the template into an empty folder,
 * migrate and seed; server: refuse a schema other than the code's), serve the app, and stop
 * cleanly on SIGTERM or SIGINT.
 */
async function main(): Promise<void> {
  const started = performance.now();
  const env = loadEnv();
  const logger = createLogger(env);
  // a seal certificate that cannot be read stops the start, not the first signature
  const seal = sealFromEnv(env);
  logger.info(
    seal ? { sealHolder: seal.holder } : {},
    seal ? "signed mandates are sealed" : "no seal certificate: signed mandates are not sealed",
  );

  // A signal during the start (a slow first seed) ends the process: nothing was served yet, the
  // seed's transaction is not committed, and the lock is released by its exit handler.
  const stopDuringStart = (signal: string) => {
    logger.info({ signal }, "stopped during start");
    process.exit(0);
  };
  for (const signal of SIGNALS) process.on(signal, stopDuringStart);

  const demoWanted = env.SEED_DEMO && env.NODE_ENV !== "production";
  const embeddedTemplate = env.DATABASE_URL
    ? undefined
    : embeddedTemplateFor(env.DATA_DIR, { demoOn: demoWanted ? systemClock.today() : undefined });
  let database = await openConfiguredDatabase(env, { embeddedTemplate: embeddedTemplate?.archivePath });
  if (embeddedTemplate?.demoSeededOn)
    logger.info(
      { seededOn: embeddedTemplate.demoSeededOn },
      "embedded database restored from the demo template seeded today",
    );
  else if (embeddedTemplate) logger.info("embedded database restored from the migrated template");
  try {
    if (database.kind === "embedded") {
      await migrate(database);
      // restored from the demo template, the seed finds today's demo there and writes nothing
      if (demoWanted) {
        const seeded = await seedDemo(database, systemClock);
        if (seeded) {
          logger.info("demo data seeded");
          // The seed grows the embedded database's WebAssembly memory by a few hundred MiB, and
          // WebAssembly memory never shrinks: a fresh instance on the seeded folder serves with
          // what a restart holds, for the cost of one reopen.
          await database.close();
          database = await openConfiguredDatabase(env);
          collectGarbage();
        }
      }
    } else {
      await assertSchemaIsCurrent(database);
    }
    await refuseDemoAccountsInProduction(database, env);
  } catch (error) {
    await database.close();
    throw error;
  }

  // `npm run db:backup` while the server runs: the server makes the snapshot (it alone may open the folder)
  const backups =
    database.kind === "embedded"
      ? await serveBackupSocket(database, env.DATA_DIR, (message, fields) =>
          logger.info(fields ?? {}, message),
        ).catch((error: unknown) => {
          logger.warn({ err: error }, "backup socket unavailable: stop the server to run db:backup");
          return undefined;
        })
      : undefined;

  // reads are recorded without the audit chain's lock; this step chains them every second (and
  // first of all the ones a crash left unchained)
  const readChaining = startReadChaining(database.db, {
    onError: (error) => logger.error({ err: error }, "chaining the recorded reads failed"),
  });

  const lifecycle: Lifecycle = { draining: false };
  const app = createApp({ database, clock: systemClock, env, logger, lifecycle });
  const server = serve({ fetch: app.fetch, hostname: env.HOST, port: env.PORT }, (info) => {
    logger.info(
      {
        url: `http://localhost:${info.port}`,
        database: database.kind,
        startMs: Math.round(performance.now() - started),
      },
      "back office listening",
    );
  }) as Server;

  // the outbox worker: queued e-mails go out in the background, never inside a request
  const mailWorker = startMailWorker({ database, clock: systemClock, env, logger }, createMailTransport);
  logger.info(
    { mail: mailWorker ? "on" : "off" },
    mailWorker ? "mail worker started" : "mail is off: no SMTP server configured",
  );

  for (const signal of SIGNALS) process.off(signal, stopDuringStart);
  const stop = gracefulStop({ server, database, logger, lifecycle, env, backups, readChaining, mailWorker });
  for (const signal of SIGNALS) process.on(signal, stop);
}

/**
 * The same stop for SIGTERM and SIGINT, whoever sends it (systemd, `docker stop` through an init
 * process, Ctrl-C, `kill -- -pgid`): stop accepting connections, let the requests in flight
 * finish within SHUTDOWN_GRACE_SECONDS, cut what is left, chain the last recorded reads, close the
 * database (which releases the data folder's lock), log, exit. A repeated signal changes nothing: a process group's members
 * forwarding the same signal deliver it twice within milliseconds.
 */
function gracefulStop(deps: {
  server: Server;
  database: Database;
  logger: Logger;
  lifecycle: Lifecycle;
  env: Env;
  backups: { close(): Promise<void> } | undefined;
  readChaining: { stop(): Promise<void> };
  mailWorker: { stop(): Promise<void> } | null;
}): (signal: NodeJS.Signals) => void {
  const { server, database, logger, lifecycle, env, backups, readChaining, mailWorker } = deps;
  return (signal) => {
    if (lifecycle.draining) return;
    lifecycle.draining = true;
    const started = performance.now();
    logger.info({ signal, graceSeconds: env.SHUTDOWN_GRACE_SECONDS }, "shutting down");
    let forced = false;
    const grace = setTimeout(() => {
      forced = true;
      logger.warn("grace period over: closing the connections still open");
      server.closeAllConnections();
    }, env.SHUTDOWN_GRACE_SECONDS * 1000);
    // a keep-alive connection becomes idle when its response is sent: close it then
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    server.close(() => {
      clearTimeout(grace);
      clearInterval(idle);
      // the mail worker finishes the message it is sending and the last answered reads join the
      // chain, then the database closes under nobody
      (mailWorker?.stop() ?? Promise.resolve())
        .catch((error: unknown) => logger.error({ err: error }, "stopping the mail worker failed"))
        .then(() => readChaining.stop())
        .catch((error: unknown) => logger.error({ err: error }, "chaining the recorded reads failed"))
        .then(() => backups?.close())
        .then(() => database.close())
        .catch((error: unknown) => logger.error({ err: error }, "database close failed"))
        .finally(() => {
          logger.info(
            { signal, durationMs: Math.round(performance.now() - started), forced },
            "shutdown complete: database closed",
          );
          process.exit(0);
        });
    });
    server.closeIdleConnections();
  };
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`Le serveur n'a pas pu démarrer : ${message}`);
  process.exit(1);
});
