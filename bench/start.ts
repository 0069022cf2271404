/**
 * `npm run bench:start`: the server's first start and restart as `npm start` runs them (the
 * compiled server under `node`, the embedded database in a data folder of its own), measured side
 * by side with their limit in the same run: a bare `PGlite.create()` on an empty folder, and again
 * on the folder it made, each in a fresh `node` process.
 *
 * Reports the time from spawning the process to the first 200 of /api/health, and the server's
 * resident memory (VmRSS) once it answers; targets: first start ≤ 2 × the bare create, restart
 * ≤ 2 s, RSS ≤ 500 MiB. `BENCH_RUNS` (default 2) fresh folders are measured; the load average is
 * printed with the figures since the cores are shared.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";

const RUNS = Number(process.env.BENCH_RUNS ?? 2);
const TIMEOUT_MS = 180_000;

/** A bare PGlite.create() on `folder` in a fresh node process: its own timing, in ms. */
function bareCreate(folder: string): number {
  const script = `
    const { PGlite } = await import("@electric-sql/pglite");
    const started = performance.now();
    const db = await PGlite.create(${JSON.stringify(folder)});
    await db.query("select 1");
    console.log(performance.now() - started);
    await db.close();`;
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`bare PGlite.create failed: ${result.stderr}`);
  return Number(result.stdout.trim());
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function residentMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

/** `node scripts/start.mjs` (what `npm start` execs) on `dataDir`: time to /api/health and RSS. */
async function startServer(dataDir: string): Promise<{ ms: number; rssMiB: number }> {
  const port = await freePort();
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, ["scripts/start.mjs"], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: "warn", DATABASE_URL: "" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
      if (performance.now() - started > TIMEOUT_MS) throw new Error("the server did not answer in time");
      const healthy = await fetch(`http://127.0.0.1:${port}/api/health`)
        .then((response) => response.ok)
        .catch(() => false);
      if (healthy) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const ms = performance.now() - started;
    if (child.pid === undefined) throw new Error("no pid");
    return { ms, rssMiB: residentMiB(child.pid) };
  } finally {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function main(): Promise<void> {
  const build = spawnSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
  if (build.status !== 0) throw new Error("the build failed");
  const rows: {
    bare: number;
    bareReopen: number;
    first: number;
    restart: number;
    rssFirst: number;
    rssRestart: number;
  }[] = [];
  const loadBefore = loadavg()[0] ?? 0;
  for (let run = 0; run < RUNS; run++) {
    const bareFolder = mkdtempSync(join(tmpdir(), "bench-start-bare-"));
    const dataDir = mkdtempSync(join(tmpdir(), "bench-start-data-"));
    try {
      const bare = bareCreate(bareFolder);
      const first = await startServer(dataDir);
      const bareReopen = bareCreate(bareFolder);
      const restart = await startServer(dataDir);
      rows.push({
        bare,
        bareReopen,
        first: first.ms,
        restart: restart.ms,
        rssFirst: first.rssMiB,
        rssRestart: restart.rssMiB,
      });
      console.log(
        `run ${run + 1}: bare create ${bare.toFixed(0)} ms, first start ${first.ms.toFixed(0)} ms ` +
          `(${(first.ms / bare).toFixed(2)} ×, ${first.rssMiB.toFixed(0)} MiB); bare reopen ${bareReopen.toFixed(0)} ms, ` +
          `restart ${restart.ms.toFixed(0)} ms (${restart.rssMiB.toFixed(0)} MiB)`,
      );
    } finally {
      rmSync(bareFolder, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const loadAfter = loadavg()[0] ?? 0;
  const m = (key: keyof (typeof rows)[number]) => median(rows.map((row) => row[key]));
  const ratio = m("first") / m("bare");
  console.log(
    `\n| measure (median of ${RUNS}) | product | limit in the same run | ratio | target |\n| --- | ---: | ---: | ---: | --- |\n` +
      `| first start, empty folder | ${m("first").toFixed(0)} ms | bare PGlite.create ${m("bare").toFixed(0)} ms | ${ratio.toFixed(2)} | ≤ 2 ${ratio <= 2 ? "✓" : "✗"} |\n` +
      `| restart | ${m("restart").toFixed(0)} ms | bare reopen ${m("bareReopen").toFixed(0)} ms | ${(m("restart") / m("bareReopen")).toFixed(2)} | ≤ 2,000 ms ${m("restart") <= 2000 ? "✓" : "✗"} |\n` +
      `| RSS after first start | ${m("rssFirst").toFixed(0)} MiB | | | ≤ 500 MiB ${m("rssFirst") <= 500 ? "✓" : "✗"} |\n` +
      `| RSS after restart | ${m("rssRestart").toFixed(0)} MiB | | | ≤ 500 MiB ${m("rssRestart") <= 500 ? "✓" : "✗"} |\n` +
      `\nload average ${loadBefore.toFixed(1)}–${loadAfter.toFixed(1)} (2 cores)`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
