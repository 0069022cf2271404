import shp from "shpjs";
import { AppError } from "../../lib/errors";

/**
 * A zipped shapefile (.shp, .dbf, .prj, as IGN and the ANCT publish contours) read as one GeoJSON
 * FeatureCollection with shpjs: the .prj's projection (Lambert-93 for CONTOURS-IRIS) is
 * reprojected to WGS84 by shpjs (with proj4); the .dbf's fields become the properties.
 */
export async function shapefileZipToGeoJson(zip: ArrayBuffer): Promise<unknown> {
  let parsed: unknown;
  try {
    parsed = await shp(zip);
  } catch (error) {
    const message = `archive de shapefile illisible (${(error as Error).message ?? "format inconnu"}) : un .zip contenant .shp, .dbf et .prj`;
    throw AppError.validation([{ path: "body", message }], message);
  }
  const layers = (Array.isArray(parsed) ? parsed : [parsed]) as { features?: unknown[] }[];
  if (layers.length > 1) {
    const message = `l'archive contient ${layers.length} couches : une seule couche de contours par import`;
    throw AppError.validation([{ path: "body", message }], message);
  }
  return { type: "FeatureCollection", features: layers[0]?.features ?? [] };
}
