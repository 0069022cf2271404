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

/** Structured JSON logs; every request line carries its request id (middleware/request-context). */
export function createLogger(env: Pick<Env, "LOG_LEVEL">): Logger {
  return pino({
    level: env.LOG_LEVEL,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: PERSONAL_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
      remove: true,
    },
  });
}
