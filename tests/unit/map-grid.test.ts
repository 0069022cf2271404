import { describe, expect, it } from "vitest";
import {
  CLUSTER_MAX_ZOOM,
  CLUSTER_RADIUS_PX,
  MAX_UNIT_FEATURES,
  gridCellAt,
  shouldGroupUnits,
} from "../../server/modules/map/map.rules";

describe("the database's grid cell is one cluster wide on screen", () => {
  it.each([
    // zoom, latitude, longitude degrees per cell (45 px of a 512 × 2^zoom px world)
    [0, 0, 31.640625],
    [10, 0, 0.030899],
    [12, 47.32, 0.0077248],
    [15, 47.32, 0.00096559],
  ])("zoom %i at latitude %f: %f° of longitude", (zoom, lat, lngDegrees) => {
    const cell = gridCellAt(zoom, lat);
    expect(cell.lngDegrees).toBeCloseTo(lngDegrees, 6);
    // Web Mercator: as tall on screen as wide, so cos(lat) times fewer degrees of latitude
    expect(cell.latDegrees / cell.lngDegrees).toBeCloseTo(Math.cos((lat * Math.PI) / 180), 9);
  });

  it("halves with each zoom level", () => {
    expect(gridCellAt(13, 47).lngDegrees * 2).toBeCloseTo(gridCellAt(12, 47).lngDegrees, 12);
    expect(CLUSTER_RADIUS_PX).toBe(45);
  });
});

describe("when the database groups the units of a box", () => {
  it.each([
    [MAX_UNIT_FEATURES + 1, 12, true],
    [MAX_UNIT_FEATURES, 12, false],
    [100_000, CLUSTER_MAX_ZOOM, true],
    [100_000, CLUSTER_MAX_ZOOM + 1, false],
    [100_000, undefined, false],
  ])("%i units at zoom %s → %s", (units, zoom, grouped) => {
    expect(shouldGroupUnits(units, zoom)).toBe(grouped);
  });
});
