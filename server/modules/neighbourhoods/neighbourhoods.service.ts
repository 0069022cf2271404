import type { z } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import type { MultiPolygon, Polygon } from "geojson";
import { neighbourhoods } from "../../../db/schema";
import { AppError } from "../../lib/errors";
import type { UseCaseContext } from "../../lib/use-case-context";
import { inAuditedTransaction } from "../audit/audit.service";
import {
  geometryBbox,
  type ParseOptions,
  parseNeighbourhoodGeoJson,
  validateGeometry,
} from "./geometry.rules";
import {
  countBuildingsByNeighbourhood,
  deleteNeighbourhood,
  detachBuildingsFrom,
  findNeighbourhood,
  findNeighbourhoodsByCode,
  listNeighbourhoods,
  type NeighbourhoodRow,
  reassignBuildingsInDetail,
  reassignBuildingsToNeighbourhoods,
} from "./neighbourhoods.queries";
import { contoursInWgs84, firstPosition, looksLikeLambert93, type SupportedCrs } from "./contours.rules";
import type { NeighbourhoodCollection, NeighbourhoodPatch } from "./neighbourhoods.schemas";

/** Audited without the contour itself (large): its bbox says where it is. */
const auditView = ({ geometry: _g, ...row }: NeighbourhoodRow) => row;

/**
 * Imports contours (IRIS, QPV…): all features valid or nothing is written. A code already known
 * replaces that neighbourhood's contour, name and flag; then every building is re-assigned.
 */
export async function importNeighbourhoods(
  context: UseCaseContext,
  input: unknown,
  options: ParseOptions & {
    crs?: SupportedCrs;
    /** a zipped shapefile: what its .prj named (already reprojected by shpjs), null without one */
    shapefilePrj?: SupportedCrs | "other" | null;
  },
) {
  if (options.shapefilePrj && options.crs) {
    // reprojecting again what the .prj already reprojected would move every contour
    const message = "la projection d'un shapefile est celle de son fichier .prj : ne la précisez pas";
    throw AppError.validation([{ path: "crs", message }], message);
  }
  const fromPrj = options.shapefilePrj === "EPSG:2154" ? ("EPSG:2154" as const) : null;
  const projected = contoursInWgs84(input, options.shapefilePrj ? undefined : options.crs);
  if ("error" in projected)
    throw AppError.validation([{ path: "crs", message: projected.error }], projected.error);
  if (!projected.reprojectedFrom) {
    // metres where degrees are expected: one message for the file, not one per vertex
    const first = firstPosition(input);
    if (first && looksLikeLambert93(first)) {
      const message =
        "coordonnées en mètres, sans doute en Lambert-93 (EPSG:2154), alors que le fichier ne déclare pas de projection : choisissez « Lambert-93 »";
      throw AppError.validation([{ path: "crs", message }], message);
    }
  }
  const { features, errors } = parseNeighbourhoodGeoJson(projected.value, options);
  if (errors.length > 0) {
    throw AppError.validation(
      errors.map((error) => ({
        path: error.feature >= 0 ? `features.${error.feature}.${error.path}` : error.path,
        message: error.message,
      })),
      `${new Set(errors.map((e) => e.feature)).size} quartier(s) invalide(s) : rien n'a été importé`,
    );
  }
  const organisationId = context.actor.organisationId;
  return inAuditedTransaction(context.db, context, async (tx, audit) => {
    const existing = new Map(
      (
        await findNeighbourhoodsByCode(
          tx,
          organisationId,
          features.map((f) => f.code),
        )
      ).map((row) => [row.code, row]),
    );
    let created = 0;
    let updated = 0;
    const saved: NeighbourhoodRow[] = [];
    for (const feature of features) {
      const values = {
        name: feature.name,
        isQpv: feature.isQpv,
        inseeCode: feature.inseeCode,
        geometry: feature.geometry,
        ...feature.bbox,
      };
      const known = existing.get(feature.code);
      if (known) {
        const [row] = await tx
          .update(neighbourhoods)
          .set({ ...values, updatedAt: context.clock.now() })
          .where(and(eq(neighbourhoods.organisationId, organisationId), eq(neighbourhoods.id, known.id)))
          .returning();
        saved.push(row!);
        updated++;
      } else {
        const [row] = await tx
          .insert(neighbourhoods)
          .values({ ...values, organisationId, code: feature.code })
          .returning();
        saved.push(row!);
        created++;
      }
    }
    const { moved, outside } = await reassignBuildingsInDetail(tx, organisationId);
    const buildingsReassigned = moved.length;
    const codes = new Map((await listNeighbourhoods(tx, organisationId)).map((row) => [row.id, row.code]));
    const codeOf = (id: string | null) => (id ? (codes.get(id) ?? null) : null);
    await audit.record({
      action: "neighbourhood.import",
      entityType: "neighbourhood",
      details: { created, updated, buildingsReassigned, codes: features.map((f) => f.code) },
    });
    return {
      created,
      updated,
      buildingsReassigned,
      reprojectedFrom: fromPrj ?? projected.reprojectedFrom,
      neighbourhoods: saved.map((row) => ({
        id: row.id,
        code: row.code,
        name: row.name,
        isQpv: row.isQpv,
        inseeCode: row.inseeCode,
      })),
      moved: moved.map((move) => ({ ...move, from: codeOf(move.from), to: codeOf(move.to) })),
      outside,
    };
  });
}

