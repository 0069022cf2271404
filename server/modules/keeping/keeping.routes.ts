import { contentDisposition } from "../../lib/download-response";
import { createRouter, defineRoute } from "../../lib/openapi";
import { pageFromArray, splitPage } from "../../lib/pagination";
import { useCaseContext } from "../../lib/use-case-context";
import { AppError } from "../../lib/errors";
import {
  CloseRiskBody,
  CompleteActionBody,
  CreateActionBody,
  CreateMeetingBody,
  CreateRelocationBody,
  CreateRiskBody,
  CreateStepBody,
  IdParams,
  KeepingPageQuery,
  MeetingListSchema,
  MeetingSchema,
  RelocationListSchema,
  RelocationSchema,
  RiskListSchema,
  RiskSchema,
  RisksQuery,
} from "./keeping.schemas";
import {
  addPreventionStep,
  addRiskAction,
  closeTenancyRisk,
  completeRiskAction,
  meetingMinutesPdf,
  meetings,
  recordMeeting,
  recordRisk,
  relocationList,
  requestRelocation,
  riskRegister,
} from "./keeping.service";

const tags = ["Maintien dans le logement"];
const json = <T>(schema: T) => ({ "application/json": { schema } });
const pdf = {
  description: "Le compte rendu en PDF",
  content: { "application/pdf": { schema: { type: "string" as const, format: "binary" } } },
};

const risksRoute = defineRoute({
  method: "get",
  path: "/api/keeping/risks",
  tags,
  summary: "Registre des risques locatifs, avec actions, étapes de prévention et alertes",
  permission: "leases.read",
  request: { query: RisksQuery },
  responses: { 200: { description: "Registre", content: json(RiskListSchema) } },
});

const createRiskRoute = defineRoute({
  method: "post",
  path: "/api/leases/{id}/tenancy-risks",
  tags,
  summary: "Signaler un risque locatif (impayés, voisinage, dégradations, entretien, absence)",
  permission: "leases.write",
  request: { params: IdParams, body: { content: json(CreateRiskBody), required: true } },
  responses: { 201: { description: "Risque enregistré", content: json(RiskSchema) } },
});

const closeRiskRoute = defineRoute({
  method: "post",
  path: "/api/tenancy-risks/{id}/close",
  tags,
  summary: "Clore un risque locatif avec son issue",
  permission: "leases.write",
  request: { params: IdParams, body: { content: json(CloseRiskBody), required: true } },
  responses: { 200: { description: "Risque clos", content: json(RiskSchema) } },
});

const createActionRoute = defineRoute({
  method: "post",
  path: "/api/tenancy-risks/{id}/actions",
  tags,
  summary: "Décider une action : qui fait quoi, pour quand",
  permission: "leases.write",
  request: { params: IdParams, body: { content: json(CreateActionBody), required: true } },
  responses: { 201: { description: "Action enregistrée", content: json(RiskSchema) } },
});

const completeActionRoute = defineRoute({
  method: "post",
  path: "/api/risk-actions/{id}/done",
  tags,
  summary: "Marquer une action comme faite",
  permission: "leases.write",
  request: { params: IdParams, body: { content: json(CompleteActionBody), required: true } },
  responses: { 200: { description: "Action faite", content: json(RiskSchema) } },
});

const createStepRoute = defineRoute({
  method: "post",
  path: "/api/tenancy-risks/{id}/prevention-steps",
  tags,
  summary: "Étape de prévention des expulsions (plan d'apurement, FSL, CCAPEX, commandement de payer)",
  permission: "leases.write",
  request: { params: IdParams, body: { content: json(CreateStepBody), required: true } },
  responses: { 201: { description: "Étape enregistrée", content: json(RiskSchema) } },
});

const meetingsRoute = defineRoute({
  method: "get",
  path: "/api/keeping/meetings",
  tags,
  summary: "Réunions partenariales avec les bailleurs",
  permission: "leases.read",
  request: { query: KeepingPageQuery },
  responses: { 200: { description: "Réunions", content: json(MeetingListSchema) } },
});

const createMeetingRoute = defineRoute({
  method: "post",
  path: "/api/keeping/meetings",
  tags,
  summary: "Enregistrer une réunion avec un bailleur : participants, ordre du jour, décisions",
  permission: "leases.write",
  request: { body: { content: json(CreateMeetingBody), required: true } },
  responses: { 201: { description: "Réunion enregistrée", content: json(MeetingSchema) } },
});

const minutesRoute = defineRoute({
  method: "get",
  path: "/api/keeping/meetings/{id}/minutes",
  tags,
  summary: "Compte rendu de la réunion en PDF",
  permission: "leases.read",
  request: { params: IdParams },
  responses: { 200: pdf },
});

