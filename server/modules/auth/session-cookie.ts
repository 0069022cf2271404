import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../../lib/hono";

export const SESSION_COOKIE = "iml_session";

/** HttpOnly, SameSite=Lax, Secure when served over https: the session never reaches scripts nor another site. */
export function writeSessionCookie(c: Context<AppEnv>, token: string): void {
  const env = c.get("deps").env;
  const secure = new URL(c.req.url).protocol === "https:" || env.PUBLIC_ORIGIN?.startsWith("https:") === true;
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    secure,
    path: "/",
    maxAge: env.SESSION_ABSOLUTE_HOURS * 3600,
  });
}

export function readSessionCookie(c: Context<AppEnv>): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/" });
}
