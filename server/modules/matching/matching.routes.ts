import { createRouter, defineRoute } from "../../lib/openapi";
import { splitPage } from "../../lib/pagination";
import { sendJsonText } from "../../lib/read-cache";
import { useCaseContext } from "../../lib/use-case-context";
import { PersonIdParams } from "../persons/persons.schemas";
import { ExcludedPageSchema, ExcludedQuery, MatchesQuery, MatchesResponse } from "./matching.schemas";
import { personExcludedUnits, personMatches } from "./person-matches.service";

const matchesRoute = defineRoute({
  method: "get",
  path: "/api/persons/{id}/matches",
  tags: ["Rapprochement"],
  summary: "Logements disponibles classés pour la personne, avec les raisons de chaque proposition",
  permission: "persons.read",
  request: { params: PersonIdParams, query: MatchesQuery },
  responses: {
    200: { description: "Candidats classés", content: { "application/json": { schema: MatchesResponse } } },
  },
});

const excludedRoute = defineRoute({
  method: "get",
  path: "/api/persons/{id}/matches/excluded",
  tags: ["Rapprochement"],
  summary: "Logements écartés pour la personne, par contrainte, page par page, avec la raison de chacun",
  permission: "persons.read",
  request: { params: PersonIdParams, query: ExcludedQuery },
  responses: {
    200: {
      description: "Logements écartés",
      content: { "application/json": { schema: ExcludedPageSchema } },
    },
  },
});

export const matchingRoutes = createRouter()
  .openapi(matchesRoute, async (c) =>
    sendJsonText(c, await personMatches(useCaseContext(c), c.req.valid("param").id, c.req.valid("query"))),
  )
  .openapi(excludedRoute, async (c) => {
    const [query, page] = splitPage(c.req.valid("query"));
    return c.json(await personExcludedUnits(useCaseContext(c), c.req.valid("param").id, query, page), 200);
  });
