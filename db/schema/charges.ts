import { sql } from "drizzle-orm";
import {
  check,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { tenantColumns, timestamps } from "./_columns";
import { leases } from "./leases";
import { buildings } from "./stock";

/** One line of actual charges: a category of the décret n° 87-713 list, for the building or one flat. */
export type ChargeLineRecord = {
  category: string;
  label: string;
  amountCents: number;
  // null: a building charge, split between its flats; a unit id: that flat's own charge (meter, TEOM…)
  unitId: string | null;
};

/**
 * The actual recoverable charges of a building for a period (loi 89-462 art. 23, décret
 * n° 87-713), entered from the syndic's or the suppliers' accounts. Building lines are split
 * between the flats by surface (the stock records each flat's surface, not its tantièmes);
 * `totalSurfaceM2` is the building's whole surface when the organisation lets only some of its
 * flats (defaults to the sum of the flats it records).
 */
export const chargeStatements = pgTable(
  "charge_statements",
  {
    ...tenantColumns(),
    buildingId: uuid().notNull(),
    periodStart: date({ mode: "string" }).notNull(),
    periodEnd: date({ mode: "string" }).notNull(),
    totalSurfaceM2: doublePrecision(),
    lines: jsonb().$type<ChargeLineRecord[]>().notNull(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({
      columns: [t.organisationId, t.buildingId],
      foreignColumns: [buildings.organisationId, buildings.id],
    }),
    uniqueIndex("charge_statements_building_period_uq").on(t.organisationId, t.buildingId, t.periodStart),
    check("charge_statements_period", sql`${t.periodEnd} >= ${t.periodStart}`),
    check("charge_statements_surface", sql`${t.totalSurfaceM2} is null or ${t.totalSurfaceM2} > 0`),
  ],
);

/** The detail of one lease's share, per category, as printed on the décompte. */
export type RegularisationDetailRecord = {
  category: string;
  label: string;
  totalCents: number;
  // "surface" (building line split by m²) or "flat" (the flat's own charge)
  basis: "surface" | "flat";
  unitSurfaceM2: number;
  totalSurfaceM2: number;
  shareCents: number;
};

/**
 * The yearly regularisation of one lease's charges (loi 89-462 art. 23): the actual share
 * against the provisions called, the décompte sent (`sentOn`, its document), then confirmed:
 * the balance posted to the ledger once (`transactionId`), paid in twelve instalments when the
 * tenant asked for it (art. 23 al. 9), and the next provision applied from `provisionFrom`.
 */
export const chargeRegularisations = pgTable(
  "charge_regularisations",
  {
    ...tenantColumns(),
    statementId: uuid().notNull(),
    leaseId: uuid().notNull(),
    unitId: uuid().notNull(),
    personId: uuid().notNull(),
    occupiedFrom: date({ mode: "string" }).notNull(),
    occupiedTo: date({ mode: "string" }).notNull(),
    actualCents: integer().notNull(),
    provisionsCents: integer().notNull(),
    // actual − provisions: > 0 the tenant owes, < 0 the tenant is owed
    balanceCents: integer().notNull(),
    detail: jsonb().$type<RegularisationDetailRecord[]>().notNull(),
    proposedProvisionCents: integer().notNull(),
    sentOn: date({ mode: "string" }).notNull(),
    documentId: uuid(),
    confirmedOn: date({ mode: "string" }),
    transactionId: uuid(),
    instalments: jsonb().$type<{ dueOn: string; amountCents: number }[]>(),
    provisionCents: integer(),
    provisionFrom: date({ mode: "string" }),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({
      columns: [t.organisationId, t.statementId],
      foreignColumns: [chargeStatements.organisationId, chargeStatements.id],
    }),
    foreignKey({
      columns: [t.organisationId, t.leaseId],
      foreignColumns: [leases.organisationId, leases.id],
    }),
    uniqueIndex("charge_regularisations_statement_lease_uq").on(t.organisationId, t.statementId, t.leaseId),
    index("charge_regularisations_lease_idx").on(t.organisationId, t.leaseId, t.provisionFrom),
    check(
      "charge_regularisations_amounts",
      sql`${t.actualCents} >= 0 and ${t.provisionsCents} >= 0 and ${t.balanceCents} = ${t.actualCents} - ${t.provisionsCents}`,
    ),
    check(
      "charge_regularisations_provision",
      sql`(${t.provisionFrom} is null) = (${t.provisionCents} is null) and (${t.provisionCents} is null or ${t.provisionCents} >= 0)`,
    ),
  ],
);
