import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ensureBuilt, repoRoot } from "../../scripts/build.mjs";
import { freePort, killGroup, login, type Started, startProcess, tempDataDir } from "./support";

let running: Started | undefined;
afterEach(() => killGroup(running));

const messages = (started: Started) => started.logs().map((line) => line.msg);

// The build seeded the demo template today: a first start restores it.
describe("the first start of the embedded database", () => {
  it("restores the demo seeded at build time today, seeds nothing, and serves the demo", async () => {
    // a run that crossed midnight in Paris since the build remakes the template, as the build would
    await ensureBuilt({ template: true });
    const seededOn = JSON.parse(readFileSync(join(repoRoot, "dist/pglite-template-demo.json"), "utf8"));
    const port = await freePort();
    running = startProcess(process.execPath, ["scripts/start.mjs"], { DATA_DIR: tempDataDir() }, port);
    await running.waitForLog("back office listening");
    const restored = running
      .logs()
      .find((line) => line.msg === "embedded database restored from the demo template seeded today");
    expect(restored?.seededOn).toBe(seededOn.seededOn);
    expect(messages(running)).not.toContain("demo data seeded");

    const cookie = await login(port, "finance@demo.fr");
    const units = await fetch(`http://127.0.0.1:${port}/api/units?limit=1`, { headers: { cookie } });
    expect(units.status).toBe(200);
    expect(((await units.json()) as { total: number }).total).toBe(150);
    process.kill(-running.pid, "SIGTERM");
    expect(await running.exited).toEqual({ code: 0, signal: null });
  }, 120_000);

  it("restores the migrated template, without the demo, when the demo is off", async () => {
    const port = await freePort();
    running = startProcess(
      process.execPath,
      ["dist/server/index.js"],
      { DATA_DIR: tempDataDir(), SEED_DEMO: "false" },
      port,
    );
    await running.waitForLog("back office listening");
    expect(messages(running)).toContain("embedded database restored from the migrated template");
    await expect(login(port, "finance@demo.fr")).rejects.toThrow(/401/);
    process.kill(-running.pid, "SIGTERM");
    expect(await running.exited).toEqual({ code: 0, signal: null });
  }, 120_000);
});
