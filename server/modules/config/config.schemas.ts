import { z } from "@hono/zod-openapi";

/** What the browser app needs to know before login: public, no secret in it. */
export const PublicConfig = z
  .object({
    /**
     * The basemap's MapLibre style URL (env MAP_BASEMAP: Plan IGN by default, or MAP_STYLE_URL),
     * drawn under the app's layers; null: the plain background, nothing fetched outside the server.
     */
    mapStyleUrl: z.string().nullable(),
    /** The credit shown with the basemap when the style does not carry its own (IGN's Licence Ouverte). */
    mapAttribution: z.string().nullable(),
    /** Whether an address geocoder is configured (env GEOCODER_URL): address search with suggestions. */
    geocoder: z.boolean(),
    /** The server's business date (Europe/Paris, injected clock): the UI counts deadlines from it. */
    today: z.string(),
  })
  .openapi("PublicConfig");
