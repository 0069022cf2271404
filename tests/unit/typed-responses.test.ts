/**
 * Every JSON answer of the API has a real schema: no 2xx response, nor any part of one, is an
 * object without `properties` or a record whose values are untyped (`additionalProperties`
 * absent, `true` or `{}`). A client generated from /api/openapi.json, or a reader of the
 * document, then knows every field it gets.
 *
 * `untypedOnPurpose` names the places whose shape is not ours to describe, with the reason.
 */
import { describe, expect, it } from "vitest";
import { servedOpenApiDocument } from "../support/openapi-spec";

type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
};
type Operation = { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> };
const spec = (await servedOpenApiDocument()) as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

const isObject = (schema: Schema) =>
  schema.type === "object" || (Array.isArray(schema.type) && schema.type.includes("object"));
const isTyped = (schema: Schema | boolean | undefined): schema is Schema =>
  typeof schema === "object" && Object.keys(schema).length > 0;

const ANNOTATIONS = new Set(["description", "title", "example", "examples", "deprecated"]);

/** The JSON paths (from the response's root) of the untyped objects of a schema. */
function untypedParts(schema: Schema, at: string, seen: Set<string>): string[] {
  if (schema.$ref) {
    if (seen.has(schema.$ref)) return [];
    const target = spec.components.schemas[schema.$ref.split("/").pop() ?? ""];
    return target
      ? untypedParts(target, at, new Set([...seen, schema.$ref]))
      : [`${at} (${schema.$ref} missing)`];
  }
  const found: string[] = [];
  // an allOf branch that only annotates ({ description }) adds nothing to type
  const annotates = (branch: Schema) => Object.keys(branch).every((key) => ANNOTATIONS.has(key));
  for (const branch of [
    ...(schema.anyOf ?? []),
    ...(schema.oneOf ?? []),
    ...(schema.allOf ?? []).filter((b) => !annotates(b)),
  ])
    found.push(...untypedParts(branch, at, seen));
  if (schema.items) found.push(...untypedParts(schema.items, `${at}[]`, seen));
  if (isObject(schema)) {
    const properties = Object.entries(schema.properties ?? {});
    if (isTyped(schema.additionalProperties))
      found.push(...untypedParts(schema.additionalProperties, `${at}.*`, seen));
    else if (properties.length === 0) found.push(at);
    for (const [name, property] of properties) found.push(...untypedParts(property, `${at}.${name}`, seen));
  }
  // a schema that says nothing at all (z.unknown(), z.any()) where a value is expected
  if (
    !schema.type &&
    !schema.$ref &&
    !schema.anyOf &&
    !schema.oneOf &&
    !schema.allOf &&
    !("enum" in schema) &&
    !("const" in schema)
  )
    found.push(`${at} (any)`);
  return found;
}

const GEOMETRY =
  "GeoJSON positions nest one to three levels deep depending on the geometry type (RFC 7946 §3.1)";
const AUDIT_VALUE = "the value, before and after, of whichever column of whichever table the action changed";

const untypedOnPurpose: Record<string, string> = {
  "GET /api/audit 200 $.items[].changes.*.before (any)": AUDIT_VALUE,
  "GET /api/audit 200 $.items[].changes.*.after (any)": AUDIT_VALUE,
  "GET /api/neighbourhoods 200 $.features[].geometry.coordinates[] (any)": GEOMETRY,
  "GET /api/map/buildings.geojson 200 $.features[].geometry.coordinates[] (any)": GEOMETRY,
  "GET /api/map/neighbourhoods.geojson 200 $.features[].geometry.coordinates[] (any)": GEOMETRY,
};

describe("typed responses", () => {
  it("no 2xx JSON answer of the API is, or holds, an untyped object or record", () => {
    const untyped: string[] = [];
    for (const [path, operations] of Object.entries(spec.paths))
      for (const [method, operation] of Object.entries(operations))
        for (const [status, response] of Object.entries(operation.responses ?? {})) {
          if (!status.startsWith("2")) continue;
          for (const [type, media] of Object.entries(response.content ?? {})) {
            if (!type.includes("json") || !media.schema) continue;
            for (const part of untypedParts(media.schema, "$", new Set())) {
              const where = `${method.toUpperCase()} ${path} ${status} ${part}`;
              if (!(where in untypedOnPurpose)) untyped.push(where);
            }
          }
        }
    expect(untyped).toEqual([]);
  });

  it("every place left untyped on purpose is still in the document (the list does not rot)", () => {
    // filled below by the same walk, without the exemptions
    const all = new Set<string>();
    for (const [path, operations] of Object.entries(spec.paths))
      for (const [method, operation] of Object.entries(operations))
        for (const [status, response] of Object.entries(operation.responses ?? {}))
          for (const [type, media] of Object.entries(response.content ?? {}))
            if (status.startsWith("2") && type.includes("json") && media.schema)
              for (const part of untypedParts(media.schema, "$", new Set()))
                all.add(`${method.toUpperCase()} ${path} ${status} ${part}`);
    expect(Object.keys(untypedOnPurpose).filter((where) => !all.has(where))).toEqual([]);
  });
});
