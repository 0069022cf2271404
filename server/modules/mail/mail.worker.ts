import type { Database } from "../../../db/client";
import { type Env, mailEnabled } from "../../env";
import type { Clock } from "../../lib/clock";
import type { Logger } from "../../lib/logger";
import type { Actor, SystemActor } from "../auth/actor";
import { can, roles } from "../auth/permissions";
import { listAlerts } from "../alerts/alerts.service";
import {
  activeUsersWithRoles,
  claimDueMessages,
  findDocumentPdf,
  organisationIds,
  organisationName,
  type OutboxRecord,
  recordOutcome,
} from "./mail.queries";
import {
  afterFailure,
  CLAIM_LEASE_SECONDS,
  describeFailure,
  digestDue,
  digestKey,
  parisHourOf,
  retryDelaySeconds,
  type SendFailure,
} from "./mail.rules";
import { type MailSettings, queueMail, REDACTED_BODY, SECRET_TEMPLATES } from "./mail.service";
import type { MailTemplateId } from "./mail.templates";
import type { MailTransport } from "./mail.transport";

export type MailWorkerDeps = {
  database: Database;
  clock: Clock;
  env: Env;
  logger: Logger;
  transport: MailTransport;
};

const BATCH_SIZE = 20;

/**
 * One pass over the outbox: claims the due messages and hands each to the mail server. A
 * message is sent at least once: a process that dies between the server's acceptance and the
 * "sent" record sends it again after the claim's lease.
 */
export async function sendDueMail(
  deps: MailWorkerDeps,
): Promise<{ sent: number; retried: number; failed: number }> {
  const { database, clock, logger } = deps;
  const db = database.db;
  const tally = { sent: 0, retried: 0, failed: 0 };
  for (;;) {
    const now = clock.now();
    const claimed = await claimDueMessages(
      db,
      now,
      new Date(now.getTime() + CLAIM_LEASE_SECONDS * 1000),
      BATCH_SIZE,
    );
    if (claimed.length === 0) return tally;
    for (const row of claimed) {
      const outcome = await sendOne(deps, row);
      tally[outcome] += 1;
      logger.info(
        { outboxId: row.id, template: row.template, attempt: row.attempts, outcome },
        "mail attempt",
      );
    }
    if (claimed.length < BATCH_SIZE) return tally;
  }
}

async function sendOne(deps: MailWorkerDeps, row: OutboxRecord): Promise<"sent" | "retried" | "failed"> {
  const { database, clock, env, transport } = deps;
  const db = database.db;
  try {
    const attachments = [];
    for (const attachment of row.attachments) {
      const pdf = await findDocumentPdf(db, row.organisationId, attachment.documentId);
      if (!pdf)
        throw Object.assign(new Error(`pièce jointe introuvable : document ${attachment.documentId}`), {
          responseCode: 550,
        });
      attachments.push({
        filename: attachment.filename,
        content: Buffer.from(pdf),
        contentType: "application/pdf",
      });
    }
    const info = await transport.send({
      to: row.recipient,
      subject: row.subject,
      text: row.bodyText,
      html: row.bodyHtml,
      attachments,
    });
    const secret = SECRET_TEMPLATES.has(row.template as MailTemplateId);
    const now = clock.now();
    await recordOutcome(db, row.id, {
      state: "sent",
      sentAt: now,
      messageId: info.messageId,
      lastError: null,
      updatedAt: now,
      // the one-time link is not kept once delivered to the mail server
      ...(secret ? { bodyText: REDACTED_BODY, bodyHtml: `<p>${REDACTED_BODY}</p>` } : {}),
    });
    return "sent";
  } catch (error) {
    const failure = toFailure(error);
    const now = clock.now();
    const decision = afterFailure(failure, row.attempts, env.MAIL_MAX_ATTEMPTS);
    if (decision === "retry") {
      const delay = retryDelaySeconds(row.attempts, env.MAIL_RETRY_BASE_SECONDS);
      await recordOutcome(db, row.id, {
        lastError: describeFailure(failure),
        nextAttemptAt: new Date(now.getTime() + delay * 1000),
        updatedAt: now,
      });
      return "retried";
    }
    await recordOutcome(db, row.id, { state: "failed", lastError: describeFailure(failure), updatedAt: now });
    return "failed";
  }
}

