import type { z } from "@hono/zod-openapi";
import type { PageRequest } from "../../lib/pagination";
import { cachedJson, type JsonText } from "../../lib/read-cache";
import type { UseCaseContext } from "../../lib/use-case-context";
import { recordRead } from "../audit/audit.service";
import { requirePerson } from "../persons/persons.service";
import type { ExcludedQuery, MatchesQuery, MatchesResponse } from "./matching.schemas";
import { candidateView, excludedUnitsForPerson, excludedView, matchUnitsForPerson } from "./matching.service";

/**
 * The flats ranked for a person, with the reasons of each proposal (and, on demand, the flats
 * left out). Reading them reads the person's resources and choices: every request is recorded
 * like opening the file, the answers kept by the read cache included.
 */
export async function personMatches(
  context: UseCaseContext,
  personId: string,
  query: z.infer<typeof MatchesQuery>,
): Promise<JsonText<z.infer<typeof MatchesResponse>>> {
  const { db, actor, clock } = context;
  const today = clock.today();
  const startDate = query.startDate ?? today;
  const includeExcluded = query.include === "excluded";
  const answer = await cachedJson(
    context,
    `person.matches:${personId}:${JSON.stringify([startDate, includeExcluded, query.limit])}`,
    async (): Promise<z.infer<typeof MatchesResponse>> => {
      const person = await requirePerson(db, actor.organisationId, personId);
      const result = await matchUnitsForPerson(db, actor.organisationId, person, {
        startDate,
        today,
        includeExcluded,
        limit: query.limit,
      });
      return {
        personId,
        startDate,
        resourcesTotalCents: result.profile.resourcesCents,
        housingBenefitCents: result.profile.housingBenefitCents,
        housingBenefitBasis: person.housingBenefitBasis,
        ceilingBasisPoints: result.context.ceilingBasisPoints,
        evaluatedCount: result.evaluatedCount,
        eligibleCount: result.eligibleCount,
        candidates: result.eligible.map(candidateView),
        ...(includeExcluded ? { excluded: result.excluded.map(excludedView) } : {}),
      };
    },
  );
  await recordRead(db, context, {
    action: "person.matches.read",
    entityType: "person",
    entityId: personId,
    details: { startDate },
  });
  return answer;
}

/** The flats the ranked list leaves out, a page at a time, by constraint; recorded like the list. */
export async function personExcludedUnits(
  context: UseCaseContext,
  personId: string,
  query: Omit<z.infer<typeof ExcludedQuery>, "limit" | "offset">,
  page: PageRequest,
) {
  const { db, actor, clock } = context;
  const today = clock.today();
  const startDate = query.startDate ?? today;
  const { constraint } = query;
  const person = await requirePerson(db, actor.organisationId, personId);
  const result = await excludedUnitsForPerson(db, actor.organisationId, person, {
    startDate,
    today,
    constraint,
    page,
  });
  await recordRead(db, context, {
    action: "person.matches.excluded.read",
    entityType: "person",
    entityId: personId,
    details: { startDate, constraint: constraint ?? null, offset: page.offset },
  });
  return {
    personId,
    startDate,
    items: result.evaluations.map(excludedView),
    total: result.total,
    limit: page.limit,
    offset: page.offset,
    byConstraint: result.byConstraint,
  };
}
