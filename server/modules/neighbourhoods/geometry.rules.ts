import booleanPointInPolygon from "@turf/boolean-point-in-polygon";
import { point as turfPoint } from "@turf/helpers";
import kinks from "@turf/kinks";
import type { MultiPolygon, Polygon, Position } from "geojson";
import { communeCodeOf } from "./contours.rules";

/**
 * Neighbourhood contours (IRIS, QPV…) imported as GeoJSON in WGS84 (RFC 7946), and the
 * point-in-polygon assignment of buildings to them.
 */

export type Bbox = { minLng: number; minLat: number; maxLng: number; maxLat: number };

export type NeighbourhoodFeature = {
  code: string;
  name: string;
  isQpv: boolean;
  /** the INSEE code of the commune it lies in (IRIS: INSEE_COM, or the first 5 of CODE_IRIS) */
  inseeCode: string | null;
  geometry: Polygon | MultiPolygon;
  bbox: Bbox;
};

export type FeatureError = { feature: number; path: string; message: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function validateRing(ring: unknown, path: string, errors: string[][]): Position[] | null {
  const issues: string[] = [];
  if (!Array.isArray(ring)) {
    errors.push([path, "un anneau est une liste de positions [lng, lat]"]);
    return null;
  }
  // RFC 7946 §3.1.6: a linear ring has four or more positions, the first and last identical
  if (ring.length < 4) issues.push(`un anneau compte au moins 4 positions (reçu : ${ring.length})`);
  ring.forEach((position, index) => {
    if (
      !Array.isArray(position) ||
      position.length < 2 ||
      !position.slice(0, 2).every((n) => typeof n === "number" && Number.isFinite(n))
    ) {
      errors.push([`${path}.${index}`, "une position est [longitude, latitude] en nombres"]);
      return;
    }
    const [lng, lat] = position as [number, number];
    if (lng < -180 || lng > 180) errors.push([`${path}.${index}`, `longitude hors de [-180, 180] : ${lng}`]);
    if (lat < -90 || lat > 90) errors.push([`${path}.${index}`, `latitude hors de [-90, 90] : ${lat}`]);
  });
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (
    ring.length >= 2 &&
    Array.isArray(first) &&
    Array.isArray(last) &&
    (first[0] !== last[0] || first[1] !== last[1])
  ) {
    issues.push("l'anneau n'est pas fermé : la dernière position doit répéter la première");
  }
  for (const message of issues) errors.push([path, message]);
  return ring as Position[];
}

function validatePolygonCoordinates(coordinates: unknown, path: string, errors: string[][]): void {
  if (!Array.isArray(coordinates) || coordinates.length === 0) {
    errors.push([path, "un polygone est une liste d'anneaux (l'extérieur puis les trous)"]);
    return;
  }
  for (const [index, ring] of coordinates.entries()) validateRing(ring, `${path}.${index}`, errors);
}

/** Validates one geometry; returns the error messages with their path inside the geometry. */
export function validateGeometry(geometry: unknown): { path: string; message: string }[] {
  const errors: string[][] = [];
  if (!isRecord(geometry)) return [{ path: "geometry", message: "géométrie manquante" }];
  if (geometry.type === "Polygon") {
    validatePolygonCoordinates(geometry.coordinates, "geometry.coordinates", errors);
  } else if (geometry.type === "MultiPolygon") {
    if (!Array.isArray(geometry.coordinates) || geometry.coordinates.length === 0) {
      errors.push(["geometry.coordinates", "un multipolygone est une liste de polygones"]);
    } else {
      for (const [index, polygon] of geometry.coordinates.entries()) {
        validatePolygonCoordinates(polygon, `geometry.coordinates.${index}`, errors);
      }
    }
  } else {
    errors.push([
      "geometry.type",
      `type de géométrie non pris en charge : ${String(geometry.type)} (Polygon ou MultiPolygon)`,
    ]);
  }
  if (errors.length === 0) {
    // a ring crossing itself makes "inside" meaningless
    const crossings = kinks(geometry as unknown as Polygon).features.length;
    if (crossings > 0) errors.push(["geometry", `le contour se recoupe (${crossings} intersection(s))`]);
  }
  return errors.map(([path, message]) => ({ path: path!, message: message! }));
}

export function geometryBbox(geometry: Polygon | MultiPolygon): Bbox {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  const bbox = { minLng: Infinity, minLat: Infinity, maxLng: -Infinity, maxLat: -Infinity };
  for (const polygon of polygons)
    for (const [lng, lat] of polygon[0] ?? []) {
      bbox.minLng = Math.min(bbox.minLng, lng!);
      bbox.minLat = Math.min(bbox.minLat, lat!);
      bbox.maxLng = Math.max(bbox.maxLng, lng!);
      bbox.maxLat = Math.max(bbox.maxLat, lat!);
    }
  return bbox;
}

export type ParseOptions = {
  /** property holding the code (default "code", then the feature's id) */
  codeProperty?: string;
  /** property holding the name (default "name", then "nom") */
  nameProperty?: string;
  /** when set, every imported feature is (not) a QPV; otherwise the "qpv"/"isQpv" property */
  isQpv?: boolean;
  /** property true for a QPV (default "isQpv", then "qpv") */
  qpvProperty?: string;
};

/**
 * Reads a FeatureCollection, a Feature or a bare geometry into neighbourhood features, with an
 * error per feature and field for everything wrong (nothing is imported unless all are valid).
 */
export function parseNeighbourhoodGeoJson(
  input: unknown,
  options: ParseOptions = {},
): { features: NeighbourhoodFeature[]; errors: FeatureError[] } {
  const errors: FeatureError[] = [];
  let rawFeatures: unknown[];
  if (isRecord(input) && input.type === "FeatureCollection") {
    if (!Array.isArray(input.features) || input.features.length === 0) {
      return {
        features: [],
        errors: [{ feature: -1, path: "features", message: "la collection ne contient aucun quartier" }],
      };
    }
    rawFeatures = input.features;
  } else if (isRecord(input) && input.type === "Feature") {
    rawFeatures = [input];
  } else if (isRecord(input) && (input.type === "Polygon" || input.type === "MultiPolygon")) {
    rawFeatures = [{ type: "Feature", properties: {}, geometry: input }];
  } else {
    return {
      features: [],
      errors: [
        {
          feature: -1,
          path: "type",
          message: "attendu : FeatureCollection, Feature, Polygon ou MultiPolygon",
        },
      ],
    };
  }

  const features: NeighbourhoodFeature[] = [];
  const seenCodes = new Map<string, number>();
  rawFeatures.forEach((raw, index) => {
    if (!isRecord(raw) || raw.type !== "Feature") {
      errors.push({
        feature: index,
        path: "type",
        message: "un élément de la collection doit être une Feature",
      });
      return;
    }
    const properties = isRecord(raw.properties) ? raw.properties : {};
    // the fields of IGN's CONTOURS-IRIS (CODE_IRIS, NOM_IRIS) and of the QPV files (code_qp, nom_qp)
    const firstOf = (keys: string[]) =>
      keys.map((key) => properties[key]).find((v) => v !== undefined && v !== null);
    const codeValue = options.codeProperty
      ? properties[options.codeProperty]
      : (firstOf(["code", "CODE_IRIS", "code_iris", "code_qp", "CODE_QP"]) ?? raw.id);
    const nameValue = options.nameProperty
      ? properties[options.nameProperty]
      : firstOf(["name", "nom", "NOM_IRIS", "nom_iris", "nom_qp", "NOM_QP", "lib_qp"]);
    const before = errors.length;
    const code =
      typeof codeValue === "string" || typeof codeValue === "number" ? String(codeValue).trim() : "";
    const name = typeof nameValue === "string" ? nameValue.trim() : "";
    if (!code)
      errors.push({
        feature: index,
        path: `properties.${options.codeProperty ?? "code"}`,
        message: "code du quartier manquant",
      });
    if (!name)
      errors.push({
        feature: index,
        path: `properties.${options.nameProperty ?? "name"}`,
        message: "nom du quartier manquant",
      });
    if (code && seenCodes.has(code)) {
      errors.push({
        feature: index,
        path: "properties.code",
        message: `code déjà utilisé par la feature ${seenCodes.get(code)}`,
      });
    }
    if (code) seenCodes.set(code, index);
    for (const issue of validateGeometry(raw.geometry)) errors.push({ feature: index, ...issue });
    if (errors.length > before) return;
    const qpvProperty = options.qpvProperty
      ? properties[options.qpvProperty]
      : (properties.isQpv ?? properties.qpv);
    const geometry = raw.geometry as Polygon | MultiPolygon;
    features.push({
      code,
      name,
      isQpv:
        options.isQpv ??
        (qpvProperty === true ||
          qpvProperty === "true" ||
          qpvProperty === 1 ||
          qpvProperty === "1" ||
          qpvProperty === "oui"),
      inseeCode: communeCodeOf(properties, code),
      geometry: { type: geometry.type, coordinates: geometry.coordinates } as Polygon | MultiPolygon,
      bbox: geometryBbox(geometry),
    });
  });
  return { features, errors };
}

export type NeighbourhoodShape = { id: string; code: string; geometry: Polygon | MultiPolygon } & Bbox;

/**
 * The neighbourhood containing a point, or null.
 *
 * Border rule: a point on a contour (outer ring or the edge of a hole) belongs to the
 * neighbourhood (turf `ignoreBoundary: false`); inside a hole it does not. When the point lies on
 * a border shared by several neighbourhoods, or where imported contours overlap, it goes to the
 * one whose code sorts first, so the answer never depends on the order of the rows.
 *
 * The bounding-box test comes first: it discards nearly all candidates cheaply (about 50 times faster than testing every polygon).
 */
export function neighbourhoodContaining(
  location: { lng: number; lat: number },
  neighbourhoods: readonly NeighbourhoodShape[],
): string | null {
  const { lng, lat } = location;
  let best: NeighbourhoodShape | null = null;
  let probe: ReturnType<typeof turfPoint> | null = null;
  for (const candidate of neighbourhoods) {
    if (lng < candidate.minLng || lng > candidate.maxLng || lat < candidate.minLat || lat > candidate.maxLat)
      continue;
    if (best && candidate.code >= best.code) continue;
    probe ??= turfPoint([lng, lat]);
    if (booleanPointInPolygon(probe, candidate.geometry, { ignoreBoundary: false })) best = candidate;
  }
  return best?.id ?? null;
}
