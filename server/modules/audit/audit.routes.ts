import { createRouter, defineRoute, requireActor } from "../../lib/openapi";
import { AuditPage, AuditQuery, AuditVerification } from "./audit.schemas";
import { listAudit, verifyOwnChain } from "./audit.service";

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

const verifyRoute = defineRoute({
  method: "get",
  path: "/api/audit/verify",
  tags: ["Journal d'audit"],
  summary: "Vérifie la chaîne d'empreintes du journal de l'organisation",
  description:
    "Enchaîne d'abord les consultations enregistrées depuis la dernière seconde, puis parcourt la " +
    "chaîne dans l'ordre et signale le premier maillon rompu : une ligne modifiée (hash_mismatch) " +
    "ou supprimée (previous_hash_mismatch sur la ligne suivante).",
  permission: "audit.read",
  responses: {
    200: {
      description: "Résultat de la vérification",
      content: { "application/json": { schema: AuditVerification } },
    },
  },
});

export const auditRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const { limit, offset, ...filter } = c.req.valid("query");
    const page = await listAudit(c.get("deps").database.db, requireActor(c), filter, { limit, offset });
    return c.json(page, 200);
  })
  .openapi(verifyRoute, async (c) => {
    const report = await verifyOwnChain(c.get("deps").database.db, requireActor(c));
    return c.json(
      {
        organisationId: report.organisationId,
        checked: report.checked,
        broken: report.broken && {
          sequence: report.broken.sequence,
          reason: report.broken.reason,
          expected: report.broken.expected,
          found: report.broken.found,
        },
        pendingReads: report.pendingReads,
      },
      200,
    );
  });
