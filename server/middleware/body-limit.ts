import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { AppError } from "../lib/errors";
import type { AppEnv } from "../lib/hono";

/** A JSON request of the back office is a form: a CAF bordereau of 5,000 lines is about 400 KB. */
export const JSON_BODY_LIMIT_BYTES = 1024 * 1024;
/** A file import (bank statement, stock CSV, neighbourhood contours). */
export const IMPORT_BODY_LIMIT_BYTES = 25 * 1024 * 1024;

/** The routes that take a file rather than a form. */
const IMPORT_ROUTES = [
  /^\/api\/ledger\/bank-imports$/,
  /^\/api\/[a-z-]+\/import$/,
  /^\/api\/neighbourhoods\/[^/]+$/,
];

export function bodyLimitFor(path: string): number {
  return IMPORT_ROUTES.some((route) => route.test(path)) ? IMPORT_BODY_LIMIT_BYTES : JSON_BODY_LIMIT_BYTES;
}

const tooLarge = (limit: number) => () => {
  throw new AppError(
    "PAYLOAD_TOO_LARGE",
    `Le corps de la requête dépasse ${Math.round(limit / 1024 / 1024)} Mo`,
    { limitBytes: limit },
  );
};
const limiters = {
  json: bodyLimit({ maxSize: JSON_BODY_LIMIT_BYTES, onError: tooLarge(JSON_BODY_LIMIT_BYTES) }),
  import: bodyLimit({ maxSize: IMPORT_BODY_LIMIT_BYTES, onError: tooLarge(IMPORT_BODY_LIMIT_BYTES) }),
};

/**
 * Refuses an oversized body with 413 before anything reads it: before the session is looked up,
 * so an anonymous 200 MB login attempt costs its first megabyte, not the process's memory. A
 * declared Content-Length is refused at once; a chunked body is counted while it streams in.
 */
export function requestBodyLimit(): MiddlewareHandler<AppEnv> {
  return (c, next) => {
    // no handler reads the body of a GET or HEAD; asking for it would build the whole request
    // object (its stream and abort signal) for nothing, on the most frequent requests
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    return (bodyLimitFor(c.req.path) === IMPORT_BODY_LIMIT_BYTES ? limiters.import : limiters.json)(c, next);
  };
}
