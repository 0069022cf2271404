/**
 * How many units the map receives for one box. Up to `MAX_UNIT_FEATURES` units, every unit is a
 * feature and the map's worker clusters them itself (supercluster). Beyond that, the database
 * groups them first into a grid whose cells are about one cluster wide at the zoom the map shows:
 * the browser then never downloads, parses and clusters tens of thousands of points it would
 * draw as a few dozen circles anyway.
 */
export const MAX_UNIT_FEATURES = 5_000;

/** The radius, in screen pixels, within which the map merges units into one cluster. */
export const CLUSTER_RADIUS_PX = 45;

/** Beyond this zoom the map shows every unit, never a cluster (street level). */
export const CLUSTER_MAX_ZOOM = 15;

/** MapLibre's world is 512 px wide at zoom 0 (its tiles are 512 px). */
const WORLD_PX_AT_ZOOM_0 = 512;

export type GridCell = { lngDegrees: number; latDegrees: number };

/**
 * The grid cell, in degrees, that spans `CLUSTER_RADIUS_PX` on screen at `zoom` around latitude
 * `lat`. Web Mercator stretches latitudes by 1 / cos(lat): a cell as tall on screen as it is wide
 * covers cos(lat) times fewer degrees of latitude than of longitude (close enough at city scale).
 */
export function gridCellAt(zoom: number, lat: number): GridCell {
  const lngDegrees = (CLUSTER_RADIUS_PX * 360) / (WORLD_PX_AT_ZOOM_0 * 2 ** zoom);
  const latDegrees = lngDegrees * Math.cos((Math.max(-85, Math.min(85, lat)) * Math.PI) / 180);
  return { lngDegrees, latDegrees };
}

/**
 * Whether the database groups the units of a box: only when the map says at which zoom it draws
 * them, below street level, and the box holds more units than the map should receive one by one.
 */
export function shouldGroupUnits(unitsInBox: number, zoom: number | undefined): boolean {
  return zoom !== undefined && zoom <= CLUSTER_MAX_ZOOM && unitsInBox > MAX_UNIT_FEATURES;
}
