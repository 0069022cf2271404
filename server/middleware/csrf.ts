import type { MiddlewareHandler } from "hono";
import { AppError } from "../lib/errors";
import type { AppEnv } from "../lib/hono";
import { SESSION_COOKIE } from "../modules/auth/session-cookie";

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Whether a state-changing request carrying the session cookie may be served.
 * Pure, so the decision table is tested without an app.
 * - `Sec-Fetch-Site` (sent by every current browser): only "same-origin" and "none" (typed by
 *   the user) pass; "same-site" is refused too, a sibling sub-domain is another application.
 * - `Origin`: when present it must be the request's own origin or PUBLIC_ORIGIN (behind a
 *   proxy the request URL is the internal one). "null" (sandboxed frame, file://) is refused.
 * A request with neither header is not from a browser page (curl, scripts): the SameSite=Lax
 * cookie already keeps browsers from sending it cross-site on such requests.
 */
export function isCrossOriginRequest(request: {
  origin: string | undefined;
  secFetchSite: string | undefined;
  ownOrigins: readonly string[];
}): boolean {
  const site = request.secFetchSite?.toLowerCase();
  if (site && site !== "same-origin" && site !== "none") return true;
  if (request.origin !== undefined) {
    return !request.ownOrigins.some((own) => own.toLowerCase() === request.origin!.toLowerCase());
  }
  return false;
}

function hasSessionCookie(cookieHeader: string | undefined): boolean {
  if (!cookieHeader) return false;
  return cookieHeader.split(";").some((part) => part.trim().startsWith(`${SESSION_COOKIE}=`));
}

/** Refuses cross-origin state-changing requests that carry the session cookie: 403 CSRF_REJECTED. */
export function csrfProtection(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (STATE_CHANGING.has(c.req.method) && hasSessionCookie(c.req.header("cookie"))) {
      const publicOrigin = c.get("deps").env.PUBLIC_ORIGIN;
      const ownOrigins = [new URL(c.req.url).origin];
      if (publicOrigin) ownOrigins.push(new URL(publicOrigin).origin);
      const refused = isCrossOriginRequest({
        origin: c.req.header("origin"),
        secFetchSite: c.req.header("sec-fetch-site"),
        ownOrigins,
      });
      if (refused) {
        c.get("logger").warn(
          { origin: c.req.header("origin"), secFetchSite: c.req.header("sec-fetch-site") },
          "cross-origin state-changing request refused",
        );
        throw new AppError(
          "CSRF_REJECTED",
          "Cette requête vient d'une autre origine que l'application : elle est refusée",
        );
      }
    }
    await next();
  };
}
