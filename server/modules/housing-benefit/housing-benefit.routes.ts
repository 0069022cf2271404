import { createRouter, defineRoute } from "../../lib/openapi";
import { useCaseContext } from "../../lib/use-case-context";
import {
  CommuneZoneList,
  HeldCommuneZoneList,
  HousingBenefitScale,
  ParameterEntry,
  ParameterEntryBody,
  ScaleQuery,
} from "./housing-benefit.schemas";
import {
  communeZoneList,
  housingBenefitScale,
  recordParameterEntry,
  replaceCommuneZoneList,
} from "./housing-benefit.service";

const json = <T>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const body = <T>(schema: T) => ({ body: { content: { "application/json": { schema } }, required: true } });
const tags = ["Aides au logement"];

const scaleRoute = defineRoute({
  method: "get",
  path: "/api/housing-benefit/scale",
  tags,
  summary:
    "Le barème des aides au logement en secteur locatif (CCH D. 823-16, arrêté du 27 septembre 2019) à une date : chaque paramètre, sa valeur en vigueur, sa source et ses versions datées",
  permission: "organisation.read",
  request: { query: ScaleQuery },
  responses: { 200: json(HousingBenefitScale, "Barème") },
});
const recordRoute = defineRoute({
  method: "post",
  path: "/api/housing-benefit/scale",
  tags,
  summary:
    "Enregistrer une valeur datée du barème, avec le texte dont elle vient (remplace celle de l'organisation à la même date)",
  permission: "organisation.update",
  request: body(ParameterEntryBody),
  responses: { 201: json(ParameterEntry, "Valeur enregistrée") },
});
const zonesRoute = defineRoute({
  method: "get",
  path: "/api/housing-benefit/commune-zones",
  tags,
  summary:
    "Les communes et leur zone (I, II, III) pour les plafonds de loyer (arrêté du 17 mars 1978 modifié)",
  permission: "organisation.read",
  responses: {
    200: json(HeldCommuneZoneList, "Liste"),
  },
});
const replaceZonesRoute = defineRoute({
  method: "put",
  path: "/api/housing-benefit/commune-zones",
  tags,
  summary: "Remplacer la liste des communes et de leur zone, avec le texte recopié",
  permission: "organisation.update",
  request: body(CommuneZoneList),
  responses: { 200: json(CommuneZoneList, "Liste enregistrée") },
});

export const housingBenefitRoutes = createRouter()
  .openapi(scaleRoute, async (c) =>
    c.json(await housingBenefitScale(useCaseContext(c), c.req.valid("query").date), 200),
  )
  .openapi(recordRoute, async (c) =>
    c.json(await recordParameterEntry(useCaseContext(c), c.req.valid("json")), 201),
  )
  .openapi(zonesRoute, async (c) => c.json(await communeZoneList(useCaseContext(c)), 200))
  .openapi(replaceZonesRoute, async (c) =>
    c.json(await replaceCommuneZoneList(useCaseContext(c), c.req.valid("json")), 200),
  );
