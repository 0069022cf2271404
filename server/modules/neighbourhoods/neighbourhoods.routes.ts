import { geoJsonResponse } from "../../lib/geojson-response";
import { createRouter, defineRoute, z } from "../../lib/openapi";
import { useCaseContext } from "../../lib/use-case-context";
import {
  GeoJsonInput,
  IdParam,
  ImportQuery,
  ImportResult,
  NeighbourhoodCollection,
  NeighbourhoodPatch,
} from "./neighbourhoods.schemas";
import {
  changeNeighbourhood,
  importNeighbourhoods,
  neighbourhoodCollection,
  removeNeighbourhood,
} from "./neighbourhoods.service";
import { shapefileZipToGeoJson } from "./shapefile";

const tags = ["Quartiers"];
const json = <T>(schema: T) => ({ content: { "application/json": { schema } } });

const importRoute = defineRoute({
  method: "post",
  path: "/api/neighbourhoods/import",
  tags,
  summary: "Importer des contours de quartiers (IRIS, QPV) : GeoJSON WGS84 ou Lambert-93, shapefile zippé",
  description:
    "Tout ou rien : chaque Feature invalide est signalée (`errors[].path` = `features.<n>.<champ>`). " +
    "Un GeoJSON en Lambert-93 (membre `crs` EPSG:2154, ou `?crs=EPSG:2154`) est reprojeté en WGS84 ; " +
    "un shapefile zippé (application/zip) l'est d'après son .prj. Un code déjà connu remplace le " +
    "contour ; les immeubles sont ensuite réaffectés (`moved`), ceux hors de tout contour listés (`outside`).",
  permission: "stock.write",
  request: {
    query: ImportQuery,
    body: {
      content: {
        "application/json": { schema: GeoJsonInput },
        "application/geo+json": { schema: GeoJsonInput },
        "application/zip": { schema: z.string().openapi({ format: "binary" }) },
      },
      // not `required`: @hono/zod-openapi would then run the JSON validator on every body, a zip
      // included; a JSON body is still validated, and a missing one is refused by the handler
      required: false,
    },
  },
  responses: { 200: { description: "Quartiers importés", ...json(ImportResult) } },
});

const listRoute = defineRoute({
  method: "get",
  path: "/api/neighbourhoods",
  tags,
  summary: "Les quartiers en GeoJSON (FeatureCollection)",
  permission: "stock.read",
  responses: {
    200: {
      description: "Quartiers",
      content: { "application/geo+json": { schema: NeighbourhoodCollection } },
    },
  },
});

const patchRoute = defineRoute({
  method: "patch",
  path: "/api/neighbourhoods/{id}",
  tags,
  summary: "Renommer un quartier, changer son indicateur QPV ou son contour",
  permission: "stock.write",
  request: { params: IdParam, body: { ...json(NeighbourhoodPatch), required: true } },
  responses: {
    200: {
      description: "Quartier modifié",
      ...json(
        z.object({
          id: z.uuid(),
          code: z.string(),
          name: z.string(),
          isQpv: z.boolean(),
          buildingsReassigned: z.number().int(),
        }),
      ),
    },
  },
});

const deleteRoute = defineRoute({
  method: "delete",
  path: "/api/neighbourhoods/{id}",
  tags,
  summary: "Supprimer un quartier (ses immeubles sont réaffectés)",
  permission: "stock.write",
  request: { params: IdParam },
  responses: { 204: { description: "Quartier supprimé" } },
});

export const neighbourhoodRoutes = createRouter()
  .openapi(importRoute, async (c) => {
    const query = c.req.valid("query");
    // a zipped shapefile, or JSON whatever its declared GeoJSON media type
    if ((c.req.header("content-type") ?? "").includes("zip")) {
      const { collection, prj } = await shapefileZipToGeoJson(await c.req.arrayBuffer());
      return c.json(
        await importNeighbourhoods(useCaseContext(c), collection, { ...query, shapefilePrj: prj }),
        200,
      );
    }
    const body = await c.req.json().catch(() => {
      throw new SyntaxError("malformed");
    });
    return c.json(await importNeighbourhoods(useCaseContext(c), body, query), 200);
  })
  .openapi(listRoute, async (c) => {
    return geoJsonResponse(c, await neighbourhoodCollection(useCaseContext(c)));
  })
  .openapi(patchRoute, async (c) =>
    c.json(await changeNeighbourhood(useCaseContext(c), c.req.valid("param").id, c.req.valid("json")), 200),
  )
  .openapi(deleteRoute, async (c) => {
    await removeNeighbourhood(useCaseContext(c), c.req.valid("param").id);
    return c.body(null, 204);
  });
