import type { IncomingMessage, ServerResponse } from "node:http";
import { GeoJSONVT } from "@maplibre/geojson-vt";
import { fromGeojsonVt } from "@maplibre/vt-pbf";
import type { Feature, FeatureCollection } from "geojson";

/**
 * A small vector basemap of Dijon served locally, in the shape of the Géoplateforme's «Plan IGN»
 * (a MapLibre style JSON, Mapbox Vector Tiles at /tiles/{z}/{x}/{y}.pbf, a credit on the
 * source): streets on a grid with their names, a river, parks and district labels. CI has no
 * network; this is the basemap path as the browser walks it (style, tiles, labels, credit).
 */
const [WEST, SOUTH, EAST, NORTH] = [4.97, 47.28, 5.11, 47.36];
export const testBasemapAttribution = "Fond de plan de test (données fictives)";

function basemapFeatures(): FeatureCollection {
  const features: Feature[] = [];
  const streetNames = [
    "Rue de la Liberté",
    "Avenue du Drapeau",
    "Boulevard de Sévigné",
    "Rue Monge",
    "Rue Berbisey",
  ];
  for (let i = 0; i <= 28; i++) {
    const lng = WEST + ((EAST - WEST) * i) / 28;
    const lat = SOUTH + ((NORTH - SOUTH) * i) / 28;
    features.push({
      type: "Feature",
      properties: { layer: "route", name: `${streetNames[i % streetNames.length]} ${i}`, major: i % 7 === 0 },
      geometry: {
        type: "LineString",
        coordinates: [
          [lng, SOUTH],
          [lng, NORTH],
        ],
      },
    });
    features.push({
      type: "Feature",
      properties: {
        layer: "route",
        name: `${streetNames[(i + 2) % streetNames.length]} ${i}`,
        major: i % 7 === 0,
      },
      geometry: {
        type: "LineString",
        coordinates: [
          [WEST, lat],
          [EAST, lat],
        ],
      },
    });
  }
  features.push({
    type: "Feature",
    properties: { layer: "eau", name: "L'Ouche" },
    geometry: {
      type: "LineString",
      coordinates: [
        [WEST, 47.31],
        [5.0, 47.312],
        [5.03, 47.309],
        [5.06, 47.313],
        [EAST, 47.311],
      ],
    },
  });
  for (const [lng, lat] of [
    [5.045, 47.33],
    [5.02, 47.3],
    [5.08, 47.345],
  ] as const) {
    features.push({
      type: "Feature",
      properties: { layer: "parc", name: "Parc" },
      geometry: {
        type: "Polygon",
        coordinates: [
          [
            [lng, lat],
            [lng + 0.008, lat],
            [lng + 0.008, lat + 0.005],
            [lng, lat + 0.005],
            [lng, lat],
          ],
        ],
      },
    });
  }
  for (const [name, lng, lat] of [
    ["Dijon", 5.041, 47.322],
    ["Fontaine-d'Ouche", 5.005, 47.316],
    ["Grésilles", 5.06, 47.335],
  ] as const) {
    features.push({
      type: "Feature",
      properties: { layer: "lieu", name },
      geometry: { type: "Point", coordinates: [lng, lat] },
    });
  }
  return { type: "FeatureCollection", features };
}

export function testBasemapStyle(baseUrl: string) {
  return {
    version: 8,
    name: "Plan de test",
    sources: {
      plan: {
        type: "vector",
        tiles: [`${baseUrl}/tiles/{z}/{x}/{y}.pbf`],
        minzoom: 0,
        maxzoom: 14,
        attribution: testBasemapAttribution,
      },
    },
    layers: [
      { id: "fond", type: "background", paint: { "background-color": "#f2efe9" } },
      {
        id: "parcs",
        type: "fill",
        source: "plan",
        "source-layer": "plan",
        filter: ["==", ["get", "layer"], "parc"],
        paint: { "fill-color": "#cfe8c4" },
      },
      {
        id: "eau",
        type: "line",
        source: "plan",
        "source-layer": "plan",
        filter: ["==", ["get", "layer"], "eau"],
        paint: { "line-color": "#7fb4e6", "line-width": 6 },
      },
      {
        id: "routes",
        type: "line",
        source: "plan",
        "source-layer": "plan",
        filter: ["==", ["get", "layer"], "route"],
        paint: { "line-color": "#ffffff", "line-width": ["case", ["get", "major"], 5, 2.5] },
      },
      {
        id: "noms-de-rues",
        type: "symbol",
        source: "plan",
        "source-layer": "plan",
        minzoom: 14,
        filter: ["==", ["get", "layer"], "route"],
        layout: {
          "symbol-placement": "line",
          "text-field": ["get", "name"],
          "text-font": ["Source Sans Pro Regular"],
          "text-size": 11,
        },
        paint: { "text-color": "#555555", "text-halo-color": "#ffffff", "text-halo-width": 1 },
      },
      {
        id: "lieux",
        type: "symbol",
        source: "plan",
        "source-layer": "plan",
        filter: ["==", ["get", "layer"], "lieu"],
        layout: { "text-field": ["get", "name"], "text-font": ["Source Sans Pro Bold"], "text-size": 15 },
        paint: { "text-color": "#333333", "text-halo-color": "#ffffff", "text-halo-width": 1.5 },
      },
    ],
  };
}

export type BasemapMode = "ok" | "tiles-down" | "style-down";

/**
 * A request handler for the local geo server: /basemap/style.json and /basemap/tiles/…; `mode()`
 * says whether the style or the tiles answer (a 503 when down). Counts the tiles served.
 */
export function basemapHandler(baseUrl: string, mode: () => BasemapMode = () => "ok") {
  const index = new GeoJSONVT(basemapFeatures(), { maxZoom: 14, indexMaxZoom: 5 });
  const served = { style: 0, tiles: 0 };
  const handler = (_request: IncomingMessage, url: URL, response: ServerResponse): boolean => {
    if (url.pathname === "/basemap/style.json") {
      if (mode() === "style-down") {
        response.statusCode = 503;
        response.end();
        return true;
      }
      served.style += 1;
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify(testBasemapStyle(`${baseUrl}/basemap`)));
      return true;
    }
    const tile = /^\/basemap\/tiles\/(\d+)\/(\d+)\/(\d+)\.pbf$/.exec(url.pathname);
    if (!tile) return false;
    if (mode() !== "ok") {
      response.statusCode = 503;
      response.end();
      return true;
    }
    const [z, x, y] = tile.slice(1).map(Number) as [number, number, number];
    const data = index.getTile(z, x, y);
    served.tiles += 1;
    if (!data) {
      response.statusCode = 204;
      response.end();
      return true;
    }
    response.setHeader("content-type", "application/x-protobuf");
    response.end(Buffer.from(fromGeojsonVt({ plan: data })));
    return true;
  };
  return { handler, served, styleUrl: `${baseUrl}/basemap/style.json` };
}
