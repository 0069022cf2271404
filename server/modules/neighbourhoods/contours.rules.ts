import { createRequire } from "node:module";
import type { Converter, default as Proj4 } from "proj4";

/**
 * Official contours as they are published: IGN's IRIS («CONTOURS-IRIS») and the QPV contours
 * come in Lambert-93 (EPSG:2154, the legal projection of metropolitan France, décret 2000-1276)
 * as often as in WGS84. A GeoJSON file names its projection in the `crs` member (GeoJSON 2008
 * §3, dropped by RFC 7946 but still written by QGIS and ogr2ogr); RFC 7946 files are WGS84.
 */
const LAMBERT_93 =
  "+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 +x_0=700000 +y_0=6600000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs +type=crs";

export type SupportedCrs = "EPSG:4326" | "EPSG:2154";

/** The projection a `crs` member names, or an error message for one not supported. */
export function crsOf(input: unknown): { crs: SupportedCrs } | { error: string } {
  const crs = (input as { crs?: { type?: unknown; properties?: { name?: unknown } } } | null)?.crs;
  if (crs === undefined || crs === null) return { crs: "EPSG:4326" };
  const name = String(crs.properties?.name ?? "");
  // "urn:ogc:def:crs:EPSG::2154", "EPSG:2154", "urn:ogc:def:crs:OGC:1.3:CRS84"
  const epsg = /EPSG:{1,2}(\d+)$/i.exec(name)?.[1];
  if (/CRS84$/i.test(name) || epsg === "4326") return { crs: "EPSG:4326" };
  if (epsg === "2154") return { crs: "EPSG:2154" };
  return {
    error: `projection non prise en charge : ${name || "crs illisible"} (WGS84 ou Lambert-93, EPSG:2154)`,
  };
}

/** Coordinates that can only be Lambert-93 metres (metropolitan France's extent), not degrees. */
export function looksLikeLambert93([x, y]: number[]): boolean {
  return x !== undefined && y !== undefined && x > 0 && x < 1_300_000 && y > 6_000_000 && y < 7_200_000;
}

/** Lambert-93 → WGS84, with proj4 loaded by the first contour that needs it (not at start). */
let lambert93ToWgs84: Converter | undefined;
function toWgs84(): Converter {
  if (!lambert93ToWgs84) {
    const proj4 = createRequire(import.meta.url)("proj4") as typeof Proj4;
    proj4.defs("EPSG:2154", LAMBERT_93);
    lambert93ToWgs84 = proj4("EPSG:2154", "EPSG:4326") as Converter;
  }
  return lambert93ToWgs84;
}

/** Rounded to 1e-7 degree (about a centimetre): what the contour's precision supports. */
const round = (value: number) => Math.round(value * 1e7) / 1e7;

function reprojectCoordinates(coordinates: unknown): unknown {
  if (!Array.isArray(coordinates)) return coordinates;
  if (typeof coordinates[0] === "number") {
    const [x, y] = coordinates as number[];
    if (!Number.isFinite(x) || !Number.isFinite(y)) return coordinates;
    const [lng, lat] = toWgs84().forward([x as number, y as number]);
    return [round(lng as number), round(lat as number)];
  }
  return coordinates.map(reprojectCoordinates);
}

/**
 * The input with its geometries in WGS84: a `crs` of EPSG:2154 (or `assume` when the file names
 * none) reprojects every position with proj4; the `crs` member is then removed (RFC 7946).
 */
export function contoursInWgs84(
  input: unknown,
  assume?: SupportedCrs,
): { value: unknown; reprojectedFrom: SupportedCrs | null } | { error: string } {
  const named = crsOf(input);
  if ("error" in named) return named;
  const hasCrs = (input as { crs?: unknown } | null)?.crs != null;
  const crs = hasCrs ? named.crs : (assume ?? "EPSG:4326");
  if (crs === "EPSG:4326") return { value: input, reprojectedFrom: null };
  const reprojectGeometry = (geometry: unknown) =>
    geometry && typeof geometry === "object" && "coordinates" in geometry
      ? { ...geometry, coordinates: reprojectCoordinates((geometry as { coordinates: unknown }).coordinates) }
      : geometry;
  const record = input as Record<string, unknown>;
  const { crs: _crs, ...rest } = record;
  let value: unknown;
  if (record.type === "FeatureCollection" && Array.isArray(record.features)) {
    value = {
      ...rest,
      features: record.features.map((feature) =>
        feature && typeof feature === "object"
          ? { ...feature, geometry: reprojectGeometry((feature as { geometry?: unknown }).geometry) }
          : feature,
      ),
    };
  } else if (record.type === "Feature") value = { ...rest, geometry: reprojectGeometry(record.geometry) };
  else value = reprojectGeometry(rest);
  return { value, reprojectedFrom: crs };
}

/** The first position of the first geometry: enough to tell degrees from Lambert-93 metres. */
export function firstPosition(input: unknown): number[] | null {
  let found: number[] | null = null;
  const visit = (value: unknown): void => {
    if (found || !Array.isArray(value)) return;
    if (typeof value[0] === "number") found = value as number[];
    else for (const child of value) visit(child);
  };
  const record = input as {
    features?: { geometry?: { coordinates?: unknown } }[];
    geometry?: { coordinates?: unknown };
    coordinates?: unknown;
  };
  visit(record?.features?.[0]?.geometry?.coordinates ?? record?.geometry?.coordinates ?? record?.coordinates);
  return found;
}

/**
 * The INSEE commune code of a contour: the file's own field (IGN: INSEE_COM), else the first five
 * characters of a nine-character IRIS code (CODE_IRIS = commune code + IRIS number, INSEE).
 */
export function communeCodeOf(properties: Record<string, unknown>, code: string): string | null {
  for (const key of ["insee_com", "INSEE_COM", "code_insee", "CODE_INSEE", "insee", "citycode", "depcom"]) {
    const value = properties[key];
    if (typeof value === "string" && /^(\d{5}|2[AB]\d{3})$/.test(value.trim())) return value.trim();
  }
  return /^(\d{5}|2[AB]\d{3})\d{4}$/.test(code) ? code.slice(0, 5) : null;
}

/**
 * The projection a shapefile's .prj names (ESRI or OGC WKT), when it is one the import knows by
 * name: IGN's Lambert-93 («RGF93_Lambert_93», «RGF93 / Lambert-93», EPSG 2154) or plain WGS84.
 */
export function crsOfPrj(prj: string): SupportedCrs | "other" {
  if (/lambert[_ -]?93|EPSG["',:\s]+2154\b/i.test(prj)) return "EPSG:2154";
  if (/^\s*GEOGCS\[[^\]]*WGS[_ ]?(19)?84/i.test(prj)) return "EPSG:4326";
  return "other";
}
