import { cachedText, type KeptDocument } from "../../lib/read-cache";
import type { UseCaseContext } from "../../lib/use-case-context";
import type { Db } from "../../../db/client";
import { AppError } from "../../lib/errors";
import type { Bbox } from "../neighbourhoods/geometry.rules";
import { listNeighbourhoods } from "../neighbourhoods/neighbourhoods.queries";
import { buildingScatterReport, neighbourhoodScatterOf, scatterPolicies } from "../scatter/scatter.report";
import { buildingScatter } from "../scatter/scatter.rules";
import { listBuildings } from "../buildings/buildings.queries";
import { UNIT_STATUSES, type UnitStatus } from "../units/pipeline.rules";
import {
  type UnitPinTuple,
  unitCellsInBbox,
  unitPinsInBbox,
  unitStatusesByBuilding,
  unitsInBbox,
} from "./map.queries";
import { CLUSTER_MAX_ZOOM, gridCellAt, shouldGroupUnits } from "./map.rules";

/** "minLng,minLat,maxLng,maxLat" (the order of RFC 7946 §5 and of MapLibre's getBounds().toArray().flat()). */
export function parseBbox(text: string): Bbox {
  const parts = text.split(",").map((part) => Number(part.trim()));
  const invalid = (message: string) => AppError.validation([{ path: "query.bbox", message }]);
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) {
    throw invalid("bbox attendu : minLng,minLat,maxLng,maxLat");
  }
  const [minLng, minLat, maxLng, maxLat] = parts as [number, number, number, number];
  if (minLng < -180 || maxLng > 180 || minLat < -90 || maxLat > 90)
    throw invalid("coordonnées hors des bornes WGS84");
  if (minLng > maxLng || minLat > maxLat) throw invalid("le coin sud-ouest doit précéder le coin nord-est");
  return { minLng, minLat, maxLng, maxLat };
}

export function parseStatuses(text: string | undefined): UnitStatus[] | undefined {
  if (!text) return undefined;
  const statuses = text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = statuses.filter((s) => !(UNIT_STATUSES as readonly string[]).includes(s));
  if (unknown.length > 0) {
    throw AppError.validation([
      { path: "query.status", message: `état(s) inconnu(s) : ${unknown.join(", ")}` },
    ]);
  }
  return statuses as UnitStatus[];
}

export type UnitsInBoxOptions = {
  /** id, position and status only: what a map that only locates the units needs */
  pins?: boolean;
  /** the zoom the map draws the box at: above a density the database groups the units (map.rules.ts) */
  zoom?: number;
};

/**
 * The units in the box as a GeoJSON FeatureCollection, written as text feature by feature: for a
 * city of thousands of units this is about twice as fast as building objects and JSON.stringify,
 * or as building the JSON in SQL (bench/map.ts). Every string written is a uuid or an enum value.
 * Above `MAX_UNIT_FEATURES` units at a zoom below street level, the units come grouped by grid
 * cell: a cell of several units is a point with `units` and `available` counts and no id; a cell
 * of one unit is that unit's own feature.
 */
export async function unitsGeoJson(
  db: Db,
  organisationId: string,
  bbox: Bbox,
  statuses: UnitStatus[] | undefined,
  options: UnitsInBoxOptions = {},
): Promise<string> {
  const box = `[${bbox.minLng},${bbox.minLat},${bbox.maxLng},${bbox.maxLat}]`;
  const collection = (features: string[], grouped: boolean) =>
    `{"type":"FeatureCollection","bbox":${box},"grouped":${grouped},"features":[${features.join(",")}]}`;
  const { zoom, pins = false } = options;
  // one pass gives both the cells and the number of units they hold; below the density the
  // units are read again one by one (a small box: cheap)
  const cells =
    zoom !== undefined && zoom <= CLUSTER_MAX_ZOOM
      ? await unitCellsInBbox(
          db,
          organisationId,
          bbox,
          statuses,
          gridCellAt(zoom, (bbox.minLat + bbox.maxLat) / 2),
        )
      : [];
  const unitsInBox = cells.reduce((sum, [units]) => sum + units, 0);
  if (shouldGroupUnits(unitsInBox, zoom)) {
    const features: string[] = [];
    const singles: UnitPinTuple[] = [];
    for (const [units, available, lng, lat, id, status] of cells) {
      if (units === 1 && id && status) singles.push([id, status, lng, lat]);
      else
        features.push(
          `{"type":"Feature","geometry":{"type":"Point","coordinates":[${lng},${lat}]},` +
            `"properties":{"units":${units},"available":${available}}}`,
        );
    }
    if (pins) features.push(...singles.map(pinFeature));
    else
      features.push(
        ...(await unitFeatures(
          db,
          organisationId,
          bbox,
          statuses,
          singles.map(([id]) => id),
        )),
      );
    return collection(features, true);
  }
  const features = pins
    ? (await unitPinsInBbox(db, organisationId, bbox, statuses)).map(pinFeature)
    : await unitFeatures(db, organisationId, bbox, statuses);
  return collection(features, false);
}

