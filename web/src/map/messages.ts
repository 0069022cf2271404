import type { ExpressionSpecification } from "@maplibre/maplibre-gl-style-spec";

/** What the map says, in one line, when the basemap cannot be reached (no DOM import: tests read it). */
export const basemapUnavailableMessage =
  "Fond de carte indisponible : la carte reste utilisable sur un fond neutre.";

/**
 * A cluster's size as written on it, the French way: "850", "1,2 k", "12 k" (maplibre's own
 * point_count_abbreviated says "1.2k"). A maplibre expression; thousands are rounded to one decimal.
 */
export const clusterCountLabel: ExpressionSpecification = [
  "case",
  [">=", ["get", "point_count"], 1000],
  [
    "concat",
    ["number-format", ["/", ["round", ["/", ["get", "point_count"], 100]], 10], { locale: "fr-FR" }],
    " k",
  ],
  ["to-string", ["get", "point_count"]],
];
