import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { isPagePath } from "../web/src/page-paths";
import type { AppEnv } from "./lib/hono";

/** The built browser app (vite build → dist/web). */
export const webDistDir = fileURLToPath(new URL("../dist/web", import.meta.url));

const missingBuild = `<!doctype html><html lang="fr"><meta charset="utf-8"><title>Back office logement</title>
<p>L'application web n'est pas construite. Lancez <code>npm run build:web</code> (fait par <code>npm start</code>).</p>
<p><a href="/api/docs">Documentation de l'API</a></p></html>`;

/** A path whose last segment has an extension asks for a file ("/robots.txt", "/assets/x.js"), never a page. */
function asksForFile(path: string): boolean {
  return path.slice(path.lastIndexOf("/") + 1).includes(".");
}

/**
 * Serves the single-page app: its built files as they are, and index.html for a page address a
 * browser navigates to (it asks for text/html; the router draws the page). An address that is no
 * page of the app (web/src/page-paths.ts) gets the same index.html, whose router shows «page
 * introuvable», with status 404. Anything else that matched no route (an /api/ address, a missing file, a probe
 * or scraper pointed at a wrong path, which ask for JSON or anything) falls through to the 404
 * problem+json: a mis-pointed client never reads the app's HTML as a success.
 */
export function webApp(): Hono<AppEnv> {
  const web = new Hono<AppEnv>();
  if (existsSync(webDistDir)) {
    const root = relative(process.cwd(), webDistDir) || ".";
    web
      .use("/assets/*", async (c, next) => {
        await next();
        // vite names each built file after its content: a changed file gets a new name
        if (c.res.status === 200) c.res.headers.set("Cache-Control", "public, max-age=31536000, immutable");
      })
      // the .br or .gz the build made, when the browser accepts it (scripts/build.mjs)
      .use("/assets/*", serveStatic({ root, precompressed: true }))
      .use("/favicon.svg", serveStatic({ root }));
  }
  return web.get("*", async (c, next) => {
    const path = c.req.path;
    if (path.startsWith("/api/") || path === "/api" || asksForFile(path)) return next();
    if (!(c.req.header("accept") ?? "").includes("text/html")) return next();
    const index = join(webDistDir, "index.html");
    // an address that is no page still gets the app, which says «page introuvable», but as a 404
    const status = isPagePath(path) ? 200 : 404;
    if (!existsSync(index)) return c.html(missingBuild, status);
    return c.html(await readFile(index, "utf8"), status);
  });
}
