/**
 * `npm run bench:documents`: sub-lease PDFs rendered per second on one core (target ≥ 50/s).
 * Renders the complete sub-lease (sliding clause included, 2 pages) sequentially in this one
 * process, varying the tenant's name so no two documents are identical.
 *
 * Then the same words through bare pdfkit, opened with the same options (PDF/A-3b, tagged, the
 * same parsed fonts) but written as plain `text()` calls: no template language, no layout of
 * facts and tables, no structure elements. The ratio of the two CPU times is the cost of the
 * renderer over pdfkit itself.
 */
import { loadavg } from "node:os";
import PDFDocument from "pdfkit";
import { renderPdf } from "../server/modules/documents/documents.service";
import { documentTemplates, loadTemplate } from "../server/modules/documents/documents.templates";
import { ARCHIVAL_PDF_OPTIONS, loadFonts } from "../server/modules/documents/pdf-renderer";
import { type Block, renderTemplate } from "../server/modules/documents/template-language";
import { documentSamples } from "../tests/support/document-samples";

const WARMUP = 20;
const COUNT = Number(process.env.BENCH_COUNT ?? 500);
const createdAt = new Date("2026-11-23T09:00:00Z");

function sample(index: number) {
  const base = documentSamples.sublease;
  return { ...base, tenant: { ...base.tenant, fullName: `Personne n° ${index}` } };
}

function blockText(block: Block): string[] {
  switch (block.type) {
    case "fact":
      return [`${block.label} ${block.value}`];
    case "table":
      return [
        block.columns.map((column) => column.label).join(" "),
        ...block.rows.map((row) => row.join(" ")),
      ];
    case "signatures":
      return [block.parties.join(" ")];
    case "pagebreak":
      return [];
    default:
      return [block.text.replace(/\*\*/g, "")];
  }
}

/** The sub-lease's words (same template, same data) through pdfkit alone, same document options. */
function barePdfkit(index: number): Promise<Buffer> {
  const data = documentTemplates.sublease.schema.parse(sample(index));
  const lines = renderTemplate(loadTemplate("sublease"), data).flatMap(blockText);
  const { regular, bold } = loadFonts();
  const doc = new PDFDocument({
    font: null as unknown as string,
    size: "A4",
    margins: { top: 92, bottom: 64, left: 56, right: 56 },
    compress: true,
    ...ARCHIVAL_PDF_OPTIONS,
    info: { Title: "Contrat de location", Author: "Bench", Producer: "Bench", CreationDate: createdAt },
  } as PDFKit.PDFDocumentOptions);
  doc.registerFont("body", regular as never);
  doc.registerFont("bold", bold as never);
  doc.font("body").fontSize(9.5);
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  for (const line of lines) doc.text(line, { width: 483 });
  doc.end();
  return done;
}

async function measure(render: (index: number) => Promise<Buffer>) {
  for (let i = 0; i < WARMUP; i++) await render(i);
  let bytes = 0;
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (let i = 0; i < COUNT; i++) bytes += (await render(i)).byteLength;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, kib: bytes / COUNT / 1024 };
}

const load = loadavg()[0]!;
const product = await measure((i) => renderPdf("sublease", sample(i), createdAt));
const bare = await measure(barePdfkit);

// one process, one JS thread: throughput per core is documents / CPU seconds. Wall-clock time is
// printed too; it is lower when other processes share the core.
const perCoreSecond = COUNT / product.cpuSeconds;
console.log(
  `sub-lease PDFs (PDF/A-3b, tagged): ${COUNT} rendered, ${product.kib.toFixed(1)} KiB average\n` +
    `  per core: ${perCoreSecond.toFixed(1)} PDFs/s (${((product.cpuSeconds * 1000) / COUNT).toFixed(1)} ms of CPU each) — target ≥ 50/s\n` +
    `  wall clock: ${(COUNT / product.seconds).toFixed(1)} PDFs/s (${product.seconds.toFixed(2)} s)\n` +
    `  bare pdfkit, same options and words: ${(COUNT / bare.cpuSeconds).toFixed(1)} PDFs/s per core (${((bare.cpuSeconds * 1000) / COUNT).toFixed(1)} ms each, ${bare.kib.toFixed(1)} KiB)\n` +
    `  renderer / bare pdfkit: × ${(product.cpuSeconds / bare.cpuSeconds).toFixed(2)} CPU time\n` +
    `  load average ${load.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}`,
);
if (perCoreSecond < 50) process.exitCode = 1;
