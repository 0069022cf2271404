import { createRouter, defineRoute } from "../../lib/openapi";
import { splitPage } from "../../lib/pagination";
import { useCaseContext } from "../../lib/use-case-context";
import {
  ApiToken,
  ApiTokenIdParams,
  ApiTokenList,
  CreateApiTokenBody,
  CreatedApiToken,
  ListApiTokensQuery,
} from "./api-tokens.schemas";
import { createApiToken, listApiTokens, revokeApiToken } from "./api-tokens.service";

const tags = ["Jetons d'API"];
const json = <T>(schema: T) => ({ content: { "application/json": { schema } } });

// Managing tokens takes a person's session: a token that could mint or revoke tokens would
// outlive its own revocation and its expiry.
const listRoute = defineRoute({
  method: "get",
  path: "/api/api-tokens",
  tags,
  summary: "Les jetons d'API de l'organisation",
  permission: "users.manage",
  sessionOnly: true,
  request: { query: ListApiTokensQuery },
  responses: { 200: { description: "Jetons, du plus récent au plus ancien", ...json(ApiTokenList) } },
});

const createRoute = defineRoute({
  method: "post",
  path: "/api/api-tokens",
  tags,
  summary: "Créer un jeton d'API",
  description:
    "Le secret (préfixe csd_) est rendu une seule fois dans la réponse ; seul son condensé SHA-256 est " +
    "gardé. Les permissions du jeton sont prises parmi celles du créateur ; l'expiration est obligatoire, " +
    "au plus un an plus tard.",
  permission: "users.manage",
  sessionOnly: true,
  request: { body: { ...json(CreateApiTokenBody), required: true } },
  responses: { 201: { description: "Jeton créé, avec son secret", ...json(CreatedApiToken) } },
});

const revokeRoute = defineRoute({
  method: "post",
  path: "/api/api-tokens/{id}/revoke",
  tags,
  summary: "Révoquer un jeton d'API",
  description: "Le jeton est refusé (401 API_TOKEN_REVOKED) dès la requête suivante.",
  permission: "users.manage",
  sessionOnly: true,
  request: { params: ApiTokenIdParams },
  responses: {
    200: { description: "Jeton révoqué", ...json(ApiToken) },
    409: { description: "Jeton déjà révoqué (CONFLICT)" },
  },
});

export const apiTokensRoutes = createRouter()
  .openapi(listRoute, async (c) =>
    c.json(await listApiTokens(useCaseContext(c), splitPage(c.req.valid("query"))[1]), 200),
  )
  .openapi(createRoute, async (c) =>
    c.json(await createApiToken(useCaseContext(c), c.req.valid("json")), 201),
  )
  .openapi(revokeRoute, async (c) =>
    c.json(await revokeApiToken(useCaseContext(c), c.req.valid("param").id), 200),
  );
