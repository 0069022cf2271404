import { sql } from "drizzle-orm";
import {
  boolean,
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
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { tenantColumns, timestamps } from "./_columns";
import { organisations } from "./organisations";
import { landlords, units } from "./stock";

/**
 * Loi Hoguet (décret 72-678 art. 65): every mandate gets the next number of the organisation's
 * chronological register, never reused, without gaps. The counter row is locked FOR UPDATE in
 * the creating transaction, so concurrent creations are serialised and a rolled-back creation
 * gives its number back (no gap).
 */
export const mandateRegisterCounters = pgTable("mandate_register_counters", {
  organisationId: uuid()
    .primaryKey()
    .references(() => organisations.id),
  lastNumber: integer().notNull().default(0),
});

export const mandateStatus = pgEnum("mandate_status", ["awaiting_signature", "signed", "ended", "cancelled"]);

/** Mandats de gestion with the pack sécurisation options (seed 002, Doubs). Money in cents. */
export const mandates = pgTable(
  "mandates",
  {
    ...tenantColumns(),
    number: integer().notNull(),
    status: mandateStatus().notNull().default("awaiting_signature"),
    landlordId: uuid().notNull(),
    unitId: uuid().notNull(),
    // a fixed duration, never open-ended (loi Hoguet art. 7)
    startDate: date({ mode: "string" }).notNull(),
    endDate: date({ mode: "string" }).notNull(),
    durationMonths: integer().notNull(),
    managementFeeBasisPoints: integer().notNull(),
    scope: jsonb().$type<string[]>().notNull(),
    // pack sécurisation
    guaranteeEnabled: boolean().notNull().default(false),
    guaranteeCeilingCents: integer(),
    guaranteeMonths: integer(),
    repairAidEnabled: boolean().notNull().default(false),
    repairAidCeilingCents: integer(),
    socialWatch: boolean().notNull().default(false),
    // the document presented for signature, and once signed: the signed version and its evidence
    documentId: uuid(),
    signedDocumentId: uuid(),
    signedAt: timestamp({ withTimezone: true, mode: "date" }),
    signerName: text(),
    signerIp: text(),
    signerUserAgent: text(),
    signedDocumentSha256: text(),
    endedOn: date({ mode: "string" }),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    uniqueIndex("mandates_register_number").on(t.organisationId, t.number),
    foreignKey({
      columns: [t.organisationId, t.landlordId],
      foreignColumns: [landlords.organisationId, landlords.id],
    }),
    foreignKey({ columns: [t.organisationId, t.unitId], foreignColumns: [units.organisationId, units.id] }),
    index("mandates_landlord_idx").on(t.organisationId, t.landlordId),
    index("mandates_unit_idx").on(t.organisationId, t.unitId),
    check("mandates_dates", sql`${t.endDate} > ${t.startDate} and ${t.durationMonths} > 0`),
    check("mandates_fee_range", sql`${t.managementFeeBasisPoints} between 0 and 10000`),
    check(
      "mandates_guarantee",
      sql`not ${t.guaranteeEnabled} or (${t.guaranteeCeilingCents} > 0 and ${t.guaranteeMonths} > 0)`,
    ),
    check("mandates_repair_aid", sql`not ${t.repairAidEnabled} or ${t.repairAidCeilingCents} > 0`),
  ],
);
