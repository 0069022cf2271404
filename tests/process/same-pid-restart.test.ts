import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { freePort, killGroup, type Started, startProcess, tempDataDir } from "./support";

/** A new PID namespace gives its first process PID 1, every time: a container's entry process. */
function pidNamespacesAvailable(): boolean {
  try {
    return (
      execFileSync("unshare", ["--pid", "--fork", "--mount-proc", "sh", "-c", "echo $$"])
        .toString()
        .trim() === "1"
    );
  } catch {
    return false;
  }
}

const inContainer = (dataDir: string, port: number) =>
  startProcess(
    "unshare",
    ["--pid", "--fork", "--mount-proc", process.execPath, "dist/server/index.js"],
    { DATA_DIR: dataDir, SEED_DEMO: "false" },
    port,
  );

let running: Started | undefined;
afterEach(() => killGroup(running));

describe.runIf(pidNamespacesAvailable())("a restart after a hard kill, with the same PID", () => {
  it("reclaims the lock the killed run left, although it carries the PID of the new run", async () => {
    const dataDir = tempDataDir();
    const lockFile = join(dataDir, "app.lock");
    const port = await freePort();

    running = inContainer(dataDir, port);
    await running.waitForLog("back office listening");
    expect(readFileSync(lockFile, "utf8")).toBe("1");
    process.kill(-running.pid, "SIGKILL"); // power cut, OOM killer, `docker kill`
    await running.exited;
    expect(readFileSync(lockFile, "utf8")).toBe("1"); // left behind

    running = inContainer(dataDir, port);
    await running.waitForLog("back office listening");
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);
    expect(readFileSync(lockFile, "utf8")).toBe("1");

    // PID 1 ignores signals it has no handler for: the server's own handler stops it cleanly
    process.kill(-running.pid, "SIGTERM");
    await running.exited;
    expect(running.logs().at(-1)?.msg).toBe("shutdown complete: database closed");
    expect(existsSync(lockFile)).toBe(false);
  }, 300_000);
});
