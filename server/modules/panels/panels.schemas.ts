import { z } from "../../lib/openapi";
import { pageOf, pageQuery } from "../../lib/pagination";
import { BenefitFigureSchema, ResidualRentSchema, UnitFactsSchema } from "../matching/matching.schemas";
import { IsoDateSchema } from "../../lib/date-schemas";
import { ALL_DECLINE_REASONS, SMALL_PANEL_REASONS } from "./panels.rules";

export const PanelStatusSchema = z.enum(["open", "accepted", "all_declined", "expired"]);
export const OfferStatusSchema = z.enum(["proposed", "accepted", "declined", "released", "expired"]);
export const DeclinedBySchema = z.enum(["person", "landlord", "operator_withdrew"]);

export const CreatePanelBody = z
  .object({
    unitIds: z.array(z.uuid()).min(1).max(10),
    reasonIfFewerThanThree: z.enum(SMALL_PANEL_REASONS).optional().openapi({
      description: "Obligatoire quand la proposition compte moins de logements que le minimum du site",
    }),
    reasonDetails: z.string().trim().max(1000).optional(),
    intendedStartDate: IsoDateSchema.optional().openapi({
      description: "Début de bail envisagé (DPE) ; défaut : aujourd'hui",
    }),
  })
  .refine((body) => new Set(body.unitIds).size === body.unitIds.length, {
    message: "Un logement apparaît deux fois",
    path: ["unitIds"],
  })
  .openapi("NewPanel");

export const UpdateOfferBody = z
  .object({
    visitDate: IsoDateSchema.nullable().optional(),
    decision: z.enum(["accepted", "declined"]).optional(),
    decidedOn: IsoDateSchema.optional(),
    declinedBy: DeclinedBySchema.optional(),
    declineReason: z.enum(ALL_DECLINE_REASONS as [string, ...string[]]).optional(),
    details: z.string().trim().max(2000).optional(),
  })
  .refine((body) => body.decision !== "declined" || (body.declinedBy && body.declineReason), {
    message: "Un refus indique qui refuse et pour quel motif",
    path: ["declineReason"],
  })
  .refine((body) => body.decision === "declined" || (!body.declinedBy && !body.declineReason), {
    message: "Motif de refus sans refus",
    path: ["declinedBy"],
  })
  .openapi("OfferUpdate");

export const PanelIdParams = z.object({ id: z.uuid().openapi({ param: { name: "id", in: "path" } }) });
export const OfferParams = z.object({
  id: z.uuid().openapi({ param: { name: "id", in: "path" } }),
  offerId: z.uuid().openapi({ param: { name: "offerId", in: "path" } }),
});

export const OfferSchema = z
  .object({
    id: z.uuid(),
    position: z.number().int(),
    status: OfferStatusSchema,
    visitDate: z.string().nullable(),
    decidedOn: z.string().nullable(),
    declinedBy: DeclinedBySchema.nullable(),
    declineReason: z.string().nullable(),
    decisionDetails: z.string().nullable(),
    unit: UnitFactsSchema,
    residualRent: ResidualRentSchema.openapi({
      description: "Calculé sur les montants au jour de la proposition",
    }),
    housingBenefit: BenefitFigureSchema.openapi({
      description:
        "L'aide déduite : estimation du barème pour ce logement tant que la notification CAF n'est pas enregistrée",
    }),
  })
  .openapi("Offer");

export const PanelSummarySchema = z
  .object({
    id: z.uuid(),
    personId: z.uuid(),
    personName: z.string(),
    status: PanelStatusSchema,
    proposedOn: z.string(),
    expiresOn: z.string(),
    closedOn: z.string().nullable(),
    offerCount: z.number().int(),
    reasonIfFewer: z.enum(SMALL_PANEL_REASONS).nullable(),
    daysWithoutDecision: z.number().int(),
  })
  .openapi("PanelSummary");

export const PanelSummaryPage = pageOf(PanelSummarySchema).openapi("PanelSummaryPage");

export const PanelSchema = z
  .object({
    id: z.uuid(),
    status: PanelStatusSchema,
    proposedOn: z.string(),
    intendedStartDate: z.string(),
    expiresOn: z.string(),
    closedOn: z.string().nullable(),
    reasonIfFewer: z.enum(SMALL_PANEL_REASONS).nullable(),
    reasonDetails: z.string().nullable(),
    daysWithoutDecision: z.number().int(),
    overdue: z.boolean().openapi({ description: "Date d'expiration passée, expiration pas encore exécutée" }),
    person: z.object({
      id: z.uuid(),
      firstName: z.string(),
      lastName: z.string(),
      adults: z.number().int(),
      children: z.number().int(),
      resourcesTotalCents: z.number().int(),
      housingBenefitCents: z.number().int(),
      housingBenefitBasis: z.enum(["notified", "estimate"]),
      housingBenefitPaidToOperator: z.boolean(),
    }),
    offers: z.array(OfferSchema),
  })
  .openapi("Panel", { description: "Les données de la fiche de proposition (document PDF)" });

export const PanelListQuery = z.object({ status: PanelStatusSchema.optional(), ...pageQuery() });
export const PersonPanelsQuery = z.object({ ...pageQuery() });
export const ExpireResponse = z.object({
  expiredPanelIds: z.array(z.uuid()),
  releasedUnitIds: z.array(z.uuid()),
});
