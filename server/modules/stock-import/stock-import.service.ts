import type { z } from "@hono/zod-openapi";
import { CsvError } from "csv-parse/sync";
import { and, eq, isNotNull } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { buildings, landlords, neighbourhoods, units, unitTransitions } from "../../../db/schema";
import { AppError } from "../../lib/errors";
import type { UseCaseContext } from "../../lib/use-case-context";
import { inAuditedTransaction } from "../audit/audit.service";
import type { Geocoder } from "../geocoding/geocoder";
import { type AddressCandidate, addressQuery, geocodingOutcome } from "../geocoding/geocoding.rules";
import { neighbourhoodContaining } from "../neighbourhoods/geometry.rules";
import {
  type BuildingImport,
  type BuildingToGeocode,
  buildingRow,
  checkHeader,
  type ImportError,
  type ImportKind,
  type LandlordImport,
  landlordRow,
  readCsv,
  type UnitImport,
  unitRow,
} from "./csv-import.rules";
import type { ImportProgress as ImportProgressSchema } from "./stock-import.schemas";

export type ImportProgress = z.infer<typeof ImportProgressSchema>;
export type GeocodedLine = {
  line: number;
  query: string;
  outcome: "found" | "review" | "not_found" | "confirmed";
  score: number | null;
  candidates: AddressCandidate[];
};
export type ConfirmedAddress = {
  line: number;
  lng: number;
  lat: number;
  banId?: string | null;
  inseeCode?: string | null;
};
export type ImportReport = {
  kind: ImportKind;
  dryRun: boolean;
  valid: boolean;
  rows: number;
  created: number;
  errorCount: number;
  /** the first 1,000 errors, in line order */
  errors: ImportError[];
  geocoded: GeocodedLine[];
  reviewCount: number;
};

const PROGRESS_EVERY = 500;
const BATCH = 500;
const MAX_ERRORS_LISTED = 1000;

type Options = {
  dryRun: boolean;
  onProgress?: (progress: ImportProgress) => void | Promise<void>;
  /** the BAN geocoder for building lines without coordinates */
  geocoder?: Geocoder;
  /** points an officer confirmed for lines whose geocoding was uncertain (by line number) */
  addresses?: readonly ConfirmedAddress[];
};

/** Geocoding requests in flight at once: the public Géoplateforme allows 50 a second per address. */
const GEOCODING_CONCURRENCY = 4;

async function referenceMap(
  db: Db,
  organisationId: string,
  table: typeof landlords | typeof buildings | typeof units,
) {
  const rows = await db
    .select({ id: table.id, reference: table.reference })
    .from(table)
    .where(and(eq(table.organisationId, organisationId), isNotNull(table.reference)));
  return new Map(rows.map((row) => [row.reference!, row.id]));
}

function report(
  kind: ImportKind,
  dryRun: boolean,
  rows: number,
  errors: ImportError[],
  created = 0,
  geocoded: GeocodedLine[] = [],
): ImportReport {
  const sorted = [...errors].sort((a, b) => a.line - b.line);
  const reviewCount = geocoded.filter((g) => g.outcome === "review" || g.outcome === "not_found").length;
  return {
    kind,
    dryRun,
    valid: errors.length === 0 && reviewCount === 0,
    rows,
    created,
    errorCount: errors.length,
    errors: sorted.slice(0, MAX_ERRORS_LISTED),
    geocoded: [...geocoded].sort((a, b) => a.line - b.line).slice(0, MAX_ERRORS_LISTED),
    reviewCount,
  };
}

const needsPoint = (values: unknown): values is BuildingToGeocode =>
  (values as { lng?: unknown }).lng === null;

/**
 * Gives every building line without coordinates its point: the officer's confirmed choice for
 * that line, else the BAN's answer when it is certain. An uncertain or missing answer is left
 * for review: a dry run lists it with its candidates; a real run refuses the file (nothing is
 * imported on an address nobody checked).
 */
