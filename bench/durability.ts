/**
 * `npm run bench:durability` — what flushing each commit to the disk costs the embedded database.
 *
 * Small audited commits (one row updated and its audit entry, in one `inAuditedTransaction`, as
 * every API write does) through the product's code, on two PGlite folders side by side in the
 * same temporary directory (same disk), in the same run:
 *  - durable: the folder as `npm start` opens it (`openDatabase`, DurableNodeFS: fsync on, the
 *    WAL flushed with fsync(2) before COMMIT returns);
 *  - bare: PGlite's own NodeFS with its default start parameters (`-F`: fsync off, nothing ever
 *    flushed), the limit without durability.
 * The two alternate in rounds so that a change of load hits both alike. Prints the median and
 * p95 per commit, their difference and ratio, the flushes counted, and `os.loadavg()` (2 cores:
 * above 2 means the cores were shared). BENCH_COMMITS (default 400) per folder; BENCH_DIR picks
 * the directory (default the system's temporary directory).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { PGlite } from "@electric-sql/pglite";
import { NodeFS } from "@electric-sql/pglite/nodefs";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { type Database, type Db, openDatabase } from "../db/client";
import { durability } from "../db/durable-nodefs";
import { migrate } from "../db/migrate";
import * as schema from "../db/schema";
import { systemClock } from "../server/lib/clock";
import { inAuditedTransaction } from "../server/modules/audit/audit.service";

const COMMITS = Number(process.env.BENCH_COMMITS ?? 400);
const ROUNDS = 8;

/** Plain PGlite on a folder, as it comes: no flush at all. Wrapped like openDatabase wraps it. */
async function openBare(dataDir: string): Promise<Database> {
  const pglite = await PGlite.create({ fs: new NodeFS(dataDir) });
  const stats = { queries: 0 };
  const logger = { logQuery: () => void stats.queries++ };
  const db = drizzle(pglite, { schema, casing: "snake_case", logger }) as unknown as Db;
  return {
    db,
    kind: "embedded",
    stats,
    pglite,
    query: async (text, params = []) => (await pglite.query(text, params)).rows as never,
    close: () => pglite.close(),
  };
}

async function prepare(database: Database): Promise<string> {
  await migrate(database);
  const [org] = await database.query<{ id: string }>(
    "insert into organisations (name, kind, city, capacity) values ('Bench', 'iml_association', 'Dijon', 10) returning id",
  );
  return org!.id;
}

/** `count` audited commits; the time of each, in milliseconds. */
async function commits(database: Database, organisationId: string, count: number, from: number) {
  const context = {
    actor: { kind: "system" as const, organisationId, label: "bench" },
    requestId: null,
    clock: systemClock,
  };
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await inAuditedTransaction(database.db, context, async (tx, audit) => {
      await (tx as unknown as Db)
        .update(schema.organisations)
        .set({ capacity: 1 + from + i })
        .where(eq(schema.organisations.id, organisationId));
      await audit.record({
        action: "organisation.updated",
        entityType: "organisation",
        entityId: organisationId,
        after: { capacity: 1 + from + i },
      });
    });
    times.push(performance.now() - started);
  }
  return times;
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

const root = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), "iml-bench-durability-"));
const durable = await openDatabase({ kind: "embedded", dataDir: join(root, "durable") });
const bare = await openBare(join(root, "bare"));
try {
  const durableOrg = await prepare(durable);
  const bareOrg = await prepare(bare);
  // warm-up: plans cached, WAL segments created
  await commits(durable, durableOrg, 20, 0);
  await commits(bare, bareOrg, 20, 0);
  const loadBefore = loadavg()[0]!;
  const fsyncsBefore = durability.fsyncs;
  const measured = { durable: [] as number[], bare: [] as number[] };
  const perRound = Math.ceil(COMMITS / ROUNDS);
  for (let round = 0; round < ROUNDS; round++) {
    // alternate which goes first, so that neither always follows the other's flushes
    const order = round % 2 === 0 ? (["durable", "bare"] as const) : (["bare", "durable"] as const);
    for (const which of order) {
      const database = which === "durable" ? durable : bare;
      const org = which === "durable" ? durableOrg : bareOrg;
      measured[which].push(...(await commits(database, org, perRound, 1000 + round * perRound)));
    }
  }
  const fsyncs = durability.fsyncs - fsyncsBefore;
  const summary = (times: number[]) => {
    const sorted = [...times].sort((a, b) => a - b);
    return {
      commits: sorted.length,
      medianMs: +quantile(sorted, 0.5).toFixed(2),
      p95Ms: +quantile(sorted, 0.95).toFixed(2),
      meanMs: +(sorted.reduce((sum, t) => sum + t, 0) / sorted.length).toFixed(2),
    };
  };
  const durableSummary = summary(measured.durable);
  const bareSummary = summary(measured.bare);
  console.log(
    JSON.stringify(
      {
        what: "small audited commits (one row and its audit entry), PGlite on the same disk",
        durable: { ...durableSummary, fsyncsPerCommit: +(fsyncs / durableSummary.commits).toFixed(2) },
        bare: bareSummary,
        extraPerCommitMs: +(durableSummary.medianMs - bareSummary.medianMs).toFixed(2),
        ratio: +(durableSummary.medianMs / bareSummary.medianMs).toFixed(2),
        // 1-minute load average before and after (2 cores: above 2 = contention)
        loadAverage: { before: +loadBefore.toFixed(2), after: +loadavg()[0]!.toFixed(2) },
      },
      null,
      2,
    ),
  );
} finally {
  await durable.close();
  await bare.close();
  rmSync(root, { recursive: true, force: true });
}
