/**
 * The operations endpoints an orchestrator and Prometheus call: liveness (/healthz), readiness
 * (/readyz), metrics (/metrics, behind METRICS_TOKEN), and the 404 every address that is neither
 * a route nor a page of the web app answers.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import { migrationsFolder } from "../../db/migrate";
import { createApp } from "../../server/app";
import { defaultEnv } from "../../server/env";
import { fixedClock } from "../../server/lib/clock";
import { createLogger } from "../../server/lib/logger";
import { listAlerts } from "../../server/modules/alerts/alerts.service";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import { createOpenPanel, createOrganisation, createPerson } from "../support/factories";

const db = useTestDatabase();
const TOKEN = "scrape-token-0123456789abcdef";
const NOW = "2026-11-23T10:00:00+01:00";

/** A database that refuses everything: liveness must not depend on it, readiness must say so. */
const unreachable = new Proxy({} as Database, {
  get: (_target, key) => {
    if (key === "then") return undefined;
    if (key === "kind") return "server";
    if (key === "query") return () => Promise.reject(new Error("connection refused"));
    throw new Error(`unexpected use of the database (${String(key)})`);
  },
});

function scrape(call: ReturnType<typeof createTestApp>["call"], token = TOKEN) {
  return call("GET", "/metrics", { headers: { authorization: `Bearer ${token}` } });
}

