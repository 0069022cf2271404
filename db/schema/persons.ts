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
import { typology } from "./stock";

export const housingBenefitBasis = pgEnum("housing_benefit_basis", ["estimate", "notified"]);

export const personStatus = pgEnum("person_status", ["waiting", "offered", "housed", "suspended", "left"]);

/** Monthly resources by kind, integer cents (resources = monthly income). */
export type MonthlyResources = {
  rsa: number;
  aah: number;
  wages: number;
  pension: number;
  other: number;
};

/**
 * Personnes accueillies. Minimal by design (privacy): identity, contact,
 * household, resources, programme dates. No diagnosis, no treatment, no clinical notes.
 */
export const persons = pgTable(
  "persons",
  {
    ...tenantColumns(),
    firstName: text().notNull(),
    lastName: text().notNull(),
    birthDate: date({ mode: "string" }),
    phone: text(),
    email: text(),
    // the person agreed to receive rent calls and receipts by e-mail (RGPD: asked, never assumed)
    emailConsent: boolean().notNull().default(false),
    adults: integer().notNull().default(1),
    children: integer().notNull().default(0),
    resources: jsonb().$type<MonthlyResources>().notNull(),
    // expected APL from the CAF notification, monthly cents
    housingBenefitCents: integer().notNull().default(0),
    housingBenefitPaidToOperator: boolean().notNull().default(true),
    // "notified": housingBenefitCents is the CAF's figure and every residual-rent check uses it;
    // "estimate": no notification yet, each flat's rent gets its own estimate from the barème
    housingBenefitBasis: housingBenefitBasis().notNull().default("estimate"),
    // «droits APL ouverts» (cahier des charges §9.4): the date the CAF opened the rights
    housingBenefitRightsOpenedOn: date({ mode: "string" }),
    // day 1: the meeting after admission; the 8-week first-offer deadline runs from it
    entryDate: date({ mode: "string" }).notNull(),
    status: personStatus().notNull().default("waiting"),
    suspendedOn: date({ mode: "string" }),
    // the status re-entry returns to (cahier des charges §8.5.2: re-entry at once within 6 months)
    statusBeforeSuspension: personStatus(),
    // the date of the last status change an officer recorded (suspension, re-entry, exit,
    // readmission): a later change may not be dated before it
    statusSince: date({ mode: "string" }),
    leftOn: date({ mode: "string" }),
    leftReason: text(),
    relocationRequested: boolean().notNull().default(false),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    check("persons_household", sql`${t.adults} >= 1 and ${t.children} >= 0`),
    check("persons_benefit_non_negative", sql`${t.housingBenefitCents} >= 0`),
    index("persons_status_idx").on(t.organisationId, t.status),
  ],
);

export type PlaceThatMatters = { label: string; lng: number; lat: number; maxDistanceKm: number };

/** The person's housing choices (one row per person). Notes hold no clinical data. */
export const housingChoices = pgTable(
  "housing_choices",
  {
    organisationId: uuid().notNull(),
    personId: uuid().notNull(),
    // ordered: the first is the most wanted
    wantedNeighbourhoodIds: jsonb().$type<string[]>().notNull().default([]),
    excludedNeighbourhoodIds: jsonb().$type<string[]>().notNull().default([]),
    placesThatMatter: jsonb().$type<PlaceThatMatters[]>().notNull().default([]),
    typologyMin: typology(),
    typologyMax: typology(),
    highestFloorWithoutLift: integer(),
    needsWheelchairAccess: boolean().notNull().default(false),
    needsStepFree: boolean().notNull().default(false),
    // null: no preference
    wantsFurnished: boolean(),
    hasPets: boolean().notNull().default(false),
    notes: text(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.personId] }),
    foreignKey({
      columns: [t.organisationId, t.personId],
      foreignColumns: [persons.organisationId, persons.id],
    }),
  ],
);

/**
 * «ARS informée»: the dated step the site records when its suspended contracts exceed 10 % of
 * its capacity (cahier des charges §8.5.2: the operator informs the ARS's director «sans délai»).
 * The counts are those the notice was given on.
 */
