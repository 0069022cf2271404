import { createRoute, OpenAPIHono, type RouteConfig, z } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { bearerSecret } from "../modules/api-tokens/api-tokens.rules";
import { resolveApiToken } from "../modules/api-tokens/api-tokens.service";
import type { Actor } from "../modules/auth/actor";
import { actionLabels, can, type Permission, roles } from "../modules/auth/permissions";
import { readSessionCookie } from "../modules/auth/session-cookie";
import { controlCharacterFields } from "./control-characters";
import { AppError, type ErrorCode, errorCatalogue, type InvalidField } from "./errors";
import type { AppEnv } from "./hono";
import { BEARER_SCHEME, PORTAL_TAG, SESSION_SCHEME } from "./openapi-document";
import { useFrenchMessages } from "./zod-messages";

// validation messages in French, for the API's problem documents and the forms alike
useFrenchMessages(z);

/** Turns zod issues into the `errors` list of a problem document (path "unitIds.2"). */
export function zodIssuesToFields(issues: readonly z.core.$ZodIssue[], prefix?: string): InvalidField[] {
  return issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter((part) => part !== undefined && part !== "").join("."),
    message: issue.message,
    code: issue.code,
  }));
}

/** A router whose validation failures become VALIDATION_FAILED problems listing the fields. */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      // the request as sent when it failed, the parsed value when it passed: either way every string in it
      const controls = controlCharacterFields((result as { data?: unknown }).data, result.target);
      if (!result.success)
        throw AppError.validation([...zodIssuesToFields(result.error.issues, result.target), ...controls]);
      if (controls.length > 0) throw AppError.validation(controls);
    },
  });
}

/**
 * Whether an API token may be used on a route: never on a public one (nothing to authorize), nor on
 * one open to any logged-in person (their own session and password: logout, password change) or
 * marked session-only (managing tokens themselves).
 */
export function acceptsApiToken(permission: Permission, sessionOnly: boolean): boolean {
  return permission !== "public" && permission !== "authenticated" && !sessionOnly;
}

/**
 * The actor of an `Authorization: Bearer` request, resolved here rather than for every request so
 * that a public route ignores the header and a use is recorded only where something is authorized.
 *
 * A request carrying both a bearer token and the session cookie is refused (400): the two name
 * different actors (a token narrowed to its scopes, a person with their whole role), and serving
 * either would attribute the request to one while the caller may mean the other. Refusing also
 * keeps the Origin rule whole: a cookie request is never exempted from it by adding a header.
 */
async function bearerActor(c: Context<AppEnv>, secret: string): Promise<Actor> {
  if (readSessionCookie(c) !== undefined)
    throw new AppError(
      "CREDENTIALS_AMBIGUOUS",
      "Envoyez soit un jeton d'API (Authorization: Bearer), soit le cookie de session, pas les deux",
    );
  return resolveApiToken(c.get("deps"), secret, {
    method: c.req.method,
    path: c.req.path,
    requestId: c.get("requestId"),
  });
}

/** Refuses the request unless a logged-in actor (or an API token in its scopes) holds the permission. */
export function authorize(permission: Permission, sessionOnly = false): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (permission !== "public") {
      const secret = bearerSecret(c.req.header("authorization"));
      if (secret !== undefined) c.set("actor", await bearerActor(c, secret));
      const actor = c.get("actor");
      if (!actor) throw new AppError("UNAUTHENTICATED", "Connectez-vous pour continuer");
      if (actor.apiToken) {
        if (!acceptsApiToken(permission, sessionOnly))
          throw new AppError(
            "SESSION_REQUIRED",
            "Cette action demande une personne connectée : un jeton d'API n'y a pas accès",
          );
        if (permission !== "authenticated" && !actor.apiToken.scopes.includes(permission))
          throw new AppError(
            "FORBIDDEN",
            `Ce jeton d'API ne porte pas la permission « ${actionLabels[permission]} »`,
          );
      }
      if (!can(actor.role, permission))
        throw new AppError("FORBIDDEN", "Votre rôle ne permet pas cette action");
    }
    await next();
  };
}

/** The shared problem+json response, declared on every route of the OpenAPI document. */
export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: "urn:iml:problem:validation_failed" }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.enum(Object.keys(errorCatalogue) as [ErrorCode, ...ErrorCode[]]),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z
      .array(z.object({ path: z.string(), message: z.string(), code: z.string().optional() }))
      .optional(),
  })
  .openapi("Problem", {
    description:
      "Erreur au format RFC 9457 (application/problem+json). `code` est stable : les clients s'y fient, " +
      "pas au texte. Certains codes ajoutent des membres (errors, retryAfterSeconds, allowed…).",
  });

