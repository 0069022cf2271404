import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  date,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { tenantColumns, timestamps } from "./_columns";

/**
 * The national barème of the housing benefit in the rented sector (CCH D. 823-16 and D. 823-17,
 * arrêté du 27 septembre 2019 as amended), one dated row per parameter, each with the text it
 * comes from. A reference table: the software ships these rows (a migration) and never writes
 * them; an organisation's admins add their own dated rows below (a revaluation published before
 * the software's update, a correction), which win over a shipped row of the same date.
 * `value` is an integer: monthly or annual cents, or millionths for rates and coefficients
 * (server/modules/housing-benefit/housing-benefit.rules.ts says which for each key).
 */
export const housingBenefitParameters = pgTable(
  "housing_benefit_parameters",
  {
    id: uuid().primaryKey().defaultRandom(),
    key: text().notNull(),
    effectiveFrom: date({ mode: "string" }).notNull(),
    value: bigint({ mode: "number" }).notNull(),
    source: text().notNull(),
    sourceUrl: text(),
    ...timestamps(),
  },
  (t) => [uniqueIndex("housing_benefit_parameters_key_date_idx").on(t.key, t.effectiveFrom)],
);

/** An organisation's own dated values of the barème, entered by its admins with their source. */
export const housingBenefitParameterEntries = pgTable(
  "housing_benefit_parameter_entries",
  {
    ...tenantColumns(),
    key: text().notNull(),
    effectiveFrom: date({ mode: "string" }).notNull(),
    value: bigint({ mode: "number" }).notNull(),
    source: text().notNull(),
    recordedByUserId: uuid(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    uniqueIndex("housing_benefit_parameter_entries_key_date_idx").on(
      t.organisationId,
      t.key,
      t.effectiveFrom,
    ),
  ],
);

export const housingBenefitZone = pgEnum("housing_benefit_zone", ["I", "II", "III"]);

/**
 * The zone of each commune for the rent plafonds (arrêté du 17 mars 1978 relatif au classement
 * des communes par zone géographique, as amended), kept by the organisation's admins for the
 * communes where it has flats: the software ships no copy of the national list.
 */
export const housingBenefitCommuneZones = pgTable(
  "housing_benefit_commune_zones",
  {
    ...tenantColumns(),
    inseeCode: text().notNull(),
    name: text().notNull(),
    zone: housingBenefitZone().notNull(),
    source: text().notNull(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    uniqueIndex("housing_benefit_commune_zones_insee_idx").on(t.organisationId, t.inseeCode),
    check("housing_benefit_commune_zones_insee_format", sql`${t.inseeCode} ~ '^[0-9][0-9AB][0-9]{3}$'`),
  ],
);