async function geocodeLines(
  rows: { line: number; values: unknown }[],
  options: Options,
  errors: ImportError[],
): Promise<GeocodedLine[]> {
  const pending = rows.filter((row) => needsPoint(row.values));
  if (pending.length === 0) return [];
  const confirmed = new Map((options.addresses ?? []).map((address) => [address.line, address]));
  const pendingLines = new Set(pending.map((row) => row.line));
  for (const line of confirmed.keys()) {
    if (!pendingLines.has(line))
      errors.push({
        line,
        field: "lng",
        message: "adresse confirmée pour une ligne qui a déjà ses coordonnées",
      });
  }
  const geocoded: GeocodedLine[] = [];
  let done = 0;
  let unavailable: string | null = null;
  const geocodeOne = async (row: { line: number; values: unknown }) => {
    const values = row.values as BuildingToGeocode;
    const query = addressQuery(values);
    const choice = confirmed.get(row.line);
    if (choice) {
      Object.assign(values, {
        lng: choice.lng,
        lat: choice.lat,
        banId: choice.banId ?? values.banId ?? null,
        inseeCode: choice.inseeCode ?? values.inseeCode ?? null,
      });
      geocoded.push({ line: row.line, query, outcome: "confirmed", score: null, candidates: [] });
      return;
    }
    if (!options.geocoder?.enabled || unavailable) {
      errors.push({
        line: row.line,
        field: "lng",
        message: `${unavailable ?? "aucun service d'adresses n'est configuré"} : renseignez lng et lat`,
      });
      return;
    }
    let candidates: AddressCandidate[];
    try {
      candidates = await options.geocoder.search(query, { limit: 3, autocomplete: false });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      unavailable = "le service d'adresses ne répond pas";
      errors.push({ line: row.line, field: "lng", message: `${unavailable} : renseignez lng et lat` });
      return;
    }
    const outcome = geocodingOutcome(candidates);
    const best = candidates[0] ?? null;
    geocoded.push({
      line: row.line,
      query,
      outcome,
      score: best?.score ?? null,
      candidates: outcome === "found" ? candidates.slice(0, 1) : candidates.slice(0, 3),
    });
    if (outcome === "found" && best) {
      Object.assign(values, {
        lng: best.lng,
        lat: best.lat,
        banId: values.banId ?? best.banId,
        inseeCode: values.inseeCode ?? best.inseeCode,
      });
    } else if (!options.dryRun) {
      errors.push({
        line: row.line,
        field: "street",
        message: best
          ? `adresse incertaine (score ${best.score.toFixed(2).replace(".", ",")} : « ${best.label} ») : vérifiez-la à l'écran d'import`
          : `adresse introuvable dans la Base Adresse Nationale : « ${query} »`,
      });
    }
  };
  for (let start = 0; start < pending.length; start += GEOCODING_CONCURRENCY) {
    await Promise.all(pending.slice(start, start + GEOCODING_CONCURRENCY).map(geocodeOne));
    done = Math.min(start + GEOCODING_CONCURRENCY, pending.length);
    if (done % (GEOCODING_CONCURRENCY * 25) === 0 || done === pending.length)
      await options.onProgress?.({ phase: "geocode", done, total: pending.length });
  }
  return geocoded;
}

const rowParsers = { landlords: landlordRow, buildings: buildingRow, units: unitRow } as const;

/**
 * Imports a CSV file of landlords, buildings or units. Dry run: every line is checked and the
 * errors reported per line and column, nothing is written. Real run: the same checks, then all
 * rows are written in ONE audited transaction, or none when any line is wrong (422).
 */
