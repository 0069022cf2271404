/**
 * `npm run bench:api`: the product's typical reads under 50 connections, each compared with its
 * physical limit measured in the same run on the same machine: a bare Hono + postgres.js
 * `select 1` server before the product on PostgreSQL, a bare Hono + PGlite `select 1` before the
 * product on the embedded database. Every server runs in a process of its own (the built
 * `dist/server/index.js` for the product, logged in as the demo housing officer); autocannon
 * drives it from this process.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:api
 *   BENCH_SECONDS=4 (per endpoint), BENCH_CONNECTIONS=50
 *   BENCH_ACCEPT_ENCODING: what the product's requests accept, by default what Chromium sends
 *   ("gzip, deflate, br, zstd": large kept answers then travel gzipped); "identity" for none
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { seedDemo } from "../db/seed";
import { repoRoot } from "../scripts/build.mjs";
import { systemClock } from "../server/lib/clock";
import { benchServerUrl, openThrowawayServerDatabase } from "./bench-databases";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ACCEPT_ENCODING = process.env.BENCH_ACCEPT_ENCODING ?? "gzip, deflate, br, zstd";
const self = fileURLToPath(import.meta.url);

// ——— the bare servers, run as `tsx bench/api.ts --bare <postgres|pglite> <port> [url]` ———

async function serveBare(kind: string, port: number, url: string | undefined): Promise<void> {
  const { Hono } = await import("hono");
  const { serve } = await import("@hono/node-server");
  let selectOne: () => Promise<unknown>;
  if (kind === "postgres") {
    const postgres = (await import("postgres")).default;
    const sql = postgres(url ?? "", { max: 10, onnotice: () => {} });
    selectOne = () => sql`select 1 as one`;
  } else {
    const { PGlite } = await import("@electric-sql/pglite");
    const pglite = await PGlite.create();
    selectOne = () => pglite.query("select 1 as one");
  }
  const app = new Hono().get("/", async (c) => c.json({ rows: await selectOne() }));
  serve({ fetch: app.fetch, hostname: "127.0.0.1", port }, () => console.log("ready"));
}

// ——— the run ———

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

type Child = { child: ChildProcess; port: number; stop(): Promise<void> };

/** Starts a server process and resolves once its output contains `readyLine`. */
function startChild(args: string[], env: Record<string, string>, port: number, readyLine: string) {
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let ready = false;
  return new Promise<Child>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready in 240 s:\n${output}`)), 240_000);
    const onData = (chunk: Buffer) => {
      // once ready, the output (one log line per request) is drained, not kept
      if (ready) return;
      output += chunk.toString("utf8");
      if (output.includes(readyLine)) {
        ready = true;
        clearTimeout(timer);
        resolve({
          child,
          port,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done();
              child.once("exit", () => done());
              child.kill("SIGTERM");
            }),
        });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      if (!ready) reject(new Error(`exited ${code} before ready:\n${output}`));
    });
  });
}

type Measure = { rps: number; p50: number; p99: number; timeouts: number; errors: number; non2xx: number };

async function load(port: number, path: string, headers: Record<string, string>, seconds: number) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${path}`,
    connections: CONNECTIONS,
    duration: seconds,
    headers,
    timeout: 10,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    timeouts: result.timeouts,
    errors: result.errors,
    non2xx: result.non2xx,
  } satisfies Measure;
}

/** Waits until the requests autocannon left in flight are answered (PGlite answers them in turn). */
async function drain(port: number, headers: Record<string, string>) {
  await fetch(`http://127.0.0.1:${port}/api/health`, { headers }).then((response) => response.arrayBuffer());
}

async function measure(port: number, path: string, headers: Record<string, string> = {}) {
  await load(port, path, headers, 1); // warm-up: JIT, pools, caches
  await drain(port, headers);
  const measured = await load(port, path, headers, SECONDS);
  await drain(port, headers);
  return measured;
}

async function login(port: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      origin: `http://127.0.0.1:${port}`,
      "sec-fetch-site": "same-origin",
    },
    body: JSON.stringify({ email: "gestion@demo.fr", password: "demo-logement" }),
  });
  if (response.status !== 200) throw new Error(`login: ${response.status} ${await response.text()}`);
  return (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

async function getJson<T>(port: number, path: string, cookie: string): Promise<T> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { cookie } });
  if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
  return (await response.json()) as T;
}

/** The product's typical reads, on the demo data of the running server. */
async function productPaths(port: number, cookie: string) {
  const persons = await getJson<{ items: { id: string }[] }>(port, "/api/persons?limit=1", cookie);
  const personId = persons.items[0]?.id;
  if (!personId) throw new Error("no person in the demo data");
  const pins = await getJson<{ features: { geometry: { coordinates: [number, number] } }[] }>(
    port,
    "/api/map/units.geojson?bbox=-180,-85,180,85&fields=pins",
    cookie,
  );
  const [lng, lat] = pins.features[0]?.geometry.coordinates ?? [5.04, 47.32];
  // a city-sized box around a flat of the stock
  const bbox = [lng - 0.05, lat - 0.03, lng + 0.05, lat + 0.03].map((v) => v.toFixed(4)).join(",");
  return [
    { name: "GET /api/units?limit=50", path: "/api/units?limit=50" },
    { name: "GET /api/persons/{id}/matches", path: `/api/persons/${personId}/matches` },
    { name: "GET /api/persons/{id}", path: `/api/persons/${personId}` },
    { name: "GET /api/map/units.geojson?bbox=…", path: `/api/map/units.geojson?bbox=${bbox}` },
  ];
}

