import type { ExpressionSpecification } from "@maplibre/maplibre-gl-style-spec";

/** What the map says, in one line, when the basemap cannot be reached (no DOM import: tests read it). */
export const basemapUnavailableMessage =
  "Fond de carte indisponible : la carte reste utilisable sur un fond neutre.";

/**
 * How many units a cluster holds: `units` when the database grouped them into grid cells (summed
 * by the map's worker when it merges cells), otherwise supercluster's own `point_count`.
 */
export const clusterUnitCount: ExpressionSpecification = [
  "coalesce",
  ["get", "units"],
  ["get", "point_count"],
];

/**
 * A cluster's size as written on it, the French way: "850", "1,2 k", "12 k" (maplibre's own
 * point_count_abbreviated says "1.2k"). A maplibre expression; thousands are rounded to one decimal.
 */
export const clusterCountLabel: ExpressionSpecification = [
  "case",
  [">=", clusterUnitCount, 1000],
  [
    "concat",
    ["number-format", ["/", ["round", ["/", clusterUnitCount, 100]], 10], { locale: "fr-FR" }],
    " k",
  ],
  ["to-string", clusterUnitCount],
];

/** maplibre's own words (buttons' labels and titles, read aloud by screen readers), in French. */
export const mapLocale: Record<string, string> = {
  "AttributionControl.ToggleAttribution": "Afficher ou masquer les crédits",
  "AttributionControl.MapFeedback": "Signaler une erreur sur la carte",
  "FullscreenControl.Enter": "Plein écran",
  "FullscreenControl.Exit": "Quitter le plein écran",
  "GeolocateControl.FindMyLocation": "Me localiser",
  "GeolocateControl.LocationNotAvailable": "Position indisponible",
  "LogoControl.Title": "Logo MapLibre",
  "Map.Title": "Carte",
  "Marker.Title": "Repère sur la carte",
  "NavigationControl.ResetBearing": "Faire glisser pour tourner la carte, cliquer pour revenir au nord",
  "NavigationControl.ZoomIn": "Zoom avant",
  "NavigationControl.ZoomOut": "Zoom arrière",
  "Popup.Close": "Fermer",
  "ScaleControl.Feet": "ft",
  "ScaleControl.Meters": "m",
  "ScaleControl.Kilometers": "km",
  "ScaleControl.Miles": "mi",
  "ScaleControl.NauticalMiles": "nmi",
  "CooperativeGesturesHandler.WindowsHelpText": "Ctrl + molette pour zoomer sur la carte",
  "CooperativeGesturesHandler.MacHelpText": "⌘ + molette pour zoomer sur la carte",
  "CooperativeGesturesHandler.MobileHelpText": "Deux doigts pour déplacer la carte",
};
