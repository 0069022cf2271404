import { createRouter, defineRoute } from "../../lib/openapi";
import { useCaseContext } from "../../lib/use-case-context";
import type { MandateRow } from "./mandates.service";
import { splitPage } from "../../lib/pagination";
import {
  CreateMandateBody,
  Mandate,
  MandateIdParams,
  MandateList,
  MandateListQuery,
} from "./mandates.schemas";
import { createMandate, getMandate, listMandatesFor } from "./mandates.service";

export function toMandate(row: MandateRow) {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    landlordId: row.landlordId,
    unitId: row.unitId,
    startDate: row.startDate,
    endDate: row.endDate,
    durationMonths: row.durationMonths,
    managementFeeBasisPoints: row.managementFeeBasisPoints,
    scope: row.scope,
    guaranteeEnabled: row.guaranteeEnabled,
    guaranteeCeilingCents: row.guaranteeCeilingCents,
    guaranteeMonths: row.guaranteeMonths,
    repairAidEnabled: row.repairAidEnabled,
    repairAidCeilingCents: row.repairAidCeilingCents,
    socialWatch: row.socialWatch,
    documentId: row.documentId,
    documentUrl: row.documentId ? `/api/documents/${row.documentId}.pdf` : null,
    signedDocumentId: row.signedDocumentId,
    signedDocumentUrl: row.signedDocumentId ? `/api/documents/${row.signedDocumentId}.pdf` : null,
    signedAt: row.signedAt?.toISOString() ?? null,
    signerName: row.signerName,
    signedDocumentSha256: row.signedDocumentSha256,
  };
}

const tags = ["Mandats de gestion"];

const createRoute = defineRoute({
  method: "post",
  path: "/api/mandates",
  tags,
  summary: "Créer un mandat de gestion (numéro du registre, durée déterminée, pack sécurisation)",
  permission: "mandates.write",
  request: { body: { content: { "application/json": { schema: CreateMandateBody } }, required: true } },
  responses: {
    201: {
      description: "Mandat en attente de signature",
      content: { "application/json": { schema: Mandate } },
    },
  },
});
const listRoute = defineRoute({
  method: "get",
  path: "/api/mandates",
  tags,
  summary: "Le registre des mandats (ordre chronologique inverse)",
  permission: "mandates.read",
  request: { query: MandateListQuery },
  responses: {
    200: { description: "Mandats", content: { "application/json": { schema: MandateList } } },
  },
});
const getRoute = defineRoute({
  method: "get",
  path: "/api/mandates/{id}",
  tags,
  summary: "Un mandat",
  permission: "mandates.read",
  request: { params: MandateIdParams },
  responses: { 200: { description: "Mandat", content: { "application/json": { schema: Mandate } } } },
});

export const mandatesRoutes = createRouter()
  .openapi(createRoute, async (c) =>
    c.json(toMandate(await createMandate(useCaseContext(c), c.req.valid("json"))), 201),
  )
  .openapi(listRoute, async (c) => {
    const page = await listMandatesFor(useCaseContext(c), ...splitPage(c.req.valid("query")));
    return c.json({ ...page, items: page.items.map(toMandate) }, 200);
  })
  .openapi(getRoute, async (c) =>
    c.json(toMandate(await getMandate(useCaseContext(c), c.req.valid("param").id)), 200),
  );