export async function importCsv(
  context: UseCaseContext,
  kind: ImportKind,
  csvText: string,
  options: Options,
) {
  const organisationId = context.actor.organisationId;
  let parsed: ReturnType<typeof readCsv>;
  try {
    parsed = readCsv(csvText);
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = (error as CsvError & { lines?: number }).lines ?? 1;
    return finish(kind, options.dryRun, 0, [
      { line, field: "", message: `CSV illisible : ${error.message}` },
    ]);
  }
  const headerErrors = checkHeader(kind, parsed.header);
  if (parsed.records.length === 0)
    headerErrors.push({ line: 2, field: "", message: "aucune ligne à importer" });
  if (headerErrors.length > 0) return finish(kind, options.dryRun, parsed.records.length, headerErrors);

  const errors: ImportError[] = [];
  const total = parsed.records.length;
  const rows: {
    line: number;
    values: LandlordImport | BuildingImport | BuildingToGeocode | UnitImport;
  }[] = [];
  for (const [index, record] of parsed.records.entries()) {
    const values = rowParsers[kind](record.line, record.cells, errors);
    if (values) rows.push({ line: record.line, values });
    if ((index + 1) % PROGRESS_EVERY === 0)
      await options.onProgress?.({ phase: "validate", done: index + 1, total });
  }
  await options.onProgress?.({ phase: "validate", done: total, total });

  // references: unique in the file and in the organisation; links resolved against the database
  const seen = new Map<string, number>();
  const existing = await referenceMap(context.db, organisationId, { landlords, buildings, units }[kind]);
  const landlordIds =
    kind === "landlords"
      ? new Map<string, string>()
      : await referenceMap(context.db, organisationId, landlords);
  const buildingIds =
    kind === "units" ? await referenceMap(context.db, organisationId, buildings) : new Map<string, string>();
  for (const { line, cells } of parsed.records) {
    const reference = cells.reference;
    const landlordReference = cells.landlord_reference;
    const buildingReference = cells.building_reference;
    if (reference) {
      if (seen.has(reference)) {
        errors.push({
          line,
          field: "reference",
          message: `référence déjà utilisée ligne ${seen.get(reference)}`,
        });
      } else if (existing.has(reference)) {
        errors.push({ line, field: "reference", message: "référence déjà connue dans la base" });
      }
      if (!seen.has(reference)) seen.set(reference, line);
    }
    if (kind !== "landlords" && landlordReference && !landlordIds.has(landlordReference)) {
      errors.push({
        line,
        field: "landlord_reference",
        message: `bailleur inconnu : « ${landlordReference} »`,
      });
    }
    if (kind === "units" && buildingReference && !buildingIds.has(buildingReference)) {
      errors.push({
        line,
        field: "building_reference",
        message: `immeuble inconnu : « ${buildingReference} »`,
      });
    }
  }
  const geocoded = kind === "buildings" ? await geocodeLines(rows, options, errors) : [];
  if (errors.length > 0 || options.dryRun) return finish(kind, options.dryRun, total, errors, geocoded);

  const created = await inAuditedTransaction(context.db, context, async (tx, audit) => {
    const shapes =
      kind === "buildings"
        ? await tx
            .select({
              id: neighbourhoods.id,
              code: neighbourhoods.code,
              geometry: neighbourhoods.geometry,
              minLng: neighbourhoods.minLng,
              minLat: neighbourhoods.minLat,
              maxLng: neighbourhoods.maxLng,
              maxLat: neighbourhoods.maxLat,
            })
            .from(neighbourhoods)
            .where(eq(neighbourhoods.organisationId, organisationId))
        : [];
    const today = context.clock.today();
    for (let start = 0; start < rows.length; start += BATCH) {
      const chunk = rows.slice(start, start + BATCH).map((row) => row.values);
      if (kind === "landlords") {
        await tx
          .insert(landlords)
          .values((chunk as LandlordImport[]).map((values) => ({ ...values, organisationId })));
      } else if (kind === "buildings") {
        await tx.insert(buildings).values(
          (chunk as BuildingImport[]).map(({ landlordReference, ...values }) => ({
            ...values,
            organisationId,
            landlordId: landlordReference ? landlordIds.get(landlordReference)! : null,
            neighbourhoodId: neighbourhoodContaining(values, shapes),
          })),
        );
      } else {
        const inserted = await tx
          .insert(units)
          .values(
            (chunk as UnitImport[]).map(({ landlordReference, buildingReference, ...values }) => ({
              ...values,
              organisationId,
              buildingId: buildingIds.get(buildingReference)!,
              landlordId: landlordReference ? landlordIds.get(landlordReference)! : null,
              statusSince: today,
            })),
          )
          .returning({ id: units.id, status: units.status });
        // the imported state is the unit's first recorded state (capture statistics start here)
        await tx.insert(unitTransitions).values(
          inserted.map((unit) => ({
            organisationId,
            unitId: unit.id,
            fromStatus: null,
            toStatus: unit.status,
            effectiveDate: today,
            reason: "import CSV",
            actorUserId: context.actor.userId,
          })),
        );
      }
      await options.onProgress?.({
        phase: "write",
        done: Math.min(start + BATCH, rows.length),
        total: rows.length,
      });
    }
    await audit.record({
      action: `import.${kind}`,
      entityType: kind === "landlords" ? "landlord" : kind === "buildings" ? "building" : "unit",
      details: {
        rows: rows.length,
        references: rows.map((row) => row.values.reference),
        // which points came from the BAN and which an officer chose after review
        ...(geocoded.length > 0
          ? {
              geocodedLines: geocoded.filter((g) => g.outcome === "found").map((g) => g.line),
              confirmedLines: geocoded.filter((g) => g.outcome === "confirmed").map((g) => g.line),
            }
          : {}),
      },
    });
    return rows.length;
  });
  return report(kind, false, total, [], created, geocoded);
}

/** A dry run reports; a real run with errors is refused as a whole. */
function finish(
  kind: ImportKind,
  dryRun: boolean,
  rows: number,
  errors: ImportError[],
  geocoded: GeocodedLine[] = [],
): ImportReport {
  const result = report(kind, dryRun, rows, errors, 0, geocoded);
  if (!dryRun && errors.length > 0) {
    throw new AppError("IMPORT_REJECTED", `${errors.length} erreur(s) : aucune ligne n'a été importée`, {
      ...result,
    });
  }
  return result;
}
