/**
 * `npm run bench:documents`: sub-lease PDFs rendered per second on one core (target ≥ 50/s).
 * Renders the complete sub-lease (sliding clause included, 2 pages) sequentially in this one
 * process, varying the tenant's name so no two documents are identical.
 */
import { loadavg } from "node:os";
import { renderPdf } from "../server/modules/documents/documents.service";
import { documentSamples } from "../tests/support/document-samples";

const WARMUP = 20;
const COUNT = Number(process.env.BENCH_COUNT ?? 500);
const createdAt = new Date("2026-11-23T09:00:00Z");

function sample(index: number) {
  const base = documentSamples.sublease;
  return { ...base, tenant: { ...base.tenant, fullName: `Personne n° ${index}` } };
}

for (let i = 0; i < WARMUP; i++) await renderPdf("sublease", sample(i), createdAt);

let bytes = 0;
const cpuBefore = process.cpuUsage();
const started = process.hrtime.bigint();
for (let i = 0; i < COUNT; i++) bytes += (await renderPdf("sublease", sample(i), createdAt)).byteLength;
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const cpu = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;

// one process, one JS thread: throughput per core is documents / CPU seconds. Wall-clock time is
// printed too; it is lower when other processes share the core.
const perCoreSecond = COUNT / cpuSeconds;
console.log(
  `sub-lease PDFs: ${COUNT} rendered, ${(bytes / COUNT / 1024).toFixed(1)} KiB average\n` +
    `  per core: ${perCoreSecond.toFixed(1)} PDFs/s (${((cpuSeconds * 1000) / COUNT).toFixed(1)} ms of CPU each) — target ≥ 50/s\n` +
    `  wall clock: ${(COUNT / seconds).toFixed(1)} PDFs/s (${seconds.toFixed(2)} s, load average ${loadavg()[0]!.toFixed(1)})`,
);
if (perCoreSecond < 50) process.exitCode = 1;
