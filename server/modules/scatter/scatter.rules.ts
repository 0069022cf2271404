import { divideRounded } from "../../lib/money";

/**
 * The "diffus dans la cité" rules (cahier des charges §9.4): the programme's flats are ordinary
 * homes scattered in the city, no more than 20% of the flats of one building, and operators avoid
 * concentrating them in one neighbourhood (a per-site parameter).
 */

/** Unit statuses that count as the programme's flats in a building or a neighbourhood. */
export const PROGRAMME_STATUSES = ["reserved", "let", "notice_given"] as const;

/** Below this many dwellings a building is "small" for the optional one-flat exception. */
export const SMALL_BUILDING_THRESHOLD = 5;

export type BuildingCapPolicy = {
  /** 2000 = 20% (organisation parameter) */
  capBasisPoints: number;
  /** off by default (strict rule): one programme flat allowed in buildings of fewer than 5 dwellings */
  smallBuildingException: boolean;
};

export type BuildingCapacity = {
  maxProgrammeUnits: number;
  /** true when the maximum comes from the small-building exception (each use is audited) */
  viaSmallBuildingException: boolean;
};

/** floor(cap × total dwellings), or 1 under the small-building exception. */
export function buildingCapacity(totalDwellings: number, policy: BuildingCapPolicy): BuildingCapacity {
  if (!Number.isInteger(totalDwellings) || totalDwellings < 1) {
    throw new RangeError(`a building has at least one dwelling, got ${totalDwellings}`);
  }
  const strict = divideRounded(totalDwellings * policy.capBasisPoints, 10_000, "floor");
  if (strict === 0 && policy.smallBuildingException && totalDwellings < SMALL_BUILDING_THRESHOLD) {
    return { maxProgrammeUnits: 1, viaSmallBuildingException: true };
  }
  return { maxProgrammeUnits: strict, viaSmallBuildingException: false };
}

export type BuildingScatter = {
  totalDwellings: number;
  programmeUnits: number;
  maxProgrammeUnits: number;
  headroom: number;
  /** programme share in basis points of the building's dwellings */
  shareBasisPoints: number;
  viaSmallBuildingException: boolean;
};

export function buildingScatter(
  totalDwellings: number,
  programmeUnits: number,
  policy: BuildingCapPolicy,
): BuildingScatter {
  const capacity = buildingCapacity(totalDwellings, policy);
  return {
    totalDwellings,
    programmeUnits,
    maxProgrammeUnits: capacity.maxProgrammeUnits,
    headroom: capacity.maxProgrammeUnits - programmeUnits,
    shareBasisPoints: divideRounded(programmeUnits * 10_000, totalDwellings, "half-up"),
    viaSmallBuildingException: capacity.viaSmallBuildingException,
  };
}

export type NeighbourhoodCapPolicy =
  | { mode: "off" }
  | { mode: "count"; maxUnits: number }
  /** share of the programme's units, in basis points */
  | { mode: "share"; shareBasisPoints: number };

/**
 * The most programme units one neighbourhood may hold when the organisation has
 * `programmeUnitsTotal` units in all (after the change being checked).
 * Share mode: floor(share × total), but never below 1 so that a young site can place its
 * first flats at all (otherwise the first flat would already be "100%" of the programme).
 */
export function neighbourhoodCapacity(policy: NeighbourhoodCapPolicy, programmeUnitsTotal: number): number {
  switch (policy.mode) {
    case "off":
      return Number.POSITIVE_INFINITY;
    case "count":
      return policy.maxUnits;
    case "share":
      return Math.max(1, divideRounded(programmeUnitsTotal * policy.shareBasisPoints, 10_000, "floor"));
  }
}

export function neighbourhoodHeadroom(
  policy: NeighbourhoodCapPolicy,
  unitsInNeighbourhood: number,
  programmeUnitsTotal: number,
): number {
  return neighbourhoodCapacity(policy, programmeUnitsTotal) - unitsInNeighbourhood;
}

export function neighbourhoodPolicyOf(organisation: {
  neighbourhoodCapMode: "off" | "share" | "count";
  neighbourhoodCapValue: number | null;
}): NeighbourhoodCapPolicy {
  if (organisation.neighbourhoodCapMode === "count" && organisation.neighbourhoodCapValue !== null) {
    return { mode: "count", maxUnits: organisation.neighbourhoodCapValue };
  }
  if (organisation.neighbourhoodCapMode === "share" && organisation.neighbourhoodCapValue !== null) {
    return { mode: "share", shareBasisPoints: organisation.neighbourhoodCapValue };
  }
  return { mode: "off" };
}

/**
 * The area a building's programme flats count against for the neighbourhood cap: its
 * neighbourhood (an imported IRIS or QPV contour) or, outside every contour, its commune (INSEE
 * code). Without the commune fallback a building outside the imported contours would escape the
 * cap altogether; the commune is the smallest official area still known to hold it, so the
 * reading that keeps the flats scattered is taken. A building with neither is in no area (its
 * INSEE code is asked for on the contours screen).
 */
export type CapArea = { kind: "neighbourhood"; id: string } | { kind: "commune"; inseeCode: string };

export function capAreaOf(building: {
  neighbourhoodId: string | null;
  inseeCode: string | null;
}): CapArea | null {
  if (building.neighbourhoodId) return { kind: "neighbourhood", id: building.neighbourhoodId };
  if (building.inseeCode) return { kind: "commune", inseeCode: building.inseeCode };
  return null;
}

/** One key per area, for grouping ("n:<id>" or "c:<INSEE code>"). */
export function capAreaKey(area: CapArea): string {
  return area.kind === "neighbourhood" ? `n:${area.id}` : `c:${area.inseeCode}`;
}
