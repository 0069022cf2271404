import type { z } from "@hono/zod-openapi";
import { AppError } from "../../lib/errors";
import { inUseCaseTransaction, type UseCaseContext } from "../../lib/use-case-context";
import { findLeasesInForce } from "../alerts/alerts.queries";
import { totalResources } from "../matching/residual-rent.rules";
import { findProgrammeParameters } from "../persons/persons.queries";
import {
  arsNotificationDue,
  countedSuspensions,
  reentryRightEndsOn,
  reentryRightLapsed,
  statusChangeDateProblems,
  suspendedAboveThreshold,
} from "../persons/persons.rules";
import { requirePerson } from "../persons/persons.service";
import {
  countUnitsByStatus,
  type ExitReviewRow,
  findOpeningDate,
  findUnitTransitions,
  findFollowedPersons,
  findPendingExitReviews,
  insertArsNotification,
  insertExitReview,
  latestArsNotification,
  listArsNotifications,
  listExitReviews,
  updateExitReview,
} from "./programme.queries";
import { captureFunnel, captureProgress, capturedStockOn } from "./capture.rules";
import { capacityStanding, housingCostRatioBasisPoints } from "./programme.rules";
import type { ArsNotificationBody, ExitReviewBody } from "./programme.schemas";

async function requireCapacity(ctx: UseCaseContext) {
  const parameters = await findProgrammeParameters(ctx.db, ctx.actor.organisationId);
  if (!parameters) throw AppError.notFound("Organisation", ctx.actor.organisationId);
  return parameters.capacity;
}

/** The suspended contracts, the 10 % threshold and the ARS notices (cahier des charges §8.5.2). */
export async function suspensionsOverview(ctx: UseCaseContext) {
  const organisationId = ctx.actor.organisationId;
  const today = ctx.clock.today();
  const capacity = await requireCapacity(ctx);
  const followed = await findFollowedPersons(ctx.db, organisationId);
  const counted = countedSuspensions(followed, today);
  const notifications = await listArsNotifications(ctx.db, organisationId);
  const suspended = followed.filter((person) => person.status === "suspended" && person.suspendedOn);
  const reviews = await findPendingExitReviews(
    ctx.db,
    organisationId,
    suspended.map((person) => person.id),
  );
  const reviewByPerson = new Map(reviews.map((review) => [review.personId, review.id]));
  return {
    capacity,
    counted: counted.length,
    thresholdExceeded: suspendedAboveThreshold(counted.length, capacity),
    arsNotificationDue: arsNotificationDue(counted.length, capacity, notifications[0] ?? null),
    notifications: notifications.map(({ id, informedOn, suspendedCount, capacity }) => ({
      id,
      informedOn,
      suspendedCount,
      capacity,
    })),
    people: suspended
      .map((person) => ({
        personId: person.id,
        name: `${person.firstName} ${person.lastName}`,
        suspendedOn: person.suspendedOn!,
        reentryRightEndsOn: reentryRightEndsOn(person.suspendedOn!),
        rightLapsed: reentryRightLapsed(person.suspendedOn!, today),
        exitReviewId: reviewByPerson.get(person.id) ?? null,
      }))
      .sort((a, b) => a.suspendedOn.localeCompare(b.suspendedOn)),
  };
}

/**
 * «ARS informée»: records that the ARS was told, on the counts of today. Only when the
 * threshold is exceeded: below it there is nothing to report.
 */
export async function recordArsNotification(ctx: UseCaseContext, body: z.infer<typeof ArsNotificationBody>) {
  const organisationId = ctx.actor.organisationId;
  const today = ctx.clock.today();
  const informedOn = body.informedOn ?? today;
  if (informedOn > today)
    throw AppError.validation([
      { path: "json.informedOn", message: "La date ne peut pas être postérieure à aujourd'hui" },
    ]);
  return inUseCaseTransaction(ctx, async (tx, audit) => {
    const capacity = await requireCapacity({ ...ctx, db: tx });
    const counted = countedSuspensions(await findFollowedPersons(tx, organisationId), today).length;
    if (!suspendedAboveThreshold(counted, capacity))
      throw new AppError(
        "ILLEGAL_STATUS_CHANGE",
        `${counted} accompagnement(s) suspendu(s) pour ${capacity} places : le seuil de 10 % n'est pas dépassé`,
        { counted, capacity },
      );
    const row = await insertArsNotification(tx, {
      organisationId,
      informedOn,
      suspendedCount: counted,
      capacity,
      recordedByUserId: ctx.actor.userId,
    });
    await audit.record({
      action: "programme.ars_notification",
      entityType: "organisation",
      entityId: organisationId,
      after: { informedOn, suspendedCount: counted, capacity },
    });
    return { id: row.id, informedOn: row.informedOn, suspendedCount: row.suspendedCount, capacity };
  });
}

