/**
 * The authorization test: every operation of the OpenAPI document × anonymous, every role, and
 * an API token carrying each staff role's permissions × the caller's own object / another
 * organisation's object / (landlords) another landlord's object. New routes are covered without editing this file: register their fixtures
 * in tests/support/authz-fixtures.ts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import { BEARER_SCHEME } from "../../server/lib/openapi-document";
import {
  type Action,
  actions,
  can,
  type Permission,
  type Role,
  roles,
  tokenGrantableActions,
} from "../../server/modules/auth/permissions";
import { findPathFixture, type PathParams, validBodies } from "../support/authz-fixtures";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import {
  bearerFor,
  createLandlordRecord,
  createOrganisation,
  createUser,
  sessionCookieFor,
  type UserRow,
} from "../support/factories";

type Operation = {
  method: string;
  path: string;
  permission: unknown;
  hasBody: boolean;
  /** Whether the document lets an API token call it (its `security` lists the bearer scheme). */
  acceptsToken?: boolean;
  /** The statuses the document declares for it: every answer of this test must be one of them. */
  declared?: Set<string>;
};

// The OpenAPI document is built from the route declarations alone: no database is touched.
const unopened = new Proxy({} as Database, {
  get: (_target, key) => {
    if (key === "then") return undefined;
    throw new Error(`the OpenAPI document must not need the database (touched ${String(key)})`);
  },
});
const specResponse = await createTestApp(unopened).call("GET", "/api/openapi.json");
const spec = specResponse.json as { paths: Record<string, Record<string, Record<string, unknown>>> };

const HTTP_METHODS = ["get", "post", "put", "patch", "delete"];
const operations: Operation[] = Object.entries(spec.paths).flatMap(([path, item]) =>
  HTTP_METHODS.filter((method) => item[method]).map((method) => {
    const operation = item[method]!;
    return {
      method: method.toUpperCase(),
      path,
      permission: operation["x-permission"],
      hasBody: operation.requestBody !== undefined,
      acceptsToken: ((operation.security ?? []) as Record<string, unknown>[]).some(
        (requirement) => BEARER_SCHEME in requirement,
      ),
      declared: new Set(Object.keys((operation.responses ?? {}) as Record<string, unknown>)),
    };
  }),
);

const knownPermissions = new Set<unknown>([...actions, "public", "authenticated"]);
const pathParameters = (path: string) => [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);

const db = useTestDatabase();
let testApp: ReturnType<typeof createTestApp>;

/** Two organisations; in each a user per role, the landlord account's landlord and a second landlord. */
type Side = {
  organisationId: string;
  landlordId: string;
  otherLandlordId: string;
  users: Record<Role, UserRow>;
};
let home: Side;
let away: Side;

/**
 * The staff roles whose permissions an API token can carry (a landlord holds no token): each token
 * is made by the home organisation's user of that role, with every scope that role may grant.
 */
const tokenRoles = roles.filter((role) => tokenGrantableActions(role).length > 0);
const tokens = {} as Record<Role, string>;

async function createSide(): Promise<Side> {
  const org = await createOrganisation(db.current.db);
  const landlord = await createLandlordRecord(db.current.db, { organisationId: org.id });
  const otherLandlord = await createLandlordRecord(db.current.db, { organisationId: org.id });
  const users = {} as Record<Role, UserRow>;
  for (const role of roles) {
    users[role] = await createUser(db.current.db, {
      organisationId: org.id,
      role,
      landlordId: role === "landlord" ? landlord.id : null,
    });
  }
  return { organisationId: org.id, landlordId: landlord.id, otherLandlordId: otherLandlord.id, users };
}

beforeAll(async () => {
  testApp = createTestApp(db.current);
  home = await createSide();
  away = await createSide();
  for (const role of tokenRoles)
    tokens[role] = (
      await bearerFor(db.current.db, home.users[role], { name: `Jeton ${role}` })
    ).authorization;
});

type Caller = Role | "anonymous" | { token: Role };
type Target = { side: Side; landlordId: string; role: Role };

async function fillPath(operation: Operation, target: Target): Promise<{ url: string; params: PathParams }> {
  const names = pathParameters(operation.path);
  if (names.length === 0) return { url: operation.path, params: {} };
  const fixture = findPathFixture(operation.path)!;
  const params = await fixture({
    db: db.current.db,
    organisationId: target.side.organisationId,
    landlordId: target.landlordId,
    userId: target.side.users[target.role].id,
  });
  let url = operation.path;
  for (const name of names) {
    const value = params[name];
    if (value === undefined) throw new Error(`the fixture of ${operation.path} returned no "${name}"`);
    url = url.replace(`{${name}}`, encodeURIComponent(value));
  }
  return { url, params };
}

