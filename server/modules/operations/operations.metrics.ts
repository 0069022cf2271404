import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { AppDeps, AppEnv } from "../../lib/hono";
import { businessGauges, type OrganisationGauges } from "./operations.service";

/**
 * The process's own figures (CPU, memory, heap, GC, event-loop lag and its percentiles), one set
 * per process whatever the number of apps built in it (tests build many): registered on the first
 * scrape.
 */
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, eventLoopMonitoringPrecision: 10 });
  }
  return processRegistry;
}

/** Business gauges are recomputed at most this often: a scrape every 15 s costs a few queries a minute. */
export const BUSINESS_GAUGES_TTL_MS = 30_000;

/**
 * The route a request matched, as a template ("/api/persons/:id"): a bounded label set. Paths
 * that matched no route are counted together, the web app's pages too.
 */
function routeLabel(template: string, status: number): string {
  if (!template.endsWith("*")) return template;
  if (status === 404) return "(unmatched)";
  if (template === "*" || template === "/*") return "(web app)";
  return template;
}

export type AppMetrics = {
  /** counts and times every request: mounted first, so that it sees the final status */
  middleware: MiddlewareHandler<AppEnv>;
  /** the Prometheus text exposition of this app and its process */
  render(): Promise<string>;
  contentType: string;
};

/** The app's metrics registry: HTTP by route and status, database queries, business gauges. */
export function createMetrics(deps: AppDeps): AppMetrics {
  const { database, clock, logger } = deps;
  const registry = new Registry();

  const requests = new Counter({
    name: "http_requests_total",
    help: "HTTP requests answered, by method, route template and status",
    labelNames: ["method", "route", "status"] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: "http_request_duration_seconds",
    help: "Time to answer an HTTP request, by method, route template and status",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const inFlight = new Gauge({
    name: "http_requests_in_flight",
    help: "HTTP requests being answered",
    registers: [registry],
  });

  new Counter({
    name: "chezsoi_db_queries_total",
    help: "SQL statements sent to the database since the start",
    labelNames: ["backend"] as const,
    registers: [registry],
    collect() {
      this.reset();
      this.inc({ backend: database.kind }, database.stats.queries);
    },
  });
  new Gauge({
    name: "chezsoi_db_pool_max_connections",
    help: "Connections the PostgreSQL pool may open (DATABASE_POOL_SIZE); 1 for the embedded database",
    labelNames: ["backend"] as const,
    registers: [registry],
    collect() {
      this.set({ backend: database.kind }, database.kind === "server" ? deps.env.DATABASE_POOL_SIZE : 1);
    },
  });
  new Gauge({
    name: "chezsoi_db_ping_seconds",
    help: "Time the database took to answer `select 1` at this scrape (-1: no answer)",
    labelNames: ["backend"] as const,
    registers: [registry],
    async collect() {
      const started = performance.now();
      try {
        await database.query("select 1");
        this.set({ backend: database.kind }, (performance.now() - started) / 1000);
      } catch {
        this.set({ backend: database.kind }, -1);
      }
    },
  });

  let cached: { at: number; gauges: OrganisationGauges[] } | undefined;
  let pending: Promise<OrganisationGauges[]> | undefined;
  async function currentGauges(): Promise<OrganisationGauges[]> {
    if (cached && Date.now() - cached.at < BUSINESS_GAUGES_TTL_MS) return cached.gauges;
    pending ??= businessGauges(database.db, clock)
      .then((gauges) => {
        cached = { at: Date.now(), gauges };
        return gauges;
      })
      .catch((error: unknown) => {
        logger.warn({ err: error }, "metrics: business gauges could not be computed");
        return cached?.gauges ?? [];
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  }
  const labelled = (gauge: OrganisationGauges) => ({
    organisation_id: gauge.organisationId,
    organisation: gauge.organisation,
  });
  new Gauge({
    name: "chezsoi_persons_first_offer_overdue",
    help: "People waiting past the first-offer deadline of their admission (cahier des charges §8.3.2: 8 weeks by default)",
    labelNames: ["organisation_id", "organisation"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const gauge of await currentGauges()) this.set(labelled(gauge), gauge.firstOfferOverdue);
    },
  });
  new Gauge({
    name: "chezsoi_persons",
    help: "People followed, by organisation and status",
    labelNames: ["organisation_id", "organisation", "status"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const gauge of await currentGauges())
        for (const [status, people] of Object.entries(gauge.personsByStatus))
          this.set({ ...labelled(gauge), status }, people);
    },
  });

  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    const started = performance.now();
    inFlight.inc();
    try {
      await next();
    } finally {
      inFlight.dec();
      const labels = {
        method: c.req.method,
        route: routeLabel(routePath(c), c.res.status),
        status: String(c.res.status),
      };
      requests.inc(labels);
      duration.observe(labels, (performance.now() - started) / 1000);
    }
  };

  return {
    middleware,
    contentType: registry.contentType,
    async render() {
      const merged = Registry.merge([registry, processMetrics()]);
      return merged.metrics();
    },
  };
}
