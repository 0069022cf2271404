import { sealFromEnv } from "../documents/document-seal";
import { clientIp } from "../../lib/client-ip";
import { createRouter, defineRoute } from "../../lib/openapi";
import { toMandate } from "./mandates.routes";
import { useCaseContext } from "../../lib/use-case-context";
import { CONSENT_TEXT } from "./mandates.rules";
import {
  Mandate,
  MandateIdParams,
  MandateList,
  MandatePageQuery,
  PortalMandate,
  SignMandateBody,
} from "./mandates.schemas";
import { getOwnMandate, listOwnMandates, signMandateAsLandlord } from "./mandates.service";

/**
 * The landlord's portal: only the landlord record the account speaks for (actor.landlordId).
 * Anything else — another landlord's mandate included — is 404.
 */
const tags = ["Espace propriétaire"];

const listRoute = defineRoute({
  method: "get",
  path: "/api/portal/mandates",
  tags,
  summary: "Mes mandats de gestion",
  permission: "portal.read",
  request: { query: MandatePageQuery },
  responses: {
    200: { description: "Mandats", content: { "application/json": { schema: MandateList } } },
  },
});
const getRoute = defineRoute({
  method: "get",
  path: "/api/portal/mandates/{id}",
  tags,
  summary: "Un de mes mandats, avec le texte du consentement à donner",
  permission: "portal.read",
  request: { params: MandateIdParams },
  responses: {
    200: {
      description: "Mandat",
      content: { "application/json": { schema: PortalMandate } },
    },
  },
});
const signRoute = defineRoute({
  method: "post",
  path: "/api/portal/mandates/{id}/sign",
  tags,
  summary: "Signer mon mandat : nom complet saisi et consentement",
  permission: "mandates.sign",
  request: {
    params: MandateIdParams,
    body: { content: { "application/json": { schema: SignMandateBody } }, required: true },
  },
  responses: { 200: { description: "Mandat signé", content: { "application/json": { schema: Mandate } } } },
});

export const mandatesPortalRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const page = await listOwnMandates(useCaseContext(c), c.req.valid("query"));
    return c.json({ ...page, items: page.items.map(toMandate) }, 200);
  })
  .openapi(getRoute, async (c) => {
    const row = await getOwnMandate(useCaseContext(c), c.req.valid("param").id);
    return c.json({ ...toMandate(row), consentText: CONSENT_TEXT }, 200);
  })
  .openapi(signRoute, async (c) => {
    const signed = await signMandateAsLandlord(
      useCaseContext(c),
      c.req.valid("param").id,
      c.req.valid("json"),
      {
        ip: clientIp(c),
        userAgent: c.req.header("user-agent") ?? "inconnu",
      },
      sealFromEnv(c.get("deps").env),
    );
    return c.json(toMandate(signed), 200);
  });
