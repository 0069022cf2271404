import { sql } from "drizzle-orm";
import {
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { tenantColumns, timestamps } from "./_columns";
import { personStatus, persons } from "./persons";
import { unitStatus, units } from "./stock";

/** open → accepted (one offer taken) | all_declined | expired (panelExpiryDays without decision). */
export const panelStatus = pgEnum("panel_status", ["open", "accepted", "all_declined", "expired"]);

/**
 * Why a panel holds fewer flats than the organisation's minimum (cahier des charges footnote 32:
 * "au moins trois logements déjà captés", or flats searched one by one where the market forces it).
 */
export const smallPanelReason = pgEnum("small_panel_reason", [
  "not_enough_matching_stock",
  "person_choice_specific",
  "market_constraints",
  "relocation_urgent",
]);

/**
 * proposed (waiting for the person's decision; the unit is reserved) → accepted | declined;
 * released: the panel closed (another offer accepted) before this one was decided;
 * expired: the panel expired before this one was decided.
 */
export const offerStatus = pgEnum("offer_status", [
  "proposed",
  "accepted",
  "declined",
  "released",
  "expired",
]);

export const declinedBy = pgEnum("declined_by", ["person", "landlord", "operator_withdrew"]);

/** The figures the offer was made on (monthly cents), kept so history never changes. */
export type OfferFigures = {
  rentCents: number;
  chargesCents: number;
  housingBenefitCents: number;
  /**
   * "notified": the CAF's amount; "estimate": the barème's estimate for this flat; "unavailable":
   * no estimate could be made (0 deducted). Absent on offers made before estimates existed,
   * which used the person's recorded amount.
   */
  housingBenefitBasis?: "notified" | "estimate" | "unavailable";
  housingBenefitUnavailableReason?: "zone_unknown" | "scale_incomplete" | null;
  resourcesCents: number;
  ceilingBasisPoints: number;
};

/** Propositions de logement: a panel of offers made to one person. */
export const offerPanels = pgTable(
  "offer_panels",
  {
    ...tenantColumns(),
    personId: uuid().notNull(),
    status: panelStatus().notNull().default("open"),
    proposedOn: date({ mode: "string" }).notNull(),
    // the intended lease start the DPE gate was checked against
    intendedStartDate: date({ mode: "string" }).notNull(),
    expiresOn: date({ mode: "string" }).notNull(),
    closedOn: date({ mode: "string" }),
    reasonIfFewer: smallPanelReason(),
    reasonDetails: text(),
    // the person's status before the panel (waiting, or housed for a relocation), restored if no flat is taken
    personStatusBefore: personStatus().notNull(),
    createdByUserId: uuid(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({
      columns: [t.organisationId, t.personId],
      foreignColumns: [persons.organisationId, persons.id],
    }),
    index("offer_panels_person_idx").on(t.organisationId, t.personId),
    index("offer_panels_status_idx").on(t.organisationId, t.status),
    // one open panel per person at a time
    uniqueIndex("offer_panels_one_open_per_person")
      .on(t.organisationId, t.personId)
      .where(sql`status = 'open'`),
  ],
);

export const offers = pgTable(
  "offers",
  {
    ...tenantColumns(),
    panelId: uuid().notNull(),
    personId: uuid().notNull(),
    unitId: uuid().notNull(),
    position: integer().notNull(),
    status: offerStatus().notNull().default("proposed"),
    visitDate: date({ mode: "string" }),
    decidedOn: date({ mode: "string" }),
    declinedBy: declinedBy(),
    declineReason: text(),
    decisionDetails: text(),
    figures: jsonb().$type<OfferFigures>().notNull(),
    // the unit's status before it was reserved, restored when it is released
    unitStatusBefore: unitStatus().notNull(),
    unitStatusSinceBefore: date({ mode: "string" }).notNull(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({
      columns: [t.organisationId, t.panelId],
      foreignColumns: [offerPanels.organisationId, offerPanels.id],
    }),
    foreignKey({
      columns: [t.organisationId, t.personId],
      foreignColumns: [persons.organisationId, persons.id],
    }),
    foreignKey({ columns: [t.organisationId, t.unitId], foreignColumns: [units.organisationId, units.id] }),
    index("offers_panel_idx").on(t.organisationId, t.panelId),
    index("offers_person_idx").on(t.organisationId, t.personId),
    // a unit is in at most one open panel: at most one undecided offer per unit
    uniqueIndex("offers_one_proposed_per_unit")
      .on(t.organisationId, t.unitId)
      .where(sql`status = 'proposed'`),
    check(
      "offers_decline_coded",
      sql`(${t.status} = 'declined') = (${t.declinedBy} is not null and ${t.declineReason} is not null)`,
    ),
  ],
);
