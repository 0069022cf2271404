/**
 * The API contract says what the code does: every operation named (a unique operationId), tagged
 * with a declared tag (one for the whole landlord portal), secured according to its permission,
 * and declaring the error statuses the middleware and the error handler can answer, each with the
 * problem+json schema whose `code` lists errors.ts.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { errorCatalogue } from "../../server/lib/errors";
import { operationIdOf } from "../../server/lib/openapi";
import { apiTags, BEARER_SCHEME, PORTAL_TAG, SESSION_SCHEME } from "../../server/lib/openapi-document";
import { SESSION_COOKIE } from "../../server/modules/auth/session-cookie";
import { servedOpenApiDocument } from "../support/openapi-spec";

type Media = Record<string, { schema?: { $ref?: string } }>;
type Operation = {
  operationId?: string;
  tags?: string[];
  description?: string;
  security?: Record<string, string[]>[];
  "x-permission": string;
  parameters?: {
    name: string;
    in: string;
    required?: boolean;
    schema?: { pattern?: string; example?: string };
  }[];
  requestBody?: unknown;
  responses: Record<string, { content?: Media }>;
};
type Spec = {
  servers?: { url: string }[];
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, { properties?: Record<string, { enum?: string[] }> }>;
    securitySchemes?: Record<string, unknown>;
  };
};

const spec = (await servedOpenApiDocument()) as Spec;
const operations = Object.entries(spec.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({
    name: `${method.toUpperCase()} ${path}`,
    path,
    method,
    operation,
  })),
);
const isWrite = (method: string) => ["post", "put", "patch", "delete"].includes(method);
const statuses = (operation: Operation) => Object.keys(operation.responses);

describe("operationIds", () => {
  it.each([
    ["get", "/api/health", "getHealth"],
    ["post", "/api/leases/{id}/notices", "postLeasesByIdNotices"],
    ["patch", "/api/panels/{id}/offers/{offerId}", "patchPanelsByIdOffersByOfferId"],
    ["get", "/api/map/units.geojson", "getMapUnitsGeojson"],
    ["post", "/api/ledger/bank-imports", "postLedgerBankImports"],
  ])("%s %s → %s", (method, path, id) => {
    expect(operationIdOf(method, path)).toBe(id);
  });

  it("every operation has one, unique and URL-safe", () => {
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(ids.filter((id) => !id || !/^[a-z][A-Za-z0-9]*$/.test(id))).toEqual([]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(operations.length).toBeGreaterThan(100);
  });
});

describe("tags", () => {
  const declared = (spec.tags ?? []).map((tag) => tag.name);

  it("are declared at document level with a French description, each used", () => {
    expect(declared).toEqual(apiTags.map((tag) => tag.name));
    expect((spec.tags ?? []).filter((tag) => !tag.description)).toEqual([]);
    const used = new Set(operations.flatMap(({ operation }) => operation.tags ?? []));
    expect(declared.filter((name) => !used.has(name))).toEqual([]);
  });

  it("every operation has exactly one declared tag", () => {
    const offenders = operations.filter(
      ({ operation }) => operation.tags?.length !== 1 || !declared.includes(operation.tags[0]!),
    );
    expect(offenders.map(({ name, operation }) => `${name} ${operation.tags}`)).toEqual([]);
  });

  it("the landlord portal is one tag, exactly the /api/portal/* operations", () => {
    const portal = operations.filter(({ path }) => path.startsWith("/api/portal/"));
    expect(portal.length).toBeGreaterThan(5);
    for (const { name, operation, path } of operations)
      expect([name, operation.tags?.[0] === PORTAL_TAG]).toEqual([name, path.startsWith("/api/portal/")]);
  });
});

describe("security", () => {
  it("the session cookie and the API tokens are the declared schemes", () => {
    expect(spec.components.securitySchemes).toEqual({
      [SESSION_SCHEME]: expect.objectContaining({ type: "apiKey", in: "cookie", name: SESSION_COOKIE }),
      [BEARER_SCHEME]: expect.objectContaining({ type: "http", scheme: "bearer" }),
    });
  });

  it("every operation's security and description follow its permission", () => {
    for (const { name, method, operation } of operations) {
      const permission = operation["x-permission"];
      // a person's own session and the tokens themselves are never reached with a token
      const sessionOnly = permission === "authenticated" || name.includes(" /api/api-tokens");
      const expected =
        permission === "public"
          ? []
          : sessionOnly
            ? [{ [SESSION_SCHEME]: [] }]
            : [{ [SESSION_SCHEME]: [] }, { [BEARER_SCHEME]: [] }];
      expect([name, operation.security]).toEqual([name, expected]);
      if (permission !== "public")
        expect([name, operation.description]).toEqual([
          name,
          expect.stringContaining(sessionOnly ? "403 SESSION_REQUIRED" : "Jeton d'API accepté"),
        ]);
      if (permission !== "public" && permission !== "authenticated")
        expect([name, operation.description]).toEqual([
          name,
          expect.stringContaining(`Permission : ${permission} (rôles : `),
        ]);
      if (isWrite(method))
        expect([name, operation.description]).toEqual([name, expect.stringContaining("403 CSRF_REJECTED")]);
    }
  });
});

describe("error statuses", () => {
  it("Problem.code is the list of errors.ts", () => {
    expect(spec.components.schemas.Problem?.properties?.code?.enum).toEqual(Object.keys(errorCatalogue));
  });

  it("every 4xx and 5xx answers the Problem schema (the health check's own 503 aside)", () => {
    const offenders = operations.flatMap(({ name, operation }) =>
      Object.entries(operation.responses)
        .filter(([status]) => Number(status) >= 400)
        .filter(
          ([, response]) =>
            response.content?.["application/problem+json"]?.schema?.$ref !== "#/components/schemas/Problem",
        )
        .map(([status]) => `${name} ${status}`),
    );
    expect(offenders).toEqual(["GET /api/health 503"]);
  });

  it("each operation declares what the middleware can answer", () => {
    for (const { name, method, operation } of operations) {
      const permission = operation["x-permission"];
      const expected = ["404", "503"];
      if (operation.requestBody) expected.push("400", "413", "415", "422");
      if (permission !== "public") expected.push("401", "422");
      if (isWrite(method)) expected.push("403", "409", "413");
      if (permission !== "public" && permission !== "authenticated") expected.push("403");
      const key = operation.parameters?.find((p) => p.in === "header" && p.name === "idempotency-key");
      if (key) expected.push("428");
      expect([name, statuses(operation)]).toEqual([name, expect.arrayContaining(expected)]);
    }
  });

  it("the login declares its 429", () => {
    expect(statuses(spec.paths["/api/auth/login"]!.post!)).toContain("429");
  });
});

describe("Idempotency-Key", () => {
  const keyed = operations.filter(({ operation }) =>
    operation.parameters?.some((p) => p.in === "header" && p.name === "idempotency-key"),
  );

  it("is required wherever it is declared", () => {
    expect(keyed.length).toBeGreaterThan(10);
    const optional = keyed.filter(({ operation }) =>
      operation.parameters?.some((p) => p.name === "idempotency-key" && p.required !== true),
    );
    expect(optional.map(({ name }) => name)).toEqual([]);
  });

  it("is declared by exactly the routes whose handlers insist on it", () => {
    const root = fileURLToPath(new URL("../../server/modules/", import.meta.url));
    const files = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) =>
      f.endsWith(".routes.ts"),
    );
    const counts = files.map((file) => {
      const source = readFileSync(join(root, file), "utf8");
      return [
        file,
        source.split("idempotentRequest(").length - 1,
        source.split("headers: IdempotencyHeaders").length - 1,
      ];
    });
    expect(counts.filter(([, calls, declared]) => calls !== declared)).toEqual([]);
    expect(counts.reduce((sum, [, calls]) => sum + Number(calls), 0)).toBe(keyed.length);
  });
});

describe("the document as a whole", () => {
  it("declares its server", () => {
    expect(spec.servers?.length).toBeGreaterThan(0);
  });

  it("every pattern is a bare regular expression that its example matches", () => {
    const patterns: { pattern: string; example?: unknown }[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === "object") {
        const record = node as Record<string, unknown>;
        if (typeof record.pattern === "string")
          patterns.push({ pattern: record.pattern, example: record.example });
        Object.values(record).forEach(walk);
      }
    };
    walk(spec);
    expect(patterns.filter(({ pattern }) => /\/[dgimsuy]*$/.test(pattern))).toEqual([]);
    for (const { pattern, example } of patterns)
      if (typeof example === "string")
        expect([pattern, new RegExp(pattern, "u").test(example)]).toEqual([pattern, true]);
  });

  it("the document file pattern takes <id>.pdf in any case, nothing else", () => {
    const parameter = spec.paths["/api/documents/{file}"]!.get!.parameters!.find((p) => p.name === "file")!;
    const pattern = new RegExp(parameter.schema!.pattern!, "u");
    expect(pattern.test("0f8fad5b-d9cb-469f-a165-70867728950e.pdf")).toBe(true);
    expect(pattern.test("0F8FAD5B-D9CB-469F-A165-70867728950E.PDF")).toBe(true);
    expect(pattern.test("0f8fad5b-d9cb-469f-a165-70867728950e.txt")).toBe(false);
    expect(pattern.test("0f8fad5b-d9cb-469f-a165-70867728950e")).toBe(false);
  });
});
