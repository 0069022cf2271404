import { createHash, randomBytes } from "node:crypto";

/** A random, URL-safe secret (session cookie, invitation link). */
export function newSecretToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Only this hash is stored: a leaked table does not yield usable tokens. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * The visible start of every API token: a secret found in a log, a repository or a ticket is
 * recognisable as one of ours (secret scanners can match `csd_` followed by 43 base64url characters).
 */
export const API_TOKEN_PREFIX = "csd_";

/** A new API token secret: the prefix and 256 random bits. */
export function newApiTokenSecret(): string {
  return `${API_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
}
