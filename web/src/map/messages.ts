/** What the map says, in one line, when the basemap cannot be reached (no DOM import: tests read it). */
export const basemapUnavailableMessage =
  "Fond de carte indisponible : la carte reste utilisable sur un fond neutre.";
