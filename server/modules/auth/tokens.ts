import { createHash, randomBytes } from "node:crypto";

/** A random, URL-safe secret (session cookie, invitation link). */
export function newSecretToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Only this hash is stored: a leaked table does not yield usable tokens. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
