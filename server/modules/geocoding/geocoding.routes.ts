import { createRouter, defineRoute, problemResponse } from "../../lib/openapi";
import { createGeocoder } from "./geocoder";
import { AddressSearchQuery, AddressSearchResult } from "./geocoding.schemas";

const searchRoute = defineRoute({
  method: "get",
  path: "/api/geocoding/search",
  tags: ["Adresses"],
  summary: "Chercher une adresse dans la Base Adresse Nationale (suggestions, meilleures d'abord)",
  description:
    "Relaie la question au géocodeur configuré (GEOCODER_URL : Géoplateforme ou addok) ; chaque " +
    "suggestion donne le libellé, le score (0 à 1), la clé BAN, le code postal, le code INSEE de la " +
    "commune et le point WGS84. 503 GEOCODER_UNAVAILABLE quand aucun géocodeur ne répond.",
  permission: "stock.read",
  request: { query: AddressSearchQuery },
  responses: {
    200: { description: "Suggestions", content: { "application/json": { schema: AddressSearchResult } } },
    503: problemResponse("Géocodeur indisponible"),
  },
});

export const geocodingRoutes = createRouter().openapi(searchRoute, async (c) => {
  const { q, limit, postcode } = c.req.valid("query");
  const geocoder = createGeocoder(c.get("deps").env.GEOCODER_URL);
  const items = await geocoder.search(q, { limit, postcode, autocomplete: true });
  return c.json({ items }, 200);
});
