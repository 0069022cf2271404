import { AppError } from "../../lib/errors";
import { mailEnabled } from "../../env";
import { createRouter, defineRoute, requireActor, z } from "../../lib/openapi";
import { pageOf, pageQuery } from "../../lib/pagination";
import type { Context } from "hono";
import type { AppEnv } from "../../lib/hono";
import { useCaseContext } from "../../lib/use-case-context";
import {
  landlordStatementDocument,
  landlordStatementDocuments,
  receiptDocument,
  rentCallDocument,
} from "./ledger-documents.service";
import { landlordStatement } from "./landlord.service";
import { IdParam, MonthSchema, StatementPeriodBody, StoredDocument } from "./ledger.schemas";

const tags = ["Comptabilité locative"];
const StatementDocuments = pageOf(
  z.object({
    documentId: z.uuid(),
    period: z.string(),
    sha256: z.string(),
    createdAt: z.string(),
    url: z.string(),
  }),
).openapi("LandlordStatementDocumentList");
const PageParams = z.object(pageQuery());
const stored = {
  200: { description: "Document déjà produit", content: { "application/json": { schema: StoredDocument } } },
  201: { description: "Document produit", content: { "application/json": { schema: StoredDocument } } },
};

const rentCallDocumentRoute = defineRoute({
  method: "post",
  path: "/api/ledger/rent-calls/{id}/document",
  tags,
  summary: "Produire (une fois) l'avis d'échéance PDF d'un appel de loyer",
  permission: "ledger.write",
  request: { params: IdParam },
  responses: stored,
});

const receiptDocumentRoute = defineRoute({
  method: "post",
  path: "/api/ledger/receipts/{id}/document",
  tags,
  summary: "Produire (une fois) la quittance ou le reçu PDF d'un règlement",
  permission: "ledger.write",
  request: { params: IdParam },
  responses: stored,
});

const statementDocumentRoute = defineRoute({
  method: "post",
  path: "/api/ledger/landlords/{landlordId}/statements",
  tags,
  summary: "Produire (une fois) le relevé de gérance PDF d'un mois terminé",
  permission: "ledger.write",
  request: {
    params: z.object({ landlordId: z.uuid() }),
    body: {
      content: { "application/json": { schema: StatementPeriodBody } },
      required: true,
    },
  },
  responses: stored,
});

const statementListRoute = defineRoute({
  method: "get",
  path: "/api/ledger/landlords/{landlordId}/statements",
  tags,
  summary: "Les relevés de gérance PDF d'un bailleur",
  permission: "ledger.read",
  request: { params: z.object({ landlordId: z.uuid() }), query: PageParams },
  responses: {
    200: { description: "Relevés", content: { "application/json": { schema: StatementDocuments } } },
  },
});

const portalStatementListRoute = defineRoute({
  method: "get",
  path: "/api/portal/statements",
  tags: ["Portail bailleur"],
  summary: "Mes relevés de gérance PDF",
  permission: "portal.read",
  request: { query: PageParams },
  responses: {
    200: { description: "Relevés", content: { "application/json": { schema: StatementDocuments } } },
  },
});

/** The site's mail settings: a document made on a request is e-mailed to whoever accepted it. */
const mailOf = (c: Context<AppEnv>) => ({ enabled: mailEnabled(c.get("deps").env) });

export const ledgerDocumentRoutes = createRouter()
  .openapi(rentCallDocumentRoute, async (c) => {
    const ref = await rentCallDocument(useCaseContext(c), c.req.valid("param").id, mailOf(c));
    return c.json(ref, ref.created ? 201 : 200);
  })
  .openapi(receiptDocumentRoute, async (c) => {
    const ref = await receiptDocument(useCaseContext(c), c.req.valid("param").id, mailOf(c));
    return c.json(ref, ref.created ? 201 : 200);
  })
  .openapi(statementDocumentRoute, async (c) => {
    const { landlordId } = c.req.valid("param");
    const { period } = c.req.valid("json");
    const ref = await landlordStatementDocument(useCaseContext(c), landlordId, period, mailOf(c));
    return c.json(ref, ref.created ? 201 : 200);
  })
  .openapi(statementListRoute, async (c) => {
    const actor = requireActor(c);
    const db = c.get("deps").database.db;
    const { landlordId } = c.req.valid("param");
    // 404 for a landlord of another organisation
    await landlordStatement(db, actor.organisationId, landlordId, c.get("deps").clock.today().slice(0, 7));
    return c.json(await landlordStatementDocuments(useCaseContext(c), landlordId, c.req.valid("query")), 200);
  })
  .openapi(portalStatementListRoute, async (c) => {
    const actor = requireActor(c);
    // privacy: a landlord lists their own statements only
    if (!actor.landlordId) throw new AppError("FORBIDDEN", "Ce compte ne représente aucun bailleur");
    return c.json(
      await landlordStatementDocuments(useCaseContext(c), actor.landlordId, c.req.valid("query")),
      200,
    );
  });
