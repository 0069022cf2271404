import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";

export const organisationKind = pgEnum("organisation_kind", [
  "chez_soi_site", // a "Un Chez-soi d'abord" site (GCSMS housing pole)
  "iml_association", // an approved association doing intermediation locative
  "social_agency", // an agence immobilière sociale (e.g. SOLIHA)
]);

export const neighbourhoodCapMode = pgEnum("neighbourhood_cap_mode", ["off", "share", "count"]);

/**
 * An operator: the tenant of the whole system (Citus: a reference table).
 * Its parameters are the programme rules that may be tuned per site.
 */
export const organisations = pgTable(
  "organisations",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    kind: organisationKind().notNull(),
    city: text().notNull(),
    // printed in the header of every document; agrément CCH L.365-4 when the operator has one
    postalAddress: text(),
    approvalReference: text(),
    // cahier des charges §8.1: a site follows 90 to 105 people
    capacity: integer().notNull(),
    // cahier des charges §9.4: at most 20% of a building's flats (basis points: 2000 = 20%)
    buildingCapBasisPoints: integer().notNull().default(2000),
    // strict by default; when on, one programme flat is allowed in buildings of fewer than 5 dwellings
    smallBuildingException: boolean().notNull().default(false),
    neighbourhoodCapMode: neighbourhoodCapMode().notNull().default("off"),
    // share in basis points when mode = share, a count of units when mode = count
    neighbourhoodCapValue: integer(),
    // cahier des charges §8.3.2: first offer within 8 weeks of day 1
    firstOfferDeadlineWeeks: integer().notNull().default(8),
    // cahier des charges footnote 32: a panel of at least three captured flats
    minimumPanelSize: integer().notNull().default(3),
    // cahier des charges §8.11: residual rent ≤ 30% of resources (basis points)
    residualRentCeilingBasisPoints: integer().notNull().default(3000),
    panelExpiryDays: integer().notNull().default(30),
    // cahier des charges §8.3.2: after a panel closed without a flat taken, «un autre logement
    // devra être proposé»; the specification gives no delay, the site sets it (4 weeks by default)
    reofferDeadlineWeeks: integer().notNull().default(4),
    // a commitment the site made beyond the national rules (e.g. Dijon: two flats matching the
    // choices), recorded as such: it never lowers a national floor
    localCommitment: text(),
    // the site's opening: the capture targets (50 flats the first year, 100 by the end of the
    // second, cahier des charges §8.9.1) run from it
    openedOn: date({ mode: "string" }),
    // the organisation's bank account: debited by the transfers of a payout run (pain.001), credited
    // by tenants' direct debits (pain.008), printed on the avis d'échéance for transfers
    bankAccountHolder: text(),
    bankIban: text(),
    bankBic: text(),
    // identifiant créancier SEPA (ICS), issued by the Banque de France, needed for direct debits
    sepaCreditorIdentifier: text(),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    check("organisations_capacity_positive", sql`${t.capacity} > 0`),
    check(
      "organisations_site_capacity",
      sql`${t.kind} <> 'chez_soi_site' or ${t.capacity} between 90 and 105`,
    ),
    check("organisations_building_cap_range", sql`${t.buildingCapBasisPoints} between 0 and 10000`),
    check("organisations_ceiling_range", sql`${t.residualRentCeilingBasisPoints} between 0 and 10000`),
    check("organisations_panel_size", sql`${t.minimumPanelSize} >= 1`),
    check("organisations_reoffer_weeks", sql`${t.reofferDeadlineWeeks} between 1 and 52`),
  ],
);

/**
 * How many times each organisation's data has changed: database triggers on every table of the
 * organisation's data add one per statement that writes (migration 0037), in the writing
 * transaction, so a value read is never ahead of the rows it stands for. The read cache
 * (server/lib/read-cache.ts) keys what it keeps by this number.
 */
export const organisationDataVersions = pgTable("organisation_data_versions", {
  organisationId: uuid()
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  version: bigint({ mode: "number" }).notNull().default(0),
});
