import { z } from "@hono/zod-openapi";
import { ProblemSchema } from "../../lib/openapi";
import { AddressCandidate } from "../geocoding/geocoding.schemas";

export const ImportError = z.object({ line: z.number().int(), field: z.string(), message: z.string() });

/** A line of a building import whose address was geocoded, with its score and, when uncertain, the choices. */
export const GeocodedLine = z
  .object({
    line: z.number().int(),
    /** the question asked to the BAN (street, postcode, city of the line) */
    query: z.string(),
    outcome: z.enum(["found", "review", "not_found", "confirmed"]),
    score: z.number().min(0).max(1).nullable(),
    /** the best candidates, best first (the one used when found; up to 3 to choose from under review) */
    candidates: z.array(AddressCandidate),
  })
  .openapi("GeocodedImportLine");

export const ImportReport = z
  .object({
    kind: z.enum(["landlords", "buildings", "units"]),
    dryRun: z.boolean(),
    /** no error and no address left to review: the file can be imported */
    valid: z.boolean(),
    rows: z.number().int(),
    created: z.number().int(),
    errorCount: z.number().int(),
    errors: z.array(ImportError),
    /** building lines without coordinates, geocoded with the BAN (first 1,000, in line order) */
    geocoded: z.array(GeocodedLine),
    /** how many geocoded lines wait for an officer's review */
    reviewCount: z.number().int(),
  })
  .openapi("CsvImportReport");

/** The point an officer chose for an uncertain address: it replaces the geocoding of that line. */
export const ConfirmedAddress = z
  .object({
    line: z.number().int().min(2),
    lng: z.number().min(-180).max(180),
    lat: z.number().min(-90).max(90),
    banId: z
      .string()
      .regex(/^[0-9A-Za-z_-]{1,64}$/)
      .nullable()
      .optional(),
    inseeCode: z
      .string()
      .regex(/^(\d{5}|2[AB]\d{3})$/)
      .nullable()
      .optional(),
  })
  .openapi("ConfirmedImportAddress");

export const ImportWithAddresses = z
  .object({
    csv: z.string().min(1),
    addresses: z.array(ConfirmedAddress).max(100_000).default([]),
  })
  .openapi("CsvImportWithAddresses");

/** How far an import has gone: the phase, and the lines done of that phase. */
export const ImportProgress = z.object({
  phase: z.enum(["validate", "geocode", "write"]),
  done: z.number().int(),
  total: z.number().int(),
});

/**
 * One line of the NDJSON answer (Accept: application/x-ndjson): progress lines, then the report,
 * or the problem that stopped the import.
 */
export const ImportStreamLine = z
  .discriminatedUnion("event", [
    ImportProgress.extend({ event: z.literal("progress") }),
    ImportReport.extend({ event: z.literal("result") }),
    ProblemSchema.extend({ event: z.literal("error") }),
  ])
  .openapi("CsvImportStreamLine");
