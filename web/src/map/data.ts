import type { Feature, FeatureCollection, Point } from "geojson";
import { api, isMissingRoute, query } from "../lib/api";
import type { Bbox } from "./map";

/**
 * The map's data, read from the stock API (issue 4): neighbourhoods as GeoJSON
 * (GET /api/neighbourhoods), the scatter report (GET /api/scatter: programme share per
 * neighbourhood), the buildings with their own scatter figures (GET /api/buildings) and the
 * units of a bounding box as GeoJSON (GET /api/map/units.geojson, fetched by the map's worker).
 * A route the server does not offer gives null: the page says so instead of inventing data.
 */
export type BuildingScatter = {
  totalDwellings: number;
  programmeUnits: number;
  maxProgrammeUnits: number;
  headroom: number;
  shareBasisPoints: number;
  viaSmallBuildingException: boolean;
};

export type Building = {
  id: string;
  reference: string | null;
  landlordId: string | null;
  street: string;
  postcode: string;
  city: string;
  inseeCode: string | null;
  lng: number;
  lat: number;
  totalDwellings: number;
  hasElevator: boolean;
  yearBuilt: number | null;
  neighbourhood: { id: string; code: string; name: string; isQpv: boolean } | null;
  scatter: BuildingScatter;
};

type ScatterNeighbourhood = {
  neighbourhoodId: string | null;
  name: string;
  programmeUnits: number;
  totalDwellings: number;
  shareOfDwellingsBasisPoints: number;
  headroom: number | null;
};
export type ScatterReport = {
  policy: { buildingCapBasisPoints: number };
  programmeUnits: number;
  neighbourhoods: ScatterNeighbourhood[];
};

async function optional<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (error) {
    if (isMissingRoute(error)) return null;
    throw error;
  }
}

export const loadScatter = () => optional(api.get<ScatterReport>("/api/scatter"));

export async function loadBuildings(): Promise<Building[] | null> {
  const body = await optional(api.get<{ items: Building[] }>("/api/buildings"));
  return body ? body.items : null;
}

/** Neighbourhood polygons, each with the programme's share of its dwellings for the shading. */
export async function loadNeighbourhoods(scatter: ScatterReport | null): Promise<FeatureCollection | null> {
  const collection = await optional(api.get<FeatureCollection>("/api/neighbourhoods"));
  if (!collection) return null;
  return withProgrammeShare(collection, scatter);
}

export function withProgrammeShare(
  collection: FeatureCollection,
  scatter: ScatterReport | null,
): FeatureCollection {
  const shares = new Map<string, ScatterNeighbourhood>();
  for (const row of scatter?.neighbourhoods ?? [])
    if (row.neighbourhoodId) shares.set(row.neighbourhoodId, row);
  return {
    type: "FeatureCollection",
    features: collection.features.map((feature) => {
      const id = String(feature.properties?.id ?? feature.id ?? "");
      const row = shares.get(id);
      return {
        ...feature,
        id,
        properties: {
          ...feature.properties,
          id,
          isQpv: Boolean(feature.properties?.isQpv),
          programmeShare: row ? row.shareOfDwellingsBasisPoints / 10_000 : 0,
          programmeUnits: row?.programmeUnits ?? 0,
          totalDwellings: row?.totalDwellings ?? 0,
        },
      };
    }),
  };
}

/** Buildings as points: their programme share relative to the cap (shareOfCap ≥ 1: no more room). */
export function buildingsCollection(buildings: Building[], capBasisPoints = 2000): FeatureCollection<Point> {
  const features: Feature<Point>[] = buildings.map((building) => ({
    type: "Feature",
    id: building.id,
    geometry: { type: "Point", coordinates: [building.lng, building.lat] },
    properties: {
      id: building.id,
      address: `${building.street}, ${building.postcode} ${building.city}`,
      totalDwellings: building.totalDwellings,
      programmeUnits: building.scatter.programmeUnits,
      maxProgrammeUnits: building.scatter.maxProgrammeUnits,
      headroom: building.scatter.headroom,
      share: building.scatter.shareBasisPoints / 10_000,
      shareOfCap: building.scatter.headroom <= 0 ? 1 : building.scatter.shareBasisPoints / capBasisPoints,
    },
  }));
  return { type: "FeatureCollection", features };
}

/** The URL of the units of a bounding box (fetched by the map's worker). */
export function unitsUrl(bbox: Bbox, statuses: string[] = []): string {
  return `/api/map/units.geojson${query({
    bbox: bbox.map((value) => value.toFixed(5)).join(","),
    status: statuses.length > 0 ? statuses.join(",") : undefined,
  })}`;
}