async function send(operation: Operation, caller: Caller, target: Target) {
  const { url, params } = await fillPath(operation, target);
  const cookie =
    caller === "anonymous" || typeof caller === "object"
      ? undefined
      : await sessionCookieFor(db.current.db, home.users[caller], testApp.clock.now());
  const authorization = typeof caller === "object" ? tokens[caller.token] : undefined;
  const bodyFixture = validBodies[`${operation.method} ${operation.path}`];
  let body: unknown;
  if (operation.hasBody) {
    body = bodyFixture
      ? await bodyFixture({
          db: db.current.db,
          organisationId: target.side.organisationId,
          landlordId: target.landlordId,
          userId: target.side.users[target.role].id,
          params,
        })
      : {};
  }
  if (body instanceof FormData) {
    const headers: Record<string, string> = { origin: "http://localhost", "sec-fetch-site": "same-origin" };
    if (cookie) headers.cookie = cookie;
    if (authorization) headers.authorization = authorization;
    const response = await testApp.app.request(`http://localhost${url}`, {
      method: operation.method,
      headers,
      body,
    });
    const json = (response.headers.get("content-type") ?? "").includes("json")
      ? await response.json()
      : undefined;
    return { status: response.status, json: json as { code?: string } | undefined, url };
  }
  const response = await testApp.call(operation.method, url, {
    cookie,
    body,
    headers: authorization ? { authorization } : undefined,
  });
  return { status: response.status, json: response.json as { code?: string } | undefined, url };
}

/**
 * Every failure of one operation, as sentences for the developer (the meta-tests at the end
 * prove that each kind of defect is reported).
 */
async function checkOperation(operation: Operation): Promise<string[]> {
  const name = `${operation.method} ${operation.path}`;
  const permission = operation.permission;
  if (permission === undefined) {
    return [`${name} declares no permission (x-permission): declare it with defineRoute({ permission })`];
  }
  if (!knownPermissions.has(permission))
    return [`${name} declares an unknown permission "${String(permission)}"`];
  const hasParams = pathParameters(operation.path).length > 0;
  if (hasParams && !findPathFixture(operation.path)) {
    return [
      `${name} has path parameters but no fixture: register "${operation.path}" in pathFixtures of ` +
        "tests/support/authz-fixtures.ts (a function creating the object in ctx.organisationId, " +
        "owned by ctx.landlordId when a landlord can reach it, returning its path parameters)",
    ];
  }
  const failures: string[] = [];
  const expectStatus = (
    scenario: string,
    got: { status: number; json?: { code?: string } },
    ok: boolean,
    want: string,
  ) => {
    if (!ok)
      failures.push(
        `${name} — ${scenario}: expected ${want}, got ${got.status} ${got.json?.code ?? ""}`.trim(),
      );
    else if (operation.declared && !operation.declared.has(String(got.status)))
      failures.push(
        `${name} — ${scenario}: answered ${got.status} ${got.json?.code ?? ""}, which its OpenAPI ` +
          "operation does not declare (declare it in the route's responses, or in defineRoute)",
      );
  };
  const homeTarget = (role: Role): Target => ({ side: home, landlordId: home.landlordId, role });

  // anonymous
  const anonymous = await send(operation, "anonymous", homeTarget("admin"));
  if (permission === "public") {
    expectStatus(
      "anonymous on a public route",
      anonymous,
      ![401, 403].includes(anonymous.status) && anonymous.status < 500,
      "neither 401/403 nor 5xx",
    );
  } else {
    expectStatus(
      "anonymous",
      anonymous,
      anonymous.status === 401 && anonymous.json?.code === "UNAUTHENTICATED",
      "401 UNAUTHENTICATED",
    );
  }

  for (const role of roles) {
    const allowed = can(role, permission as Permission);
    if (!allowed) {
      const refused = await send(operation, role, homeTarget(role));
      expectStatus(
        `${role} (lacks ${String(permission)})`,
        refused,
        refused.status === 403 && refused.json?.code === "FORBIDDEN",
        "403 FORBIDDEN",
      );
      continue;
    }
    const own = await send(operation, role, homeTarget(role));
    expectStatus(
      `${role} on its own ${hasParams ? "object" : "organisation"}`,
      own,
      ![401, 403, 404].includes(own.status) && own.status < 500,
      "a 2xx or a validation answer, not 401/403/404/5xx",
    );
    if (!hasParams || permission === "public") continue;

    const foreign = await send(operation, role, { side: away, landlordId: away.landlordId, role });
    const noBody = operation.hasBody && !validBodies[name];
    if (foreign.status === 422 && noBody) {
      failures.push(
        `${name} — ${role} on another organisation's object answered 422 to an empty body, which hides ` +
          `the 404: register a valid body for "${name}" in validBodies of tests/support/authz-fixtures.ts`,
      );
    } else {
      expectStatus(
        `${role} on another organisation's object`,
        foreign,
        foreign.status === 404 && foreign.json?.code === "NOT_FOUND",
        "404 NOT_FOUND",
      );
    }
    if (role === "landlord") {
      const neighbour = await send(operation, role, { side: home, landlordId: home.otherLandlordId, role });
      expectStatus(
        "landlord on another landlord's object",
        neighbour,
        neighbour.status === 404 && neighbour.json?.code === "NOT_FOUND",
        "404 NOT_FOUND",
      );
    }
  }
  if (permission !== "public") await checkTokens(operation, expectStatus);
  return failures;
}

