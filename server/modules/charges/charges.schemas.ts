import { z } from "@hono/zod-openapi";
import { IsoDateSchema, MonthSchema } from "../../lib/date-schemas";
import { pageOf, pageQuery } from "../../lib/pagination";
import { chargeCategoryCodes } from "./charges.rules";

const cents = z.number().int();
const amount = z.number().int().min(0).max(100_000_000);
const label = z.string().trim().min(1).max(200);

export const ChargeCategorySchema = z
  .enum(chargeCategoryCodes as [string, ...string[]])
  .openapi({ description: "rubrique de la liste des charges récupérables (décret n° 87-713, annexe)" });

export const ChargeLineInput = z
  .object({
    category: ChargeCategorySchema,
    label: label.optional().openapi({ description: "libellé imprimé ; par défaut celui de la rubrique" }),
    amountCents: amount,
    unitId: z.uuid().nullable().openapi({
      description:
        "null : charge de l'immeuble, répartie à la surface ; sinon la charge propre d'un logement",
    }),
  })
  .openapi("ChargeLineInput");

export const ChargeStatementBody = z
  .object({
    buildingId: z.uuid(),
    periodStart: IsoDateSchema,
    periodEnd: IsoDateSchema,
    totalSurfaceM2: z.number().positive().max(1_000_000).nullable().optional().openapi({
      description: "surface totale de l'immeuble ; par défaut la somme des logements enregistrés",
    }),
    lines: z.array(ChargeLineInput).min(1).max(200),
  })
  .openapi("ChargeStatementInput");
export type ChargeStatementBody = z.infer<typeof ChargeStatementBody>;

export const ChargeStatementUpdateBody = ChargeStatementBody.omit({
  buildingId: true,
  periodStart: true,
  periodEnd: true,
}).openapi("ChargeStatementUpdate");
export type ChargeStatementUpdateBody = z.infer<typeof ChargeStatementUpdateBody>;

export const ChargeLine = z.object({
  category: ChargeCategorySchema,
  label: z.string(),
  amountCents: cents,
  unitId: z.uuid().nullable(),
  unitLabel: z.string().nullable(),
});

export const ChargeStatement = z
  .object({
    id: z.uuid(),
    buildingId: z.uuid(),
    buildingAddress: z.string(),
    periodStart: z.string(),
    periodEnd: z.string(),
    splitRule: z
      .literal("surface")
      .openapi({ description: "charges de l'immeuble réparties au prorata des surfaces" }),
    totalSurfaceM2: z.number().nullable(),
    recordedSurfaceM2: z.number(),
    lines: z.array(ChargeLine),
    totalCents: cents,
    sent: z.boolean(),
  })
  .openapi("ChargeStatement");

export const StatementIdParam = z.object({ id: z.uuid() });
export const RegularisationIdParam = z.object({ id: z.uuid() });

export const StatementListQuery = z.object(pageQuery());
export const ChargeStatementList = pageOf(ChargeStatement).openapi("ChargeStatementList");

const DetailLine = z.object({
  category: z.string(),
  label: z.string(),
  totalCents: cents,
  basis: z.enum(["surface", "flat"]),
  unitSurfaceM2: z.number(),
  totalSurfaceM2: z.number(),
  shareCents: cents,
});

/** One lease's regularisation: computed (preview) or stored once the décompte is sent. */
export const LeaseRegularisation = z
  .object({
    regularisationId: z.uuid().nullable(),
    leaseId: z.uuid(),
    unitId: z.uuid(),
    unitLabel: z.string(),
    tenantName: z.string(),
    occupiedFrom: z.string(),
    occupiedTo: z.string(),
    occupiedDays: z.number().int(),
    periodDays: z.number().int(),
    actualCents: cents,
    provisionsCents: cents,
    balanceCents: cents.openapi({ description: "> 0 : le locataire doit ; < 0 : il lui est dû" }),
    outcome: z.enum(["tenant_owes", "tenant_is_owed", "balanced"]),
    detail: z.array(DetailLine),
    currentProvisionCents: cents,
    proposedProvisionCents: cents,
    sentOn: z.string().nullable(),
    claimableFrom: z
      .string()
      .nullable()
      .openapi({ description: "un mois après l'envoi du décompte (art. 23)" }),
    documentsAvailableUntil: z.string().nullable(),
    documentUrl: z.string().nullable(),
    instalmentsOffered: z
      .boolean()
      .openapi({ description: "paiement en douze mensualités à la demande du locataire (art. 23 al. 9)" }),
    timeBarred: z
      .boolean()
      .openapi({ description: "somme due prescrite (art. 7-1) : elle n'est pas réclamée" }),
    confirmedOn: z.string().nullable(),
    transactionId: z.uuid().nullable(),
    instalments: z.array(z.object({ dueOn: z.string(), amountCents: cents })).nullable(),
    provisionCents: cents.nullable(),
    provisionFrom: z.string().nullable(),
  })
  .openapi("LeaseRegularisation");
export type LeaseRegularisation = z.infer<typeof LeaseRegularisation>;

export const StatementDetail = z
  .object({
    statement: ChargeStatement,
    claimDeadline: z.string().openapi({ description: "au-delà, une somme due est prescrite (art. 7-1)" }),
    regularisations: z.array(LeaseRegularisation),
  })
  .openapi("ChargeStatementDetail");

export const SendResult = z
  .object({ sentOn: z.string(), sent: z.number().int(), regularisations: z.array(LeaseRegularisation) })
  .openapi("ChargeStatementSent");

export const ConfirmBody = z
  .object({
    instalments: z
      .boolean()
      .openapi({ description: "le locataire a demandé à payer en douze mensualités (art. 23 al. 9)" }),
    provisionFrom: MonthSchema.nullable().openapi({
      description: "mois à partir duquel la nouvelle provision s'applique",
    }),
    provisionCents: amount
      .optional()
      .openapi({ description: "provision mensuelle ; par défaut celle proposée" }),
  })
  .openapi("RegularisationConfirmation");
export type ConfirmBody = z.infer<typeof ConfirmBody>;

export const ConfirmResult = LeaseRegularisation;
