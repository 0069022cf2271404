import { createRouter, defineRoute } from "../../lib/openapi";
import { splitPage } from "../../lib/pagination";
import { useCaseContext } from "../../lib/use-case-context";
import {
  Building,
  BuildingInput,
  BuildingList,
  BuildingListQuery,
  BuildingPatch,
  IdParam,
} from "./buildings.schemas";
import {
  changeBuilding,
  createBuilding,
  getBuilding,
  listBuildingsFor,
  removeBuilding,
} from "./buildings.service";

const tags = ["Immeubles"];
const json = <T>(schema: T) => ({ content: { "application/json": { schema } } });

const listRoute = defineRoute({
  method: "get",
  path: "/api/buildings",
  tags,
  summary: "Lister les immeubles avec leur quartier et leur marge de dispersion",
  permission: "stock.read",
  request: { query: BuildingListQuery },
  responses: { 200: { description: "Immeubles", ...json(BuildingList) } },
});

const createRoute = defineRoute({
  method: "post",
  path: "/api/buildings",
  tags,
  summary: "Créer un immeuble (quartier affecté par sa position)",
  permission: "stock.write",
  request: { body: { ...json(BuildingInput), required: true } },
  responses: { 201: { description: "Immeuble créé", ...json(Building) } },
});

const getRoute = defineRoute({
  method: "get",
  path: "/api/buildings/{id}",
  tags,
  summary: "Un immeuble",
  permission: "stock.read",
  request: { params: IdParam },
  responses: { 200: { description: "Immeuble", ...json(Building) } },
});

const patchRoute = defineRoute({
  method: "patch",
  path: "/api/buildings/{id}",
  tags,
  summary: "Modifier un immeuble",
  permission: "stock.write",
  request: { params: IdParam, body: { ...json(BuildingPatch), required: true } },
  responses: {
    200: { description: "Immeuble modifié", ...json(Building) },
    409: { description: "Le nombre de logements ne permettrait plus les logements du programme déjà là" },
  },
});

const deleteRoute = defineRoute({
  method: "delete",
  path: "/api/buildings/{id}",
  tags,
  summary: "Supprimer un immeuble sans logement",
  permission: "stock.write",
  request: { params: IdParam },
  responses: {
    204: { description: "Immeuble supprimé" },
    409: { description: "L'immeuble a des logements" },
  },
});

export const buildingRoutes = createRouter()
  .openapi(listRoute, async (c) =>
    c.json(await listBuildingsFor(useCaseContext(c), ...splitPage(c.req.valid("query"))), 200),
  )
  .openapi(createRoute, async (c) =>
    c.json(await createBuilding(useCaseContext(c), c.req.valid("json")), 201),
  )
  .openapi(getRoute, async (c) => c.json(await getBuilding(useCaseContext(c), c.req.valid("param").id), 200))
  .openapi(patchRoute, async (c) =>
    c.json(await changeBuilding(useCaseContext(c), c.req.valid("param").id, c.req.valid("json")), 200),
  )
  .openapi(deleteRoute, async (c) => {
    await removeBuilding(useCaseContext(c), c.req.valid("param").id);
    return c.body(null, 204);
  });
