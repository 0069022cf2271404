import { parse } from "csv-parse/sync";
import type { z } from "@hono/zod-openapi";
import { isIsoDate } from "../../lib/dates";
import { parseEuros } from "../../lib/money";
import { BuildingInput } from "../buildings/buildings.schemas";
import { checkIban } from "../landlords/iban.rules";
import { LandlordInput } from "../landlords/landlords.schemas";
import { PROGRAMME_STATUSES } from "../scatter/scatter.rules";
import { UNIT_STATUSES, type UnitStatus } from "../units/pipeline.rules";
import { UnitPatch } from "../units/units.schemas";

/**
 * CSV imports of landlords, buildings and units. The file has a header row; the separator is
 * "," or ";" (French spreadsheets); decimals may use a comma; amounts are in euros ("520,50");
 * dates are ISO (2026-03-01) or French (01/03/2026); booleans are oui/non, true/false, 1/0.
 * Each line is checked on its own here; references across lines and the database are the
 * service's job.
 */
export type ImportKind = "landlords" | "buildings" | "units";
export type ImportError = { line: number; field: string; message: string };
export type ParsedRow<T> = { line: number; values: T };

export const IMPORT_COLUMNS: Record<ImportKind, readonly string[]> = {
  landlords: [
    "reference",
    "kind",
    "display_name",
    "first_name",
    "last_name",
    "email",
    "phone",
    "postal_address",
    "iban",
  ],
  buildings: [
    "reference",
    "landlord_reference",
    "street",
    "postcode",
    "city",
    "insee_code",
    "ban_id",
    "lng",
    "lat",
    "total_dwellings",
    "has_elevator",
    "year_built",
  ],
  units: [
    "reference",
    "building_reference",
    "landlord_reference",
    "floor",
    "typology",
    "surface_m2",
    "rooms",
    "furnished",
    "wheelchair_accessible",
    "step_free",
    "energy_class",
    "energy_diagnosis_date",
    "rent",
    "charges",
    "capture_formula",
    "loc_avantages_level",
    "rent_ceiling",
    "available_from",
    "status",
  ],
};

const REQUIRED: Record<ImportKind, readonly string[]> = {
  landlords: ["reference", "kind", "display_name"],
  // lng/lat may be left empty on a line: its address is then geocoded with the BAN
  buildings: ["reference", "street", "postcode", "city", "total_dwellings"],
  units: ["reference", "building_reference", "floor", "typology", "surface_m2", "rooms", "rent"],
};

/** Statuses a unit may be imported in: programme statuses must pass the scatter check, one by one. */
export const IMPORTABLE_STATUSES = UNIT_STATUSES.filter(
  (status) => !(PROGRAMME_STATUSES as readonly string[]).includes(status),
);

type Cells = Record<string, string>;

