import type { UnitFeatures } from "../../../server/modules/map/map.schemas";
import type { z } from "zod";
import { api } from "../lib/api";
import { type AppMap, type Bbox, containsBbox, paddedBounds } from "./map";

export type UnitCollection = z.infer<typeof UnitFeatures>;

/**
 * Loads the units of the visible box (padded by half the view on each side) into the map, and
 * again when the view leaves the box already read, or when the zoom changes while the units came
 * grouped by the database (their cells are sized for the zoom they were asked at). A later view's
 * answer always wins over an earlier one still on its way.
 */
export function unitsLoader(
  appMap: AppMap,
  urlOf: (bbox: Bbox, zoom: number) => string,
  onError: () => void,
): (force?: boolean) => Promise<void> {
  let loaded: { bbox: Bbox; zoom: number; grouped: boolean } | null = null;
  let latest = 0;
  return async (force = false) => {
    const zoom = Math.floor(appMap.map.getZoom());
    const view = paddedBounds(appMap.map, 0);
    if (!force && loaded && containsBbox(loaded.bbox, view) && (!loaded.grouped || loaded.zoom === zoom))
      return;
    const request = ++latest;
    const current = { bbox: paddedBounds(appMap.map, 0.5), zoom, grouped: false };
    loaded = current;
    try {
      const collection = await api.get<UnitCollection>(urlOf(current.bbox, zoom));
      if (request !== latest) return;
      current.grouped = collection.grouped;
      appMap.setUnits(collection as GeoJSON.FeatureCollection);
    } catch {
      if (request !== latest) return;
      loaded = null;
      onError();
    }
  };
}
