import { ensureBuilt } from "../../scripts/build.mjs";

/** globalSetup of the process tests: they run what `npm start` and the Docker image run, so build it. */
export default async function setup(): Promise<void> {
  await ensureBuilt();
}
