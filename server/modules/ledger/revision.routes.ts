import { createRouter, defineRoute, z } from "../../lib/openapi";
import { pageOf, pageQuery } from "../../lib/pagination";
import { useCaseContext } from "../../lib/use-case-context";
import { IdParam, IsoDateSchema, LeaseIdParam } from "./ledger.schemas";
import { IrlIndexSchema, IrlUpsertBody, RentRevision, RevisionRequestBody } from "./revision.schemas";
import { irlPage, proposeLeaseRevision, requestRevision, upsertIrl } from "./revision.service";

const tags = ["Révision des loyers"];

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

const listRoute = defineRoute({
  method: "get",
  path: "/api/ledger/irl-indices",
  tags,
  summary: "Indices de référence des loyers (INSEE), le trimestre le plus récent d'abord",
  permission: "ledger.read",
  request: { query: z.object(pageQuery()) },
  responses: { 200: json(pageOf(IrlIndexSchema), "Indices") },
});

const upsertRoute = defineRoute({
  method: "put",
  path: "/api/ledger/irl-indices",
  tags,
  summary: "Saisir ou corriger des indices IRL publiés",
  permission: "ledger.write",
  request: {
    body: {
      content: { "application/json": { schema: IrlUpsertBody } },
      required: true,
    },
  },
  responses: { 200: json(z.array(IrlIndexSchema), "Indices") },
});

const proposeRoute = defineRoute({
  method: "post",
  path: "/api/ledger/leases/{leaseId}/revision-proposals",
  tags,
  summary: "Proposer la révision annuelle du loyer (IRL)",
  permission: "ledger.write",
  request: { params: LeaseIdParam },
  responses: { 201: json(RentRevision, "Proposition") },
});

const requestRoute = defineRoute({
  method: "post",
  path: "/api/ledger/revisions/{id}/request",
  tags,
  summary: "Noter la demande de révision au locataire (prend effet à la demande)",
  permission: "ledger.write",
  request: {
    params: IdParam,
    body: {
      content: { "application/json": { schema: RevisionRequestBody } },
      required: true,
    },
  },
  responses: { 200: json(RentRevision, "Révision demandée") },
});

export const revisionRoutes = createRouter()
  .openapi(listRoute, async (c) => c.json(await irlPage(useCaseContext(c), c.req.valid("query")), 200))
  .openapi(upsertRoute, async (c) =>
    c.json(await upsertIrl(useCaseContext(c), c.req.valid("json").indices), 200),
  )
  .openapi(proposeRoute, async (c) =>
    c.json(await proposeLeaseRevision(useCaseContext(c), c.req.valid("param").leaseId), 201),
  )
  .openapi(requestRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { requestedOn } = c.req.valid("json");
    return c.json(await requestRevision(useCaseContext(c), { revisionId: id, requestedOn }), 200);
  });
