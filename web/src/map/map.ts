import * as maplibregl from "maplibre-gl";
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";
import "maplibre-gl/dist/maplibre-gl.css";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import { basemapUnavailableMessage, clusterCountLabel, clusterUnitCount, mapLocale } from "./messages";
import { CLUSTER_MAX_ZOOM, CLUSTER_RADIUS_PX } from "../../../server/modules/map/map.rules";
import { backgroundColour, neighbourhoodShareStops, shareColours, statusColours } from "./palette";

maplibregl.setWorkerUrl(workerUrl);

declare global {
  interface Window {
    __map?: maplibregl.Map;
    __mapReady?: boolean;
  }
}

export type Bbox = [number, number, number, number];
export const emptyCollection = (): FeatureCollection => ({ type: "FeatureCollection", features: [] });

/** Dijon, the demo site: the view when nothing else is known. */
export const defaultView = { center: [5.0415, 47.322] as [number, number], zoom: 12.5 };

/**
 * The plain background: the app's own GeoJSON layers on a neutral colour, no tiles, no sprites,
 * no glyphs (text is drawn with the browser's fonts), hence no request outside the server.
 * It is the map without a basemap (MAP_BASEMAP=none) and the fallback when the basemap fails.
 */
export function offlineStyle(): maplibregl.StyleSpecification {
  return {
    version: 8,
    name: "Fond neutre (hors ligne)",
    sources: {},
    layers: [{ id: "background", type: "background", paint: { "background-color": backgroundColour } }],
  };
}

const statusMatch = (): maplibregl.ExpressionSpecification =>
  [
    "match",
    ["get", "status"],
    ...Object.entries(statusColours).flat(),
    "#374151",
  ] as unknown as maplibregl.ExpressionSpecification;

/** Ratio of the programme share to the cap: 0 → green, ≥ 0.5 → amber, ≥ 1 → red. */
const shareOfCapColour = (): maplibregl.ExpressionSpecification => [
  "step",
  ["coalesce", ["get", "shareOfCap"], 0],
  shareColours.low,
  0.5,
  shareColours.near,
  0.999,
  shareColours.full,
];

export type AppMap = {
  map: maplibregl.Map;
  /** resolves once the style is loaded and the app's sources and layers exist */
  loaded: Promise<void>;
  setNeighbourhoods(data: FeatureCollection): void;
  setBuildings(data: FeatureCollection): void;
  /** a FeatureCollection, or the URL of one (fetched and parsed in the map's worker: 100,000 points stay fluid) */
  setUnits(data: FeatureCollection | string): void;
  setOverlay(name: OverlayName, data: FeatureCollection): void;
  /** resolves when the map has drawn everything it has (sources loaded, no pending tiles) */
  idle(): Promise<void>;
  fitTo(bbox: Bbox, padding?: number, maxZoom?: number): void;
  remove(): void;
};

export type OverlayName = "wanted" | "excluded" | "places" | "circles" | "candidates" | "rejected" | "picked";

const overlayNames: OverlayName[] = [
  "wanted",
  "excluded",
  "circles",
  "places",
  "rejected",
  "candidates",
  "picked",
];