export function readCsv(text: string): { header: string[]; records: { line: number; cells: Cells }[] } {
  // the header decides the separator: ";" (French spreadsheets, where "," is the decimal mark) or ","
  const firstLine = text.slice(0, text.indexOf("\n") === -1 ? undefined : text.indexOf("\n"));
  const rows = parse(text, {
    bom: true,
    delimiter: firstLine.includes(";") ? ";" : ",",
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
    info: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  const [head, ...body] = rows;
  const header = (head?.record ?? []).map((name) => name.trim().toLowerCase());
  return {
    header,
    records: body.map(({ record, info }) => ({
      line: info.lines,
      cells: Object.fromEntries(header.map((name, index) => [name, record[index] ?? ""])),
    })),
  };
}

/** Missing required columns and unknown ones, reported on line 1 (the header). */
export function checkHeader(kind: ImportKind, header: readonly string[]): ImportError[] {
  const errors: ImportError[] = [];
  for (const column of REQUIRED[kind]) {
    if (!header.includes(column))
      errors.push({ line: 1, field: column, message: "colonne obligatoire absente" });
  }
  for (const column of header) {
    if (!IMPORT_COLUMNS[kind].includes(column)) {
      errors.push({
        line: 1,
        field: column,
        message: `colonne inconnue (attendues : ${IMPORT_COLUMNS[kind].join(", ")})`,
      });
    }
  }
  return errors;
}

class CellError extends Error {}

const text = (value: string | undefined) => (value === undefined || value === "" ? null : value);

function number(value: string | undefined): number | null {
  const t = text(value);
  if (t === null) return null;
  const parsed = Number(t.replace(/\s/g, "").replace(",", "."));
  if (!Number.isFinite(parsed)) throw new CellError(`nombre attendu : « ${t} »`);
  return parsed;
}

function boolean(value: string | undefined): boolean | null {
  const t = text(value)?.toLowerCase();
  if (t === undefined || t === null) return null;
  if (["oui", "true", "1", "yes", "o", "vrai"].includes(t)) return true;
  if (["non", "false", "0", "no", "n", "faux"].includes(t)) return false;
  throw new CellError(`oui ou non attendu : « ${value} »`);
}

function euros(value: string | undefined): number | null {
  const t = text(value);
  if (t === null) return null;
  try {
    return parseEuros(t);
  } catch {
    throw new CellError(`montant en euros attendu (ex. 520,50) : « ${t} »`);
  }
}

function date(value: string | undefined): string | null {
  const t = text(value);
  if (t === null) return null;
  const french = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(t);
  const iso = french ? `${french[3]}-${french[2]}-${french[1]}` : t;
  if (!isIsoDate(iso)) throw new CellError(`date attendue (AAAA-MM-JJ ou JJ/MM/AAAA) : « ${t} »`);
  return iso;
}

/** Converts each cell with its converter, collecting one error per faulty cell. */
function convert(
  line: number,
  cells: Cells,
  converters: Record<string, (value: string | undefined) => unknown>,
  errors: ImportError[],
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [column, converter] of Object.entries(converters)) {
    try {
      values[column] = converter(cells[column]);
    } catch (error) {
      if (!(error instanceof CellError)) throw error;
      errors.push({ line, field: column, message: error.message });
    }
  }
  return values;
}

/** Runs the API's own zod schema on the converted values; its paths are mapped back to CSV columns. */
function validate<T>(
  schema: z.ZodType<T>,
  line: number,
  input: Record<string, unknown>,
  columnOf: Record<string, string>,
  errors: ImportError[],
): T | null {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  // a cell that could not be converted is already reported: not again as "missing"
  const reported = new Set(errors.filter((error) => error.line === line).map((error) => error.field));
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? "");
    const field = columnOf[key] ?? key;
    if (!reported.has(field)) errors.push({ line, field, message: issue.message });
  }
  return null;
}

const dropNulls = (values: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(values).filter(([, value]) => value !== null));

export type LandlordImport = z.infer<typeof LandlordInput> & { reference: string };

export function landlordRow(line: number, cells: Cells, errors: ImportError[]): LandlordImport | null {
  const before = errors.length;
  const values = convert(
    line,
    cells,
    {
      reference: text,
      kind: text,
      display_name: text,
      first_name: text,
      last_name: text,
      email: text,
      phone: text,
      postal_address: text,
      iban: text,
    },
    errors,
  );
  if (typeof values.iban === "string") {
    const check = checkIban(values.iban);
    if (!check.valid) errors.push({ line, field: "iban", message: check.message });
    else values.iban = check.iban;
  }
  const parsed = validate(
    LandlordInput,
    line,
    dropNulls({
      reference: values.reference,
      kind: values.kind,
      displayName: values.display_name,
      firstName: values.first_name,
      lastName: values.last_name,
      email: values.email,
      phone: values.phone,
      postalAddress: values.postal_address,
      iban: values.iban,
    }),
    {
      displayName: "display_name",
      firstName: "first_name",
      lastName: "last_name",
      postalAddress: "postal_address",
    },
    errors,
  );
  if (!values.reference) errors.push({ line, field: "reference", message: "référence obligatoire" });
  return errors.length > before || !parsed ? null : (parsed as LandlordImport);
}

export type BuildingImport = Omit<z.infer<typeof BuildingInput>, "landlordId"> & {
  reference: string;
  landlordReference: string | null;
};

/** A line whose point is to be found by geocoding its address (both lng and lat left empty). */
export type BuildingToGeocode = Omit<BuildingImport, "lng" | "lat"> & { lng: null; lat: null };

