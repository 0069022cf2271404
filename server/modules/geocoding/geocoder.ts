import { AppError } from "../../lib/errors";
import { type AddressCandidate, parseBanAnswer } from "./geocoding.rules";

export type GeocodeOptions = { limit?: number; postcode?: string; citycode?: string; autocomplete?: boolean };

export type Geocoder = {
  readonly enabled: boolean;
  search(query: string, options?: GeocodeOptions): Promise<AddressCandidate[]>;
};

/** How long the geocoder may take before the form falls back to placing the point on the map. */
const TIMEOUT_MS = 5_000;

/**
 * A BAN geocoder at `baseUrl` (the Géoplateforme's https://data.geopf.fr/geocodage, or a
 * self-hosted addok such as http://addok:7878): `GET {baseUrl}/search?q=…&limit=…`.
 * Asked by the server, never by the browser: the officer's searches stay between the server
 * and the geocoder, and the browser needs no other origin. An empty URL: no geocoder.
 */
export function createGeocoder(baseUrl: string, fetchImpl: typeof fetch = fetch): Geocoder {
  const unavailable = (detail: string) =>
    new AppError("GEOCODER_UNAVAILABLE", `${detail} : placez le point sur la carte.`);
  return {
    enabled: baseUrl !== "",
    async search(query, options = {}) {
      if (baseUrl === "") throw unavailable("Aucun service de géocodage n'est configuré");
      const url = new URL(`${baseUrl.replace(/\/+$/, "")}/search`);
      url.searchParams.set("q", query);
      url.searchParams.set("limit", String(options.limit ?? 5));
      if (options.autocomplete !== undefined)
        url.searchParams.set("autocomplete", options.autocomplete ? "1" : "0");
      if (options.postcode) url.searchParams.set("postcode", options.postcode);
      if (options.citycode) url.searchParams.set("citycode", options.citycode);
      let response: Response;
      try {
        response = await fetchImpl(url, {
          headers: { accept: "application/json" },
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
      } catch {
        throw unavailable("Le service d'adresses ne répond pas");
      }
      if (!response.ok) throw unavailable(`Le service d'adresses a répondu ${response.status}`);
      const candidates = parseBanAnswer(await response.json().catch(() => null));
      if (!candidates) throw unavailable("Le service d'adresses a donné une réponse illisible");
      return candidates;
    },
  };
}
