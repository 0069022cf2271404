import type { Context } from "hono";
import { mailEnabled } from "../../env";
import type { AppEnv } from "../../lib/hono";
import { createRouter, defineRoute } from "../../lib/openapi";
import { splitPage } from "../../lib/pagination";
import { useCaseContext } from "../../lib/use-case-context";
import { MailStatus, OutboxIdParams, OutboxMessage, OutboxPage, OutboxQuery } from "./mail.schemas";
import { listOutboxMessages, mailStatus, resendOutboxMessage } from "./mail.service";

const tags = ["Courriels"];
const json = <T>(schema: T) => ({ content: { "application/json": { schema } } });

const statusRoute = defineRoute({
  method: "get",
  path: "/api/mail/status",
  tags,
  summary: "Le courrier est-il actif, combien de courriels attendent ou ont échoué",
  permission: "mail.manage",
  responses: { 200: { description: "État de l'envoi", ...json(MailStatus) } },
});

const listRoute = defineRoute({
  method: "get",
  path: "/api/mail/outbox",
  tags,
  summary: "Les courriels de l'organisation, du plus récent au plus ancien",
  description:
    "La file d'envoi est aussi le registre des envois : destinataire (masqué en partie), modèle, " +
    "état (en attente, envoyé, en échec, non envoyé faute de serveur), tentatives, dernière erreur, " +
    "qui l'a demandé.",
  permission: "mail.manage",
  request: { query: OutboxQuery },
  responses: { 200: { description: "Courriels", ...json(OutboxPage) } },
});

const resendRoute = defineRoute({
  method: "post",
  path: "/api/mail/outbox/{id}/resend",
  tags,
  summary: "Renvoyer un courriel en échec",
  description:
    "Le courriel repart dans la file, ses tentatives comptées de zéro. Un courriel qui portait un lien " +
    "à usage unique ne se renvoie pas : envoyez un nouveau lien depuis la fiche de l'utilisateur.",
  permission: "mail.manage",
  request: { params: OutboxIdParams },
  responses: {
    200: { description: "Courriel remis dans la file", ...json(OutboxMessage) },
    409: { description: "Courriel pas en échec, ou courrier désactivé" },
  },
});

function mailSettings(c: Context<AppEnv>) {
  return { enabled: mailEnabled(c.get("deps").env) };
}

export const mailRoutes = createRouter()
  .openapi(statusRoute, async (c) => c.json(await mailStatus(useCaseContext(c), c.get("deps").env), 200))
  .openapi(listRoute, async (c) =>
    c.json(await listOutboxMessages(useCaseContext(c), ...splitPage(c.req.valid("query"))), 200),
  )
  .openapi(resendRoute, async (c) =>
    c.json(await resendOutboxMessage(useCaseContext(c), c.req.valid("param").id, mailSettings(c)), 200),
  );
