import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { AppError, toProblem } from "../lib/errors";
import type { AppEnv } from "../lib/hono";

function problemResponse(c: Context<AppEnv>, error: AppError): Response {
  const problem = toProblem(error, c.get("requestId"), c.req.path);
  const headers: Record<string, string> = { "Content-Type": "application/problem+json; charset=utf-8" };
  const requestId = c.get("requestId");
  if (requestId) headers["X-Request-Id"] = requestId;
  const retryAfter = error.extra.retryAfterSeconds;
  if (typeof retryAfter === "number") headers["Retry-After"] = String(retryAfter);
  return new Response(JSON.stringify(problem), { status: error.status, headers });
}

/** Hono's and @hono/zod-openapi's own refusals (a body it cannot read, a content type it does not take). */
function fromHttpException(c: Context<AppEnv>, error: HTTPException): AppError | null {
  switch (error.status) {
    case 400:
      return new AppError("MALFORMED_JSON", "Le corps de la requête n'est pas un JSON lisible");
    case 403:
      return new AppError("FORBIDDEN", error.message);
    case 404:
      return new AppError("NOT_FOUND", error.message);
    case 413:
      return new AppError("PAYLOAD_TOO_LARGE", "Le corps de la requête dépasse la taille permise");
    case 415: {
      const received = c.req.header("content-type");
      return new AppError(
        "UNSUPPORTED_MEDIA_TYPE",
        received
          ? `Type de contenu non pris en charge : ${received.split(";")[0]?.slice(0, 100)}`
          : "Type de contenu manquant : envoyez application/json",
      );
    }
    default:
      return null;
  }
}

/**
 * A lost connection to PostgreSQL (a terminated backend, a restart, a failover): the driver's
 * own codes, the socket's, and the SQLSTATEs of class 08 and 57P01–57P03. The request in flight
 * cannot know whether its commit landed; the pool reconnects for the next one.
 */
const CONNECTION_LOST = new Set([
  "CONNECTION_CLOSED",
  "CONNECTION_DESTROYED",
  "CONNECTION_ENDED",
  "CONNECT_TIMEOUT",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "57P01",
  "57P02",
  "57P03",
]);

/** Postgres errors a client caused (a constraint it broke), mapped to a problem; others are ours. */
function fromDatabaseError(error: unknown): AppError | null {
  const code = (error as { code?: unknown })?.code ?? (error as { cause?: { code?: unknown } })?.cause?.code;
  if (typeof code !== "string") return null;
  if (CONNECTION_LOST.has(code) || code.startsWith("08"))
    return new AppError(
      "DATABASE_UNAVAILABLE",
      "La base de données est momentanément injoignable : réessayez",
      {
        retryAfterSeconds: 1,
      },
    );
  if (code === "23505") return new AppError("DUPLICATE", "Cet enregistrement existe déjà");
  if (code === "23503")
    return new AppError("CONFLICT", "Un enregistrement lié est introuvable ou encore utilisé");
  // 22021: a byte sequence PostgreSQL refuses (NUL), should validation ever let one through
  if (code === "22021" || code === "22P05")
    return AppError.validation([], "Un texte contient un caractère interdit");
  if (code === "23514" || code === "22P02" || code === "22003" || code === "22007" || code === "22008") {
    return AppError.validation([], "Une valeur est hors des bornes permises");
  }
  if (code === "40001" || code === "40P01")
    return new AppError("CONFLICT", "Opération concurrente : réessayez");
  return null;
}

/**
 * What a database error may write to the log: its code, constraint and table. Never its
 * message, detail or parameters, which carry the row's values (an IBAN, an e-mail, a name).
 */
function databaseErrorFields(error: unknown): Record<string, unknown> {
  const own = error as Record<string, unknown> & { cause?: Record<string, unknown> };
  const source = typeof own?.code === "string" ? own : (own?.cause ?? {});
  const pick = (key: string) => (typeof source[key] === "string" ? source[key] : undefined);
  return {
    code: pick("code"),
    constraint: pick("constraint") ?? pick("constraint_name"),
    table: pick("table") ?? pick("table_name"),
  };
}

/**
 * An unexpected error for the log: its type and stack frames, and for a database error only the
 * fields above. A failed query's message ("Failed query: … params: …") repeats the values sent.
 */
function loggableError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const database = databaseErrorFields(error);
  const frames = (error.stack ?? "").split("\n").filter((line) => line.trimStart().startsWith("at "));
  if (database.code || /failed query/i.test(error.message))
    return { type: error.name, ...database, stack: frames.join("\n") };
  return { type: error.name, message: error.message, stack: frames.join("\n") };
}

/** Every error leaves as application/problem+json with a stable code; never a stack trace. */
export const handleError: ErrorHandler<AppEnv> = (error, c) => {
  if (error instanceof AppError) return problemResponse(c, error);
  if (error instanceof HTTPException) {
    const mapped = fromHttpException(c, error);
    if (mapped) {
      // the client's mistake, not ours: one line without a stack
      c.get("logger")?.info({ status: mapped.status, code: mapped.code }, "request refused");
      return problemResponse(c, mapped);
    }
  }
  const mapped = fromDatabaseError(error);
  if (mapped) {
    c.get("logger")?.warn(
      { db: databaseErrorFields(error) },
      mapped.code === "DATABASE_UNAVAILABLE"
        ? "database connection lost during the request"
        : "database constraint refused the request",
    );
    return problemResponse(c, mapped);
  }
  (c.get("logger") ?? console).error({ err: loggableError(error) }, "unhandled error");
  return problemResponse(c, new AppError("INTERNAL", "Une erreur inattendue est survenue"));
};

export const handleNotFound: NotFoundHandler<AppEnv> = (c) =>
  problemResponse(
    c,
    new AppError("ROUTE_NOT_FOUND", `Aucune ressource à l'adresse ${c.req.method} ${c.req.path}`),
  );