export function createMap(
  container: HTMLElement,
  options: {
    /** the basemap's style (GET /api/config mapStyleUrl); null: the plain background */
    styleUrl?: string | null;
    /** the basemap's credit when its style carries none (IGN's Licence Ouverte) */
    attribution?: string | null;
    view?: { center: [number, number]; zoom: number };
    /** told once when the basemap's style or tiles cannot be reached */
    onBasemapUnavailable?: (message: string) => void;
  } = {},
): AppMap {
  const view = options.view ?? defaultView;
  const map = new maplibregl.Map({
    container,
    style: options.styleUrl ?? offlineStyle(),
    center: view.center,
    zoom: view.zoom,
    attributionControl: options.styleUrl
      ? options.attribution
        ? { customAttribution: options.attribution }
        : {}
      : false,
    // keyboard: arrows pan, +/- zoom once the map has focus (maplibre's keyboard handler)
    keyboard: true,
    fadeDuration: 0,
    locale: mapLocale,
  });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), "top-right");
  map.addControl(new maplibregl.ScaleControl({ unit: "metric" }), "bottom-left");
  const canvas = map.getCanvas();
  canvas.setAttribute("aria-label", "Carte du parc de logements (flèches pour déplacer, + et − pour zoomer)");
  canvas.setAttribute("role", "application");
  window.__map = map;
  window.__mapReady = false;

  const pending = new Map<string, FeatureCollection | string>();
  let isLoaded = false;

  // the basemap: a style that cannot be fetched is replaced by the plain background; tiles that
  // cannot be fetched leave the style's own background. Either way the map says so once.
  let basemapFailed = false;
  const basemapUnavailable = () => {
    if (basemapFailed) return;
    basemapFailed = true;
    container.dataset.basemap = "unavailable";
    options.onBasemapUnavailable?.(basemapUnavailableMessage);
  };
  if (options.styleUrl) {
    container.dataset.basemap = "loading";
    let styleFetched = false;
    map.once("styledata", () => {
      styleFetched = true;
    });
    map.on("error", (event: maplibregl.ErrorEvent & { sourceId?: string }) => {
      if (!styleFetched && !event.sourceId) {
        basemapUnavailable();
        map.setStyle(offlineStyle());
      } else if (event.sourceId && !appSources.has(event.sourceId)) basemapUnavailable();
    });
  }

  map.once("load", () => {
    if (options.styleUrl && !basemapFailed) container.dataset.basemap = "loaded";
  });
  // the app's sources are added as soon as the style is parsed ("style.load"), not after the
  // basemap's first tiles are drawn ("load"): the units' download starts a second earlier
  const loaded = new Promise<void>((resolve) => {
    map.once("style.load", () => {
      addAppLayers(map);
      isLoaded = true;
      for (const [source, data] of pending) (map.getSource(source) as maplibregl.GeoJSONSource).setData(data);
      pending.clear();
      resolve();
    });
  });

  const setData = (source: string, data: FeatureCollection | string) => {
    if (!isLoaded) pending.set(source, data);
    else (map.getSource(source) as maplibregl.GeoJSONSource).setData(data);
  };

  return {
    map,
    loaded,
    setNeighbourhoods: (data) => setData("neighbourhoods", data),
    setBuildings: (data) => setData("buildings", data),
    setUnits: (data) => setData("units", data),
    setOverlay: (name, data) => setData(`overlay-${name}`, data),
    idle: async () => {
      await loaded;
      if (map.loaded() && map.areTilesLoaded()) return;
      await new Promise<void>((resolve) => map.once("idle", () => resolve()));
    },
    fitTo: (bbox, padding = 40, maxZoom = 16) =>
      map.fitBounds(
        [
          [bbox[0], bbox[1]],
          [bbox[2], bbox[3]],
        ],
        { padding, animate: false, maxZoom },
      ),
    remove: () => {
      if (window.__map === map) {
        window.__map = undefined;
        window.__mapReady = false;
      }
      map.remove();
    },
  };
}

const appSources = new Set([
  "neighbourhoods",
  "buildings",
  "units",
  ...overlayNames.map((name) => `overlay-${name}`),
]);

/** A cluster of the map's worker or a grid cell of several units grouped by the database. */
const isCluster: maplibregl.ExpressionSpecification = ["any", ["has", "point_count"], ["has", "units"]];

