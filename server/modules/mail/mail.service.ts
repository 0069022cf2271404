import type { z } from "@hono/zod-openapi";
import type { Db } from "../../../db/client";
import type { MailAttachment } from "../../../db/schema";
import { AppError } from "../../lib/errors";
import { type Page, type PageRequest, pageOfRows } from "../../lib/pagination";
import { inUseCaseTransaction, type UseCaseContext } from "../../lib/use-case-context";
import { type AnyActor, actorLabel } from "../auth/actor";
import {
  countOutbox,
  findOutboxMessage,
  insertOutboxMessage,
  listOutbox,
  type OutboxRecord,
  type OutboxState,
  recordOutcome,
} from "./mail.queries";
import { maskRecipient } from "./mail.rules";
import type { MailStatus, OutboxMessage } from "./mail.schemas";
import { type Env, mailEnabled } from "../../env";
import { type MailTemplateData, type MailTemplateId, renderMail } from "./mail.templates";

/** Whether this site sends e-mail (server/env.ts `mailEnabled`), passed by whoever queues a message. */
export type MailSettings = { enabled: boolean };

/** Why a message of a site without mail server stays unsent: the admin screen shows it. */
export const MAIL_OFF_REASON = "Non envoyé : aucun serveur de courrier n'est configuré sur ce site";

/** The wording that replaces a one-time link once it went out (or when it never did): no secret at rest. */
export const REDACTED_BODY = "(contenu retiré : il contenait un lien à usage unique)";

/** E-mails carrying a one-time link: their body is not kept once sent. */
export const SECRET_TEMPLATES: ReadonlySet<MailTemplateId> = new Set(["invitation", "password_reset"]);

export type QueuedMail = { id: string; state: OutboxState; recipient: string };

/**
 * Puts one e-mail in the outbox inside the caller's transaction: it is sent if and only if the
 * change that asked for it commits. Mail off: the row records that nothing was sent, and why.
 * A message whose dedupe key is already in the outbox is not queued again (null).
 */
export async function queueMail<T extends MailTemplateId>(
  tx: Db,
  context: Pick<UseCaseContext<AnyActor>, "actor" | "clock">,
  mail: MailSettings,
  message: {
    recipient: string;
    template: T;
    data: MailTemplateData[T];
    attachments?: MailAttachment[];
    about?: { type: string; id: string };
    dedupeKey?: string;
  },
): Promise<QueuedMail | null> {
  const rendered = renderMail(message.template, message.data);
  const now = context.clock.now();
  const keepBody = mail.enabled || !SECRET_TEMPLATES.has(message.template);
  const row = await insertOutboxMessage(tx, {
    organisationId: context.actor.organisationId,
    recipient: message.recipient,
    template: message.template,
    subject: rendered.subject,
    bodyText: keepBody ? rendered.text : REDACTED_BODY,
    bodyHtml: keepBody ? rendered.html : `<p>${REDACTED_BODY}</p>`,
    attachments: message.attachments ?? [],
    state: mail.enabled ? "queued" : "unsent",
    nextAttemptAt: now,
    lastError: mail.enabled ? null : MAIL_OFF_REASON,
    triggeredBy: actorLabel(context.actor),
    triggeredByUserId: context.actor.kind === "user" ? context.actor.userId : null,
    subjectType: message.about?.type ?? null,
    subjectId: message.about?.id ?? null,
    dedupeKey: message.dedupeKey ?? null,
    createdAt: now,
    updatedAt: now,
  });
  return row && { id: row.id, state: row.state, recipient: row.recipient };
}

type OutboxView = z.infer<typeof OutboxMessage>;

/** What the admin screen shows of a message: the recipient partly masked, never the body. */
export function toOutboxView(row: OutboxRecord): OutboxView {
  return {
    id: row.id,
    recipient: maskRecipient(row.recipient),
    template: row.template as MailTemplateId,
    subject: row.subject,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.state === "queued" ? row.nextAttemptAt.toISOString() : null,
    // servers quote the address in their reply: masked there too
    lastError: row.lastError?.replace(/[^\s<>"]+@[^\s<>"]+/g, (address) => maskRecipient(address)) ?? null,
    sentAt: row.sentAt?.toISOString() ?? null,
    messageId: row.messageId,
    attachments: row.attachments.length,
    triggeredBy: row.triggeredBy,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listOutboxMessages(
  context: UseCaseContext,
  filter: { state?: OutboxState },
  page: PageRequest,
): Promise<Page<OutboxView>> {
  const organisationId = context.actor.organisationId;
  const [rows, total] = await Promise.all([
    listOutbox(context.db, organisationId, filter, page),
    countOutbox(context.db, organisationId, filter),
  ]);
  return pageOfRows(rows.map(toOutboxView), total, page);
}

/**
 * «Renvoyer»: a failed message (or one left unsent while mail was off) goes back to the queue
 * with its attempts counted from zero. A message whose one-time link was removed cannot be
 * resent: a new link must be issued from the user's page.
 */
export async function resendOutboxMessage(
  context: UseCaseContext,
  id: string,
  mail: MailSettings,
): Promise<OutboxView> {
  return inUseCaseTransaction(context, async (tx, audit) => {
    const row = await findOutboxMessage(tx, context.actor.organisationId, id, true);
    if (!row) throw AppError.notFound("Courriel", id);
    if (!mail.enabled) {
      throw new AppError("CONFLICT", "Le courrier est désactivé sur ce site : rien ne peut être envoyé");
    }
    if (row.state !== "failed" && row.state !== "unsent") {
      throw new AppError("CONFLICT", "Seul un courriel en échec ou non envoyé peut être renvoyé");
    }
    if (row.bodyText === REDACTED_BODY) {
      throw new AppError(
        "CONFLICT",
        "Ce courriel contenait un lien à usage unique qui n'est plus conservé : envoyez un nouveau lien depuis la fiche de l'utilisateur",
      );
    }
    const now = context.clock.now();
    // attempts restart from zero: the admin judged the cause fixed
    await recordOutcome(tx, id, {
      state: "queued",
      attempts: 0,
      nextAttemptAt: now,
      lastError: null,
      updatedAt: now,
    });
    await audit.record({
      action: "mail.resend",
      entityType: "mail_outbox",
      entityId: id,
      details: { template: row.template, previousState: row.state, attempts: row.attempts },
    });
    const updated = await findOutboxMessage(tx, context.actor.organisationId, id);
    return toOutboxView(updated!);
  });
}

/** Whether mail is on, who sends, and how many of the organisation's e-mails wait or failed. */
export async function mailStatus(
  context: UseCaseContext,
  env: Pick<Env, "SMTP_URL" | "SMTP_HOST" | "MAIL_FROM">,
): Promise<z.infer<typeof MailStatus>> {
  const organisationId = context.actor.organisationId;
  const [queued, failed] = await Promise.all([
    countOutbox(context.db, organisationId, { state: "queued" }),
    countOutbox(context.db, organisationId, { state: "failed" }),
  ]);
  const enabled = mailEnabled(env);
  return { enabled, from: enabled ? (env.MAIL_FROM ?? null) : null, queued, failed };
}
