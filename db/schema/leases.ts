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
  uniqueIndex,
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

/** Why a contract ended; glissement: the sub-lease slid into a direct lease. */
export const leaseEndReason = pgEnum("lease_end_reason", [
  "relocation",
  "departure",
  "end_of_support",
  "court_decision",
  "glissement",
  "head_lease_end",
]);

export const noticeParty = pgEnum("notice_party", ["tenant", "lessor"]);

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
    // loi 89-462 art. 3 mentions and the events of the contract
    // day of the month (or of the first fortnight) the rent is paid: "date ou période de paiement"
    paymentDay: integer(),
    // the last rent of the previous tenant when they left less than 18 months before (art. 3)
    previousRentCents: integer(),
    // head lease: the operator pays the rent whether the flat is occupied or not; restores it at the end
    paysRentDuringVacancy: boolean().notNull().default(true),
    restorationAtEnd: boolean().notNull().default(true),
    // a sub-lease's head lease on the same unit
    headLeaseId: uuid(),
    // bail glissant (CCH L.442-8-3): target date and conditions; reviews in lease_reviews
    slidingTargetDate: date({ mode: "string" }),
    slidingConditions: jsonb().$type<string[]>(),
    // the payment condition of the slide, read from the ledger: over the last
    // `slidingObservationMonths` months the tenant's overdue debt never exceeded
    // `slidingArrearsToleranceCents` (contractual; defaults in leases.rules.ts)
    slidingObservationMonths: integer(),
    slidingArrearsToleranceCents: integer(),
    // CCH L.442-8-3: the social landlord informs the préfet two months before the review period ends
    prefectInformedOn: date({ mode: "string" }),
    // a social landlord's (HLM) lease has no fixed term: no end date, revised on 1 January
    fixedTerm: boolean().notNull().default(true),
    // the deposit held under the sub-lease at the glissement: handed to the landlord, or refunded
    // to the tenant (who then pays it to the landlord); recorded on the direct lease
    depositHandover: text().$type<"transferred_to_landlord" | "refunded_to_tenant">(),
    depositHandoverCents: integer(),
    // the contract this one follows (glissement: the sub-lease; relocation: the lease on the former unit)
    previousLeaseId: uuid(),
    noticeGivenOn: date({ mode: "string" }),
    // loi 89-462 art. 15: who gave notice, the tenant's reason or the lessor's motive, its proof
    noticeGivenBy: noticeParty(),
    noticeReason: text(),
    noticeMotiveDetail: text(),
    noticeJustificationReceived: boolean(),
    noticePeriodMonths: integer(),
    endedOn: date({ mode: "string" }),
    endReason: leaseEndReason(),
    // loi 89-462 art. 22: the deposit's return after the exit inspection
    depositReturnedOn: date({ mode: "string" }),
    depositDeadline: date({ mode: "string" }),
    depositDeductions:
      jsonb().$type<{ kind: string; label: string; amountCents: number; justification: string }[]>(),
    depositRefundCents: integer(),
    depositLatePenaltyCents: integer(),
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
    check(
      "leases_sliding_terms",
      sql`(${t.slidingObservationMonths} is null or ${t.slidingObservationMonths} between 1 and 60) and (${t.slidingArrearsToleranceCents} is null or ${t.slidingArrearsToleranceCents} >= 0)`,
    ),
    check("leases_payment_day", sql`${t.paymentDay} is null or ${t.paymentDay} between 1 and 28`),
  ],
);

export const reviewOutcome = pgEnum("review_outcome", ["favourable", "unfavourable", "postponed"]);

/** The periodic reviews of a sliding lease (CCH L.442-8-3): scheduled, then held with an outcome. */
export const leaseReviews = pgTable(
  "lease_reviews",
  {
    ...tenantColumns(),
    leaseId: uuid().notNull(),
    scheduledOn: date({ mode: "string" }).notNull(),
    heldOn: date({ mode: "string" }),
    outcome: reviewOutcome(),
    notes: text(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({
      columns: [t.organisationId, t.leaseId],
      foreignColumns: [leases.organisationId, leases.id],
    }),
    index("lease_reviews_lease_idx").on(t.organisationId, t.leaseId, t.scheduledOn),
    check("lease_reviews_held_has_outcome", sql`(${t.heldOn} is null) = (${t.outcome} is null)`),
  ],
);

/**
 * The communes of the "zone tendue" (the annex of décret n° 2013-392 as amended, to which
 * loi 89-462 art. 15 and 17 refer), kept by the organisation's admins from the official text:
 * the software ships no copy of the list. `source` names the text and its date.
 */
export const tightMarketCommunes = pgTable(
  "tight_market_communes",
  {
    ...tenantColumns(),
    inseeCode: text().notNull(),
    name: text().notNull(),
    source: text().notNull(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    uniqueIndex("tight_market_communes_insee_idx").on(t.organisationId, t.inseeCode),
    check("tight_market_communes_insee_format", sql`${t.inseeCode} ~ '^[0-9][0-9AB][0-9]{3}$'`),
  ],
);

export const inspectionKind = pgEnum("inspection_kind", ["entry", "exit"]);

/**
 * État des lieux (loi 89-462 art. 3-2): one at entry, one at exit, on the same form (rooms with
 * their items graded, meter readings, keys), signed by both parties.
 */
export const leaseInspections = pgTable(
  "lease_inspections",
  {
    ...tenantColumns(),
    leaseId: uuid().notNull(),
    kind: inspectionKind().notNull(),
    inspectedOn: date({ mode: "string" }).notNull(),
    rooms: jsonb()
      .$type<{ name: string; items: { name: string; condition: string; note?: string | null }[] }[]>()
      .notNull(),
    meters: jsonb().$type<{ kind: string; reading: number }[]>().notNull(),
    keys: jsonb().$type<{ label: string; count: number }[]>().notNull(),
    signedByTenant: boolean().notNull(),
    signedByLessor: boolean().notNull(),
    // exit: the tenant's new address, for the deposit (art. 22)
    tenantNewAddress: text(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({
      columns: [t.organisationId, t.leaseId],
      foreignColumns: [leases.organisationId, leases.id],
    }),
    uniqueIndex("lease_inspections_lease_kind_idx").on(t.organisationId, t.leaseId, t.kind),
  ],
);
