import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { afterEach, expect, it } from "vitest";
import { type Database, openDatabase } from "../../db/client";
import { migrate } from "../../db/migrate";
import { seedDemo } from "../../db/seed";
import { systemClock } from "../../server/lib/clock";
import { repoRoot } from "../../scripts/build.mjs";

/** A free TCP port on the loopback, for a server started by the test. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export function tempDataDir(): string {
  return join(mkdtempSync(join(tmpdir(), "iml-process-")), "data");
}

export type LogLine = { msg?: string; [key: string]: unknown };

/** A process started by a test: its own process group, its output kept line by line. */
export type Started = {
  child: ChildProcess;
  pid: number;
  port: number;
  lines: string[];
  logs(): LogLine[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** resolves when a JSON log line with this message appears */
  waitForLog(message: string, timeoutMs?: number): Promise<LogLine>;
};

export function startProcess(
  command: string,
  args: string[],
  env: Record<string, string>,
  port: number,
): Started {
  const child = spawn(command, args, {
    cwd: repoRoot,
    // its own group, as a service manager or a terminal gives it: `kill -- -pgid` reaches all of it
    detached: true,
    env: {
      ...process.env,
      NODE_ENV: "development",
      LOG_LEVEL: "info",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATABASE_URL: "",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const waiters: { message: string; resolve: (line: LogLine) => void }[] = [];
  const parse = (line: string): LogLine | null => {
    try {
      return JSON.parse(line) as LogLine;
    } catch {
      return null;
    }
  };
  const collect = (chunk: Buffer, buffer: { rest: string }) => {
    buffer.rest += chunk.toString("utf8");
    const parts = buffer.rest.split("\n");
    buffer.rest = parts.pop() ?? "";
    for (const line of parts) {
      lines.push(line);
      const parsed = parse(line);
      for (const waiter of [...waiters]) {
        if (parsed?.msg === waiter.message) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(parsed);
        }
      }
    }
  };
  const out = { rest: "" };
  const err = { rest: "" };
  child.stdout?.on("data", (chunk: Buffer) => collect(chunk, out));
  child.stderr?.on("data", (chunk: Buffer) => collect(chunk, err));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    pid: child.pid ?? 0,
    port,
    lines,
    logs: () => lines.map(parse).filter((line): line is LogLine => line !== null),
    exited,
    waitForLog(message, timeoutMs = 280_000) {
      const already = lines.map(parse).find((line) => line?.msg === message);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no "${message}" within ${timeoutMs} ms:\n${lines.join("\n")}`)),
          timeoutMs,
        );
        waiters.push({
          message,
          resolve: (line) => {
            clearTimeout(timer);
            resolve(line);
          },
        });
        void exited.then(({ code, signal }) => {
          clearTimeout(timer);
          reject(new Error(`exited (${code ?? signal}) before "${message}":\n${lines.join("\n")}`));
        });
      });
    },
  };
}

/** Kills what is left of a test's process group (a failed test must not leave a server behind). */
export function killGroup(started: Started | undefined): void {
  if (!started || started.child.exitCode !== null) return;
  try {
    process.kill(-started.pid, "SIGKILL");
  } catch {
    // already gone
  }
}

/** Logs in with a demo account and returns the session cookie. */
export async function login(port: number, email: string): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      origin: `http://127.0.0.1:${port}`,
      "sec-fetch-site": "same-origin",
    },
    body: JSON.stringify({ email, password: "demo-logement" }),
  });
  if (response.status !== 200) throw new Error(`login ${email}: ${response.status} ${await response.text()}`);
  return (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

/**
 * Several clients send requests until `stop()`: `attempt(i)` sends the i-th and returns what the
 * server acknowledged (or a failed answer's description). A connection that dies with the process
 * acknowledges nothing.
 */
export function requestLoad<T>(
  clients: number,
  attempt: (i: number) => Promise<{ acknowledged: T } | { failed: string }>,
) {
  const acknowledged: T[] = [];
  const failedAnswers: string[] = [];
  let stopped = false;
  let n = 0;
  const client = async () => {
    while (!stopped) {
      try {
        const outcome = await attempt(n++);
        if ("acknowledged" in outcome) acknowledged.push(outcome.acknowledged);
        else failedAnswers.push(outcome.failed);
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
  };
  const running = Array.from({ length: clients }, client);
  return {
    acknowledged,
    failedAnswers,
    async stop() {
      stopped = true;
      await Promise.all(running);
    },
  };
}

export async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Starts the server, tracked so that a failed test kills it, and waits until it listens. */
export async function startListening(
  start: () => Started,
  track: (started: Started) => void,
): Promise<Started> {
  const server = start();
  track(server);
  await server.waitForLog("back office listening");
  return server;
}

/**
 * Kills the server's whole process group with SIGKILL once `enough` requests of the load were
 * acknowledged (more still in flight), then stops the load; returns what was acknowledged.
 */
export async function killUnderLoad<T>(
  server: Started,
  load: ReturnType<typeof requestLoad<T>>,
  enough: number,
): Promise<T[]> {
  await waitFor(() => load.acknowledged.length >= enough, 60_000);
  process.kill(-server.pid, "SIGKILL");
  expect((await server.exited).signal).toBe("SIGKILL");
  await load.stop();
  return [...load.acknowledged];
}

/**
 * A crash check against the built server: `start` starts it on its data (again after a kill),
 * `openForCheck` opens that data once it is down, `track` keeps the started process so that a
 * failed test kills it.
 */
export type CrashCheck = (
  start: () => Started,
  openForCheck: () => Promise<Database>,
  track: (started: Started) => void,
) => Promise<void>;

/**
 * Runs `crashAndCheck` as two tests: on a fresh embedded data folder (the demo seeded at the first
 * start), and, when TEST_DATABASE_URL is set, on a fresh PostgreSQL database migrated and seeded
 * with the demo beforehand, dropped afterwards. Titled `loses no acknowledged <what> on …`.
 */
export function crashTestOnBothBackends(what: string, crashAndCheck: CrashCheck, timeoutMs: number): void {
  let running: Started | undefined;
  const track = (started: Started) => {
    running = started;
  };
  afterEach(() => killGroup(running));

  it(
    `loses no acknowledged ${what} on the embedded database`,
    async () => {
      const dataDir = tempDataDir();
      const port = await freePort();
      await crashAndCheck(
        () => startProcess(process.execPath, ["dist/server/index.js"], { DATA_DIR: dataDir }, port),
        () => openDatabase({ kind: "embedded", dataDir }),
        track,
      );
    },
    timeoutMs,
  );

  it.runIf(Boolean(process.env.TEST_DATABASE_URL))(
    `loses no acknowledged ${what} on PostgreSQL`,
    async () => {
      const baseUrl = process.env.TEST_DATABASE_URL ?? "";
      const name = `iml_crash_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
      const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name}`);
      const url = new URL(baseUrl);
      url.pathname = `/${name}`;
      try {
        const seeding = await openDatabase({ kind: "server", url: url.toString() });
        try {
          await migrate(seeding);
          await seedDemo(seeding, systemClock);
        } finally {
          await seeding.close();
        }
        const port = await freePort();
        await crashAndCheck(
          () =>
            startProcess(
              process.execPath,
              ["dist/server/index.js"],
              { DATABASE_URL: url.toString(), SEED_DEMO: "false" },
              port,
            ),
          () => openDatabase({ kind: "server", url: url.toString() }),
          track,
        );
      } finally {
        killGroup(running);
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    },
    timeoutMs,
  );
}
