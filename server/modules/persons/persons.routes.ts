import { createRouter, defineRoute, z } from "../../lib/openapi";
import { sendJsonText } from "../../lib/read-cache";
import { useCaseContext } from "../../lib/use-case-context";
import { pageOf, splitPage } from "../../lib/pagination";
import {
  ChoicesSchema,
  CreatePersonBody,
  HousingBenefitRightsBody,
  PersonIdParams,
  PersonListQuery,
  PersonSchema,
  PersonSummarySchema,
  StatusChangeBody,
  UpdatePersonBody,
} from "./persons.schemas";
import {
  changePerson,
  createPerson,
  listPersonSummaries,
  readPerson,
  recordHousingBenefitRights,
  recordStatusChange,
  replaceChoices,
} from "./persons.service";

const tags = ["Personnes accueillies"];
const json = <T>(schema: T) => ({ "application/json": { schema } });
const personResponse = (description: string) => ({ description, content: json(PersonSchema) });

const listRoute = defineRoute({
  method: "get",
  path: "/api/persons",
  tags,
  summary: "Liste des personnes, avec l'échéance de première proposition",
  permission: "persons.read",
  request: { query: PersonListQuery },
  responses: {
    200: { description: "Personnes", content: json(pageOf(PersonSummarySchema).openapi("PersonPage")) },
  },
});

const createRoute = defineRoute({
  method: "post",
  path: "/api/persons",
  tags,
  summary: "Enregistrer une personne (jour 1 = date d'entrée)",
  permission: "persons.write",
  request: { body: { content: json(CreatePersonBody), required: true } },
  responses: { 201: personResponse("Personne créée") },
});

const readRoute = defineRoute({
  method: "get",
  path: "/api/persons/{id}",
  tags,
  summary: "Ouvrir le dossier d'une personne (lecture tracée dans le journal d'audit)",
  permission: "persons.read",
  request: { params: PersonIdParams },
  responses: { 200: personResponse("Dossier de la personne") },
});

const updateRoute = defineRoute({
  method: "patch",
  path: "/api/persons/{id}",
  tags,
  summary: "Modifier l'identité, le foyer, les ressources ou demander un relogement",
  permission: "persons.write",
  request: { params: PersonIdParams, body: { content: json(UpdatePersonBody), required: true } },
  responses: { 200: personResponse("Personne modifiée") },
});

const choicesRoute = defineRoute({
  method: "put",
  path: "/api/persons/{id}/choices",
  tags,
  summary: "Remplacer les choix de logement de la personne",
  permission: "persons.write",
  request: { params: PersonIdParams, body: { content: json(ChoicesSchema), required: true } },
  responses: { 200: personResponse("Choix enregistrés") },
});

const statusRoute = defineRoute({
  method: "post",
  path: "/api/persons/{id}/status",
  tags,
  summary: "Suspendre, réintégrer, réadmettre ou enregistrer une sortie",
  permission: "persons.write",
  request: { params: PersonIdParams, body: { content: json(StatusChangeBody), required: true } },
  responses: {
    200: personResponse("Statut modifié"),
    409: { description: "Changement impossible depuis ce statut" },
  },
});

const rightsRoute = defineRoute({
  method: "post",
  path: "/api/persons/{id}/housing-benefit-rights",
  tags,
  summary:
    "Droits APL ouverts (cahier des charges §9.4) : la notification de la CAF, sa date et son montant, remplacent l'estimation du barème",
  permission: "persons.write",
  request: { params: PersonIdParams, body: { content: json(HousingBenefitRightsBody), required: true } },
  responses: { 200: personResponse("Droits enregistrés") },
});

export const personsRoutes = createRouter()
  .openapi(listRoute, async (c) =>
    c.json(await listPersonSummaries(useCaseContext(c), ...splitPage(c.req.valid("query"))), 200),
  )
  .openapi(createRoute, async (c) => c.json(await createPerson(useCaseContext(c), c.req.valid("json")), 201))
  .openapi(readRoute, async (c) =>
    sendJsonText(c, await readPerson(useCaseContext(c), c.req.valid("param").id)),
  )
  .openapi(updateRoute, async (c) =>
    c.json(await changePerson(useCaseContext(c), c.req.valid("param").id, c.req.valid("json")), 200),
  )
  .openapi(choicesRoute, async (c) =>
    c.json(await replaceChoices(useCaseContext(c), c.req.valid("param").id, c.req.valid("json")), 200),
  )
  .openapi(statusRoute, async (c) =>
    c.json(await recordStatusChange(useCaseContext(c), c.req.valid("param").id, c.req.valid("json")), 200),
  )
  .openapi(rightsRoute, async (c) =>
    c.json(
      await recordHousingBenefitRights(useCaseContext(c), c.req.valid("param").id, c.req.valid("json")),
      200,
    ),
  );