const portalMeetingsRoute = defineRoute({
  method: "get",
  path: "/api/portal/meetings",
  tags,
  summary: "Les réunions et décisions sur les logements du propriétaire connecté",
  permission: "portal.read",
  request: { query: KeepingPageQuery },
  responses: { 200: { description: "Réunions", content: json(MeetingListSchema) } },
});

const portalMinutesRoute = defineRoute({
  method: "get",
  path: "/api/portal/meetings/{id}/minutes",
  tags,
  summary: "Compte rendu d'une réunion sur les logements du propriétaire connecté",
  permission: "portal.read",
  request: { params: IdParams },
  responses: { 200: pdf },
});

const relocationsRoute = defineRoute({
  method: "get",
  path: "/api/keeping/relocations",
  tags,
  summary: "Relogements demandés, avec la priorité PDALHPD accordée par le préfet",
  permission: "leases.read",
  request: { query: KeepingPageQuery },
  responses: { 200: { description: "Relogements", content: json(RelocationListSchema) } },
});

const createRelocationRoute = defineRoute({
  method: "post",
  path: "/api/leases/{id}/relocation-requests",
  tags,
  summary: "Demander un relogement (les choix de la personne sont conservés)",
  permission: "leases.write",
  request: { params: IdParams, body: { content: json(CreateRelocationBody), required: true } },
  responses: { 201: { description: "Relogement demandé", content: json(RelocationSchema) } },
});

function landlordOf(actor: { landlordId: string | null }) {
  if (!actor.landlordId) throw new AppError("FORBIDDEN", "Ce compte n'est rattaché à aucun propriétaire");
  return actor.landlordId;
}

const pdfResponse = ({ pdf, fileName }: { pdf: Buffer; fileName: string }) =>
  new Response(new Uint8Array(pdf), {
    status: 200,
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": contentDisposition(fileName, "inline"),
      "Cache-Control": "private, no-store",
    },
  });

export const keepingRoutes = createRouter()
  .openapi(risksRoute, async (c) => {
    const [filters, page] = splitPage(c.req.valid("query"));
    const register = await riskRegister(useCaseContext(c), { openOnly: filters.open === "true" });
    return c.json({ ...pageFromArray(register.items, page), overdueActions: register.overdueActions }, 200);
  })
  .openapi(createRiskRoute, async (c) =>
    c.json(await recordRisk(useCaseContext(c), c.req.valid("param").id, c.req.valid("json")), 201),
  )
  .openapi(closeRiskRoute, async (c) =>
    c.json(await closeTenancyRisk(useCaseContext(c), c.req.valid("param").id, c.req.valid("json")), 200),
  )
  .openapi(createActionRoute, async (c) =>
    c.json(await addRiskAction(useCaseContext(c), c.req.valid("param").id, c.req.valid("json")), 201),
  )
  .openapi(completeActionRoute, async (c) =>
    c.json(await completeRiskAction(useCaseContext(c), c.req.valid("param").id, c.req.valid("json")), 200),
  )
  .openapi(createStepRoute, async (c) =>
    c.json(await addPreventionStep(useCaseContext(c), c.req.valid("param").id, c.req.valid("json")), 201),
  )
  .openapi(meetingsRoute, async (c) =>
    c.json(pageFromArray(await meetings(useCaseContext(c)), c.req.valid("query")), 200),
  )
  .openapi(createMeetingRoute, async (c) =>
    c.json(await recordMeeting(useCaseContext(c), c.req.valid("json")), 201),
  )
  .openapi(minutesRoute, async (c) => {
    const id = c.req.valid("param").id;
    return pdfResponse(await meetingMinutesPdf(useCaseContext(c), id));
  })
  .openapi(portalMeetingsRoute, async (c) => {
    const ctx = useCaseContext(c);
    return c.json(pageFromArray(await meetings(ctx, landlordOf(ctx.actor)), c.req.valid("query")), 200);
  })
  .openapi(portalMinutesRoute, async (c) => {
    const ctx = useCaseContext(c);
    const id = c.req.valid("param").id;
    return pdfResponse(await meetingMinutesPdf(ctx, id, landlordOf(ctx.actor)));
  })
  .openapi(relocationsRoute, async (c) =>
    c.json(pageFromArray(await relocationList(useCaseContext(c)), c.req.valid("query")), 200),
  )
  .openapi(createRelocationRoute, async (c) =>
    c.json(await requestRelocation(useCaseContext(c), c.req.valid("param").id, c.req.valid("json")), 201),
  );
