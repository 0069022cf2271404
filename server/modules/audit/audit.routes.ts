import { createRouter, defineRoute, requireActor } from "../../lib/openapi";
import { AuditPage, AuditQuery } from "./audit.schemas";
import { listAudit } from "./audit.service";

const listRoute = defineRoute({
  method: "get",
  path: "/api/audit",
  tags: ["Journal d'audit"],
  summary: "Le journal d'audit de l'organisation",
  description:
    "Du plus récent au plus ancien, filtré par objet (entityType, entityId), auteur (actorUserId) et " +
    "dates (from, to : dates de Paris incluses). Pagination par limit/offset.",
  permission: "audit.read",
  request: { query: AuditQuery },
  responses: {
    200: { description: "Lignes du journal", content: { "application/json": { schema: AuditPage } } },
  },
});

export const auditRoutes = createRouter().openapi(listRoute, async (c) => {
  const { limit, offset, ...filter } = c.req.valid("query");
  const page = await listAudit(c.get("deps").database.db, requireActor(c), filter, { limit, offset });
  return c.json(page, 200);
});
