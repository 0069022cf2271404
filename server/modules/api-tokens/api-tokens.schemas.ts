import { z } from "@hono/zod-openapi";
import { IsoDateSchema } from "../../lib/date-schemas";
import { pageOf, pageQuery } from "../../lib/pagination";
import { actions } from "../auth/permissions";

export const ApiTokenIdParams = z.object({
  id: z.uuid("Identifiant invalide").openapi({ param: { name: "id", in: "path" } }),
});

export const ApiTokenScope = z.enum(actions).openapi("ApiTokenScope", {
  description: "Une permission de server/modules/auth/permissions.ts, dans celles du créateur.",
});

/** A token as the admins see it: never its secret, only the first characters to recognise it. */
export const ApiToken = z
  .object({
    id: z.uuid(),
    name: z.string(),
    secretPrefix: z.string().openapi({ example: "csd_Xk3f9QaB" }),
    scopes: z.array(ApiTokenScope),
    createdBy: z.object({ id: z.uuid(), fullName: z.string(), email: z.string() }),
    createdAt: z.iso.datetime(),
    expiresOn: IsoDateSchema,
    lastUsedAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
    state: z.enum(["active", "expired", "revoked"]),
  })
  .openapi("ApiToken");

export const ApiTokenList = pageOf(ApiToken).openapi("ApiTokenList");

export const ListApiTokensQuery = z.object({ ...pageQuery() });

export const CreateApiTokenBody = z
  .object({
    name: z.string().trim().min(1, "Nom requis").max(100),
    scopes: z
      .array(ApiTokenScope)
      .min(1, "Choisissez au moins une permission")
      .max(actions.length)
      .refine((scopes) => new Set(scopes).size === scopes.length, "Permission en double"),
    // through that day, Paris time; at most a year ahead (api-tokens.rules.ts)
    expiresOn: IsoDateSchema,
  })
  .openapi("CreateApiTokenBody");

/** The new token and its secret: the only time the secret is ever shown. */
export const CreatedApiToken = z
  .object({
    token: ApiToken,
    secret: z.string().openapi({
      description: "À envoyer en `Authorization: Bearer <secret>`. Montré une seule fois, jamais stocké.",
    }),
  })
  .openapi("CreatedApiToken");
