import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import type { AppEnv } from "./lib/hono";

/** The built browser app (vite build → dist/web). */
export const webDistDir = fileURLToPath(new URL("../dist/web", import.meta.url));

const missingBuild = `<!doctype html><html lang="fr"><meta charset="utf-8"><title>Back office logement</title>
<p>L'application web n'est pas construite. Lancez <code>npm run build:web</code> (fait par <code>npm start</code>).</p>
<p><a href="/api/docs">Documentation de l'API</a></p></html>`;

/** Serves the single-page app: files as they are, and index.html for any other non-API path. */
export function webApp(): Hono<AppEnv> {
  const web = new Hono<AppEnv>();
  if (existsSync(webDistDir)) {
    const root = relative(process.cwd(), webDistDir) || ".";
    web.use("/assets/*", serveStatic({ root })).use("/favicon.svg", serveStatic({ root }));
  }
  return web.get("*", async (c, next) => {
    if (c.req.path.startsWith("/api/")) return next();
    const index = join(webDistDir, "index.html");
    if (!existsSync(index)) return c.html(missingBuild);
    return c.html(await readFile(index, "utf8"));
  });
}
