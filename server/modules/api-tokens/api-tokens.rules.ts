import { addYears, compareDates, type IsoDate } from "../../lib/dates";
import type { InvalidField } from "../../lib/errors";
import { type Action, actionLabels, type Role, tokenGrantableActions } from "../auth/permissions";
import { API_TOKEN_PREFIX } from "../auth/tokens";

/** The longest life of a token: a forgotten integration stops working within the year. */
export const MAX_TOKEN_LIFETIME_YEARS = 1;

/** How many characters of the secret the list shows: the prefix and 8 random characters. */
export const SECRET_PREFIX_LENGTH = API_TOKEN_PREFIX.length + 8;

export type TokenState = "active" | "expired" | "revoked";

/** The part of a secret that may be shown and stored in clear, to recognise the token. */
export function secretPrefixOf(secret: string): string {
  return secret.slice(0, SECRET_PREFIX_LENGTH);
}

/**
 * The expiry date chosen at creation: at least tomorrow (a token valid for no full day is a typing
 * mistake) and at most a year from today. The token works through that whole day, Paris time.
 */
export function expiryProblems(expiresOn: IsoDate, today: IsoDate): InvalidField[] {
  if (compareDates(expiresOn, today) <= 0)
    return [{ path: "json.expiresOn", message: "La date d'expiration doit être postérieure à aujourd'hui" }];
  if (compareDates(expiresOn, addYears(today, MAX_TOKEN_LIFETIME_YEARS)) > 0)
    return [{ path: "json.expiresOn", message: "Un jeton ne peut pas valoir plus d'un an" }];
  return [];
}

/** Scopes the creator may not grant: a token never holds more than the person who made it. */
export function scopeProblems(scopes: readonly Action[], creatorRole: Role): InvalidField[] {
  const grantable = new Set(tokenGrantableActions(creatorRole));
  return scopes
    .map((scope, index) => ({ scope, index }))
    .filter(({ scope }) => !grantable.has(scope))
    .map(({ scope, index }) => ({
      path: `json.scopes.${index}`,
      message: `Cette permission ne peut pas être donnée à un jeton par votre compte : ${actionLabels[scope]}`,
    }));
}

/** Revocation wins over expiry; expired once the Paris day after `expiresOn` has begun. */
export function tokenState(
  token: { revokedAt: Date | null; expiresOn: IsoDate },
  today: IsoDate,
): TokenState {
  if (token.revokedAt) return "revoked";
  return compareDates(today, token.expiresOn) > 0 ? "expired" : "active";
}

/**
 * What a token may do at the time of use: its scopes, within what its creator's role still
 * grants (a creator moved to a narrower role takes their tokens' reach down with them).
 */
export function effectiveScopes(scopes: readonly string[], creatorRole: Role): Action[] {
  const grantable = new Set<string>(tokenGrantableActions(creatorRole));
  return scopes.filter((scope): scope is Action => grantable.has(scope));
}

/**
 * The secret of an `Authorization: Bearer <secret>` header: undefined without the header or for
 * another scheme (a proxy's Basic authentication is not ours to judge), "" for a Bearer header
 * without a usable secret (then refused as an unknown token, not taken for no credential at all).
 */
export function bearerSecret(header: string | undefined): string | undefined {
  if (!header || !/^Bearer(?:[ \t]|$)/i.test(header)) return undefined;
  return /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header)?.[1] ?? "";
}