/**
 * The same operation called with an API token carrying each staff role's permissions: refused
 * with 403 SESSION_REQUIRED where the document does not accept a token, 403 FORBIDDEN outside the
 * token's scopes, otherwise served like the role's session (404 on another organisation's object).
 */
async function checkTokens(
  operation: Operation,
  expectStatus: (
    scenario: string,
    got: { status: number; json?: { code?: string } },
    ok: boolean,
    want: string,
  ) => void,
): Promise<void> {
  const permission = operation.permission as Exclude<Permission, "public">;
  const hasParams = pathParameters(operation.path).length > 0;
  for (const role of tokenRoles) {
    const target = (side: Side): Target => ({ side, landlordId: side.landlordId, role });
    const own = await send(operation, { token: role }, target(home));
    const name = `token of ${role}`;
    if (!operation.acceptsToken) {
      expectStatus(
        name,
        own,
        own.status === 403 && own.json?.code === "SESSION_REQUIRED",
        "403 SESSION_REQUIRED",
      );
      continue;
    }
    if (!tokenGrantableActions(role).includes(permission as Action)) {
      expectStatus(
        `${name} (lacks ${permission})`,
        own,
        own.status === 403 && own.json?.code === "FORBIDDEN",
        "403 FORBIDDEN",
      );
      continue;
    }
    expectStatus(
      `${name} on its own ${hasParams ? "object" : "organisation"}`,
      own,
      ![401, 403, 404].includes(own.status) && own.status < 500,
      "a 2xx or a validation answer, not 401/403/404/5xx",
    );
    if (!hasParams) continue;
    const foreign = await send(operation, { token: role }, target(away));
    expectStatus(
      `${name} on another organisation's object`,
      foreign,
      foreign.status === 404 && foreign.json?.code === "NOT_FOUND",
      "404 NOT_FOUND",
    );
  }
}

describe("authorization of every operation of the OpenAPI document", () => {
  it("reads a document listing the API's operations", () => {
    expect(specResponse.status).toBe(200);
    expect(operations.length).toBeGreaterThanOrEqual(10);
    expect(operations.map((op) => `${op.method} ${op.path}`)).toContain("GET /api/users/{id}");
  });

  for (const operation of operations) {
    it(`${operation.method} ${operation.path} (${String(operation.permission)})`, async () => {
      const failures = await checkOperation(operation);
      expect(failures, failures.join("\n")).toEqual([]);
    });
  }
});

describe("the authorization test reports each kind of defect", () => {
  it("an operation without a permission", async () => {
    const failures = await checkOperation({
      method: "GET",
      path: "/api/health",
      permission: undefined,
      hasBody: false,
    });
    expect(failures.join()).toMatch(/declares no permission/);
  });

  it("an operation with path parameters and no fixture", async () => {
    const failures = await checkOperation({
      method: "GET",
      path: "/api/nowhere/{nowhereId}",
      permission: "stock.read",
      hasBody: false,
    });
    expect(failures.join()).toMatch(/register "\/api\/nowhere\/\{nowhereId\}" in pathFixtures/);
  });

  it("an answer whose status the document does not declare", async () => {
    const failures = await checkOperation({
      method: "GET",
      path: "/api/users/{id}",
      permission: "users.manage",
      hasBody: false,
      declared: new Set(["200", "403", "404"]),
    });
    expect(failures.join("\n")).toMatch(/anonymous: answered 401 UNAUTHENTICATED, which its OpenAPI/);
  });

  it("a route whose declared permission is not the one enforced", async () => {
    // GET /api/users/{id} enforces users.manage; claiming stock.read makes officers expect access
    const failures = await checkOperation({
      method: "GET",
      path: "/api/users/{id}",
      permission: "stock.read",
      hasBody: false,
    });
    expect(failures.join("\n")).toMatch(/housing_officer on its own object: expected .* got 403/);
  });

  it("a route the document opens to tokens that takes a session", async () => {
    const failures = await checkOperation({
      method: "GET",
      path: "/api/auth/me",
      permission: "authenticated",
      hasBody: false,
      acceptsToken: true,
    });
    expect(failures.join("\n")).toMatch(
      /token of admin \(lacks authenticated\): expected 403 FORBIDDEN, got 403 SESSION_REQUIRED/,
    );
  });

  it("a route the document closes to tokens that serves them", async () => {
    const failures = await checkOperation({
      method: "GET",
      path: "/api/landlords",
      permission: "landlords.read",
      hasBody: false,
      acceptsToken: false,
    });
    expect(failures.join("\n")).toMatch(/token of admin: expected 403 SESSION_REQUIRED, got 200/);
  });

  it("a route claimed public that requires a session", async () => {
    const failures = await checkOperation({
      method: "GET",
      path: "/api/audit",
      permission: "public",
      hasBody: false,
    });
    expect(failures.join("\n")).toMatch(
      /anonymous on a public route: expected neither 401\/403 nor 5xx, got 401/,
    );
  });
});