type Row = { backend: string; name: string; bare: Measure; product: Measure };

async function runBackend(
  backend: string,
  bareArgs: string[],
  productEnv: Record<string, string>,
): Promise<Row[]> {
  const barePort = await freePort();
  const bareServer = await startChild(
    ["--import", "tsx", self, "--bare", ...bareArgs],
    {},
    barePort,
    "ready",
  );
  let bare: Measure;
  try {
    bare = await measure(barePort, "/");
  } finally {
    await bareServer.stop();
  }
  console.log(`${backend}: bare select 1 ${Math.round(bare.rps)} req/s, p99 ${bare.p99} ms`);

  const port = await freePort();
  // as in production: one JSON log line per request, on a pipe that is drained
  const product = await startChild(
    ["dist/server/index.js"],
    { NODE_ENV: "development", LOG_LEVEL: "info", ...productEnv },
    port,
    "back office listening",
  );
  const rows: Row[] = [];
  try {
    const cookie = await login(port);
    for (const { name, path } of await productPaths(port, cookie)) {
      const measured = await measure(port, path, { cookie, "accept-encoding": ACCEPT_ENCODING });
      rows.push({ backend, name, bare, product: measured });
      console.log(
        `${backend}: ${name} ${Math.round(measured.rps)} req/s (${pct(measured.rps / bare.rps)} of bare), ` +
          `p50 ${measured.p50} ms, p99 ${measured.p99} ms, timeouts ${measured.timeouts}, non-2xx ${measured.non2xx}`,
      );
    }
  } finally {
    await product.stop();
  }
  return rows;
}

const pct = (ratio: number) => `${Math.round(ratio * 100)} %`;

async function main(): Promise<void> {
  const { ensureBuilt } = await import("../scripts/build.mjs");
  await ensureBuilt({ log: (line: string) => console.log(`build: ${line}`) });
  const started = performance.now();
  const loadBefore = loadavg();
  const rows: Row[] = [];

  const serverUrl = benchServerUrl();
  if (serverUrl) {
    const throwaway = await openThrowawayServerDatabase(serverUrl);
    try {
      const { migrate } = await import("../db/migrate");
      await migrate(throwaway.database);
      await seedDemo(throwaway.database, systemClock);
      rows.push(
        ...(await runBackend("postgresql", ["postgres", "0", throwaway.url ?? serverUrl], {
          DATABASE_URL: throwaway.url ?? "",
          SEED_DEMO: "false",
        })),
      );
    } finally {
      await throwaway.dispose();
    }
  } else {
    console.log("PostgreSQL skipped: set BENCH_DATABASE_URL=postgres://… to include it");
  }

  const dataDir = join(mkdtempSync(join(tmpdir(), "iml-bench-api-")), "data");
  try {
    rows.push(...(await runBackend("embedded", ["pglite", "0"], { DATA_DIR: dataDir, DATABASE_URL: "" })));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }

  const loadAfter = loadavg();
  console.log(
    `\n${CONNECTIONS} connections, Accept-Encoding: ${ACCEPT_ENCODING}, ${SECONDS} s per endpoint, ${Math.round((performance.now() - started) / 1000)} s in all; ` +
      `load average ${loadBefore.map((v) => v.toFixed(2)).join(" ")} before, ${loadAfter.map((v) => v.toFixed(2)).join(" ")} after\n`,
  );
  console.log(
    "| backend | endpoint | req/s | % of bare | p50 ms | p99 ms | p99 bare ms | timeouts | non-2xx |",
  );
  console.log("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const { backend, name, bare, product } of rows) {
    console.log(
      `| ${backend} | ${name} | ${Math.round(product.rps)} | ${pct(product.rps / bare.rps)} | ${product.p50} | ` +
        `${product.p99} | ${bare.p99} | ${product.timeouts} | ${product.non2xx} |`,
    );
  }
  for (const backend of new Set(rows.map((row) => row.backend))) {
    const bare = rows.find((row) => row.backend === backend)!.bare;
    console.log(
      `| ${backend} | bare Hono select 1 | ${Math.round(bare.rps)} | 100 % | ${bare.p50} | ${bare.p99} | | ${bare.timeouts} | |`,
    );
  }
}

if (process.argv[2] === "--bare") {
  const [, , , kind, , url] = process.argv;
  void serveBare(kind ?? "pglite", Number(process.env.PORT), url);
} else {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