export const problemResponse = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: ProblemSchema } },
});

const WRITE_METHODS = new Set(["post", "put", "patch", "delete"]);

/**
 * A stable operationId from the method and the path: `post /api/leases/{id}/notices` →
 * `postLeasesByIdNotices`. Punctuation of a path (`-`, `.pdf`) only separates words.
 */
export function operationIdOf(method: string, path: string): string {
  const words = path
    .replace(/^\/api(?=\/|$)/, "")
    .split("/")
    .filter(Boolean)
    .flatMap((segment) => {
      const parameter = /^\{(.+)\}$/.exec(segment);
      const parts = (parameter ? parameter[1]! : segment).split(/[^A-Za-z0-9]+/).filter(Boolean);
      return parameter ? ["by", ...parts] : parts;
    });
  return [method.toLowerCase(), ...words.map((word) => word[0]!.toUpperCase() + word.slice(1))].join("");
}

type RouteFacts = {
  method: string;
  permission: Permission;
  sessionOnly: boolean;
  hasBody: boolean;
  hasInput: boolean;
  idempotent: boolean;
};

/** Whether a route's request headers declare the Idempotency-Key its handler insists on. */
function declaresIdempotencyKey(headers: unknown): boolean {
  const shape = (headers as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape !== undefined && "idempotency-key" in shape;
}

/**
 * The access rule of an operation, written into its description: the permission and the roles
 * holding it (server/modules/auth/permissions.ts), and the Origin rule of writes
 * (server/middleware/csrf.ts).
 */
function accessDescription({ method, permission, sessionOnly }: RouteFacts): string {
  const lines: string[] = [];
  if (permission === "public") lines.push("Permission : aucune (accès public).");
  else if (permission === "authenticated") lines.push("Permission : toute personne connectée.");
  else
    lines.push(
      `Permission : ${permission} (rôles : ${roles.filter((role) => can(role, permission)).join(", ")}).`,
    );
  if (acceptsApiToken(permission, sessionOnly))
    lines.push(`Jeton d'API accepté s'il porte la permission ${permission}.`);
  else if (permission !== "public")
    lines.push("Jeton d'API refusé : réservé à une session (403 SESSION_REQUIRED).");
  if (WRITE_METHODS.has(method))
    lines.push(
      "Écriture : une requête portant le cookie de session doit venir du site même " +
        "(Sec-Fetch-Site same-origin ou none, Origin égal à celle du serveur), sinon 403 CSRF_REJECTED.",
    );
  return lines.join("\n\n");
}

/**
 * The statuses an operation can answer whatever its handler does, derived from the middleware
 * and the error handler (server/middleware/*.ts, errorCatalogue):
 * - a body: 400 unreadable JSON, 415 wrong content type; a body or a write: 413 too large;
 * - any input: 422 validation (and the services' 422 codes);
 * - a permission: 400 with both a bearer token and the session cookie, 401 without a session or
 *   with an unusable token, 403 without the role or out of the token's reach; a write: 403 cross-origin;
 * - a write: 409, a unique or foreign key constraint or a concurrent transaction at least;
 * - an Idempotency-Key: 428 without it;
 * - every operation: 404 (unknown id, or an id of another organisation) and 503 when the
 *   database connection is lost.
 */
function derivedResponses(facts: RouteFacts) {
  const write = WRITE_METHODS.has(facts.method);
  const responses: Record<number, ReturnType<typeof problemResponse>> = {};
  const authenticated = facts.permission !== "public";
  const ambiguous = "jeton d'API et cookie de session à la fois (CREDENTIALS_AMBIGUOUS)";
  if (facts.hasBody) {
    responses[400] = problemResponse(
      `Corps de requête JSON illisible (MALFORMED_JSON)${authenticated ? ` ; ${ambiguous}` : ""}`,
    );
    responses[415] = problemResponse("Type de contenu non pris en charge (UNSUPPORTED_MEDIA_TYPE)");
  } else if (authenticated) responses[400] = problemResponse(`Refusé : ${ambiguous}`);
  // the size limit applies to any body sent, declared or not (middleware/body-limit.ts)
  if (facts.hasBody || write)
    responses[413] = problemResponse("Corps de requête trop volumineux (PAYLOAD_TOO_LARGE)");
  if (authenticated)
    responses[401] = problemResponse(
      "Session absente ou expirée (UNAUTHENTICATED) ; jeton d'API inconnu, expiré ou révoqué " +
        "(API_TOKEN_INVALID, API_TOKEN_EXPIRED, API_TOKEN_REVOKED)",
    );
  const roleChecked = authenticated && facts.permission !== "authenticated";
  if (authenticated || write)
    responses[403] = problemResponse(
      `Refusé : ${[
        roleChecked && "rôle ou jeton sans cette permission (FORBIDDEN)",
        authenticated &&
          !acceptsApiToken(facts.permission, facts.sessionOnly) &&
          "réservé à une session, pas à un jeton d'API (SESSION_REQUIRED)",
        write && "autre origine (CSRF_REJECTED)",
      ]
        .filter(Boolean)
        .join(" ; ")}`,
    );
  responses[404] = problemResponse("Introuvable (NOT_FOUND)");
  if (write)
    responses[409] = problemResponse(
      "Conflit avec l'état des données : CONFLICT ou DUPLICATE (une contrainte, une transaction " +
        "concurrente) ou un code du domaine concerné (voir Problem.code)",
    );
  if (facts.hasInput || facts.permission !== "public")
    responses[422] = problemResponse("Données invalides ou règle métier non respectée (voir `code`)");
  if (facts.idempotent)
    responses[428] = problemResponse("En-tête Idempotency-Key absent (IDEMPOTENCY_KEY_REQUIRED)");
  responses[503] = problemResponse("Base de données indisponible (DATABASE_UNAVAILABLE)");
  return responses;
}

/** A route's own error statuses, declared by their description alone, answer a problem document. */
function withProblemContent(responses: RouteConfig["responses"]): RouteConfig["responses"] {
  return Object.fromEntries(
    Object.entries(responses).map(([status, response]) => {
      if (Number(status) < 400 || "$ref" in response || response.content) return [status, response];
      return [status, problemResponse(response.description ?? "Erreur")];
    }),
  );
}

/**
 * createRoute plus the route's permission: enforced by middleware before validation, and
 * written into the OpenAPI operation as `x-permission` (so the authorization test can read it),
 * as `security` (the session cookie, and API tokens unless `sessionOnly` or open to any logged-in
 * person) and in the description. Every /api/portal/* operation gets the portal's tag. The operationId, when not given, comes from the method
 * and the path; the error statuses of derivedResponses are added to the route's own (a route
 * may declare one of them itself to describe it better).
 */
export function defineRoute<
  const R extends Omit<RouteConfig, "middleware"> & { permission: Permission; sessionOnly?: boolean },
>(config: R) {
  const { permission, sessionOnly = false, ...rest } = config;
  const facts: RouteFacts = {
    method: rest.method,
    permission,
    sessionOnly,
    hasBody: rest.request?.body !== undefined,
    hasInput: Object.values(rest.request ?? {}).some((part) => part !== undefined),
    idempotent: declaresIdempotencyKey(rest.request?.headers),
  };
  return createRoute({
    ...rest,
    operationId: rest.operationId ?? operationIdOf(rest.method, rest.path),
    // the landlord portal is one part of the API for its readers, whichever module serves it
    tags: rest.path.startsWith("/api/portal/") ? [PORTAL_TAG] : rest.tags,
    description: [rest.description, accessDescription(facts)].filter(Boolean).join("\n\n"),
    // either scheme alone suffices (OpenAPI: alternatives), never both at once (CREDENTIALS_AMBIGUOUS)
    security:
      permission === "public"
        ? []
        : acceptsApiToken(permission, sessionOnly)
          ? [{ [SESSION_SCHEME]: [] }, { [BEARER_SCHEME]: [] }]
          : [{ [SESSION_SCHEME]: [] }],
    middleware: [authorize(permission, sessionOnly)] as const,
    "x-permission": permission,
    responses: { ...derivedResponses(facts), ...withProblemContent(rest.responses) },
  } as unknown as Omit<R, "permission" | "sessionOnly"> & { middleware: [MiddlewareHandler<AppEnv>] });
}

/** The logged-in actor of a route that declared a permission other than "public". */
export function requireActor(c: Context<AppEnv>): Actor {
  const actor = c.get("actor");
  if (!actor) throw new AppError("UNAUTHENTICATED");
  return actor;
}

export { z };