export function buildingRow(
  line: number,
  cells: Cells,
  errors: ImportError[],
): BuildingImport | BuildingToGeocode | null {
  const before = errors.length;
  const values = convert(
    line,
    cells,
    {
      reference: text,
      landlord_reference: text,
      street: text,
      postcode: text,
      city: text,
      insee_code: text,
      ban_id: text,
      lng: number,
      lat: number,
      total_dwellings: number,
      has_elevator: boolean,
      year_built: number,
    },
    errors,
  );
  const toGeocode =
    (values.lng === null || values.lng === undefined) && (values.lat === null || values.lat === undefined);
  if (!toGeocode && (values.lng == null) !== (values.lat == null)) {
    const missing = values.lng == null ? "lng" : "lat";
    errors.push({
      line,
      field: missing,
      message: "longitude et latitude vont ensemble : remplissez les deux, ou aucune pour géocoder l'adresse",
    });
  }
  const parsed = validate(
    toGeocode ? BuildingInput.omit({ lng: true, lat: true }) : BuildingInput,
    line,
    dropNulls({
      reference: values.reference,
      street: values.street,
      postcode: values.postcode,
      city: values.city,
      inseeCode: values.insee_code,
      banId: values.ban_id,
      lng: values.lng,
      lat: values.lat,
      totalDwellings: values.total_dwellings,
      hasElevator: values.has_elevator,
      yearBuilt: values.year_built,
    }),
    {
      inseeCode: "insee_code",
      banId: "ban_id",
      totalDwellings: "total_dwellings",
      hasElevator: "has_elevator",
      yearBuilt: "year_built",
    },
    errors,
  );
  if (!values.reference) errors.push({ line, field: "reference", message: "référence obligatoire" });
  if (errors.length > before || !parsed) return null;
  const base = {
    ...parsed,
    reference: values.reference as string,
    landlordReference: (values.landlord_reference as string | null) ?? null,
  };
  return toGeocode ? { ...base, lng: null, lat: null } : (base as BuildingImport);
}

const UnitRowSchema = UnitPatch.required({
  floor: true,
  typology: true,
  surfaceM2: true,
  rooms: true,
  rentCents: true,
});

export type UnitImport = z.infer<typeof UnitRowSchema> & {
  reference: string;
  buildingReference: string;
  landlordReference: string | null;
  status: UnitStatus;
};

export function unitRow(line: number, cells: Cells, errors: ImportError[]): UnitImport | null {
  const before = errors.length;
  const values = convert(
    line,
    cells,
    {
      reference: text,
      building_reference: text,
      landlord_reference: text,
      floor: number,
      typology: text,
      surface_m2: number,
      rooms: number,
      furnished: boolean,
      wheelchair_accessible: boolean,
      step_free: boolean,
      energy_class: (v) => text(v)?.toUpperCase() ?? null,
      energy_diagnosis_date: date,
      rent: euros,
      charges: euros,
      capture_formula: text,
      loc_avantages_level: text,
      rent_ceiling: euros,
      available_from: date,
      status: text,
    },
    errors,
  );
  const status = (values.status as string | null) ?? "prospect";
  if (!(IMPORTABLE_STATUSES as readonly string[]).includes(status)) {
    errors.push({
      line,
      field: "status",
      message: `état non importable : « ${status} » (réservé, loué et en préavis passent par les transitions ; possibles : ${IMPORTABLE_STATUSES.join(", ")})`,
    });
  }
  const parsed = validate(
    UnitRowSchema,
    line,
    dropNulls({
      floor: values.floor,
      typology: values.typology,
      surfaceM2: values.surface_m2,
      rooms: values.rooms,
      furnished: values.furnished,
      wheelchairAccessible: values.wheelchair_accessible,
      stepFree: values.step_free,
      energyClass: values.energy_class,
      energyDiagnosisDate: values.energy_diagnosis_date,
      rentCents: values.rent,
      chargesCents: values.charges,
      captureFormula: values.capture_formula,
      locAvantagesLevel: values.loc_avantages_level,
      rentCeilingCents: values.rent_ceiling,
      availableFrom: values.available_from,
    }),
    {
      surfaceM2: "surface_m2",
      wheelchairAccessible: "wheelchair_accessible",
      stepFree: "step_free",
      energyClass: "energy_class",
      energyDiagnosisDate: "energy_diagnosis_date",
      rentCents: "rent",
      chargesCents: "charges",
      captureFormula: "capture_formula",
      locAvantagesLevel: "loc_avantages_level",
      rentCeilingCents: "rent_ceiling",
      availableFrom: "available_from",
    },
    errors,
  );
  if (parsed?.rentCeilingCents != null && parsed.rentCents! > parsed.rentCeilingCents) {
    errors.push({ line, field: "rent", message: "le loyer dépasse le plafond Loc'Avantages/ANAH" });
  }
  if (!values.reference) errors.push({ line, field: "reference", message: "référence obligatoire" });
  if (!values.building_reference)
    errors.push({ line, field: "building_reference", message: "immeuble obligatoire" });
  if (errors.length > before || !parsed) return null;
  return {
    ...parsed,
    reference: values.reference as string,
    buildingReference: values.building_reference as string,
    landlordReference: (values.landlord_reference as string | null) ?? null,
    status: status as UnitStatus,
  };
}