const pinFeature = ([id, status, lng, lat]: UnitPinTuple) =>
  `{"type":"Feature","id":"${id}","geometry":{"type":"Point","coordinates":[${lng},${lat}]},` +
  `"properties":{"id":"${id}","status":"${status}"}}`;

/**
 * Each unit of the box with its price and its building's share of the programme; shares and
 * headroom come from the scatter rules themselves (cahier des charges §9.4).
 */
async function unitFeatures(
  db: Db,
  organisationId: string,
  bbox: Bbox,
  statuses: UnitStatus[] | undefined,
  onlyIds?: string[],
): Promise<string[]> {
  const policies = await scatterPolicies(db, organisationId);
  const tuples = await unitsInBbox(db, organisationId, bbox, statuses, onlyIds);
  const scatterByBuilding = new Map<string, ReturnType<typeof buildingScatter>>();
  const features: string[] = [];
  for (const [
    id,
    status,
    typology,
    rentCents,
    chargesCents,
    buildingId,
    lng,
    lat,
    totalDwellings,
    programmeUnits,
  ] of tuples) {
    let scatter = scatterByBuilding.get(buildingId);
    if (!scatter) {
      scatter = buildingScatter(totalDwellings, programmeUnits, policies.building);
      scatterByBuilding.set(buildingId, scatter);
    }
    features.push(
      `{"type":"Feature","id":"${id}","geometry":{"type":"Point","coordinates":[${lng},${lat}]},` +
        `"properties":{"id":"${id}","buildingId":"${buildingId}","status":"${status}","typology":"${typology}",` +
        `"rentCents":${rentCents},"chargesCents":${chargesCents},"totalCents":${rentCents + chargesCents},` +
        `"buildingProgrammeUnits":${programmeUnits},"buildingTotalDwellings":${totalDwellings},` +
        `"buildingShareBasisPoints":${scatter.shareBasisPoints},"buildingHeadroom":${scatter.headroom}}}`,
    );
  }
  return features;
}

export async function buildingsGeoJson(db: Db, organisationId: string) {
  const policies = await scatterPolicies(db, organisationId);
  const [rows, scatter, statuses] = await Promise.all([
    listBuildings(db, organisationId),
    buildingScatterReport(db, organisationId, policies.building),
    unitStatusesByBuilding(db, organisationId),
  ]);
  return {
    type: "FeatureCollection" as const,
    features: rows.map(({ building, neighbourhood }) => {
      const s = scatter.get(building.id)!;
      return {
        type: "Feature" as const,
        id: building.id,
        geometry: { type: "Point" as const, coordinates: [building.lng, building.lat] },
        properties: {
          id: building.id,
          address: `${building.street}, ${building.postcode} ${building.city}`,
          neighbourhoodCode: neighbourhood?.code ?? null,
          totalDwellings: s.totalDwellings,
          programmeUnits: s.programmeUnits,
          maxProgrammeUnits: s.maxProgrammeUnits,
          headroom: s.headroom,
          shareBasisPoints: s.shareBasisPoints,
          // the statuses of its units, for the map's status filter (",available,let,")
          unitStatuses: statuses.get(building.id) ?? ",",
        },
      };
    }),
  };
}

export async function neighbourhoodsGeoJson(db: Db, organisationId: string) {
  const policies = await scatterPolicies(db, organisationId);
  const [rows, scatter] = await Promise.all([
    listNeighbourhoods(db, organisationId),
    buildingScatterReport(db, organisationId, policies.building),
  ]);
  const perNeighbourhood = neighbourhoodScatterOf(scatter.values(), policies.neighbourhood);
  return {
    type: "FeatureCollection" as const,
    features: rows.map((row) => {
      const s = perNeighbourhood.get(row.id);
      return {
        type: "Feature" as const,
        id: row.id,
        geometry: row.geometry,
        properties: {
          id: row.id,
          code: row.code,
          name: row.name,
          isQpv: row.isQpv,
          programmeUnits: s?.programmeUnits ?? 0,
          totalDwellings: s?.totalDwellings ?? 0,
          shareOfProgrammeBasisPoints: s?.shareOfProgrammeBasisPoints ?? 0,
          shareOfDwellingsBasisPoints: s?.shareOfDwellingsBasisPoints ?? 0,
          headroom: s?.headroom ?? null,
        },
      };
    }),
  };
}

/** `unitsGeoJson` for the asking user, kept while the organisation's data and the day stay the same. */
export function unitsInBoxGeoJson(
  context: UseCaseContext,
  bbox: Bbox,
  statuses: UnitStatus[] | undefined,
  options: UnitsInBoxOptions = {},
): Promise<KeptDocument> {
  return cachedText(context, `map.units:${JSON.stringify([bbox, statuses ?? null, options])}`, () =>
    unitsGeoJson(context.db, context.actor.organisationId, bbox, statuses, options),
  );
}
