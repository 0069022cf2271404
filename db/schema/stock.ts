import type { MultiPolygon, Polygon } from "geojson";
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { tenantColumns, timestamps } from "./_columns";
import { UNIT_STATUSES } from "../../server/modules/units/pipeline.rules";

export const landlordKind = pgEnum("landlord_kind", ["private_person", "sci", "company", "social_landlord"]);

/** Propriétaires bailleurs. The IBAN is shown to finance and admin only. */
export const landlords = pgTable(
  "landlords",
  {
    ...tenantColumns(),
    kind: landlordKind().notNull(),
    // the operator's own reference (e.g. from a spreadsheet), used by CSV imports to link rows
    reference: text(),
    // natural person: last and first name; legal person: company name in displayName
    displayName: text().notNull(),
    firstName: text(),
    lastName: text(),
    email: text(),
    // the landlord agreed to receive monthly statements by e-mail
    emailConsent: boolean().notNull().default(false),
    phone: text(),
    postalAddress: text(),
    iban: text(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    uniqueIndex("landlords_reference_idx")
      .on(t.organisationId, t.reference)
      .where(sql`${t.reference} is not null`),
  ],
);

/**
 * Quartiers (IRIS, QPV contours…) as GeoJSON Polygon or MultiPolygon in WGS84.
 * The bounding box is stored for the point-in-polygon pre-check.
 */
export const neighbourhoods = pgTable(
  "neighbourhoods",
  {
    ...tenantColumns(),
    code: text().notNull(),
    name: text().notNull(),
    isQpv: boolean().notNull().default(false),
    // the INSEE code of its commune: the neighbourhood cap of a building outside every contour
    inseeCode: text(),
    geometry: jsonb().$type<Polygon | MultiPolygon>().notNull(),
    minLng: doublePrecision().notNull(),
    minLat: doublePrecision().notNull(),
    maxLng: doublePrecision().notNull(),
    maxLat: doublePrecision().notNull(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    uniqueIndex("neighbourhoods_code_idx").on(t.organisationId, t.code),
  ],
);

/** Immeubles. totalDwellings counts every dwelling of the building, programme or not (20% rule). */
export const buildings = pgTable(
  "buildings",
  {
    ...tenantColumns(),
    landlordId: uuid(),
    // the operator's own reference, used by CSV imports to link units to their building
    reference: text(),
    street: text().notNull(),
    postcode: text().notNull(),
    city: text().notNull(),
    inseeCode: text(),
    // the BAN key of the address ("clé d'interopérabilité", e.g. 21231_0470_00012) when geocoded
    banId: text(),
    lng: doublePrecision().notNull(),
    lat: doublePrecision().notNull(),
    neighbourhoodId: uuid(),
    totalDwellings: integer().notNull(),
    hasElevator: boolean().notNull().default(false),
    yearBuilt: integer(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    check("buildings_total_dwellings_positive", sql`${t.totalDwellings} >= 1`),
    check("buildings_lng_range", sql`${t.lng} between -180 and 180`),
    check("buildings_lat_range", sql`${t.lat} between -90 and 90`),
    foreignKey({
      columns: [t.organisationId, t.landlordId],
      foreignColumns: [landlords.organisationId, landlords.id],
    }),
    foreignKey({
      columns: [t.organisationId, t.neighbourhoodId],
      foreignColumns: [neighbourhoods.organisationId, neighbourhoods.id],
    }),
    index("buildings_location_idx").on(t.organisationId, t.lng, t.lat),
    index("buildings_neighbourhood_idx").on(t.organisationId, t.neighbourhoodId),
    uniqueIndex("buildings_reference_idx")
      .on(t.organisationId, t.reference)
      .where(sql`${t.reference} is not null`),
  ],
);

/** The capture pipeline's states, listed once with their transitions in pipeline.rules.ts. */
/**
 * The décence checklist kept on a unit (décret 2002-120): the measures taken at the visit, the
 * other criteria with their evidence, and what was concluded from them on which day.
 */
export type DecencyRecord = {
  mainRoomSurfaceM2: number;
  ceilingHeightM: number;
  surfaceUnder180M2?: number | null;
  habitableVolumeM3?: number | null;
  criteria?: Partial<Record<string, { met: boolean; evidence?: string | null }>> | null;
  countedSurfaceM2?: number;
  decentVia: "surface_and_height" | "volume";
  energyClass?: "A" | "B" | "C" | "D" | "E" | "F" | "G" | null;
  leaseStartChecked?: string;
  checkedOn: string;
};

export const unitStatus = pgEnum("unit_status", UNIT_STATUSES);

export const typology = pgEnum("typology", ["studio", "T1", "T2", "T3", "T4", "T5", "T6"]);
export const energyClass = pgEnum("energy_class", ["A", "B", "C", "D", "E", "F", "G"]);
export const captureFormula = pgEnum("capture_formula", [
  "head_lease", // bail principal in view of sub-letting
  "sliding_lease", // bail glissant
  "management_mandate", // mandat de gestion
  "direct_lease",
]);

/** Logements. Rent and charges in integer cents, per month. */
export const units = pgTable(
  "units",
  {
    ...tenantColumns(),
    buildingId: uuid().notNull(),
    landlordId: uuid(),
    reference: text(),
    floor: integer().notNull(),
    typology: typology().notNull(),
    surfaceM2: doublePrecision().notNull(),
    rooms: integer().notNull(),
    furnished: boolean().notNull().default(false),
    wheelchairAccessible: boolean().notNull().default(false),
    stepFree: boolean().notNull().default(false),
    energyClass: energyClass(),
    energyDiagnosisDate: date({ mode: "string" }),
    rentCents: integer().notNull(),
    chargesCents: integer().notNull().default(0),
    captureFormula: captureFormula(),
    locAvantagesLevel: text(),
    rentCeilingCents: integer(),
    availableFrom: date({ mode: "string" }),
    status: unitStatus().notNull().default("prospect"),
    statusSince: date({ mode: "string" }).notNull(),
    // décence checklist recorded at the visit (décret 2002-120)
    decencyChecklist: jsonb().$type<DecencyRecord>(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    check("units_rent_non_negative", sql`${t.rentCents} >= 0 and ${t.chargesCents} >= 0`),
    check("units_surface_positive", sql`${t.surfaceM2} > 0`),
    foreignKey({
      columns: [t.organisationId, t.buildingId],
      foreignColumns: [buildings.organisationId, buildings.id],
    }),
    foreignKey({
      columns: [t.organisationId, t.landlordId],
      foreignColumns: [landlords.organisationId, landlords.id],
    }),
    index("units_building_idx").on(t.organisationId, t.buildingId),
    uniqueIndex("units_reference_idx")
      .on(t.organisationId, t.reference)
      .where(sql`${t.reference} is not null`),
    index("units_status_idx").on(t.organisationId, t.status),
  ],
);

/** Every pipeline transition with its business date: vacancy and capture statistics come from here. */
export const unitTransitions = pgTable(
  "unit_transitions",
  {
    ...tenantColumns(),
    unitId: uuid().notNull(),
    fromStatus: unitStatus(),
    toStatus: unitStatus().notNull(),
    effectiveDate: date({ mode: "string" }).notNull(),
    reason: text(),
    actorUserId: uuid(),
    recordedAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({ columns: [t.organisationId, t.unitId], foreignColumns: [units.organisationId, units.id] }),
    index("unit_transitions_unit_idx").on(t.organisationId, t.unitId, t.effectiveDate),
  ],
);
