import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const repo = fileURLToPath(new URL("../", import.meta.url));
const distIndex = join(repo, "dist/web/index.html");

function newestMtime(dir: string, accept: (name: string) => boolean): number {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path, accept));
    else if (accept(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** True when dist/web is missing or older than a source it is built from (web/, the shared schemas). */
export function webBuildIsStale(): boolean {
  if (!existsSync(distIndex)) return true;
  const built = statSync(distIndex).mtimeMs;
  const sources = Math.max(
    newestMtime(join(repo, "web"), () => true),
    newestMtime(join(repo, "server/modules"), (name) => name.endsWith(".schemas.ts")),
    newestMtime(join(repo, "server/lib"), (name) => name === "money.ts" || name === "dates.ts"),
  );
  return sources > built;
}

/** Builds the browser app once (vite build) when dist/web is missing or stale. */
export async function buildWebIfStale(): Promise<void> {
  if (!webBuildIsStale()) return;
  const { build } = await import("vite");
  await build({ configFile: join(repo, "web/vite.config.ts"), logLevel: "warn" });
}

/** vitest globalSetup of the e2e project. */
export default async function setup(): Promise<void> {
  await buildWebIfStale();
}

// `npm start` and `npm install` (prepare): build the browser app unless it is up to date.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await buildWebIfStale();
}
