import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uuid,
} from "drizzle-orm/pg-core";
import { tenantColumns, timestamps } from "./_columns";
import { persons } from "./persons";
import { landlords, units } from "./stock";

export const leaseKind = pgEnum("lease_kind", [
  "head_lease", // bail principal: landlord → organisation, in view of sub-letting
  "sublease", // organisation → person
  "sliding_sublease", // sub-lease with a glissement clause (bail glissant)
  "direct_lease", // landlord → person
  "temporary_occupancy", // logement de répit
]);

export const leaseStatus = pgEnum("lease_status", ["draft", "signed", "notice_given", "ended"]);
export const paymentFrequency = pgEnum("payment_frequency", ["monthly", "fortnightly"]);

/**
 * Every contract on a unit: the landlord side (head lease) and the tenant side
 * (sub-lease, sliding sub-lease, direct lease, temporary occupancy).
 * Amounts are monthly, integer cents.
 */
export const leases = pgTable(
  "leases",
  {
    ...tenantColumns(),
    kind: leaseKind().notNull(),
    status: leaseStatus().notNull().default("draft"),
    unitId: uuid().notNull(),
    landlordId: uuid(),
    // null for a head lease (the organisation is the tenant)
    personId: uuid(),
    startDate: date({ mode: "string" }).notNull(),
    durationMonths: integer().notNull(),
    endDate: date({ mode: "string" }),
    rentCents: integer().notNull(),
    chargesCents: integer().notNull().default(0),
    depositCents: integer().notNull().default(0),
    paymentFrequency: paymentFrequency().notNull().default("monthly"),
    housingBenefitCents: integer().notNull().default(0),
    housingBenefitPaidToOperator: boolean().notNull().default(true),
    furnished: boolean().notNull().default(false),
    // IRL reference quarter for the revision clause, e.g. "T2"
    irlReferenceQuarter: text(),
    signedOn: date({ mode: "string" }),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    check(
      "leases_amounts_non_negative",
      sql`${t.rentCents} >= 0 and ${t.chargesCents} >= 0 and ${t.depositCents} >= 0`,
    ),
    check("leases_duration_positive", sql`${t.durationMonths} > 0`),
    foreignKey({ columns: [t.organisationId, t.unitId], foreignColumns: [units.organisationId, units.id] }),
    foreignKey({
      columns: [t.organisationId, t.landlordId],
      foreignColumns: [landlords.organisationId, landlords.id],
    }),
    foreignKey({
      columns: [t.organisationId, t.personId],
      foreignColumns: [persons.organisationId, persons.id],
    }),
    index("leases_unit_idx").on(t.organisationId, t.unitId),
    index("leases_person_idx").on(t.organisationId, t.personId),
  ],
);
