import { z } from "@hono/zod-openapi";

/**
 * A GeoJSON FeatureCollection (RFC 7946 §3.3) whose features carry `Properties`. Positions nest
 * one to three levels deep depending on the geometry type (§3.1), so coordinates stay untyped.
 */
const featureCollection = <P extends z.ZodType>(name: string, properties: P) =>
  z
    .object({
      type: z.literal("FeatureCollection"),
      bbox: z.array(z.number()).optional(),
      features: z.array(
        z.object({
          type: z.literal("Feature"),
          id: z.uuid(),
          geometry: z.object({ type: z.string(), coordinates: z.array(z.any()) }),
          properties,
        }),
      ),
    })
    .openapi(name);

const UnitPinProperties = z.object({ id: z.uuid(), status: z.string() });

const point = z.object({ type: z.literal("Point"), coordinates: z.tuple([z.number(), z.number()]) });

const UnitFeature = z.object({
  type: z.literal("Feature"),
  id: z.uuid(),
  geometry: point,
  properties: UnitPinProperties.extend({
    buildingId: z.uuid().optional(),
    typology: z.string().optional(),
    rentCents: z.number().int().optional(),
    chargesCents: z.number().int().optional(),
    totalCents: z.number().int().optional(),
    buildingProgrammeUnits: z.number().int().optional(),
    buildingTotalDwellings: z.number().int().optional(),
    buildingShareBasisPoints: z.number().int().optional(),
    buildingHeadroom: z.number().int().optional(),
  }),
});

/** Several units of one grid cell, at their mean position (only when `grouped` is true). */
const UnitCellFeature = z
  .object({
    type: z.literal("Feature"),
    geometry: point,
    properties: z.object({
      units: z.number().int().min(2).openapi({ description: "le nombre de logements de la maille" }),
      available: z.number().int().min(0).openapi({ description: "dont disponibles à la proposition" }),
    }),
  })
  .openapi("MapUnitCell");

/**
 * The units of a box; with `fields=pins`, each unit carries only its id and status. When
 * `grouped` is true, units that share a grid cell come as one cell feature.
 */
export const UnitFeatures = z
  .object({
    type: z.literal("FeatureCollection"),
    bbox: z.array(z.number()).optional(),
    grouped: z.boolean(),
    features: z.array(z.union([UnitFeature, UnitCellFeature])),
  })
  .openapi("MapUnitFeatures");

export const BuildingFeatures = featureCollection(
  "MapBuildingFeatures",
  z.object({
    id: z.uuid(),
    address: z.string(),
    neighbourhoodCode: z.string().nullable(),
    totalDwellings: z.number().int(),
    programmeUnits: z.number().int(),
    maxProgrammeUnits: z.number().int(),
    headroom: z.number().int(),
    shareBasisPoints: z.number().int(),
    unitStatuses: z.string().openapi({ description: "les états de ses logements, « ,available,let, »" }),
  }),
);

export const NeighbourhoodFeatures = featureCollection(
  "MapNeighbourhoodFeatures",
  z.object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    isQpv: z.boolean(),
    programmeUnits: z.number().int(),
    totalDwellings: z.number().int(),
    shareOfProgrammeBasisPoints: z.number().int(),
    shareOfDwellingsBasisPoints: z.number().int(),
    headroom: z.number().int().nullable(),
  }),
);