function toFailure(error: unknown): SendFailure {
  if (error instanceof Error) {
    const { responseCode, code } = error as Error & { responseCode?: number; code?: string };
    return { responseCode, code, message: error.message };
  }
  return { message: String(error) };
}

/** Roles whose members receive the daily digest: those who read the alerts. */
const DIGEST_ROLES = roles.filter((role) => role !== "landlord" && can(role, "persons.read"));

const ALERT_LABELS = { critical: "Urgent", warning: "À surveiller" } as const;

/**
 * The daily digest: from the configured hour (Europe/Paris), each officer and admin of every
 * organisation gets one e-mail with the alerts of the day, none on a day without alert. The
 * day's key in the outbox makes a second run the same day (another tick, another process, a
 * restart) queue nothing.
 */
export async function queueDailyDigests(
  deps: Omit<MailWorkerDeps, "transport">,
  mail: MailSettings,
): Promise<{ queued: number }> {
  const { database, clock, env } = deps;
  const db = database.db;
  const now = clock.now();
  if (!digestDue(parisHourOf(now), env.MAIL_DIGEST_HOUR)) return { queued: 0 };
  const day = clock.today();
  const origin = env.PUBLIC_ORIGIN ?? `http://localhost:${env.PORT}`;
  let queued = 0;
  for (const organisationId of await organisationIds(db)) {
    const recipients = await activeUsersWithRoles(db, organisationId, DIGEST_ROLES);
    if (recipients.length === 0) continue;
    const organisation = await organisationName(db, organisationId);
    const system: SystemActor = { kind: "system", organisationId, label: "résumé quotidien des alertes" };
    for (const user of recipients) {
      const actor: Actor = {
        kind: "user",
        userId: user.id,
        organisationId,
        role: user.role,
        landlordId: user.landlordId,
        email: user.email,
        fullName: user.fullName,
      };
      const alerts = await listAlerts(deps, actor, {});
      if (alerts.length === 0) continue;
      const row = await queueMail(db, { actor: system, clock }, mail, {
        recipient: user.email,
        template: "alerts_digest",
        data: {
          fullName: user.fullName,
          organisationName: organisation,
          day,
          count: alerts.length,
          alerts: alerts.map((alert) => ({ label: ALERT_LABELS[alert.severity], message: alert.message })),
          url: `${origin}/alertes`,
        },
        about: { type: "user", id: user.id },
        dedupeKey: digestKey(user.id, day),
      });
      if (row) queued += 1;
    }
  }
  return { queued };
}

/**
 * The background worker of the server process: every MAIL_WORKER_INTERVAL_SECONDS, queue the
 * day's digests when due, then send what is due. Ticks never overlap; stop() waits for the
 * tick in progress and closes the SMTP connections. Null when mail is off: nothing to send.
 */
export function startMailWorker(
  deps: Omit<MailWorkerDeps, "transport">,
  createTransport: (env: Env) => MailTransport | null,
): { stop(): Promise<void>; tick(): Promise<void> } | null {
  if (!mailEnabled(deps.env)) return null;
  const transport = createTransport(deps.env);
  if (!transport) return null;
  let running: Promise<void> | null = null;
  let stopped = false;
  let digestDoneFor: string | null = null;
  const tick = async () => {
    if (stopped) return;
    if (running) return running;
    running = (async () => {
      try {
        const day = deps.clock.today();
        if (digestDoneFor !== day && digestDue(parisHourOf(deps.clock.now()), deps.env.MAIL_DIGEST_HOUR)) {
          const { queued } = await queueDailyDigests(deps, { enabled: true });
          digestDoneFor = day;
          if (queued > 0) deps.logger.info({ queued }, "daily alert digests queued");
        }
        await sendDueMail({ ...deps, transport });
      } catch (error) {
        deps.logger.error({ err: error }, "mail worker tick failed");
      } finally {
        running = null;
      }
    })();
    return running;
  };
  const timer = setInterval(() => void tick(), deps.env.MAIL_WORKER_INTERVAL_SECONDS * 1000);
  timer.unref();
  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      transport.close();
    },
  };
}
