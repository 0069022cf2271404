import { z } from "@hono/zod-openapi";

/** What the browser app needs to know before login: public, no secret in it. */
export const PublicConfig = z
  .object({
    /** A vector-tile style URL (env MAP_STYLE_URL) drawn under the app's layers; null: offline plain background. */
    mapStyleUrl: z.string().nullable(),
    /** The server's business date (Europe/Paris, injected clock): the UI counts deadlines from it. */
    today: z.string(),
  })
  .openapi("PublicConfig");
