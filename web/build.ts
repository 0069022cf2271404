import { pathToFileURL } from "node:url";
import { buildWeb, webIsStale } from "../scripts/build.mjs";

/** True when dist/web is missing or older than a source it is built from (web/, the shared schemas). */
export function webBuildIsStale(): boolean {
  return webIsStale();
}

/** Builds the browser app once (vite build) when dist/web is missing or stale. */
export async function buildWebIfStale(): Promise<void> {
  if (webIsStale()) await buildWeb();
}

/** vitest globalSetup of the e2e project. */
export default async function setup(): Promise<void> {
  await buildWebIfStale();
}

// `tsx web/build.ts`: build the browser app unless it is up to date (npm run build does everything).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await buildWebIfStale();
}
