import { AppError } from "../../lib/errors";
import { crsOfPrj, type SupportedCrs } from "./contours.rules";

/**
 * A zipped shapefile (.shp, .dbf, .prj, as IGN and the ANCT publish contours) read as one GeoJSON
 * FeatureCollection with shpjs: the .prj's projection (Lambert-93 for CONTOURS-IRIS) is
 * reprojected to WGS84 by shpjs (with proj4); the .dbf's fields become the properties, decoded
 * with the .cpg's encoding. `prj` tells what the archive's .prj named (null: no .prj, the
 * coordinates are as written).
 */
export async function shapefileZipToGeoJson(
  zip: ArrayBuffer,
): Promise<{ collection: unknown; prj: SupportedCrs | "other" | null }> {
  let parsed: unknown;
  let prj: SupportedCrs | "other" | null = null;
  try {
    // loaded by the first shapefile import rather than at the server's start
    const [{ default: JSZip }, { default: shp }] = await Promise.all([import("jszip"), import("shpjs")]);
    const archive = await JSZip.loadAsync(zip);
    const prjFile = Object.values(archive.files).find(
      (file) => !file.dir && /\.prj$/i.test(file.name) && !file.name.includes("__MACOSX"),
    );
    if (prjFile) prj = crsOfPrj(await prjFile.async("string"));
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
  return { collection: { type: "FeatureCollection", features: layers[0]?.features ?? [] }, prj };
}