function addAppLayers(map: maplibregl.Map): void {
  // the basemap's labels stay above the neighbourhoods' shading: polygons go under its first text layer
  const firstLabel = map.getStyle().layers.find((layer) => layer.type === "symbol")?.id;
  const geojson = (cluster = false): maplibregl.GeoJSONSourceSpecification => ({
    type: "geojson",
    data: emptyCollection(),
    ...(cluster
      ? {
          cluster: true,
          clusterRadius: CLUSTER_RADIUS_PX,
          clusterMaxZoom: CLUSTER_MAX_ZOOM,
          // a grid cell of the database counts its units; a unit counts one
          // how many units of each cluster can be proposed now: the cluster's ring shows it
          clusterProperties: {
            units: ["+", ["coalesce", ["get", "units"], 1]],
            available: [
              "+",
              ["coalesce", ["get", "available"], ["case", ["==", ["get", "status"], "available"], 1, 0]],
            ],
          },
        }
      : {}),
  });
  map.addSource("neighbourhoods", geojson());
  map.addSource("buildings", geojson());
  map.addSource("units", { ...geojson(true), promoteId: "id" });
  for (const name of overlayNames) map.addSource(`overlay-${name}`, geojson());

  // neighbourhoods shaded by the programme's share of their dwellings
  map.addLayer(
    {
      id: "neighbourhoods-fill",
      type: "fill",
      source: "neighbourhoods",
      paint: {
        "fill-color": [
          "interpolate",
          ["linear"],
          ["coalesce", ["get", "programmeShare"], 0],
          ...neighbourhoodShareStops.flat(),
        ] as unknown as maplibregl.ExpressionSpecification,
        "fill-opacity": 0.45,
      },
    },
    firstLabel,
  );
  map.addLayer(
    {
      id: "neighbourhoods-line",
      type: "line",
      source: "neighbourhoods",
      paint: {
        "line-color": "#334155",
        "line-width": ["case", ["get", "isQpv"], 2.5, 1],
        "line-opacity": 0.8,
      },
    },
    firstLabel,
  );
  map.addLayer({
    id: "neighbourhoods-qpv",
    type: "line",
    source: "neighbourhoods",
    filter: ["==", ["get", "isQpv"], true],
    paint: { "line-color": "#7c2d12", "line-width": 2, "line-dasharray": [2, 2] },
  });
  // the person's wanted (green) and excluded (hatched red) neighbourhoods
  map.addLayer({
    id: "overlay-wanted-fill",
    type: "fill",
    source: "overlay-wanted",
    paint: { "fill-color": "#16a34a", "fill-opacity": 0.25 },
  });
  map.addLayer({
    id: "overlay-wanted-line",
    type: "line",
    source: "overlay-wanted",
    paint: { "line-color": "#166534", "line-width": 3 },
  });
  map.addLayer({
    id: "overlay-excluded-fill",
    type: "fill",
    source: "overlay-excluded",
    paint: { "fill-color": "#dc2626", "fill-opacity": 0.22 },
  });
  map.addLayer({
    id: "overlay-excluded-line",
    type: "line",
    source: "overlay-excluded",
    paint: { "line-color": "#991b1b", "line-width": 3, "line-dasharray": [1, 1] },
  });
  // places that matter and their maximum distance circles (turf.circle)
  map.addLayer({
    id: "overlay-circles-fill",
    type: "fill",
    source: "overlay-circles",
    paint: { "fill-color": "#0ea5e9", "fill-opacity": 0.08 },
  });
  map.addLayer({
    id: "overlay-circles-line",
    type: "line",
    source: "overlay-circles",
    paint: { "line-color": "#0369a1", "line-width": 2, "line-dasharray": [3, 2] },
  });

  // buildings: size by dwellings, colour by programme share against the 20% cap
  map.addLayer({
    id: "buildings",
    type: "circle",
    source: "buildings",
    paint: {
      "circle-radius": [
        "interpolate",
        ["linear"],
        ["coalesce", ["get", "totalDwellings"], 1],
        1,
        5,
        50,
        12,
        200,
        18,
      ],
      "circle-color": "#ffffff",
      "circle-opacity": 0.9,
      "circle-stroke-color": shareOfCapColour(),
      "circle-stroke-width": 3,
    },
  });

  // units: clustered (grid cells of the database, supercluster in the map's worker) and coloured
  // by pipeline status
  map.addLayer({
    id: "units-clusters",
    type: "circle",
    source: "units",
    filter: isCluster,
    paint: {
      "circle-color": "#0f766e",
      "circle-opacity": 0.85,
      "circle-stroke-color": ["case", [">", ["get", "available"], 0], "#15803d", "#ffffff"],
      "circle-stroke-width": ["case", [">", ["get", "available"], 0], 4, 2],
      "circle-radius": ["step", clusterUnitCount, 12, 10, 16, 100, 22, 1000, 30, 10000, 38],
    },
  });
  // each cluster's size written on it (drawn with the basemap's glyphs, or the browser's fonts offline)
  map.addLayer({
    id: "units-cluster-count",
    type: "symbol",
    source: "units",
    filter: isCluster,
    layout: {
      "text-field": clusterCountLabel,
      "text-font": ["Source Sans Pro Bold"],
      "text-size": 13,
      "text-allow-overlap": true,
      "text-ignore-placement": true,
    },
    paint: { "text-color": "#ffffff" },
  });
  map.addLayer({
    id: "units",
    type: "circle",
    source: "units",
    filter: ["!", isCluster],
    paint: {
      "circle-radius": 6,
      "circle-color": statusMatch(),
      "circle-stroke-color": "#ffffff",
      "circle-stroke-width": 1.5,
    },
  });

  // proposal: excluded units greyed, candidates ranked, picked ones outlined
  map.addLayer({
    id: "overlay-rejected",
    type: "circle",
    source: "overlay-rejected",
    paint: {
      "circle-radius": 6,
      "circle-color": "#9ca3af",
      "circle-opacity": 0.8,
      "circle-stroke-color": "#4b5563",
      "circle-stroke-width": 1,
    },
  });
  map.addLayer({
    id: "overlay-candidates",
    type: "circle",
    source: "overlay-candidates",
    paint: {
      "circle-radius": ["interpolate", ["linear"], ["coalesce", ["get", "rank"], 10], 1, 11, 10, 8, 30, 6],
      "circle-color": "#15803d",
      "circle-stroke-color": "#ffffff",
      "circle-stroke-width": 2,
    },
  });
  map.addLayer({
    id: "overlay-picked",
    type: "circle",
    source: "overlay-picked",
    paint: {
      "circle-radius": 14,
      "circle-color": "rgba(0,0,0,0)",
      "circle-stroke-color": "#b45309",
      "circle-stroke-width": 4,
    },
  });
  map.addLayer({
    id: "overlay-places",
    type: "circle",
    source: "overlay-places",
    paint: {
      "circle-radius": 7,
      "circle-color": "#0369a1",
      "circle-stroke-color": "#ffffff",
      "circle-stroke-width": 2,
    },
  });
}

