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

/** Postgres errors a client caused (a constraint it broke), mapped to a problem; others are ours. */
function fromDatabaseError(error: unknown): AppError | null {
  const code = (error as { code?: unknown })?.code ?? (error as { cause?: { code?: unknown } })?.cause?.code;
  if (typeof code !== "string") return null;
  if (code === "23505") return new AppError("DUPLICATE", "Cet enregistrement existe déjà");
  if (code === "23503")
    return new AppError("CONFLICT", "Un enregistrement lié est introuvable ou encore utilisé");
  if (code === "23514" || code === "22P02" || code === "22003" || code === "22007" || code === "22008") {
    return AppError.validation([], "Une valeur est hors des bornes permises");
  }
  if (code === "40001" || code === "40P01")
    return new AppError("CONFLICT", "Opération concurrente : réessayez");
  return null;
}

/** Every error leaves as application/problem+json with a stable code; never a stack trace. */
export const handleError: ErrorHandler<AppEnv> = (error, c) => {
  if (error instanceof AppError) return problemResponse(c, error);
  if (error instanceof HTTPException) {
    if (error.status === 400) return problemResponse(c, new AppError("MALFORMED_JSON", error.message));
    if (error.status === 403) return problemResponse(c, new AppError("FORBIDDEN", error.message));
    if (error.status === 404) return problemResponse(c, new AppError("NOT_FOUND", error.message));
  }
  const mapped = fromDatabaseError(error);
  if (mapped) {
    c.get("logger")?.warn({ err: error }, "database constraint refused the request");
    return problemResponse(c, mapped);
  }
  (c.get("logger") ?? console).error({ err: error }, "unhandled error");
  return problemResponse(c, new AppError("INTERNAL", "Une erreur inattendue est survenue"));
};

export const handleNotFound: NotFoundHandler<AppEnv> = (c) =>
  problemResponse(
    c,
    new AppError("ROUTE_NOT_FOUND", `Aucune ressource à l'adresse ${c.req.method} ${c.req.path}`),
  );
