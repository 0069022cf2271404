import pino from "pino";
import type { Env } from "../env";

export type Logger = pino.Logger;

/** Personal and bank fields that never reach the log, wherever they sit in a log line. */
export const PERSONAL_FIELDS = [
  "password",
  "newPassword",
  "currentPassword",
  "token",
  "cookie",
  "authorization",
  "iban",
  "bic",
  "email",
  "phone",
  "firstName",
  "lastName",
  "fullName",
  "displayName",
  "birthDate",
  "postalAddress",
  "address",
  "parameters",
  "params",
  "detail",
  "query",
];

const PERSONAL = new Set(PERSONAL_FIELDS);
const MAX_DEPTH = 5;

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * The value without any personal field, at any depth up to five levels; the same value when it has
 * none, so that the usual log line (a request's method, path, status and duration) costs a few key
 * lookups. An Error is read the way the log writes it (its message, stack and own properties, such
 * as a database error's `parameters`), then cleaned like any object.
 */
export function withoutPersonalFields(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== "object" || depth > MAX_DEPTH) return value;
  if (value instanceof Error) {
    return withoutPersonalFields({ ...pino.stdSerializers.err(value) }, depth) ?? value;
  }
  if (Array.isArray(value)) {
    let changed = false;
    const items = value.map((item) => {
      const cleaned = withoutPersonalFields(item, depth + 1);
      if (cleaned !== item) changed = true;
      return cleaned;
    });
    return changed ? items : value;
  }
  if (!isPlainObject(value)) return value;
  let cleaned: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    if (PERSONAL.has(key)) {
      cleaned ??= { ...value };
      delete cleaned[key];
      continue;
    }
    const field = value[key];
    const cleanedField = withoutPersonalFields(field, depth + 1);
    if (cleanedField !== field) {
      cleaned ??= { ...value };
      cleaned[key] = cleanedField;
    }
  }
  return cleaned ?? value;
}

const cleanObject = (object: Record<string, unknown>) =>
  withoutPersonalFields(object) as Record<string, unknown>;

/**
 * Structured JSON logs; every request line carries its request id (middleware/request-context).
 * Personal fields are removed from every line before it is written; a child logger's bindings are
 * written as given, and the server binds only the request id. `destination`: standard output
 * unless given (tests read the lines back).
 */
export function createLogger(env: Pick<Env, "LOG_LEVEL">, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: env.LOG_LEVEL,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { log: cleanObject },
  };
  return destination ? pino(options, destination) : pino(options);
}
