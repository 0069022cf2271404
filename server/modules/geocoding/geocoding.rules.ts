/**
 * Addresses from the Base Adresse Nationale (BAN), as its geocoders answer them: the
 * Géoplateforme service (data.geopf.fr/geocodage/search) and addok, the engine behind it, answer
 * `GET /search?q=…` with a GeoJSON FeatureCollection whose features carry `label`, `score`
 * (0 to 1), `id` (the BAN key, e.g. "21231_0470_00012"), `type` (housenumber, street, locality,
 * municipality), `name`, `housenumber`, `street`, `postcode`, `citycode` (the INSEE commune
 * code), `city`, `context`; the point is in WGS84 longitude/latitude.
 */

export type AddressCandidate = {
  label: string;
  /** 0..1: how well the answer matches the question (BAN's own score) */
  score: number;
  /** the BAN key of the address (its "clé d'interopérabilité") */
  banId: string | null;
  kind: "housenumber" | "street" | "locality" | "municipality";
  /** "12 Rue de la Liberté": the number and the street, as the building's street line */
  street: string;
  postcode: string;
  city: string;
  /** the INSEE commune code (code officiel géographique), not the postcode */
  inseeCode: string | null;
  lng: number;
  lat: number;
};

const kinds = new Set(["housenumber", "street", "locality", "municipality"]);

/** Below this score a geocoded address is shown for review before it is trusted. */
export const REVIEW_SCORE_BELOW = 0.7;

/** A product threshold (not a published figure): BAN's own doc calls answers above ~0.7 reliable for a full address. */
export function needsReview(candidate: Pick<AddressCandidate, "score" | "kind"> | null): boolean {
  return candidate === null || candidate.score < REVIEW_SCORE_BELOW || candidate.kind !== "housenumber";
}

const text = (value: unknown): string | null =>
  typeof value === "string" && value.trim() !== "" ? value.trim() : null;

/**
 * The candidates of a BAN answer, best first, dropping features that lack a point or a label.
 * Anything that is not a FeatureCollection gives null (the geocoder spoke another language).
 */
export function parseBanAnswer(answer: unknown): AddressCandidate[] | null {
  if (!answer || typeof answer !== "object") return null;
  const collection = answer as { type?: unknown; features?: unknown };
  if (collection.type !== "FeatureCollection" || !Array.isArray(collection.features)) return null;
  const candidates: AddressCandidate[] = [];
  for (const feature of collection.features as unknown[]) {
    const f = feature as { geometry?: { type?: unknown; coordinates?: unknown }; properties?: unknown };
    const coordinates = f?.geometry?.type === "Point" ? f.geometry.coordinates : null;
    if (!Array.isArray(coordinates) || coordinates.length < 2) continue;
    const [lng, lat] = coordinates as [unknown, unknown];
    if (typeof lng !== "number" || typeof lat !== "number" || Math.abs(lng) > 180 || Math.abs(lat) > 90)
      continue;
    const p = (f.properties ?? {}) as Record<string, unknown>;
    const label = text(p.label);
    if (!label) continue;
    const kind = (kinds.has(String(p.type)) ? p.type : "locality") as AddressCandidate["kind"];
    const number = text(p.housenumber);
    const streetName = text(p.street) ?? text(p.name) ?? "";
    const street = kind === "housenumber" && number ? `${number} ${streetName}`.trim() : (text(p.name) ?? "");
    const score =
      typeof p.score === "number" && Number.isFinite(p.score) ? Math.max(0, Math.min(1, p.score)) : 0;
    candidates.push({
      label,
      score,
      banId: text(p.id),
      kind,
      street,
      postcode: text(p.postcode) ?? "",
      city: text(p.city) ?? "",
      inseeCode: text(p.citycode),
      lng,
      lat,
    });
  }
  return candidates.sort((a, b) => b.score - a.score);
}

/** The question asked for one line of an import: the street, postcode and city as one text. */
export function addressQuery(parts: {
  street?: string | null;
  postcode?: string | null;
  city?: string | null;
}) {
  return [parts.street, parts.postcode, parts.city]
    .map((part) => part?.trim() ?? "")
    .filter(Boolean)
    .join(" ");
}

/**
 * What a line of an import gets from the geocoder's candidates: "found" (the best is a house
 * number scored at least REVIEW_SCORE_BELOW: its point is trusted), "review" (an answer, but
 * uncertain: an officer must confirm it or pick another) or "not_found".
 */
export function geocodingOutcome(candidates: readonly AddressCandidate[]): "found" | "review" | "not_found" {
  const best = candidates[0] ?? null;
  if (best === null) return "not_found";
  return needsReview(best) ? "review" : "found";
}
