import { createRouter, defineRoute, type z } from "../../lib/openapi";
import { splitPage } from "../../lib/pagination";
import { useCaseContext } from "../../lib/use-case-context";
import { idempotentRequest, sendIdempotent } from "../ledger/idempotency";
import { IdempotencyHeaders } from "../ledger/ledger.schemas";
import {
  ChargeStatement,
  ChargeStatementBody,
  ChargeStatementList,
  ChargeStatementUpdateBody,
  ConfirmBody,
  ConfirmResult,
  RegularisationIdParam,
  SendResult,
  StatementDetail,
  StatementIdParam,
  StatementListQuery,
} from "./charges.schemas";
import {
  confirmRegularisation,
  createStatement,
  listStatements,
  sendStatement,
  statementDetail,
  updateStatement,
} from "./charges.service";

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { "application/json": { schema } }, required: true },
});
const tags = ["Régularisation des charges"];

const listRoute = defineRoute({
  method: "get",
  path: "/api/charges/statements",
  tags,
  summary: "Charges réelles saisies par immeuble et période",
  permission: "ledger.read",
  request: { query: StatementListQuery },
  responses: { 200: json(ChargeStatementList, "Relevés de charges, la période la plus récente d'abord") },
});
const createRoute = defineRoute({
  method: "post",
  path: "/api/charges/statements",
  tags,
  summary: "Saisir les charges réelles d'un immeuble pour une période (décret n° 87-713)",
  permission: "ledger.write",
  request: body(ChargeStatementBody),
  responses: { 201: json(ChargeStatement, "Relevé de charges enregistré") },
});
const detailRoute = defineRoute({
  method: "get",
  path: "/api/charges/statements/{id}",
  tags,
  summary: "Relevé de charges et régularisation de chaque bail (aperçu avant envoi)",
  permission: "ledger.read",
  request: { params: StatementIdParam },
  responses: { 200: json(StatementDetail, "Relevé et régularisations") },
});
const updateRoute = defineRoute({
  method: "put",
  path: "/api/charges/statements/{id}",
  tags,
  summary: "Corriger les charges réelles tant qu'aucun décompte n'est envoyé",
  permission: "ledger.write",
  request: { params: StatementIdParam, ...body(ChargeStatementUpdateBody) },
  responses: { 200: json(ChargeStatement, "Relevé corrigé") },
});
const sendRoute = defineRoute({
  method: "post",
  path: "/api/charges/statements/{id}/sending",
  tags,
  summary: "Envoyer le décompte à chaque locataire, un mois avant la régularisation (loi 89-462 art. 23)",
  permission: "ledger.write",
  request: { params: StatementIdParam },
  responses: { 201: json(SendResult, "Décomptes enregistrés, un PDF par bail") },
});
const confirmRoute = defineRoute({
  method: "post",
  path: "/api/charges/regularisations/{id}/confirmation",
  tags,
  summary: "Confirmer une régularisation : solde passé au compte du locataire, nouvelle provision",
  permission: "ledger.write",
  request: { params: RegularisationIdParam, headers: IdempotencyHeaders, ...body(ConfirmBody) },
  responses: { 200: json(ConfirmResult, "Régularisation confirmée") },
});

export const chargesRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const [, page] = splitPage(c.req.valid("query"));
    return c.json(await listStatements(useCaseContext(c), page), 200);
  })
  .openapi(createRoute, async (c) =>
    c.json(await createStatement(useCaseContext(c), c.req.valid("json")), 201),
  )
  .openapi(detailRoute, async (c) =>
    c.json(await statementDetail(useCaseContext(c), c.req.valid("param").id), 200),
  )
  .openapi(updateRoute, async (c) =>
    c.json(await updateStatement(useCaseContext(c), c.req.valid("param").id, c.req.valid("json")), 200),
  )
  .openapi(sendRoute, async (c) =>
    c.json(await sendStatement(useCaseContext(c), c.req.valid("param").id), 201),
  )
  .openapi(confirmRoute, async (c) => {
    const input = c.req.valid("json");
    const result = await confirmRegularisation(useCaseContext(c), c.req.valid("param").id, input, () =>
      idempotentRequest(c, input),
    );
    return sendIdempotent(c, result);
  });
