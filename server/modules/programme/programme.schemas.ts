import { z } from "../../lib/openapi";
import { IsoDateSchema } from "../persons/persons.schemas";

const ArsNotificationSchema = z
  .object({
    id: z.uuid(),
    informedOn: IsoDateSchema,
    suspendedCount: z.number().int(),
    capacity: z.number().int(),
  })
  .openapi("ArsNotification");

export const SuspensionsOverviewSchema = z
  .object({
    capacity: z.number().int(),
    /** suspended contracts within their six-month re-entry right: those the 10 % threshold counts */
    counted: z.number().int(),
    thresholdExceeded: z.boolean(),
    arsNotificationDue: z.boolean(),
    notifications: z.array(ArsNotificationSchema),
    people: z.array(
      z.object({
        personId: z.uuid(),
        name: z.string(),
        suspendedOn: IsoDateSchema,
        reentryRightEndsOn: IsoDateSchema,
        rightLapsed: z.boolean(),
        exitReviewId: z.uuid().nullable(),
      }),
    ),
  })
  .openapi("SuspensionsOverview");

export const ArsNotificationBody = z
  .object({ informedOn: IsoDateSchema.optional().openapi({ description: "Par défaut aujourd'hui" }) })
  .openapi("ArsNotificationBody");

export { ArsNotificationSchema };

export const CapacitySchema = z
  .object({
    capacity: z.number().int(),
    followed: z.number().int(),
    supportPlaces: z.number().int(),
    overCapacityBy: z.number().int(),
    housingHeadroom: z.number().int(),
    placesToAnnounce: z.number().int(),
    awaitingHome: z.number().int(),
    offerableUnits: z.number().int(),
    agreedUnits: z.number().int(),
  })
  .openapi("Capacity");

const answer = z.enum(["yes", "no", "unknown"]);

export const ExitReviewBody = z
  .object({
    resteAVivreSufficient: answer.optional(),
    slidingOrDirectLeasePossible: answer.optional(),
    commonLawSupportNetwork: answer.optional(),
    mutualAidNetwork: answer.optional(),
    personWishesToLeave: answer.optional(),
    adaptedOrientationChosen: answer.optional(),
    noContactOverSixMonths: answer.optional(),
    lastContactOn: IsoDateSchema.nullable().optional(),
    outcome: z.enum(["pending", "support_continues", "exit_agreed"]).optional(),
  })
  .strict()
  .openapi("ExitReviewBody");

export const ExitReviewSchema = z
  .object({
    id: z.uuid(),
    personId: z.uuid(),
    openedOn: IsoDateSchema,
    suspendedOn: IsoDateSchema.nullable(),
    resteAVivreSufficient: answer,
    slidingOrDirectLeasePossible: answer,
    commonLawSupportNetwork: answer,
    mutualAidNetwork: answer,
    personWishesToLeave: answer,
    adaptedOrientationChosen: answer,
    noContactOverSixMonths: answer,
    lastContactOn: IsoDateSchema.nullable(),
    outcome: z.enum(["pending", "support_continues", "exit_agreed"]),
    decidedOn: IsoDateSchema.nullable(),
    /** the reste-à-vivre ratio (rent + charges) / resources of the lease in force, basis points */
    housingCostRatioBasisPoints: z.number().int().nullable(),
  })
  .openapi("ExitReview");

export const CaptureProgressSchema = z
  .object({
    /** null until an admin records the site's opening date */
    openedOn: IsoDateSchema.nullable(),
    capturedNow: z.number().int(),
    milestones: z.array(
      z.object({
        flats: z.number().int(),
        dueOn: IsoDateSchema,
        capturedOn: z.number().int(),
        state: z.enum(["reached", "on_track", "behind", "missed"]),
      }),
    ),
    series: z.array(z.object({ month: z.string(), captured: z.number().int(), target: z.number().int() })),
    funnel: z.array(z.object({ step: z.string(), units: z.number().int() })),
  })
  .openapi("CaptureProgress");
