import { createRouter, defineRoute } from "../../lib/openapi";
import { useCaseContext } from "../../lib/use-case-context";
import { splitPage } from "../../lib/pagination";
import {
  IdParam,
  Landlord,
  LandlordInput,
  LandlordList,
  LandlordListQuery,
  LandlordPatch,
} from "./landlords.schemas";
import {
  changeLandlord,
  createLandlord,
  getLandlord,
  listLandlordsFor,
  removeLandlord,
} from "./landlords.service";

const tags = ["Bailleurs"];
const json = <T>(schema: T) => ({ content: { "application/json": { schema } } });

const listRoute = defineRoute({
  method: "get",
  path: "/api/landlords",
  tags,
  summary: "Lister les bailleurs",
  permission: "landlords.read",
  request: { query: LandlordListQuery },
  responses: { 200: { description: "Bailleurs", ...json(LandlordList) } },
});

const createRoute = defineRoute({
  method: "post",
  path: "/api/landlords",
  tags,
  summary: "Créer un bailleur",
  permission: "landlords.write",
  request: { body: { ...json(LandlordInput), required: true } },
  responses: { 201: { description: "Bailleur créé", ...json(Landlord) } },
});

const getRoute = defineRoute({
  method: "get",
  path: "/api/landlords/{id}",
  tags,
  summary: "Un bailleur (IBAN en clair pour la comptabilité et l'administration)",
  permission: "landlords.read",
  request: { params: IdParam },
  responses: { 200: { description: "Bailleur", ...json(Landlord) } },
});

const patchRoute = defineRoute({
  method: "patch",
  path: "/api/landlords/{id}",
  tags,
  summary: "Modifier un bailleur",
  permission: "landlords.write",
  request: { params: IdParam, body: { ...json(LandlordPatch), required: true } },
  responses: { 200: { description: "Bailleur modifié", ...json(Landlord) } },
});

const deleteRoute = defineRoute({
  method: "delete",
  path: "/api/landlords/{id}",
  tags,
  summary: "Supprimer un bailleur sans immeuble ni logement",
  permission: "landlords.write",
  request: { params: IdParam },
  responses: { 204: { description: "Bailleur supprimé" } },
});

export const landlordRoutes = createRouter()
  .openapi(listRoute, async (c) =>
    c.json(await listLandlordsFor(useCaseContext(c), ...splitPage(c.req.valid("query"))), 200),
  )
  .openapi(createRoute, async (c) =>
    c.json(await createLandlord(useCaseContext(c), c.req.valid("json")), 201),
  )
  .openapi(getRoute, async (c) => c.json(await getLandlord(useCaseContext(c), c.req.valid("param").id), 200))
  .openapi(patchRoute, async (c) =>
    c.json(await changeLandlord(useCaseContext(c), c.req.valid("param").id, c.req.valid("json")), 200),
  )
  .openapi(deleteRoute, async (c) => {
    await removeLandlord(useCaseContext(c), c.req.valid("param").id);
    return c.body(null, 204);
  });
