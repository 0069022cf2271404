import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { freePort, killGroup, login, type Started, startProcess, tempDataDir } from "./support";

/** ISO date `months` months before today (the demo's money runs over the past twelve months). */
function monthsAgo(months: number): string {
  const date = new Date();
  date.setUTCMonth(date.getUTCMonth() - months);
  return date.toISOString().slice(0, 10);
}

const dataDir = tempDataDir();
const lockFile = join(dataDir, "app.lock");
let running: Started | undefined;

afterEach(() => killGroup(running));

// The stop under `npm start`, the way a service manager, a terminal or `docker stop` sends it.
describe("npm start stops cleanly on a signal", () => {
  it("finishes the exports in flight when the process group gets SIGTERM, logs it, releases the lock", async () => {
    const port = await freePort();
    running = startProcess("npm", ["start"], { DATA_DIR: dataDir }, port);
    await running.waitForLog("back office listening");
    expect(readFileSync(lockFile, "utf8")).not.toBe("");

    const cookie = await login(port, "finance@demo.fr");
    const url = `http://127.0.0.1:${port}/api/reports/finance/journal.xlsx?from=${monthsAgo(13)}&to=${monthsAgo(0)}`;
    // three year-long journal exports at once: the signal lands while they are being built
    const exports = [1, 2, 3].map(async () => {
      const response = await fetch(url, { headers: { cookie } });
      return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    process.kill(-running.pid, "SIGTERM");

    for (const result of await Promise.all(exports)) {
      expect(result.status).toBe(200);
      expect(result.body.subarray(0, 2).toString("latin1")).toBe("PK"); // a whole XLSX (zip) file
      expect(result.body.length).toBeGreaterThan(10_000);
    }
    expect(await running.exited).toEqual({ code: 0, signal: null });

    const messages = running.logs().map((line) => `${line.msg} ${line.path ?? ""}`.trim());
    const shuttingDown = messages.indexOf("shutting down");
    const lastExport = messages.lastIndexOf("request /api/reports/finance/journal.xlsx");
    expect(shuttingDown).toBeGreaterThanOrEqual(0);
    // an export was still being built when the signal came, and it was answered
    expect(lastExport).toBeGreaterThan(shuttingDown);
    expect(messages.at(-1)).toBe("shutdown complete: database closed");
    expect(existsSync(lockFile)).toBe(false);
  }, 300_000);

  it("stops the server with npm when SIGTERM goes to npm alone (docker stop with CMD npm start)", async () => {
    const port = await freePort();
    running = startProcess("npm", ["start"], { DATA_DIR: dataDir }, port);
    await running.waitForLog("back office listening");
    process.kill(running.pid, "SIGTERM");
    expect(await running.exited).toEqual({ code: 0, signal: null });
    expect(running.logs().at(-1)?.msg).toBe("shutdown complete: database closed");
    expect(existsSync(lockFile)).toBe(false);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  }, 300_000);

  it("stops the same way on SIGINT (Ctrl-C in a terminal reaches the whole group)", async () => {
    const port = await freePort();
    running = startProcess("npm", ["start"], { DATA_DIR: dataDir }, port);
    await running.waitForLog("back office listening");
    process.kill(-running.pid, "SIGINT");
    expect(await running.exited).toEqual({ code: 0, signal: null });
    const shutdown = running.logs().find((line) => line.msg === "shutting down");
    expect(shutdown?.signal).toBe("SIGINT");
    expect(running.logs().at(-1)?.msg).toBe("shutdown complete: database closed");
    expect(existsSync(lockFile)).toBe(false);
  }, 300_000);
});
