import type { z } from "@hono/zod-openapi";
import { AppError } from "../../lib/errors";
import type { AppDeps } from "../../lib/hono";
import { inAuditedTransaction } from "../audit/audit.service";
import type { Actor } from "../auth/actor";
import type { Db } from "../../../db/client";
import type { Clock } from "../../lib/clock";
import { inUseCaseTransaction } from "../../lib/use-case-context";
import { inviteUserInTransaction } from "../users/users.service";
import {
  findOrganisation,
  findOrganisationForUpdate,
  insertOrganisation,
  organisationNamed,
  type OrganisationRecord,
  updateOrganisation,
} from "./organisations.queries";
import { normaliseBankDetails, programmeParameterProblems } from "./organisations.rules";
import type { NewSiteInput, Organisation, UpdateOrganisationBody } from "./organisations.schemas";

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

/**
 * Sets up a new organisation and invites its first administrator, who then sets a password from
 * the one-time link and invites everyone else. The only way in on a production database, where no
 * demo account may exist. Written and audited as the system, in one transaction: the organisation's
 * audit chain starts with its own creation.
 */
export async function setUpSite(
  deps: { db: Db; clock: Clock },
  input: z.infer<typeof NewSiteInput>,
  origin: string,
) {
  const organisationId = crypto.randomUUID();
  const context = {
    db: deps.db,
    clock: deps.clock,
    actor: { kind: "system" as const, organisationId, label: "mise en service" },
    requestId: null,
  };
  return inUseCaseTransaction(context, async (tx, audit) => {
    if (await organisationNamed(tx, input.name))
      throw new AppError("DUPLICATE", `Une organisation s'appelle déjà « ${input.name} »`, { field: "name" });
    const organisation = await insertOrganisation(tx, {
      id: organisationId,
      name: input.name,
      kind: input.kind,
      city: input.city,
      capacity: input.capacity,
    });
    await audit.record({
      action: "organisation.create",
      entityType: "organisation",
      entityId: organisationId,
      after: toOrganisationView(organisation),
    });
    const { user, invitation } = await inviteUserInTransaction(
      tx,
      audit,
      deps.clock,
      organisationId,
      { email: input.adminEmail, fullName: input.adminFullName, role: "admin" },
      origin,
    );
    return { organisation: toOrganisationView(organisation), admin: user, invitation };
  });
}
