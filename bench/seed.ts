/**
 * `npm run bench:seed`: opens an embedded PGlite in a temporary directory, migrates, and times the
 * whole demo seed (seedDemo), then prints what it wrote. Figures go in docs/benchmarks.md.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase } from "../db/client";
import { migrate } from "../db/migrate";
import { seedDemo } from "../db/seed";
import { systemClock } from "../server/lib/clock";

const dir = await mkdtemp(join(tmpdir(), "bench-seed-"));
try {
  let t = performance.now();
  const database = await openDatabase({ kind: "embedded", dataDir: dir });
  const openMs = performance.now() - t;
  t = performance.now();
  await migrate(database);
  const migrateMs = performance.now() - t;
  t = performance.now();
  const phases: string[] = [];
  await seedDemo(database, systemClock, (phase, ms) => phases.push(`${phase} ${Math.round(ms)} ms`));
  const seedMs = performance.now() - t;
  const count = async (query: string) =>
    ((await database.db.execute(sql.raw(query))) as unknown as { rows: Record<string, unknown>[] }).rows;
  console.log(
    `open ${Math.round(openMs)} ms, migrate ${Math.round(migrateMs)} ms, seed ${Math.round(seedMs)} ms (load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")})`,
  );
  console.log(`seed phases: ${phases.join(", ")}`);
  console.log(await count("select status, count(*)::int n from units group by status order by status"));
  console.log(await count("select status, count(*)::int n from persons group by status order by status"));
  console.log(
    await count("select kind, status, count(*)::int n from leases group by kind, status order by kind"),
  );
  console.log(await count("select status, count(*)::int n from mandates group by status"));
  console.log(
    await count(
      "select (select count(*)::int from rent_calls) rent_calls, (select count(*)::int from ledger_transactions) transactions, (select count(*)::int from ledger_entries) entries",
    ),
  );
  await database.close();
} finally {
  await rm(dir, { recursive: true, force: true });
}
