import type { z } from "@hono/zod-openapi";
import { AppError } from "../../lib/errors";
import type { AppDeps } from "../../lib/hono";
import { inAuditedTransaction } from "../audit/audit.service";
import type { Actor } from "../auth/actor";
import {
  findOrganisation,
  findOrganisationForUpdate,
  type OrganisationRecord,
  updateOrganisation,
} from "./organisations.queries";
import { normaliseBankDetails, programmeParameterProblems } from "./organisations.rules";
import type { Organisation, UpdateOrganisationBody } from "./organisations.schemas";

type OrganisationView = z.infer<typeof Organisation>;

export function toOrganisationView(row: OrganisationRecord): OrganisationView {
  const { createdAt: _createdAt, ...rest } = row;
  return { ...rest, updatedAt: row.updatedAt.toISOString() };
}

/** The actor's own organisation: there is no other one to ask for. */
export async function getOwnOrganisation(deps: AppDeps, actor: Actor): Promise<OrganisationView> {
  const row = await findOrganisation(deps.database.db, actor.organisationId);
  if (!row) throw AppError.notFound("Organisation");
  return toOrganisationView(row);
}

/** Changes the programme parameters; the resulting set must satisfy the cross-field rules. */
export async function updateOwnOrganisation(
  deps: AppDeps,
  actor: Actor,
  requestId: string,
  change: z.infer<typeof UpdateOrganisationBody>,
): Promise<OrganisationView> {
  return inAuditedTransaction(
    deps.database.db,
    { actor, requestId, clock: deps.clock },
    async (tx, audit) => {
      const current = await findOrganisationForUpdate(tx, actor.organisationId);
      if (!current) throw AppError.notFound("Organisation");
      const bank = normaliseBankDetails(change);
      if (bank.problems.length > 0) throw AppError.validation(bank.problems, bank.problems[0]!.message);
      const next = { ...current, ...change, ...bank.value };
      // switching the neighbourhood cap off drops its value rather than refusing the change
      if (change.neighbourhoodCapMode === "off" && change.neighbourhoodCapValue === undefined) {
        next.neighbourhoodCapValue = null;
      }
      const problems = programmeParameterProblems(next);
      if (problems.length > 0) throw AppError.validation(problems, problems[0]!.message);
      const updated = await updateOrganisation(tx, actor.organisationId, {
        ...change,
        ...bank.value,
        neighbourhoodCapValue: next.neighbourhoodCapValue,
        updatedAt: deps.clock.now(),
      });
      await audit.record({
        action: "organisation.update",
        entityType: "organisation",
        entityId: actor.organisationId,
        before: toOrganisationView(current),
        after: toOrganisationView(updated),
      });
      return toOrganisationView(updated);
    },
  );
}
