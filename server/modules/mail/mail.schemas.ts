import { z } from "@hono/zod-openapi";
import { pageOf, pageQuery } from "../../lib/pagination";
import { mailTemplateIds } from "./mail.templates";

export const outboxStates = ["queued", "sent", "failed", "unsent"] as const;

/** One e-mail of the outbox as the admin sees it: the recipient partly masked, never the body. */
export const OutboxMessage = z
  .object({
    id: z.uuid(),
    recipient: z.string().openapi({ description: "adresse partiellement masquée" }),
    template: z.enum(mailTemplateIds),
    subject: z.string(),
    state: z.enum(outboxStates),
    attempts: z.number().int(),
    nextAttemptAt: z.iso.datetime().nullable(),
    lastError: z.string().nullable(),
    sentAt: z.iso.datetime().nullable(),
    messageId: z.string().nullable(),
    attachments: z.number().int().openapi({ description: "nombre de pièces jointes" }),
    triggeredBy: z.string().openapi({ description: "qui ou quoi a demandé l'envoi" }),
    createdAt: z.iso.datetime(),
  })
  .openapi("OutboxMessage");

export const OutboxPage = pageOf(OutboxMessage).openapi("OutboxPage");

export const OutboxQuery = z.object({
  state: z.enum(outboxStates).optional(),
  ...pageQuery(),
});

export const OutboxIdParams = z.object({
  id: z.uuid("Identifiant invalide").openapi({ param: { name: "id", in: "path" } }),
});

/** The outbox screen's header: is mail on, and how many messages wait or failed. */
export const MailStatus = z
  .object({
    enabled: z.boolean(),
    from: z.string().nullable(),
    queued: z.number().int(),
    failed: z.number().int(),
  })
  .openapi("MailStatus");
