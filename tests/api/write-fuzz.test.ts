import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import { createOrganisation, createUser, sessionCookieFor } from "../support/factories";

/**
 * Every write operation of the OpenAPI document (so a new route is covered the day it lands) gets
 * bodies a client should never send: malformed JSON, the wrong or no content type, NUL bytes and
 * escape sequences in each text field, impossible and extreme dates, a body past the size limit.
 * None may answer 5xx, and a refused request writes nothing (the audit chain does not grow).
 */
const db = useTestDatabase();

type Schema = {
  type?: string | string[];
  format?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  $ref?: string;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};
type Operation = {
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, unknown>;
};

const SOME_ID = "00000000-0000-4000-8000-000000000000";

function resolve(schema: Schema | undefined, components: Record<string, Schema>, depth = 0): Schema {
  if (!schema || depth > 8) return {};
  if (schema.$ref) return resolve(components[schema.$ref.split("/").pop()!], components, depth + 1);
  const variant = schema.allOf?.[0] ?? schema.anyOf?.[0] ?? schema.oneOf?.[0];
  return variant ? { ...resolve(variant, components, depth + 1), ...schema, allOf: undefined } : schema;
}

/** A body whose every text field holds `text` and every date field `date`, other fields plausible. */
function sample(
  schema: Schema,
  components: Record<string, Schema>,
  text: string,
  date: string,
  depth = 0,
): unknown {
  const s = resolve(schema, components);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  if (depth > 6) return null;
  if (s.properties || type === "object") {
    return Object.fromEntries(
      Object.entries(s.properties ?? {}).map(([key, child]) => [
        key,
        sample(child, components, text, date, depth + 1),
      ]),
    );
  }
  if (type === "array") return [sample(s.items ?? {}, components, text, date, depth + 1)];
  if (type === "integer" || type === "number") return 1;
  if (type === "boolean") return true;
  if (s.format === "date") return date;
  if (s.format === "uuid") return SOME_ID;
  return text;
}

describe("fuzz of every write operation", () => {
  it("never answers 5xx and writes nothing when it refuses", async () => {
    const { call, app, clock } = createTestApp(db.current);
    const organisation = await createOrganisation(db.current.db);
    const admin = await createUser(db.current.db, { organisationId: organisation.id, role: "admin" });
    const cookie = await sessionCookieFor(db.current.db, admin, clock.now());
    const document = (await call("GET", "/api/openapi.json")).json as {
      paths: Record<string, Record<string, Operation>>;
      components?: { schemas?: Record<string, Schema> };
    };
    const components = document.components?.schemas ?? {};
    const auditRows = async () => {
      const result = await db.current.db.execute(sql`select count(*)::int as n from audit_log`);
      const rows = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
      return (rows[0] as { n: number }).n;
    };

    const failures: string[] = [];
    let sent = 0;
    const send = async (
      method: string,
      path: string,
      body: string,
      type: string | undefined,
      declared: Record<string, unknown>,
    ) => {
      const before = await auditRows();
      const headers: Record<string, string> = {
        cookie,
        origin: "http://localhost",
        "sec-fetch-site": "same-origin",
        "idempotency-key": `fuzz-${sent}`,
      };
      if (type) headers["content-type"] = type;
      const response = await app.request(`http://localhost${path}`, {
        method: method.toUpperCase(),
        headers,
        body,
      });
      sent++;
      const label = `${method.toUpperCase()} ${path} [${type ?? "no type"}] ${String(body).slice(0, 60)}`;
      if (response.status >= 500) failures.push(`${response.status} ${label} ${await response.text()}`);
      else if (!(String(response.status) in declared))
        failures.push(`undeclared ${response.status} (${(await response.text()).slice(0, 80)}): ${label}`);
      else if (response.status >= 400 && (await auditRows()) !== before)
        failures.push(`half-written: ${label}`);
    };

    const huge = JSON.stringify({ filler: "x".repeat(1024 * 1024 + 10) });
    for (const [template, operations] of Object.entries(document.paths)) {
      const path = template.replace(/\{[^}]+\}/g, SOME_ID);
      for (const [method, operation] of Object.entries(operations)) {
        if (!["post", "put", "patch", "delete"].includes(method)) continue;
        const content = operation.requestBody?.content ?? {};
        const schema = content["application/json"]?.schema;
        const declared = operation.responses ?? {};
        await send(method, path, "{not json", "application/json", declared);
        await send(method, path, '{"a":1}', "text/plain", declared);
        await send(method, path, "a;b\n1;2", "text/csv", declared);
        await send(method, path, '{"a":1}', undefined, declared);
        await send(method, path, huge, "application/json", declared);
        if (schema) {
          for (const [text, date] of [
            ["nul\u0000", "2026-11-20"],
            ["esc\u001b[0m", "2026-11-20"],
            ["texte", "2026-02-31"],
            ["texte", "9999-12-31"],
            ["texte", "0000-01-01"],
            ["texte", "2062-11-23"],
          ] as const) {
            await send(
              method,
              path,
              JSON.stringify(sample(schema, components, text, date)),
              "application/json",
              declared,
            );
          }
        }
      }
    }
    expect(sent).toBeGreaterThan(300);
    expect(failures).toEqual([]);
  }, 180_000);
});
