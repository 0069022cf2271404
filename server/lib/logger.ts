import pino from "pino";
import type { Env } from "../env";

export type Logger = pino.Logger;

/** Structured JSON logs; every request line carries its request id (middleware/request-context). */
export function createLogger(env: Pick<Env, "LOG_LEVEL">): Logger {
  return pino({
    level: env.LOG_LEVEL,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ["password", "*.password", "req.headers.cookie", "iban", "*.iban"], remove: true },
  });
}
