/**
 * A small typed client of the back office API. Errors come back as application/problem+json
 * (server/lib/errors.ts): they are thrown as ApiError carrying the problem, so a form can show
 * `detail` and put each `errors[].message` next to its field.
 */
import type { z } from "zod";
import type { ProblemSchema } from "../../../server/lib/openapi";

type ServerProblem = z.infer<typeof ProblemSchema>;
export type InvalidField = NonNullable<ServerProblem["errors"]>[number];

/**
 * The server's problem document, with `code` open to the client's own codes for the failures the
 * server never answered (NETWORK, HTTP_ERROR) and to the members some codes add.
 */
export type Problem = Omit<ServerProblem, "code"> & { code: string; [member: string]: unknown };

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
    this.name = "ApiError";
  }
  get status(): number {
    return this.problem.status;
  }
  get code(): string {
    return this.problem.code;
  }
  /** Field errors keyed by the field's path in the request body ("json.unitIds.2" → "unitIds.2"). */
  fieldErrors(): InvalidField[] {
    return (this.problem.errors ?? []).map((error) => ({
      ...error,
      path: error.path.replace(/^(json|query|param|form|header)\.?/, ""),
    }));
  }
}

type Listener = () => void;
const unauthenticatedListeners = new Set<Listener>();
/** Called when the session has expired (401 on a call other than the login). */
export function onUnauthenticated(listener: Listener): void {
  unauthenticatedListeners.add(listener);
}

async function toProblem(response: Response): Promise<Problem> {
  const type = response.headers.get("content-type") ?? "";
  if (type.includes("json")) {
    try {
      const body = (await response.json()) as Partial<Problem>;
      return {
        type: body.type ?? "about:blank",
        title: body.title ?? response.statusText,
        status: body.status ?? response.status,
        detail: body.detail ?? body.title ?? "Erreur",
        code: body.code ?? "HTTP_ERROR",
        ...body,
      } as Problem;
    } catch {
      // fall through: unreadable body
    }
  }
  return {
    type: "about:blank",
    title: response.statusText || "Erreur",
    status: response.status,
    detail:
      response.status >= 500
        ? "Le serveur n'a pas pu traiter la demande. Réessayez dans un instant."
        : `Erreur ${response.status}`,
    code: "HTTP_ERROR",
  };
}

export type RequestOptions = { headers?: Record<string, string>; signal?: AbortSignal };

export async function request(
  method: string,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<Response> {
  const headers: Record<string, string> = { accept: "application/json", ...options.headers };
  let payload: BodyInit | undefined;
  if (body instanceof FormData || typeof body === "string") payload = body;
  else if (body instanceof Blob) {
    headers["content-type"] = body.type || "application/octet-stream";
    payload = body;
  } else if (body !== undefined) {
    headers["content-type"] = "application/json";
    payload = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: payload,
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new ApiError({
      type: "about:blank",
      title: "Réseau indisponible",
      status: 0,
      detail: "Le serveur est injoignable. Vérifiez la connexion puis réessayez.",
      code: "NETWORK",
    });
  }
  if (!response.ok) {
    const problem = await toProblem(response);
    if (response.status === 401 && path !== "/api/auth/login" && path !== "/api/auth/me")
      for (const listener of unauthenticatedListeners) listener();
    throw new ApiError(problem);
  }
  return response;
}

async function json<T>(method: string, path: string, body?: unknown, options?: RequestOptions): Promise<T> {
  const response = await request(method, path, body, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => json<T>("GET", path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => json<T>("POST", path, body, options),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => json<T>("PUT", path, body, options),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) => json<T>("PATCH", path, body, options),
  delete: <T>(path: string, options?: RequestOptions) => json<T>("DELETE", path, undefined, options),
};

/** A query string from defined values only. */
export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== null && value !== undefined && value !== "") search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** Downloads a file from the API (PDF, CSV, XLSX) keeping the server's file name. */
export async function download(path: string, fallbackName: string, body?: unknown): Promise<string> {
  const response = await request(body === undefined ? "GET" : "POST", path, body, {
    headers: { accept: "*/*" },
  });
  const disposition = response.headers.get("content-disposition") ?? "";
  // RFC 6266: filename* (UTF-8, with the accents) wins over the ASCII filename
  const extended = /filename\*=UTF-8''([^;\s]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  const name = extended ? decodeURIComponent(extended[1]!) : plain ? plain[1]! : fallbackName;
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

/** True when the API does not offer this route yet (404 ROUTE_NOT_FOUND). */
export function isMissingRoute(error: unknown): boolean {
  return error instanceof ApiError && error.code === "ROUTE_NOT_FOUND";
}
