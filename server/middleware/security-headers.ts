import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { basemapOrigins, type Env } from "../env";
import type { AppEnv } from "../lib/hono";

/**
 * The Content-Security-Policy of the web app and of the API documentation page (ANSSI, «
 * Recommandations pour la mise en place de sites web maîtrisés », R18–R21; OWASP CSP Cheat Sheet):
 * everything from the app's own origin, nothing inline, nothing evaluated. The only other origins
 * are the basemap's (style, tiles, glyphs, sprites: fetched by MapLibre, drawn as images), taken
 * from the same configuration the map uses. The address geocoder is called by the server, not the
 * browser, so it needs no entry. `frame-ancestors 'self'`: no other site may frame a page (the
 * landlord portal frames its own mandate PDFs).
 */
export function contentSecurityPolicy(env: Pick<Env, "MAP_BASEMAP" | "MAP_STYLE_URL" | "MAP_TILE_ORIGINS">) {
  const basemap = basemapOrigins(env);
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", "data:", "blob:", ...basemap],
    fontSrc: ["'self'", "data:"],
    connectSrc: ["'self'", ...basemap],
    // MapLibre's worker is a file of the app's bundle; it decodes tiles into blob: images
    workerSrc: ["'self'", "blob:"],
    frameSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'self'"],
  };
}

/**
 * Protective headers on every response: CSP (above), Permissions-Policy refusing the powerful
 * browser features the app never uses, X-Content-Type-Options: nosniff, Referrer-Policy:
 * no-referrer (addresses such as /personnes/<id> never leak to another site), X-Frame-Options for
 * older browsers, and Strict-Transport-Security only when the public origin is https (RFC 6797 §7.2:
 * the header means nothing over plain http, and a mistaken one would lock a plain-http
 * installation out for its whole max-age).
 */
export function securityHeaders(env: Env): MiddlewareHandler<AppEnv> {
  const https = env.PUBLIC_ORIGIN?.startsWith("https:") === true;
  return secureHeaders({
    contentSecurityPolicy: contentSecurityPolicy(env),
    crossOriginEmbedderPolicy: false,
    referrerPolicy: "no-referrer",
    xFrameOptions: "SAMEORIGIN",
    strictTransportSecurity: https ? "max-age=31536000; includeSubDomains" : false,
    permissionsPolicy: {
      camera: [],
      microphone: [],
      geolocation: [],
      payment: [],
      usb: [],
      serial: [],
      bluetooth: [],
      hid: [],
      midi: [],
      accelerometer: [],
      gyroscope: [],
      magnetometer: [],
      displayCapture: [],
      browsingTopics: [],
    },
  });
}

/**
 * API answers carry personal and financial data (people's files, IBANs, ledgers): no browser,
 * proxy or shared cache may keep them (RGPD art. 32; OWASP Session Management: no-store on
 * sensitive responses). A handler that sets its own Cache-Control (the static assets of the API
 * documentation) keeps it.
 */
export function noStoreApiResponses(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    if (!c.res.headers.has("Cache-Control")) c.res.headers.set("Cache-Control", "no-store");
  };
}
