/**
 * No list of the API is unbounded: every GET operation whose answer is a collection (a JSON array,
 * an object with an `items` array, a GeoJSON FeatureCollection) takes the `limit` and `offset`
 * query parameters of server/lib/pagination.ts and answers `{ items, total, limit, offset }`.
 *
 * `boundedOtherwise` names the collections whose size is bounded by something else than a page,
 * with the bound.
 */
import { describe, expect, it } from "vitest";
import { servedOpenApiDocument } from "../support/openapi-spec";

type Schema = {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
};
type Operation = {
  parameters?: { name: string; in: string }[];
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
};
const spec = (await servedOpenApiDocument()) as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

const resolve = (schema: Schema | undefined): Schema | undefined =>
  schema?.$ref ? spec.components.schemas[schema.$ref.split("/").pop()!] : schema;

/** The collection a 200 answer carries, if it is one: "array", "items" or "features". */
function collectionShape(operation: Operation): string | null {
  const content = operation.responses?.["200"]?.content ?? {};
  for (const [type, media] of Object.entries(content)) {
    if (!type.includes("json")) continue;
    const schema = resolve(media.schema);
    if (!schema) continue;
    if (schema.type === "array") return "array";
    for (const key of ["items", "features"]) {
      if (resolve(schema.properties?.[key])?.type === "array") return key;
    }
  }
  return null;
}

const boundedOtherwise: Record<string, string> = {
  "GET /api/geocoding/search": "a search of the address service, at most 10 answers (limit ≤ 10)",
  "GET /api/map/units.geojson": "the units inside the asked bounding box, drawn on the map",
  "GET /api/map/buildings.geojson": "the buildings of the site, drawn on the map",
  "GET /api/map/neighbourhoods.geojson": "the neighbourhood contours of the site's city",
  "GET /api/neighbourhoods": "the neighbourhood contours of the site's city",
};

const collections = Object.entries(spec.paths).flatMap(([path, item]) =>
  item.get && collectionShape(item.get) ? [{ key: `GET ${path}`, operation: item.get }] : [],
);
const queryNames = (operation: Operation) =>
  new Set((operation.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name));

describe("every list of the API is paginated", () => {
  it("finds the collections (the walk is not vacuous)", () => {
    expect(collections.length).toBeGreaterThan(20);
    expect(collections.map((c) => c.key)).toContain("GET /api/units");
  });

  it("every GET collection takes limit and offset and answers total, limit and offset", () => {
    const offenders = collections
      .filter(({ key }) => !(key in boundedOtherwise))
      .filter(({ operation }) => {
        const names = queryNames(operation);
        const schema = resolve(
          Object.values(operation.responses?.["200"]?.content ?? {}).find((media) => media.schema)?.schema,
        );
        const required = new Set(schema?.required ?? []);
        return !(
          names.has("limit") &&
          names.has("offset") &&
          ["items", "total", "limit", "offset"].every((field) => required.has(field))
        );
      })
      .map(({ key }) => key);
    expect(offenders).toEqual([]);
  });
});