/** Bounding box of a FeatureCollection (null when empty). */
export function bboxOf(collection: FeatureCollection | Feature<Geometry>[]): Bbox | null {
  const features = Array.isArray(collection) ? collection : collection.features;
  let box: Bbox | null = null;
  const visit = (coordinates: unknown): void => {
    if (typeof (coordinates as number[])[0] === "number") {
      const [lng, lat] = coordinates as [number, number];
      box = box
        ? [Math.min(box[0], lng), Math.min(box[1], lat), Math.max(box[2], lng), Math.max(box[3], lat)]
        : [lng, lat, lng, lat];
      return;
    }
    for (const child of coordinates as unknown[]) visit(child);
  };
  for (const feature of features) {
    const geometry = feature.geometry;
    if (geometry && "coordinates" in geometry) visit(geometry.coordinates);
  }
  return box;
}

/** The current view's bounds, padded by a share of their size on each side. */
export function paddedBounds(map: maplibregl.Map, ratio = 0.5): Bbox {
  const bounds = map.getBounds();
  const dLng = (bounds.getEast() - bounds.getWest()) * ratio;
  const dLat = (bounds.getNorth() - bounds.getSouth()) * ratio;
  return [
    Math.max(-180, bounds.getWest() - dLng),
    Math.max(-90, bounds.getSouth() - dLat),
    Math.min(180, bounds.getEast() + dLng),
    Math.min(90, bounds.getNorth() + dLat),
  ];
}

export function containsBbox(outer: Bbox, inner: Bbox): boolean {
  return outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3];
}
