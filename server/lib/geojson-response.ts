import type { Context } from "hono";

/** A GeoJSON document sent as application/geo+json (RFC 7946 §12), for maps to load directly. */
export function geoJsonResponse(c: Context, document: unknown): never {
  return c.body(JSON.stringify(document), 200, { "content-type": "application/geo+json" }) as never;
}
