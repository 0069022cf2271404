import { pageOf, pageQuery } from "../../lib/pagination";
import { z } from "@hono/zod-openapi";
import { IsoDateSchema } from "../../lib/date-schemas";
import { PREVENTION_STEP_KINDS, RISK_OUTCOMES, RISK_REPORTERS, TENANCY_RISK_KINDS } from "./keeping.rules";

export const IdParams = z.object({ id: z.uuid().openapi({ param: { name: "id", in: "path" } }) });

const text = (max: number) => z.string().trim().min(1).max(max);

export const CreateRiskBody = z
  .object({
    kind: z.enum(TENANCY_RISK_KINDS),
    noticedOn: IsoDateSchema,
    reportedBy: z.enum(RISK_REPORTERS),
    facts: z.string().trim().max(2000).optional().openapi({
      description: "Les faits du logement (montant dû, plainte, dégât constaté), jamais de note clinique",
    }),
  })
  .strict()
  .openapi("CreateTenancyRiskBody");

export const CloseRiskBody = z
  .object({ closedOn: IsoDateSchema, outcome: z.enum(RISK_OUTCOMES) })
  .strict()
  .openapi("CloseTenancyRiskBody");

export const CreateActionBody = z
  .object({ action: text(500), owner: text(200), dueOn: IsoDateSchema })
  .strict()
  .openapi("CreateRiskActionBody");

export const CompleteActionBody = z
  .object({ doneOn: IsoDateSchema })
  .strict()
  .openapi("CompleteRiskActionBody");

export const CreateStepBody = z
  .object({
    kind: z.enum(PREVENTION_STEP_KINDS),
    stepOn: IsoDateSchema,
    deadlineOn: IsoDateSchema.nullable().optional(),
    reference: z.string().trim().max(200).optional(),
  })
  .strict()
  .openapi("CreatePreventionStepBody");

export const CreateMeetingBody = z
  .object({
    heldOn: IsoDateSchema,
    landlordId: z.uuid(),
    attendees: z.array(text(200)).min(1).max(30),
    riskIds: z.array(z.uuid()).max(50),
    decisions: text(5000).openapi({ description: "Décisions sur le logement, jamais de donnée clinique" }),
  })
  .strict()
  .openapi("CreateKeepingMeetingBody");

export const CreateRelocationBody = z
  .object({
    requestedOn: IsoDateSchema,
    reason: text(1000),
    riskId: z.uuid().optional(),
    pdalhpdPriorityOn: IsoDateSchema.nullable().optional(),
  })
  .strict()
  .openapi("CreateRelocationBody");

export const ActionSchema = z
  .object({
    id: z.uuid(),
    riskId: z.uuid(),
    action: z.string(),
    owner: z.string(),
    dueOn: IsoDateSchema,
    doneOn: IsoDateSchema.nullable(),
    overdue: z.boolean(),
  })
  .openapi("RiskAction");

export const StepSchema = z
  .object({
    id: z.uuid(),
    riskId: z.uuid(),
    kind: z.enum(PREVENTION_STEP_KINDS),
    stepOn: IsoDateSchema,
    deadlineOn: IsoDateSchema.nullable(),
    reference: z.string().nullable(),
  })
  .openapi("PreventionStep");

export const RiskSchema = z
  .object({
    id: z.uuid(),
    leaseId: z.uuid(),
    kind: z.enum(TENANCY_RISK_KINDS),
    noticedOn: IsoDateSchema,
    reportedBy: z.enum(RISK_REPORTERS),
    facts: z.string().nullable(),
    closedOn: IsoDateSchema.nullable(),
    outcome: z.enum(RISK_OUTCOMES).nullable(),
    alert: z.enum(["closed", "overdue", "due_soon", "open"]),
    unitId: z.uuid(),
    address: z.string(),
    landlordId: z.uuid().nullable(),
    landlordName: z.string().nullable(),
    personId: z.uuid().nullable(),
    personName: z.string().nullable(),
    actions: z.array(ActionSchema),
    steps: z.array(StepSchema),
  })
  .openapi("TenancyRisk");

export const RiskListSchema = pageOf(RiskSchema)
  .extend({ overdueActions: z.number().int().openapi({ description: "actions en retard, toutes pages" }) })
  .openapi("TenancyRiskList");

export const RisksQuery = z.object({ open: z.enum(["true", "false"]).optional(), ...pageQuery() });

export const KeepingPageQuery = z.object(pageQuery());

const AgendaItem = z.object({
  riskId: z.uuid(),
  kind: z.enum(TENANCY_RISK_KINDS),
  noticedOn: IsoDateSchema,
  address: z.string(),
  closedOn: IsoDateSchema.nullable(),
});

export const MeetingSchema = z
  .object({
    id: z.uuid(),
    heldOn: IsoDateSchema,
    landlordId: z.uuid(),
    landlordName: z.string(),
    attendees: z.array(z.string()),
    agenda: z.array(AgendaItem),
    decisions: z.string(),
  })
  .openapi("KeepingMeeting");

export const MeetingListSchema = pageOf(MeetingSchema).openapi("KeepingMeetingList");

export const RelocationSchema = z
  .object({
    id: z.uuid(),
    personId: z.uuid(),
    personName: z.string(),
    leaseId: z.uuid(),
    riskId: z.uuid().nullable(),
    requestedOn: IsoDateSchema,
    reason: z.string(),
    pdalhpdPriority: z.boolean(),
    pdalhpdPriorityOn: IsoDateSchema.nullable(),
    status: z.enum(["requested", "rehoused", "abandoned"]),
    closedOn: IsoDateSchema.nullable(),
  })
  .openapi("Relocation");

export const RelocationListSchema = pageOf(RelocationSchema).openapi("RelocationList");
