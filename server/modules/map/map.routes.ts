import { geoJsonResponse } from "../../lib/geojson-response";
import { sendKept } from "../../lib/read-cache";
import { createRouter, defineRoute, z } from "../../lib/openapi";
import { useCaseContext } from "../../lib/use-case-context";
import {
  buildingsGeoJson,
  neighbourhoodsGeoJson,
  parseBbox,
  parseStatuses,
  unitsInBoxGeoJson,
} from "./map.service";
import { CLUSTER_MAX_ZOOM, MAX_UNIT_FEATURES } from "./map.rules";
import { BuildingFeatures, NeighbourhoodFeatures, UnitFeatures } from "./map.schemas";

const tags = ["Carte"];
const geoJson = (description: string, schema: z.ZodType) => ({
  200: { description, content: { "application/geo+json": { schema } } },
});

const unitsRoute = defineRoute({
  method: "get",
  path: "/api/map/units.geojson",
  tags,
  summary: "Les logements d'une emprise, en points GeoJSON",
  description:
    "Propriétés : id, status, typology, rentCents, chargesCents, totalCents, et pour l'immeuble : " +
    "buildingProgrammeUnits, buildingTotalDwellings, buildingShareBasisPoints, buildingHeadroom.",
  permission: "stock.read",
  request: {
    query: z.object({
      bbox: z
        .string()
        .openapi({ description: "minLng,minLat,maxLng,maxLat (WGS84)", example: "4.99,47.29,5.09,47.35" }),
      status: z
        .string()
        .optional()
        .openapi({ description: "états séparés par des virgules", example: "available,vacant" }),
      fields: z.enum(["pins"]).optional().openapi({
        description: "« pins » : l'identifiant, la position et l'état de chaque logement seulement",
      }),
      zoom: z.coerce
        .number()
        .int()
        .min(0)
        .max(24)
        .optional()
        .openapi({
          description:
            `le niveau de zoom auquel la carte affiche l'emprise : au-delà de ${MAX_UNIT_FEATURES} logements ` +
            `et jusqu'au zoom ${CLUSTER_MAX_ZOOM}, les logements sont regroupés par maille (grouped: true)`,
          example: 13,
        }),
    }),
  },
  responses: geoJson("Logements", UnitFeatures),
});

const buildingsRoute = defineRoute({
  method: "get",
  path: "/api/map/buildings.geojson",
  tags,
  summary: "Les immeubles avec leur part du programme et leur marge",
  permission: "stock.read",
  responses: geoJson("Immeubles", BuildingFeatures),
});

const neighbourhoodsRoute = defineRoute({
  method: "get",
  path: "/api/map/neighbourhoods.geojson",
  tags,
  summary: "Les quartiers avec la part du programme qu'ils accueillent",
  permission: "stock.read",
  responses: geoJson("Quartiers", NeighbourhoodFeatures),
});

export const mapRoutes = createRouter()
  .openapi(unitsRoute, async (c) => {
    const { bbox, status, fields, zoom } = c.req.valid("query");
    const document = await unitsInBoxGeoJson(useCaseContext(c), parseBbox(bbox), parseStatuses(status), {
      pins: fields === "pins",
      zoom,
    });
    return sendKept(c, document, "application/geo+json") as never;
  })
  .openapi(buildingsRoute, async (c) => {
    const context = useCaseContext(c);
    return geoJsonResponse(c, await buildingsGeoJson(context.db, context.actor.organisationId));
  })
  .openapi(neighbourhoodsRoute, async (c) => {
    const context = useCaseContext(c);
    return geoJsonResponse(c, await neighbourhoodsGeoJson(context.db, context.actor.organisationId));
  });