export const arsNotifications = pgTable(
  "ars_notifications",
  {
    ...tenantColumns(),
    informedOn: date({ mode: "string" }).notNull(),
    suspendedCount: integer().notNull(),
    capacity: integer().notNull(),
    recordedByUserId: uuid(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    check("ars_notifications_counts", sql`${t.suspendedCount} >= 0 and ${t.capacity} > 0`),
    index("ars_notifications_date_idx").on(t.organisationId, t.informedOn),
  ],
);

/** yes / no / not examined yet: each criterion is a fact, never a clinical note. */
export const criterionAnswer = pgEnum("criterion_answer", ["yes", "no", "unknown"]);

export const exitReviewOutcome = pgEnum("exit_review_outcome", [
  "pending",
  "support_continues",
  "exit_agreed",
]);

/**
 * The examination of a person's exit (cahier des charges §8.5.2), opened when the six-month
 * re-entry right lapses. The criteria are recorded as answers, without free text: the housing
 * back office holds no clinical data.
 */
export const exitReviews = pgTable(
  "exit_reviews",
  {
    ...tenantColumns(),
    personId: uuid().notNull(),
    openedOn: date({ mode: "string" }).notNull(),
    // the suspension whose lapsed right opened the review
    suspendedOn: date({ mode: "string" }),
    // «le reste à vivre (ratio loyer + charges / ressources) suffisant»
    resteAVivreSufficient: criterionAnswer().notNull().default("unknown"),
    // «les possibilités de glissement du bail de sous-location ou l'accès à un logement en bail direct»
    slidingOrDirectLeasePossible: criterionAnswer().notNull().default("unknown"),
    // «l'effectivité d'un réseau d'accompagnement dans le droit commun»
    commonLawSupportNetwork: criterionAnswer().notNull().default("unknown"),
    // «l'effectivité d'un réseau d'entraide formel ou informel»
    mutualAidNetwork: criterionAnswer().notNull().default("unknown"),
    // «le souhait pour la personne de sortir du dispositif»
    personWishesToLeave: criterionAnswer().notNull().default("unknown"),
    // «une orientation adaptée choisie par/avec la personne» (maison relais, EHPAD, foyer logement…)
    adaptedOrientationChosen: criterionAnswer().notNull().default("unknown"),
    // «l'absence de tout contact avec le gestionnaire, supérieure à six mois»
    noContactOverSixMonths: criterionAnswer().notNull().default("unknown"),
    lastContactOn: date({ mode: "string" }),
    outcome: exitReviewOutcome().notNull().default("pending"),
    decidedOn: date({ mode: "string" }),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({
      columns: [t.organisationId, t.personId],
      foreignColumns: [persons.organisationId, persons.id],
    }),
    index("exit_reviews_person_idx").on(t.organisationId, t.personId),
    // one review under way per person
    uniqueIndex("exit_reviews_one_pending_per_person")
      .on(t.organisationId, t.personId)
      .where(sql`outcome = 'pending'`),
    check("exit_reviews_decided", sql`(${t.outcome} = 'pending') = (${t.decidedOn} is null)`),
  ],
);

/** How an admission ended: an exit from the programme, or a new admission after a lapsed re-entry right. */
export const admissionOutcome = pgEnum("admission_outcome", ["left", "readmitted"]);

/**
 * Each admission of a person, oldest first (cahier des charges §8.3.2): day 1 is the meeting after
 * the admission, and the 8-week first-offer duty runs per admission. A person readmitted after an
 * exit or a lapsed re-entry right starts a new day 1; the earlier admissions are kept here with
 * how they ended, so that their offers stay theirs and the reports judge each admission once.
 */
export const admissions = pgTable(
  "admissions",
  {
    ...tenantColumns(),
    personId: uuid().notNull(),
    // 1 for the first admission, then 2, 3… in the order of their day 1
    sequence: integer().notNull(),
    admittedOn: date({ mode: "string" }).notNull(),
    endedOn: date({ mode: "string" }),
    outcome: admissionOutcome(),
    // the exit's coded reason when the admission ended by an exit
    leftReason: text(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({
      columns: [t.organisationId, t.personId],
      foreignColumns: [persons.organisationId, persons.id],
    }),
    uniqueIndex("admissions_person_sequence").on(t.organisationId, t.personId, t.sequence),
    // one admission under way per person
    uniqueIndex("admissions_one_open_per_person")
      .on(t.organisationId, t.personId)
      .where(sql`ended_on is null`),
    check("admissions_sequence_positive", sql`${t.sequence} >= 1`),
    check("admissions_ended", sql`(${t.endedOn} is null) = (${t.outcome} is null)`),
    check("admissions_end_after_start", sql`${t.endedOn} is null or ${t.endedOn} >= ${t.admittedOn}`),
  ],
);
