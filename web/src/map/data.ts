import type { FeatureCollection, Point } from "geojson";
import type { z } from "zod";
import type { Building as BuildingSchema } from "../../../server/modules/buildings/buildings.schemas";
import { api, isMissingRoute, query } from "../lib/api";
import { fetchAllPages } from "../lib/pagination";
import type { Bbox } from "./map";

/**
 * The map's data, read from the map API (server/modules/map/map.service.ts):
 * - GET /api/map/neighbourhoods.geojson: polygons with programmeUnits, totalDwellings,
 *   shareOfDwellingsBasisPoints, shareOfProgrammeBasisPoints, headroom, isQpv, code, name;
 * - GET /api/map/buildings.geojson: points with address, totalDwellings, programmeUnits,
 *   maxProgrammeUnits, headroom, shareBasisPoints (the 20% rule, cahier des charges §9.4);
 * - GET /api/map/units.geojson?bbox=…&status=…&zoom=…: points with id, buildingId, status, typology,
 *   rentCents, chargesCents, totalCents, buildingProgrammeUnits, buildingTotalDwellings,
 *   buildingShareBasisPoints, buildingHeadroom; above a density, grid cells with `units` and
 *   `available` counts instead (map/units-loader.ts).
 * The stock API (GET /api/buildings) gives the buildings with their scatter figures for tables.
 * A route the server does not offer gives null: the page says so instead of inventing data.
 */
export type Building = z.infer<typeof BuildingSchema>;

async function optional<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (error) {
    if (isMissingRoute(error)) return null;
    throw error;
  }
}

export async function loadBuildings(): Promise<Building[] | null> {
  const body = await optional(fetchAllPages<Building>("/api/buildings").then((items) => ({ items })));
  return body ? body.items : null;
}

/** Neighbourhood polygons, each with `programmeShare`: the programme's share of its dwellings (0..1). */
export async function loadNeighbourhoods(): Promise<FeatureCollection | null> {
  const collection = await optional(api.get<FeatureCollection>("/api/map/neighbourhoods.geojson"));
  if (!collection) return null;
  for (const feature of collection.features) {
    feature.properties ??= {};
    const p = feature.properties;
    p.programmeShare = Number(p.shareOfDwellingsBasisPoints ?? 0) / 10_000;
    p.isQpv = Boolean(p.isQpv);
  }
  return collection;
}

/**
 * Building points with `share` (programme units / all dwellings) and `shareOfCap`: how much of
 * the 20% cap is used (≥ 1: no more room, whatever the small-building exception allows).
 */
export async function loadMapBuildings(): Promise<FeatureCollection<Point> | null> {
  const collection = await optional(api.get<FeatureCollection<Point>>("/api/map/buildings.geojson"));
  if (!collection) return null;
  for (const feature of collection.features) {
    feature.properties ??= {};
    withShareOfCap(feature.properties);
  }
  return collection;
}

export function withShareOfCap(p: Record<string, unknown>): void {
  const programme = Number(p.programmeUnits ?? 0);
  const max = Number(p.maxProgrammeUnits ?? 0);
  p.share = Number(p.shareBasisPoints ?? 0) / 10_000;
  p.shareOfCap = Number(p.headroom ?? 0) <= 0 ? 1 : max > 0 ? programme / max : 0;
}

/** Buildings of the stock API as map points (the same properties as /api/map/buildings.geojson). */
export function buildingsCollection(buildings: Building[]): FeatureCollection<Point> {
  return {
    type: "FeatureCollection",
    features: buildings.map((building) => {
      const properties: Record<string, unknown> = {
        id: building.id,
        address: `${building.street}, ${building.postcode} ${building.city}`,
        totalDwellings: building.scatter.totalDwellings,
        programmeUnits: building.scatter.programmeUnits,
        maxProgrammeUnits: building.scatter.maxProgrammeUnits,
        headroom: building.scatter.headroom,
        shareBasisPoints: building.scatter.shareBasisPoints,
      };
      withShareOfCap(properties);
      return {
        type: "Feature",
        id: building.id,
        geometry: { type: "Point", coordinates: [building.lng, building.lat] },
        properties,
      };
    }),
  };
}

/**
 * The URL of the units of a bounding box; `pins`: id, position, status only; `zoom`: the zoom the
 * map draws them at, so that the database groups them above a density (server map.rules.ts).
 */
export function unitsUrl(
  bbox: Bbox,
  statuses: string[] = [],
  options: { pins?: boolean; zoom?: number } = {},
): string {
  return `/api/map/units.geojson${query({
    bbox: bbox.map((value) => value.toFixed(5)).join(","),
    status: statuses.length > 0 ? statuses.join(",") : undefined,
    fields: options.pins ? "pins" : undefined,
    zoom: options.zoom,
  })}`;
}
