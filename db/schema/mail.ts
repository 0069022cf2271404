import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { tenantColumns, timestamps } from "./_columns";

/**
 * queued: waits for the worker (or is being sent: a claim pushes next_attempt_at forward, so a
 * process that dies mid-send leaves the row to be claimed again); sent; failed: given up (a
 * permanent refusal or too many attempts), an admin may resend it; unsent: never sent because
 * mail is switched off on this site (kept as the record that nothing went out).
 */
export const mailState = pgEnum("mail_state", ["queued", "sent", "failed", "unsent"]);

/** A document stored in `documents`, attached to the message at sending time. */
export type MailAttachment = { documentId: string; filename: string };

/**
 * The outbox: every e-mail the back office sends, durable before it is sent. The row is also
 * the record of the sending (who or what triggered it, when it went, the server's message id).
 */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    ...tenantColumns(),
    recipient: text().notNull(),
    template: text().notNull(),
    subject: text().notNull(),
    bodyText: text().notNull(),
    bodyHtml: text().notNull(),
    attachments: jsonb().$type<MailAttachment[]>().notNull().default([]),
    state: mailState().notNull().default("queued"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    lastError: text(),
    sentAt: timestamp({ withTimezone: true, mode: "date" }),
    messageId: text(),
    // who or what asked for it: "Prénom Nom <adresse>" or "système: …", and the user when a user did
    triggeredBy: text().notNull(),
    triggeredByUserId: uuid(),
    // what the message is about (a user, a document…): the admin screen links to it
    subjectType: text(),
    subjectId: uuid(),
    // once per key: a day's digest to one user, one document to one recipient
    dedupeKey: text(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    uniqueIndex("mail_outbox_id_unique").on(t.id),
    uniqueIndex("mail_outbox_dedupe_unique")
      .on(t.organisationId, t.dedupeKey)
      .where(sql`${t.dedupeKey} is not null`),
    index("mail_outbox_due_idx").on(t.nextAttemptAt).where(sql`${t.state} = 'queued'`),
    index("mail_outbox_list_idx").on(t.organisationId, t.createdAt),
    check("mail_outbox_attempts_non_negative", sql`${t.attempts} >= 0`),
  ],
);