/** The value of one sample line of the exposition (`name{labels} value`), or undefined. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`)) continue;
    const body = line.slice(name.length + 1, line.lastIndexOf("}"));
    const present = Object.entries(labels).every(([key, value]) => body.includes(`${key}="${value}"`));
    if (present) return Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return undefined;
}

describe("GET /healthz (liveness)", () => {
  it("answers 200 JSON while the process runs, without asking the database", async () => {
    const { call } = createTestApp(unreachable);
    const { status, headers, json } = await call("GET", "/healthz");
    expect(status).toBe(200);
    expect(headers.get("content-type")).toMatch(/^application\/json/);
    expect(json.status).toBe("ok");
  });
});

describe("GET /readyz (readiness)", () => {
  it("answers 200 when the database answers on the code's schema", async () => {
    const { call } = createTestApp(db.current);
    const { status, json } = await call("GET", "/readyz");
    expect(status).toBe(200);
    const journal = JSON.parse(readFileSync(join(migrationsFolder, "meta/_journal.json"), "utf8"));
    expect(json).toMatchObject({ status: "ready", migration: journal.entries.at(-1).tag });
  });

  it("answers 503 problem+json when the database does not answer", async () => {
    const { call } = createTestApp(unreachable);
    const { status, headers, json } = await call("GET", "/readyz");
    expect(status).toBe(503);
    expect(headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(json.code).toBe("NOT_READY");
    expect(json.detail).toMatch(/ne répond pas/);
  });

  it("answers 503 when the database's schema is behind the code", async () => {
    const journal = JSON.parse(readFileSync(join(migrationsFolder, "meta/_journal.json"), "utf8"));
    const older = journal.entries.at(-2).when;
    const behind: Database = {
      ...db.current,
      query: async (text, params) =>
        text.includes("created_at from drizzle.__drizzle_migrations")
          ? ([{ created_at: older }] as never)
          : db.current.query(text, params),
    };
    const { call } = createTestApp(behind);
    const { status, json } = await call("GET", "/readyz");
    expect(status).toBe(503);
    expect(json.detail).toMatch(/1 migration\(s\) à appliquer/);
  });

  it("answers 503 while the process drains before a stop, liveness still 200", async () => {
    const env = defaultEnv({ NODE_ENV: "test", LOG_LEVEL: "silent" });
    const lifecycle = { draining: false };
    const app = createApp({
      database: db.current,
      clock: fixedClock(NOW),
      env,
      logger: createLogger(env),
      lifecycle,
    });
    expect((await app.request("/readyz")).status).toBe(200);
    lifecycle.draining = true;
    const draining = await app.request("/readyz");
    expect(draining.status).toBe(503);
    expect(((await draining.json()) as { detail: string }).detail).toMatch(/arrêt en cours/);
    expect((await app.request("/healthz")).status).toBe(200);
  });
});

describe("GET /metrics (Prometheus)", () => {
  it("is not served without METRICS_TOKEN", async () => {
    const { call } = createTestApp(db.current);
    const { status, headers } = await call("GET", "/metrics");
    expect(status).toBe(404);
    expect(headers.get("content-type")).toMatch(/^application\/problem\+json/);
  });

  it("refuses a missing or wrong bearer token with 401 problem+json", async () => {
    const { call } = createTestApp(db.current, { env: { METRICS_TOKEN: TOKEN } });
    const missing = await call("GET", "/metrics");
    expect(missing.status).toBe(401);
    expect(missing.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect((await scrape(call, `${TOKEN}x`)).status).toBe(401);
    expect((await call("GET", "/metrics", { headers: { authorization: TOKEN } })).status).toBe(401);
  });

  it("counts and times requests by route template and status, in Prometheus text", async () => {
    const { call } = createTestApp(db.current, { env: { METRICS_TOKEN: TOKEN } });
    await call("GET", "/api/health");
    await call("GET", "/api/health");
    await call("GET", "/api/persons/8c6f6a57-3c4e-4a55-9f7e-0a1b2c3d4e5f"); // 401: no session
    await call("GET", "/api/nowhere");
    const response = await scrape(call);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.response.text();
    expect(sample(text, "http_requests_total", { route: "/api/health", status: "200" })).toBe(2);
    // the template, never the id: a bounded set of series
    expect(sample(text, "http_requests_total", { route: "/api/persons/:id", status: "401" })).toBe(1);
    expect(text).not.toContain("8c6f6a57");
    expect(sample(text, "http_requests_total", { route: "(unmatched)", status: "404" })).toBe(1);
    expect(sample(text, "http_request_duration_seconds_count", { route: "/api/health", status: "200" })).toBe(
      2,
    );
    expect(sample(text, "http_request_duration_seconds_bucket", { route: "/api/health", le: "+Inf" })).toBe(
      2,
    );
    // the process and the database
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds \d/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d/m);
    expect(sample(text, "chezsoi_db_queries_total", { backend: db.current.kind })).toBeGreaterThan(0);
    expect(sample(text, "chezsoi_db_ping_seconds", { backend: db.current.kind })).toBeGreaterThanOrEqual(0);
    expect(sample(text, "chezsoi_db_pool_max_connections", { backend: db.current.kind })).toBeGreaterThan(0);
  });

  it("counts the people waiting past the first-offer deadline, per organisation", async () => {
    const late = await createOrganisation(db.current.db, { name: "Site en retard" });
    const onTime = await createOrganisation(db.current.db, { name: "Site à jour" });
    // 23/11/2026: day 1 on 01/09/2026 is 12 weeks ago (deadline 27/10), on 02/11/2026 three weeks ago
    await createPerson(db.current.db, { organisationId: late.id, entryDate: "2026-09-01" });
    await createPerson(db.current.db, { organisationId: late.id, entryDate: "2026-09-15" });
    await createPerson(db.current.db, { organisationId: late.id, entryDate: "2026-11-02" });
    await createPerson(db.current.db, { organisationId: late.id, entryDate: "2026-08-01", status: "housed" });
    await createPerson(db.current.db, { organisationId: onTime.id, entryDate: "2026-11-02" });
    const { call } = createTestApp(db.current, { now: NOW, env: { METRICS_TOKEN: TOKEN } });
    const text = await (await scrape(call)).response.text();
    const overdue = "chezsoi_persons_first_offer_overdue";
    expect(sample(text, overdue, { organisation_id: late.id, organisation: "Site en retard" })).toBe(2);
    expect(sample(text, overdue, { organisation_id: onTime.id })).toBe(0);
    expect(sample(text, "chezsoi_persons", { organisation_id: late.id, status: "waiting" })).toBe(3);
    expect(sample(text, "chezsoi_persons", { organisation_id: late.id, status: "housed" })).toBe(1);
  });

  it("agrees with the officers' alerts of the same organisation", async () => {
    const organisation = await createOrganisation(db.current.db, { firstOfferDeadlineWeeks: 6 });
    for (const entryDate of ["2026-08-03", "2026-09-28", "2026-10-05", "2026-10-20", "2026-11-16"])
      await createPerson(db.current.db, { organisationId: organisation.id, entryDate });
    await createOpenPanel(db.current.db, { organisationId: organisation.id });
    const { call, clock } = createTestApp(db.current, { now: NOW, env: { METRICS_TOKEN: TOKEN } });
    const text = await (await scrape(call)).response.text();
    const env = defaultEnv({ NODE_ENV: "test", LOG_LEVEL: "silent" });
    const alerts = await listAlerts(
      { database: db.current, clock, env, logger: createLogger(env) },
      {
        kind: "user",
        userId: "00000000-0000-4000-8000-000000000000",
        organisationId: organisation.id,
        role: "housing_officer",
        landlordId: null,
        email: "x@example.fr",
        fullName: "X",
      },
      {},
    );
    const overdueAlerts = alerts.filter((alert) => alert.kind === "first_offer_overdue").length;
    // 6 weeks: day 1 on or before 11/10/2026 is late on 23/11/2026
    expect(overdueAlerts).toBe(3);
    expect(sample(text, "chezsoi_persons_first_offer_overdue", { organisation_id: organisation.id })).toBe(
      overdueAlerts,
    );
  });

  it("reads the business gauges from a short cache, not at every scrape", async () => {
    const organisation = await createOrganisation(db.current.db);
    const { call } = createTestApp(db.current, { now: NOW, env: { METRICS_TOKEN: TOKEN } });
    const first = await (await scrape(call)).response.text();
    expect(sample(first, "chezsoi_persons_first_offer_overdue", { organisation_id: organisation.id })).toBe(
      0,
    );
    await createPerson(db.current.db, { organisationId: organisation.id, entryDate: "2026-09-01" });
    const second = await (await scrape(call)).response.text();
    expect(sample(second, "chezsoi_persons_first_offer_overdue", { organisation_id: organisation.id })).toBe(
      0,
    );
  });
});

/** Every page path the router declares (`path: "/x", title: …` in web/src/pages), ids filled in. */
function webPagePaths(): string[] {
  const folder = join(import.meta.dirname, "../../web/src/pages");
  const paths = new Set<string>(["/", "/connexion", "/set-password"]);
  for (const file of readdirSync(folder).filter((name) => name.endsWith(".ts")))
    for (const match of readFileSync(join(folder, file), "utf8").matchAll(/path:\s*"(\/[^"]*)",\s*title:/g))
      paths.add((match[1] ?? "").replace(/:[A-Za-z]+/g, "3f0c1b2a-6d4e-4f5a-8b9c-0d1e2f3a4b5c"));
  return [...paths];
}

