import { z } from "@hono/zod-openapi";

const booleanQuery = z
  .enum(["true", "false"])
  .transform((value) => value === "true")
  .optional();

export const ImportQuery = z.object({
  isQpv: booleanQuery.openapi({ description: "marquer tous les quartiers importés comme QPV (ou non)" }),
  codeProperty: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .openapi({ description: "propriété portant le code (défaut : code, puis l'id de la Feature)" }),
  nameProperty: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .openapi({ description: "propriété portant le nom (défaut : name, nom, NOM_IRIS, nom_qp…)" }),
  qpvProperty: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .openapi({ description: "propriété vraie pour un QPV (défaut : isQpv, puis qpv)" }),
  crs: z.enum(["EPSG:4326", "EPSG:2154"]).optional().openapi({
    description: "projection d'un fichier qui n'en déclare pas (le membre crs du fichier prime)",
  }),
});

export const GeoJsonInput = z.looseObject({ type: z.string() }).openapi("GeoJsonNeighbourhoods", {
  description: "FeatureCollection, Feature, Polygon ou MultiPolygon en WGS84 (RFC 7946)",
});

export const ImportResult = z
  .object({
    created: z.number().int(),
    updated: z.number().int(),
    buildingsReassigned: z.number().int(),
    /** the projection the file was reprojected from (null: already WGS84) */
    reprojectedFrom: z.enum(["EPSG:4326", "EPSG:2154"]).nullable(),
    neighbourhoods: z.array(
      z.object({
        id: z.uuid(),
        code: z.string(),
        name: z.string(),
        isQpv: z.boolean(),
        inseeCode: z.string().nullable(),
      }),
    ),
    /** the buildings that changed neighbourhood (codes; null: outside every contour) */
    moved: z.array(
      z.object({ id: z.uuid(), address: z.string(), from: z.string().nullable(), to: z.string().nullable() }),
    ),
    /** the buildings outside every contour, with their INSEE commune code when known */
    outside: z.array(z.object({ id: z.uuid(), address: z.string(), inseeCode: z.string().nullable() })),
  })
  .openapi("NeighbourhoodImportResult");

const Geometry = z.object({ type: z.enum(["Polygon", "MultiPolygon"]), coordinates: z.array(z.any()) });

export const NeighbourhoodPatch = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    isQpv: z.boolean().optional(),
    geometry: z.looseObject({ type: z.string() }).optional(),
  })
  .openapi("NeighbourhoodPatch");

export const NeighbourhoodFeature = z
  .object({
    type: z.literal("Feature"),
    id: z.uuid(),
    properties: z.object({
      id: z.uuid(),
      code: z.string(),
      name: z.string(),
      isQpv: z.boolean(),
      buildings: z.number().int(),
    }),
    geometry: Geometry,
  })
  .openapi("NeighbourhoodFeature");

export const NeighbourhoodCollection = z
  .object({ type: z.literal("FeatureCollection"), features: z.array(NeighbourhoodFeature) })
  .openapi("NeighbourhoodCollection");

export const IdParam = z.object({ id: z.uuid().openapi({ param: { name: "id", in: "path" } }) });
