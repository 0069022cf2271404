import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uuid,
} from "drizzle-orm/pg-core";
import { tenantColumns, timestamps } from "./_columns";
import { leases } from "./leases";
import { persons } from "./persons";
import { landlords } from "./stock";

/**
 * Tenancy keeping ("maintien dans le logement"): the risks to a tenancy, the actions decided, the
 * prevention steps before any eviction, the partner meetings with the landlord and relocation.
 * Housing facts only: no diagnosis, no treatment, no clinical note is ever recorded here.
 */
export const tenancyRiskKind = pgEnum("tenancy_risk_kind", [
  "unpaid_rent",
  "neighbour_trouble",
  "damage",
  "lack_of_upkeep",
  "long_absence",
  "other",
]);

/** Who noticed the risk first. */
export const riskReporter = pgEnum("risk_reporter", [
  "landlord",
  "neighbour",
  "housing_officer",
  "support_team",
  "tenant",
  "other",
]);

export const riskOutcome = pgEnum("risk_outcome", [
  "resolved",
  "relocation",
  "lease_ended",
  "no_further_action",
]);

export const tenancyRisks = pgTable(
  "tenancy_risks",
  {
    ...tenantColumns(),
    leaseId: uuid().notNull(),
    kind: tenancyRiskKind().notNull(),
    noticedOn: date({ mode: "string" }).notNull(),
    reportedBy: riskReporter().notNull(),
    // the housing facts (arrears amount, the complaint, the damage seen), never a clinical remark
    facts: text(),
    closedOn: date({ mode: "string" }),
    outcome: riskOutcome(),
    recordedByUserId: uuid(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({
      columns: [t.organisationId, t.leaseId],
      foreignColumns: [leases.organisationId, leases.id],
    }),
    index("tenancy_risks_lease_idx").on(t.organisationId, t.leaseId),
    check("tenancy_risks_closed_has_outcome", sql`(${t.closedOn} is null) = (${t.outcome} is null)`),
    check(
      "tenancy_risks_closed_after_noticed",
      sql`${t.closedOn} is null or ${t.closedOn} >= ${t.noticedOn}`,
    ),
  ],
);

/** An action decided on a risk: who does what by when, and when it was done. */
export const riskActions = pgTable(
  "risk_actions",
  {
    ...tenantColumns(),
    riskId: uuid().notNull(),
    action: text().notNull(),
    // a role or a partner («chargée de gestion locative», «bailleur», «équipe d'accompagnement»)
    owner: text().notNull(),
    dueOn: date({ mode: "string" }).notNull(),
    doneOn: date({ mode: "string" }),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({
      columns: [t.organisationId, t.riskId],
      foreignColumns: [tenancyRisks.organisationId, tenancyRisks.id],
    }),
    index("risk_actions_risk_idx").on(t.organisationId, t.riskId),
    index("risk_actions_due_idx").on(t.organisationId, t.dueOn),
  ],
);

/**
 * The steps of the prevention of evictions: plan d'apurement with the landlord, an FSL
 * application, a CCAPEX referral, and the commandement de payer when one is received (its
 * deadline is the one loi 89-462 art. 24 gives the tenant).
 */
export const preventionStepKind = pgEnum("prevention_step_kind", [
  "repayment_plan",
  "fsl_application",
  "ccapex_referral",
  "payment_order_received",
]);

export const preventionSteps = pgTable(
  "prevention_steps",
  {
    ...tenantColumns(),
    riskId: uuid().notNull(),
    kind: preventionStepKind().notNull(),
    stepOn: date({ mode: "string" }).notNull(),
    deadlineOn: date({ mode: "string" }),
    reference: text(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({
      columns: [t.organisationId, t.riskId],
      foreignColumns: [tenancyRisks.organisationId, tenancyRisks.id],
    }),
    index("prevention_steps_risk_idx").on(t.organisationId, t.riskId),
    check("prevention_steps_deadline", sql`${t.deadlineOn} is null or ${t.deadlineOn} >= ${t.stepOn}`),
  ],
);

/**
 * A partner follow-up meeting with a landlord (seed 004: a monthly confidential meeting between
 * the landlord's staff and the support partners): who came, the risks on the agenda, what was
 * decided. The landlord's portal shows it; it names no tenant's resources.
 */
export const keepingMeetings = pgTable(
  "keeping_meetings",
  {
    ...tenantColumns(),
    heldOn: date({ mode: "string" }).notNull(),
    landlordId: uuid().notNull(),
    attendees: jsonb().$type<string[]>().notNull(),
    riskIds: jsonb().$type<string[]>().notNull(),
    decisions: text().notNull(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({
      columns: [t.organisationId, t.landlordId],
      foreignColumns: [landlords.organisationId, landlords.id],
    }),
    index("keeping_meetings_landlord_idx").on(t.organisationId, t.landlordId, t.heldOn),
  ],
);

export const relocationStatus = pgEnum("relocation_status", ["requested", "rehoused", "abandoned"]);

/**
 * A relocation under way: the person's choices stay the ones of their housing choices (the
 * matching uses them), the reason is a housing one, and the préfet may grant the PDALHPD priority
 * (cahier des charges §8.5.1).
 */
export const relocations = pgTable(
  "relocations",
  {
    ...tenantColumns(),
    personId: uuid().notNull(),
    leaseId: uuid().notNull(),
    riskId: uuid(),
    requestedOn: date({ mode: "string" }).notNull(),
    reason: text().notNull(),
    pdalhpdPriority: boolean().notNull().default(false),
    pdalhpdPriorityOn: date({ mode: "string" }),
    status: relocationStatus().notNull().default("requested"),
    closedOn: date({ mode: "string" }),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({
      columns: [t.organisationId, t.personId],
      foreignColumns: [persons.organisationId, persons.id],
    }),
    foreignKey({
      columns: [t.organisationId, t.leaseId],
      foreignColumns: [leases.organisationId, leases.id],
    }),
    index("relocations_person_idx").on(t.organisationId, t.personId),
    check("relocations_priority_dated", sql`${t.pdalhpdPriority} = (${t.pdalhpdPriorityOn} is not null)`),
    check("relocations_closed", sql`(${t.status} = 'requested') = (${t.closedOn} is null)`),
  ],
);
