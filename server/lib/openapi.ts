import { createRoute, OpenAPIHono, type RouteConfig, z } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import type { Actor } from "../modules/auth/actor";
import { can, type Permission } from "../modules/auth/permissions";
import { controlCharacterFields } from "./control-characters";
import { AppError, type InvalidField } from "./errors";
import type { AppEnv } from "./hono";
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

/** Refuses the request unless a logged-in actor holds the permission. */
export function authorize(permission: Permission): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (permission !== "public") {
      const actor = c.get("actor");
      if (!actor) throw new AppError("UNAUTHENTICATED", "Connectez-vous pour continuer");
      if (!can(actor.role, permission))
        throw new AppError("FORBIDDEN", "Votre rôle ne permet pas cette action");
    }
    await next();
  };
}

/** The shared problem+json response, declared on every route of the OpenAPI document. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    requestId: z.string().optional(),
    errors: z
      .array(z.object({ path: z.string(), message: z.string(), code: z.string().optional() }))
      .optional(),
  })
  .openapi("Problem");

export const problemResponse = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: ProblemSchema } },
});

/**
 * createRoute plus the route's permission: enforced by middleware before validation, and
 * written into the OpenAPI operation as `x-permission` so the authorization test can read it.
 */
export function defineRoute<const R extends Omit<RouteConfig, "middleware"> & { permission: Permission }>(
  config: R,
) {
  const { permission, ...rest } = config;
  return createRoute({
    ...rest,
    middleware: [authorize(permission)] as const,
    "x-permission": permission,
    responses: {
      ...rest.responses,
      400: problemResponse("Requête illisible"),
      401: problemResponse("Non authentifié"),
      403: problemResponse("Non autorisé"),
      404: problemResponse("Introuvable"),
      422: problemResponse("Données invalides"),
    },
  } as unknown as Omit<R, "permission"> & { middleware: [MiddlewareHandler<AppEnv>] });
}

/** The logged-in actor of a route that declared a permission other than "public". */
export function requireActor(c: Context<AppEnv>): Actor {
  const actor = c.get("actor");
  if (!actor) throw new AppError("UNAUTHENTICATED");
  return actor;
}

export { z };