/** The places the admission committee is told about (§8.3.2) and the capacity standing (§8.1). */
export async function capacityOverview(ctx: UseCaseContext) {
  const organisationId = ctx.actor.organisationId;
  const capacity = await requireCapacity(ctx);
  const followed = await findFollowedPersons(ctx.db, organisationId);
  const byStatus = await countUnitsByStatus(ctx.db, organisationId);
  const counts = {
    capacity,
    followed: followed.length,
    awaitingHome: followed.filter((person) => person.status === "waiting" || person.status === "offered")
      .length,
    offerableUnits: (byStatus.get("available") ?? 0) + (byStatus.get("vacant") ?? 0),
    agreedUnits: byStatus.get("agreed") ?? 0,
  };
  return { ...capacityStanding(counts), ...counts };
}

async function housingCostRatio(ctx: UseCaseContext, personId: string, resourcesCents: number) {
  const [lease] = await findLeasesInForce(ctx.db, ctx.actor.organisationId, [personId]);
  return lease ? housingCostRatioBasisPoints(lease.rentCents, lease.chargesCents, resourcesCents) : null;
}

function reviewView(row: ExitReviewRow, ratio: number | null) {
  const { organisationId: _o, createdAt: _c, updatedAt: _u, ...rest } = row;
  return { ...rest, housingCostRatioBasisPoints: ratio };
}

export async function personExitReviews(ctx: UseCaseContext, personId: string) {
  const person = await requirePerson(ctx.db, ctx.actor.organisationId, personId);
  const ratio = await housingCostRatio(ctx, personId, totalResources(person.resources));
  const rows = await listExitReviews(ctx.db, ctx.actor.organisationId, personId);
  return rows.map((row) => reviewView(row, ratio));
}

/**
 * Opens or completes the examination of a person's exit (cahier des charges §8.5.2): the criteria
 * as answers, the date of the last contact, and the outcome. A decided review is closed; the
 * exit itself is then recorded as a status change, with its reason.
 */
export async function saveExitReview(
  ctx: UseCaseContext,
  personId: string,
  body: z.infer<typeof ExitReviewBody>,
) {
  const organisationId = ctx.actor.organisationId;
  const today = ctx.clock.today();
  return inUseCaseTransaction(ctx, async (tx, audit) => {
    const person = await requirePerson(tx, organisationId, personId, true);
    if (person.status === "left")
      throw new AppError("ILLEGAL_STATUS_CHANGE", "La personne est déjà sortie du programme");
    if (body.lastContactOn) {
      const problems = statusChangeDateProblems(body.lastContactOn, "json.lastContactOn", {
        entryDate: person.entryDate,
        lastChangeOn: person.entryDate,
        today,
      });
      if (problems.length > 0) throw AppError.validation(problems, problems[0]!.message);
    }
    const [pending] = await findPendingExitReviews(tx, organisationId, [personId]);
    const decided = body.outcome !== undefined && body.outcome !== "pending";
    const values = { ...body, decidedOn: decided ? today : null };
    const row = pending
      ? await updateExitReview(tx, organisationId, pending.id, values)
      : await insertExitReview(tx, {
          organisationId,
          personId,
          openedOn: today,
          suspendedOn: person.status === "suspended" ? person.suspendedOn : null,
          ...values,
        });
    await audit.record({
      action: pending ? "person.exit_review.update" : "person.exit_review.open",
      entityType: "person",
      entityId: personId,
      before: pending ? reviewView(pending, null) : null,
      after: reviewView(row, null),
    });
    const ratio = await housingCostRatio({ ...ctx, db: tx }, personId, totalResources(person.resources));
    return reviewView(row, ratio);
  });
}

/**
 * The capture targets from the site's opening (cahier des charges §8.9.1: 50 flats the first
 * year, 100 by the end of the second) and the pipeline's funnel today.
 */
export async function captureOverview(ctx: UseCaseContext) {
  const organisationId = ctx.actor.organisationId;
  const openedOn = await findOpeningDate(ctx.db, organisationId);
  const funnel = captureFunnel(await countUnitsByStatus(ctx.db, organisationId));
  const transitions = await findUnitTransitions(ctx.db, organisationId);
  if (!openedOn)
    return {
      openedOn: null,
      capturedNow: capturedStockOn(transitions, ctx.clock.today()),
      milestones: [],
      series: [],
      funnel,
    };
  return { ...captureProgress(openedOn, ctx.clock.today(), transitions), funnel };
}
