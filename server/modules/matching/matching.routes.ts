import { recordRead } from "../audit/audit.service";
import { createRouter, defineRoute, requireActor } from "../../lib/openapi";
import { PersonIdParams } from "../persons/persons.schemas";
import { requirePerson } from "../persons/persons.service";
import { splitPage } from "../../lib/pagination";
import { ExcludedPageSchema, ExcludedQuery, MatchesQuery, MatchesResponse } from "./matching.schemas";
import { candidateView, excludedUnitsForPerson, excludedView, matchUnitsForPerson } from "./matching.service";

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
  .openapi(matchesRoute, async (c) => {
    const actor = requireActor(c);
    const { database, clock } = c.get("deps");
    const { id } = c.req.valid("param");
    const query = c.req.valid("query");
    const today = clock.today();
    const startDate = query.startDate ?? today;
    const person = await requirePerson(database.db, actor.organisationId, id);
    const result = await matchUnitsForPerson(database.db, actor.organisationId, person, {
      startDate,
      today,
      includeExcluded: query.include === "excluded",
      limit: query.limit,
    });
    // reading matches reads the person's resources and choices: attributable like opening the file
    await recordRead(
      database.db,
      { actor, requestId: c.get("requestId"), clock },
      { action: "person.matches.read", entityType: "person", entityId: id, details: { startDate } },
    );
    return c.json(
      {
        personId: id,
        startDate,
        resourcesTotalCents: result.profile.resourcesCents,
        housingBenefitCents: result.profile.housingBenefitCents,
        ceilingBasisPoints: result.context.ceilingBasisPoints,
        evaluatedCount: result.evaluatedCount,
        eligibleCount: result.eligibleCount,
        candidates: result.eligible.map(candidateView),
        ...(query.include === "excluded" ? { excluded: result.excluded.map(excludedView) } : {}),
      },
      200,
    );
  })
  .openapi(excludedRoute, async (c) => {
    const actor = requireActor(c);
    const { database, clock } = c.get("deps");
    const { id } = c.req.valid("param");
    const [{ startDate: asked, constraint }, page] = splitPage(c.req.valid("query"));
    const today = clock.today();
    const startDate = asked ?? today;
    const person = await requirePerson(database.db, actor.organisationId, id);
    const result = await excludedUnitsForPerson(database.db, actor.organisationId, person, {
      startDate,
      today,
      constraint,
      page,
    });
    // like the ranked list, reading why flats are left out reads the person's choices
    await recordRead(
      database.db,
      { actor, requestId: c.get("requestId"), clock },
      {
        action: "person.matches.excluded.read",
        entityType: "person",
        entityId: id,
        details: { startDate, constraint: constraint ?? null, offset: page.offset },
      },
    );
    return c.json(
      {
        personId: id,
        startDate,
        items: result.evaluations.map(excludedView),
        total: result.total,
        limit: page.limit,
        offset: page.offset,
        byConstraint: result.byConstraint,
      },
      200,
    );
  });
