import type { Db } from "../../../db/client";
import { AppError } from "../../lib/errors";
import type { Bbox } from "../neighbourhoods/geometry.rules";
import { listNeighbourhoods } from "../neighbourhoods/neighbourhoods.queries";
import { buildingScatterReport, neighbourhoodScatterOf, scatterPolicies } from "../scatter/scatter.report";
import { buildingScatter } from "../scatter/scatter.rules";
import { listBuildings } from "../buildings/buildings.queries";
import { UNIT_STATUSES, type UnitStatus } from "../units/pipeline.rules";
import { unitPinsInBbox, unitStatusesByBuilding, unitsInBbox } from "./map.queries";

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

/**
 * The FeatureCollection of the units in the box, written as text feature by feature: for a city
 * of thousands of units this is about twice as fast as building objects and JSON.stringify, or
 * as building the JSON in SQL (bench/map.ts). Every string written is a uuid or an enum value.
 * Shares and headroom come from the scatter rules themselves (cahier des charges §9.4).
 */
export async function unitsGeoJson(db: Db, organisationId: string, bbox: Bbox, statuses?: UnitStatus[]) {
  const policies = await scatterPolicies(db, organisationId);
  const tuples = await unitsInBbox(db, organisationId, bbox, statuses);
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
  const box = `[${bbox.minLng},${bbox.minLat},${bbox.maxLng},${bbox.maxLat}]`;
  return `{"type":"FeatureCollection","bbox":${box},"features":[${features.join(",")}]}`;
}

/** The units in the box as pins (id, position, status): what a map that only locates them needs. */
export async function unitPinsGeoJson(db: Db, organisationId: string, bbox: Bbox, statuses?: UnitStatus[]) {
  const tuples = await unitPinsInBbox(db, organisationId, bbox, statuses);
  const features = tuples.map(
    ([id, status, lng, lat]) =>
      `{"type":"Feature","id":"${id}","geometry":{"type":"Point","coordinates":[${lng},${lat}]},` +
      `"properties":{"id":"${id}","status":"${status}"}}`,
  );
  const box = `[${bbox.minLng},${bbox.minLat},${bbox.maxLng},${bbox.maxLat}]`;
  return `{"type":"FeatureCollection","bbox":${box},"features":[${features.join(",")}]}`;
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
