import type { Feature, FeatureCollection, Point } from "geojson";
import { api, isMissingRoute, query } from "../lib/api";
import type { Bbox } from "./map";

/**
 * The map's data, read from the stock API (issue 4): neighbourhoods as GeoJSON, the scatter
 * figures per building and neighbourhood, and the units of a bounding box as GeoJSON.
 * A route the server does not offer yet gives null: the page says so instead of inventing data.
 */
export const DEFAULT_CAP = 0.2;

type ScatterRow = Record<string, unknown>;
export type Scatter = { buildings: ScatterRow[]; neighbourhoods: ScatterRow[] };

async function optional<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (error) {
    if (isMissingRoute(error)) return null;
    throw error;
  }
}

const num = (value: unknown): number | null =>
  typeof value === "number" && Number.isFinite(value) ? value : null;

export async function loadScatter(): Promise<Scatter | null> {
  const body = await optional(api.get<Record<string, unknown>>("/api/scatter"));
  if (!body) return null;
  return {
    buildings: (body.buildings as ScatterRow[] | undefined) ?? [],
    neighbourhoods: (body.neighbourhoods as ScatterRow[] | undefined) ?? [],
  };
}

/** Neighbourhood polygons, each with its programme share for the shading. */
export async function loadNeighbourhoods(scatter: Scatter | null): Promise<FeatureCollection | null> {
  const collection = await optional(api.get<FeatureCollection>("/api/neighbourhoods"));
  if (!collection) return null;
  const shares = new Map<string, number>();
  for (const row of scatter?.neighbourhoods ?? []) {
    const id = String(row.neighbourhoodId ?? row.id ?? "");
    const share = num(row.share) ?? num(row.programmeShare);
    if (id && share !== null) shares.set(id, share);
  }
  return {
    type: "FeatureCollection",
    features: collection.features.map((feature) => {
      const id = String(feature.properties?.id ?? feature.id ?? "");
      return {
        ...feature,
        properties: {
          ...feature.properties,
          id,
          isQpv: Boolean(feature.properties?.isQpv),
          programmeShare: shares.get(id) ?? num(feature.properties?.programmeShare) ?? 0,
        },
      };
    }),
  };
}

/** Buildings as points, with their programme share relative to the cap (shareOfCap ≥ 1: full). */
export function buildingsFromScatter(
  scatter: Scatter | null,
  cap = DEFAULT_CAP,
): FeatureCollection<Point> | null {
  if (!scatter) return null;
  const features: Feature<Point>[] = [];
  for (const row of scatter.buildings) {
    const lng = num(row.lng);
    const lat = num(row.lat);
    if (lng === null || lat === null) continue;
    const share = num(row.share) ?? 0;
    const headroom = num(row.headroom);
    features.push({
      type: "Feature",
      geometry: { type: "Point", coordinates: [lng, lat] },
      properties: {
        ...row,
        id: String(row.buildingId ?? row.id ?? ""),
        totalDwellings: num(row.totalDwellings) ?? num(row.total) ?? 1,
        share,
        shareOfCap: headroom === 0 ? 1 : share / cap,
      },
    });
  }
  return { type: "FeatureCollection", features };
}

/** The URL of the units of a bounding box (fetched by the map's worker). */
export function unitsUrl(bbox: Bbox, statuses: string[] = []): string {
  return `/api/map/units.geojson${query({
    bbox: bbox.map((value) => value.toFixed(5)).join(","),
    status: statuses.length > 0 ? statuses.join(",") : undefined,
  })}`;
}