export async function neighbourhoodCollection(
  context: UseCaseContext,
): Promise<z.infer<typeof NeighbourhoodCollection>> {
  const organisationId = context.actor.organisationId;
  const [rows, buildingCounts] = await Promise.all([
    listNeighbourhoods(context.db, organisationId),
    countBuildingsByNeighbourhood(context.db, organisationId),
  ]);
  return {
    type: "FeatureCollection",
    features: rows.map((row) => ({
      type: "Feature" as const,
      id: row.id,
      properties: {
        id: row.id,
        code: row.code,
        name: row.name,
        isQpv: row.isQpv,
        buildings: buildingCounts.get(row.id) ?? 0,
      },
      geometry: row.geometry,
    })),
  };
}

export async function changeNeighbourhood(
  context: UseCaseContext,
  id: string,
  patch: z.infer<typeof NeighbourhoodPatch>,
) {
  const organisationId = context.actor.organisationId;
  let geometry: Polygon | MultiPolygon | undefined;
  if (patch.geometry) {
    const issues = validateGeometry(patch.geometry);
    if (issues.length > 0) throw AppError.validation(issues);
    geometry = patch.geometry as unknown as Polygon | MultiPolygon;
  }
  return inAuditedTransaction(context.db, context, async (tx, audit) => {
    const before = await findNeighbourhood(tx, organisationId, id);
    if (!before) throw AppError.notFound("Quartier", id);
    const [after] = await tx
      .update(neighbourhoods)
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.isQpv !== undefined ? { isQpv: patch.isQpv } : {}),
        ...(geometry ? { geometry, ...geometryBbox(geometry) } : {}),
        updatedAt: context.clock.now(),
      })
      .where(and(eq(neighbourhoods.organisationId, organisationId), eq(neighbourhoods.id, id)))
      .returning();
    const buildingsReassigned = geometry ? await reassignBuildingsToNeighbourhoods(tx, organisationId) : 0;
    await audit.record({
      action: "neighbourhood.update",
      entityType: "neighbourhood",
      entityId: id,
      before: auditView(before),
      after: auditView(after!),
      details: { geometryChanged: Boolean(geometry), buildingsReassigned },
    });
    return { id, code: after!.code, name: after!.name, isQpv: after!.isQpv, buildingsReassigned };
  });
}

/** Its buildings fall into another contour if one holds them, or into none. */
export async function removeNeighbourhood(context: UseCaseContext, id: string): Promise<void> {
  const organisationId = context.actor.organisationId;
  await inAuditedTransaction(context.db, context, async (tx, audit) => {
    const before = await findNeighbourhood(tx, organisationId, id);
    if (!before) throw AppError.notFound("Quartier", id);
    await detachBuildingsFrom(tx, organisationId, id);
    await deleteNeighbourhood(tx, organisationId, id);
    const { moved, outside } = await reassignBuildingsInDetail(tx, organisationId);
    const buildingsReassigned = moved.length;
    const codes = new Map((await listNeighbourhoods(tx, organisationId)).map((row) => [row.id, row.code]));
    const codeOf = (id: string | null) => (id ? (codes.get(id) ?? null) : null);
    await audit.record({
      action: "neighbourhood.delete",
      entityType: "neighbourhood",
      entityId: id,
      before: auditView(before),
      after: null,
      details: { buildingsReassigned },
    });
  });
}
