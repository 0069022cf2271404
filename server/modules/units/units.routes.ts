import { createRouter, defineRoute, z } from "../../lib/openapi";
import { pageFromArray, pageQuery, splitPage } from "../../lib/pagination";
import { sendJsonText } from "../../lib/read-cache";
import { useCaseContext } from "../../lib/use-case-context";
import {
  IdParam,
  Transition,
  TransitionInput,
  TransitionList,
  Unit,
  UnitInput,
  UnitList,
  UnitListQuery,
  UnitPatch,
} from "./units.schemas";
import {
  applyTransition,
  changeUnit,
  createUnit,
  getUnit,
  listUnitsFor,
  removeUnit,
  unitHistory,
} from "./units.service";

const tags = ["Logements"];
const json = <T>(schema: T) => ({ content: { "application/json": { schema } } });

const listRoute = defineRoute({
  method: "get",
  path: "/api/units",
  tags,
  summary: "Lister les logements",
  permission: "stock.read",
  request: { query: UnitListQuery },
  responses: { 200: { description: "Logements", ...json(UnitList) } },
});

const createRoute = defineRoute({
  method: "post",
  path: "/api/units",
  tags,
  summary: "Créer un logement (état prospect)",
  permission: "stock.write",
  request: { body: { ...json(UnitInput), required: true } },
  responses: { 201: { description: "Logement créé", ...json(Unit) } },
});

const getRoute = defineRoute({
  method: "get",
  path: "/api/units/{id}",
  tags,
  summary: "Un logement, ses états suivants possibles et la marge de son immeuble",
  permission: "stock.read",
  request: { params: IdParam },
  responses: { 200: { description: "Logement", ...json(Unit) } },
});

const patchRoute = defineRoute({
  method: "patch",
  path: "/api/units/{id}",
  tags,
  summary: "Modifier un logement (l'état change par les transitions)",
  permission: "stock.write",
  request: { params: IdParam, body: { ...json(UnitPatch), required: true } },
  responses: { 200: { description: "Logement modifié", ...json(Unit) } },
});

const deleteRoute = defineRoute({
  method: "delete",
  path: "/api/units/{id}",
  tags,
  summary: "Supprimer un logement jamais capté (prospect, visite, retiré)",
  permission: "stock.write",
  request: { params: IdParam },
  responses: {
    204: { description: "Logement supprimé" },
    409: { description: "Logement capté : à retirer" },
  },
});

const transitionRoute = defineRoute({
  method: "post",
  path: "/api/units/{id}/transitions",
  tags,
  summary: "Faire avancer le logement dans le circuit de captation",
  description:
    "409 ILLEGAL_TRANSITION (avec `allowed`), 409 SCATTER_CAP_EXCEEDED (réservation ou location au-delà du plafond), " +
    "422 DECENCY_NOT_MET, 422 ENERGY_CLASS_NOT_ALLOWED.",
  permission: "stock.write",
  request: { params: IdParam, body: { ...json(TransitionInput), required: true } },
  responses: {
    201: { description: "Transition enregistrée", ...json(z.object({ transition: Transition, unit: Unit })) },
    409: { description: "Transition interdite ou plafond de dispersion atteint" },
  },
});

const historyRoute = defineRoute({
  method: "get",
  path: "/api/units/{id}/transitions",
  tags,
  summary: "L'historique des états du logement",
  permission: "stock.read",
  request: { params: IdParam, query: z.object(pageQuery()) },
  responses: { 200: { description: "Transitions", ...json(TransitionList) } },
});

export const unitRoutes = createRouter()
  .openapi(listRoute, async (c) =>
    sendJsonText(c, await listUnitsFor(useCaseContext(c), ...splitPage(c.req.valid("query")))),
  )
  .openapi(createRoute, async (c) => c.json(await createUnit(useCaseContext(c), c.req.valid("json")), 201))
  .openapi(getRoute, async (c) => c.json(await getUnit(useCaseContext(c), c.req.valid("param").id), 200))
  .openapi(patchRoute, async (c) =>
    c.json(await changeUnit(useCaseContext(c), c.req.valid("param").id, c.req.valid("json")), 200),
  )
  .openapi(deleteRoute, async (c) => {
    await removeUnit(useCaseContext(c), c.req.valid("param").id);
    return c.body(null, 204);
  })
  .openapi(transitionRoute, async (c) =>
    c.json(await applyTransition(useCaseContext(c), c.req.valid("param").id, c.req.valid("json")), 201),
  )
  .openapi(historyRoute, async (c) =>
    c.json(
      pageFromArray(await unitHistory(useCaseContext(c), c.req.valid("param").id), c.req.valid("query")),
      200,
    ),
  );
