import type { z } from "@hono/zod-openapi";
import { formatFrenchDate, parisDateOf } from "../../lib/dates";
import { AppError } from "../../lib/errors";
import type { AppDeps } from "../../lib/hono";
import { type Page, type PageRequest, pageOfRows } from "../../lib/pagination";
import { inUseCaseTransaction, type UseCaseContext } from "../../lib/use-case-context";
import { inAuditedTransaction } from "../audit/audit.service";
import type { Actor } from "../auth/actor";
import { toActor } from "../auth/auth.service";
import type { Action } from "../auth/permissions";
import { hashToken, newApiTokenSecret } from "../auth/tokens";
import {
  type ApiTokenWithCreator,
  countTokens,
  findToken,
  findTokenByHash,
  insertTokenRecord,
  listTokens,
  markTokenRevoked,
  touchToken,
} from "./api-tokens.queries";
import {
  effectiveScopes,
  expiryProblems,
  scopeProblems,
  secretPrefixOf,
  tokenState,
} from "./api-tokens.rules";
import type { ApiToken, CreateApiTokenBody } from "./api-tokens.schemas";

type ApiTokenView = z.infer<typeof ApiToken>;

/** What the admins see of a token, and what the audit records of it: never the secret nor its hash. */
function toTokenView(token: ApiTokenWithCreator, today: string): ApiTokenView {
  return {
    id: token.id,
    name: token.name,
    secretPrefix: token.secretPrefix,
    scopes: token.scopes as Action[],
    createdBy: token.creator,
    createdAt: token.createdAt.toISOString(),
    expiresOn: token.expiresOn,
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
    state: tokenState(token, today),
  };
}

export async function listApiTokens(context: UseCaseContext, page: PageRequest): Promise<Page<ApiTokenView>> {
  const organisationId = context.actor.organisationId;
  const today = parisDateOf(context.clock.now());
  const [rows, total] = await Promise.all([
    listTokens(context.db, organisationId, page),
    countTokens(context.db, organisationId),
  ]);
  return pageOfRows(
    rows.map((row) => toTokenView(row, today)),
    total,
    page,
  );
}

/**
 * Creates a token within the creator's own permissions and returns its secret, this once: only
 * the SHA-256 of the secret is stored.
 */
export async function createApiToken(
  context: UseCaseContext,
  input: z.infer<typeof CreateApiTokenBody>,
): Promise<{ token: ApiTokenView; secret: string }> {
  const { actor, clock } = context;
  const today = parisDateOf(clock.now());
  const problems = [...scopeProblems(input.scopes, actor.role), ...expiryProblems(input.expiresOn, today)];
  if (problems.length > 0) throw AppError.validation(problems, problems[0]!.message);
  const secret = newApiTokenSecret();
  return inUseCaseTransaction(context, async (tx, audit) => {
    const inserted = await insertTokenRecord(tx, {
      organisationId: actor.organisationId,
      name: input.name,
      tokenHash: hashToken(secret),
      secretPrefix: secretPrefixOf(secret),
      scopes: [...input.scopes],
      createdByUserId: actor.userId,
      createdAt: clock.now(),
      expiresOn: input.expiresOn,
    });
    const token = toTokenView(
      { ...inserted, creator: { id: actor.userId, fullName: actor.fullName, email: actor.email } },
      today,
    );
    await audit.record({
      action: "api_token.create",
      entityType: "api_token",
      entityId: token.id,
      after: token,
    });
    return { token, secret };
  });
}

/** Revokes a token of the organisation: it is refused from the next request on. */
export async function revokeApiToken(context: UseCaseContext, id: string): Promise<ApiTokenView> {
  const { actor, clock } = context;
  const today = parisDateOf(clock.now());
  return inUseCaseTransaction(context, async (tx, audit) => {
    const current = await findToken(tx, actor.organisationId, id);
    if (!current) throw AppError.notFound("Jeton", id);
    if (current.revokedAt) throw new AppError("CONFLICT", "Ce jeton est déjà révoqué");
    await markTokenRevoked(tx, current, actor.userId, clock.now());
    const revoked = (await findToken(tx, actor.organisationId, id))!;
    const before = toTokenView(current, today);
    const after = toTokenView(revoked, today);
    await audit.record({ action: "api_token.revoke", entityType: "api_token", entityId: id, before, after });
    return after;
  });
}

/**
 * The actor of a request sent with `Authorization: Bearer <secret>`, or a 401 saying why not.
 * Every use is recorded: the token's last use, and an audit row naming the token, its creator, the
 * method and the path, in one transaction before the request is served (a refused or failing
 * request is still a use of the token).
 */
export async function resolveApiToken(
  deps: AppDeps,
  secret: string,
  request: { method: string; path: string; requestId: string | null },
): Promise<Actor> {
  const { db } = deps.database;
  const now = deps.clock.now();
  const found = secret === "" ? null : await findTokenByHash(db, hashToken(secret));
  if (!found || found.token.organisationId !== found.creator.organisationId)
    throw new AppError("API_TOKEN_INVALID", "Ce jeton d'API est inconnu");
  const { token, creator } = found;
  const state = tokenState(token, parisDateOf(now));
  if (state === "revoked") throw new AppError("API_TOKEN_REVOKED", "Ce jeton d'API a été révoqué");
  if (state === "expired")
    throw new AppError(
      "API_TOKEN_EXPIRED",
      `Ce jeton d'API a expiré (valable jusqu'au ${formatFrenchDate(token.expiresOn)} inclus)`,
    );
  if (creator.disabledAt)
    throw new AppError(
      "API_TOKEN_REVOKED",
      "Le compte qui a créé ce jeton d'API est désactivé : le jeton ne vaut plus",
    );
  const actor: Actor = {
    ...toActor(creator),
    apiToken: { id: token.id, name: token.name, scopes: effectiveScopes(token.scopes, creator.role) },
  };
  await inAuditedTransaction(
    db,
    { actor, requestId: request.requestId, clock: deps.clock },
    async (tx, audit) => {
      await touchToken(tx, token, now);
      await audit.record({
        action: "api_token.use",
        entityType: "api_token",
        entityId: token.id,
        details: { method: request.method, path: request.path },
      });
    },
  );
  return actor;
}
