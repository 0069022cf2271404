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
  uuid,
} from "drizzle-orm/pg-core";
import { tenantColumns, timestamps } from "./_columns";
import { typology } from "./stock";

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
    adults: integer().notNull().default(1),
    children: integer().notNull().default(0),
    resources: jsonb().$type<MonthlyResources>().notNull(),
    // expected APL from the CAF notification, monthly cents
    housingBenefitCents: integer().notNull().default(0),
    housingBenefitPaidToOperator: boolean().notNull().default(true),
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