describe("the web app's built files", () => {
  const assets = join(import.meta.dirname, "../../dist/web/assets");
  // the app's entry script (vite names it after its content)
  const entry = readdirSync(assets).find((name) => /^index-.*\.js$/.test(name))!;
  const original = readFileSync(join(assets, entry));

  it.each([
    ["br", "gzip, deflate, br, zstd", (bytes: Buffer) => brotliDecompressSync(bytes)],
    ["gzip", "gzip, deflate", (bytes: Buffer) => gunzipSync(bytes)],
    [null, "identity", (bytes: Buffer) => bytes],
  ])(
    "are sent compressed (%s) when the browser accepts it, kept a year",
    async (encoding, accept, decode) => {
      const { call } = createTestApp(db.current);
      const { status, headers, response } = await call("GET", `/assets/${entry}`, {
        headers: { "accept-encoding": accept },
      });
      expect(status).toBe(200);
      expect(headers.get("content-encoding")).toBe(encoding);
      expect(headers.get("content-type")).toMatch(/^text\/javascript/);
      expect(headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      const sent = Buffer.from(await response.arrayBuffer());
      if (encoding) expect(sent.length).toBeLessThan(original.length / 3);
      expect(decode(sent).equals(original)).toBe(true);
    },
  );
});

describe("addresses that are neither a route nor a page", () => {
  const browser = { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" };

  it("gives every page of the web app to a browser", async () => {
    const { call } = createTestApp(db.current);
    const paths = webPagePaths();
    expect(paths.length).toBeGreaterThan(25);
    for (const path of paths) {
      const { status, headers } = await call("GET", path, { headers: browser });
      expect([path, status, headers.get("content-type")]).toEqual([path, 200, "text/html; charset=UTF-8"]);
    }
  });

  it("gives a browser the app's «page introuvable» as a 404 for an address that is no page", async () => {
    const { call } = createTestApp(db.current);
    for (const path of ["/nimporte-quoi", "/personnes/a/b", "/admin", "/finances/baux"]) {
      const { status, headers } = await call("GET", path, { headers: browser });
      expect([path, status, headers.get("content-type")]).toEqual([path, 404, "text/html; charset=UTF-8"]);
    }
  });

  it.each([
    ["an unknown API address", "/api/nothing-here", browser],
    ["an unknown API address under a real prefix", "/api/persons/a/b/c/d", {}],
    ["a mis-pointed probe", "/health", { accept: "*/*" }],
    ["a scraper on a wrong path", "/prometheus", { accept: "application/openmetrics-text; version=1.0.0" }],
    ["a client without Accept", "/personnes", {}],
    ["a missing file, even from a browser", "/robots.txt", browser],
    ["a missing asset", "/assets/nothing-here.js", { accept: "*/*" }],
    ["a dotted path", "/wp-login.php", browser],
  ])("answers 404 problem+json to %s (%s)", async (_label, path, headers) => {
    const { call } = createTestApp(db.current);
    const { status, headers: answer, json } = await call("GET", path, { headers });
    expect(status).toBe(404);
    expect(answer.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(json.code).toBe("ROUTE_NOT_FOUND");
  });
});
