import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type * as Fontkit from "fontkit";
import type PDFKitDocument from "pdfkit";
import type { Block } from "./template-language";

// pdfkit and fontkit cost a few hundred milliseconds and some 25 MiB to load: the first document
// loads them, not the server's start
const require = createRequire(import.meta.url);
const pdfkit = () => require("pdfkit") as typeof PDFKitDocument;
const fontkit = () => require("fontkit") as typeof Fontkit;

/**
 * Blocks → PDF bytes with pdfkit. The font is DejaVu Sans embedded from the `dejavu-fonts-ttf`
 * package, parsed once (the built-in Helvetica turns the narrow no-break space of
 * "1 234,56 €" into "/", and a pre-parsed font is 3.5× faster than a path).
 *
 * Archival: every file is PDF/A-3b (ISO 19005-3, level B) in PDF 1.7, built from pdfkit's own
 * options: XMP metadata with pdfaid part 3 / conformance B, an sRGB OutputIntent with its ICC
 * profile embedded, embedded font subsets. It is also tagged (MarkInfo, StructTreeRoot, /Lang
 * fr-FR): the title, headings, paragraphs, lists and tables are structure elements, and the page
 * header and footer are pagination artifacts.
 *
 * Deterministic: the same blocks, header and creation date give the same bytes (pdfkit derives
 * the file /ID from the info dictionary, which holds only fixed values and the given date).
 */

type ParsedFont = ReturnType<typeof Fontkit.create>;

let fonts: { regular: ParsedFont; bold: ParsedFont } | null = null;

/** DejaVu Sans regular and bold, parsed once, for every PDF the back office draws. */
export function loadFonts() {
  if (!fonts) {
    const dir = require.resolve("dejavu-fonts-ttf/package.json").replace(/package\.json$/, "ttf/");
    fonts = {
      regular: withLayoutMemo(fontkit().create(readFileSync(`${dir}DejaVuSans.ttf`))),
      bold: withLayoutMemo(fontkit().create(readFileSync(`${dir}DejaVuSans-Bold.ttf`))),
    };
  }
  return fonts;
}

type Position = { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number };
type Run = { glyphs: unknown[]; positions: Position[] };

/**
 * Shaping a word with fontkit (OpenType lookups) is most of a document's cost, and pdfkit's own
 * layout cache lives only as long as one document. Words repeat from one document to the next,
 * so the shaped runs are memoised on the shared font (bounded). pdfkit scales the positions it
 * receives in place: each call gets fresh copies of the positions, and the glyphs are shared
 * (read-only, fontkit caches them anyway).
 */
function withLayoutMemo(font: ParsedFont, limit = 20_000): ParsedFont {
  const shape = (font.layout as (text: string, features?: unknown) => Run).bind(font);
  const memo = new Map<string, Run>();
  const layout = (text: string, features?: unknown) => {
    const key = features === undefined ? text : `${JSON.stringify(features)}\u0000${text}`;
    let run = memo.get(key);
    if (!run) {
      const shaped = shape(text, features);
      run = {
        glyphs: shaped.glyphs,
        positions: shaped.positions.map(({ xAdvance, yAdvance, xOffset, yOffset }) => ({
          xAdvance,
          yAdvance,
          xOffset,
          yOffset,
        })),
      };
      if (memo.size >= limit) memo.clear();
      memo.set(key, run);
    }
    const positions = run.positions.map((position) => ({ ...position }));
    return {
      glyphs: run.glyphs,
      positions,
      get advanceWidth() {
        let width = 0;
        for (const position of positions) width += position.xAdvance;
        return width;
      },
    };
  };
  (font as { layout: unknown }).layout = layout;
  return font;
}

export type DocumentHeader = {
  organisationName: string;
  /** one or two short lines under the name (address, agrément) */
  organisationLines: string[];
  /** the document's title, repeated in the footer */
  documentTitle: string;
  /**
   * printed after the title in the footer so a paper copy names its wording, e.g. "modèle du
   * 02/12/2026" (the date of the template's wording); null prints the title alone
   */
  versionLabel: string | null;
};

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { top: 92, bottom: 64, left: 56, right: 56 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const COLOR = { text: "#1a1a1a", muted: "#555555", rule: "#999999", fill: "#eeeeee" };
const SIZE = { body: 9.5, small: 7.5, heading: 11, title: 15, subtitle: 10 };

/**
 * pdfkit writes the Info values verbatim into the XMP packet, and PDF/A wants the two to say the
 * same: a value is kept free of the XML markup characters ("&" reads "et").
 */
const xmpSafe = (value: string) => value.replace(/\s*&\s*/g, " et ").replace(/[<>]/g, "");

/** The options every PDF of the back office is opened with (the benchmark opens bare pdfkit so). */
export const ARCHIVAL_PDF_OPTIONS = {
  pdfVersion: "1.7",
  subset: "PDF/A-3b",
  tagged: true,
  lang: "fr-FR",
  displayTitle: true,
} as const;

/**
 * A new A4 PDF/A-3b, tagged, in French with DejaVu Sans registered as "body" and "bold", and an
 * info dictionary of fixed values and the given date only (so the same content gives the same
 * bytes). No ModDate: pdfkit writes no xmp:ModifyDate to match it. `root` is the Document
 * structure element every drawn part joins. `finished` resolves to the file's bytes once
 * `doc.end()` is called.
 */
export function openPdfDocument(options: {
  title: string;
  author: string;
  margins: { top: number; bottom: number; left: number; right: number };
  createdAt: Date;
}): { doc: PDFKit.PDFDocument; root: PDFKit.PDFStructureElement; finished: Promise<Buffer> } {
  const { regular, bold } = loadFonts();
  const doc = new (pdfkit())({
    // no built-in Helvetica: its metrics would be parsed for every document, and it is never used
    font: null as unknown as string,
    size: "A4",
    margins: options.margins,
    bufferPages: true,
    autoFirstPage: true,
    compress: true,
    ...ARCHIVAL_PDF_OPTIONS,
    info: {
      Title: xmpSafe(options.title),
      Author: xmpSafe(options.author),
      Creator: xmpSafe(options.author),
      Producer: "Back office logement",
      CreationDate: options.createdAt,
    },
  } as PDFKit.PDFDocumentOptions);
  doc.registerFont("body", regular as never);
  doc.registerFont("bold", bold as never);
  const root = doc.struct("Document");
  doc.addStructure(root);
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  return { doc, root, finished };
}

/**
 * A structure element that only groups others (Table, TR, L, Sect): it marks no content itself,
 * since pdfkit closes an open marked content when a nested one starts. End it once its children
 * are added.
 */
export function group(
  doc: PDFKit.PDFDocument,
  parent: PDFKit.PDFStructureElement,
  type: string,
): PDFKit.PDFStructureElement {
  const element = doc.struct(type);
  parent.add(element);
  return element;
}

/**
 * Draws inside a leaf structure element of `type` (H1, P, TD…) under `parent`: what `draw` puts on
 * the page is marked content of that element, across page breaks too (they must go through
 * `continueOnNewPage`, which closes and reopens the marked content). `draw` must not open
 * another element or an artifact.
 */
export function tagged(
  doc: PDFKit.PDFDocument,
  parent: PDFKit.PDFStructureElement,
  type: string,
  draw: () => void,
  options: { alt?: string } = {},
): void {
  const element = doc.struct(type, options);
  parent.add(element);
  element.add(draw);
  element.end();
}

/** Draws decoration (rules, fills, running header and footer) outside the structure tree. */
export function artifact(
  doc: PDFKit.PDFDocument,
  draw: () => void,
  type: "Layout" | "Pagination" = "Layout",
): void {
  doc.markContent("Artifact", { type });
  draw();
  doc.endMarkedContent();
}

/** Renders one or more parts (each a list of blocks) into one PDF; each part starts on a new page. */
export function renderBlocksToPdf(
  parts: Block[][],
  header: DocumentHeader,
  createdAt: Date,
): Promise<Buffer> {
  const { doc, root, finished } = openPdfDocument({
    title: header.documentTitle,
    author: header.organisationName,
    margins: MARGIN,
    createdAt,
  });
  doc.font("body").fontSize(SIZE.body).fillColor(COLOR.text);

  parts.forEach((blocks, partIndex) => {
    if (partIndex > 0) doc.continueOnNewPage();
    const part = group(doc, root, "Sect");
    let list: PDFKit.PDFStructureElement | null = null;
    for (const block of blocks) {
      // consecutive bullets are the items of one list
      if (block.type === "bullet") list ??= group(doc, part, "L");
      else if (list) {
        list.end();
        list = null;
      }
      drawBlock(doc, list ?? part, block);
    }
    list?.end();
    part.end();
  });
  drawPageFurniture(doc, header);
  doc.end();
  return finished;
}

const bottomLimit = (doc: PDFKit.PDFDocument) => doc.page.height - doc.page.margins.bottom;

/** A new page when `height` does not fit (continueOnNewPage keeps open marked content balanced). */
function ensureSpace(doc: PDFKit.PDFDocument, height: number) {
  if (doc.y + height > bottomLimit(doc)) doc.continueOnNewPage();
}

/** Paragraph text with **bold** spans. */
function richText(
  doc: PDFKit.PDFDocument,
  text: string,
  options: PDFKit.Mixins.TextOptions,
  at?: { x: number; y: number },
) {
  const spans = text.split("**");
  if (spans.length === 1) {
    if (at) doc.font("body").text(text, at.x, at.y, options);
    else doc.font("body").text(text, options);
    return;
  }
  if (at) {
    doc.x = at.x;
    doc.y = at.y;
  }
  // pdfkit drops a continued span's leading space: carry it at the end of the span before
  for (let index = 1; index < spans.length; index++) {
    if (spans[index]!.startsWith(" ")) {
      spans[index - 1] += " ";
      spans[index] = spans[index]!.slice(1);
    }
  }
  spans.forEach((span, index) => {
    const last = index === spans.length - 1;
    doc.font(index % 2 === 1 ? "bold" : "body").text(span, { ...options, continued: !last });
  });
  doc.font("body");
}

function drawBlock(doc: PDFKit.PDFDocument, parent: PDFKit.PDFStructureElement, block: Block) {
  const x = MARGIN.left;
  switch (block.type) {
    case "title":
      doc.moveDown(0.3);
      tagged(doc, parent, "H1", () =>
        doc
          .font("bold")
          .fontSize(SIZE.title)
          .text(block.text, x, doc.y, { width: CONTENT_WIDTH, align: "center" }),
      );
      doc.font("body").fontSize(SIZE.body).moveDown(0.3);
      return;
    case "subtitle":
      tagged(doc, parent, "P", () =>
        doc
          .fillColor(COLOR.muted)
          .fontSize(SIZE.subtitle)
          .text(block.text, x, doc.y, { width: CONTENT_WIDTH, align: "center" }),
      );
      doc.fillColor(COLOR.text).fontSize(SIZE.body).moveDown(0.6);
      return;
    case "heading":
      ensureSpace(doc, 48);
      doc.moveDown(0.5);
      tagged(doc, parent, "H2", () =>
        doc.font("bold").fontSize(SIZE.heading).text(block.text, x, doc.y, { width: CONTENT_WIDTH }),
      );
      doc.font("body").fontSize(SIZE.body).moveDown(0.25);
      return;
    case "paragraph":
      tagged(doc, parent, "P", () =>
        richText(doc, block.text, { width: CONTENT_WIDTH, align: "justify", paragraphGap: 4, lineGap: 1 }),
      );
      doc.x = x;
      return;
    case "bullet": {
      ensureSpace(doc, 14);
      const y = doc.y;
      const item = group(doc, parent, "LI");
      tagged(doc, item, "Lbl", () => doc.text("•", x + 6, y, { width: 10 }));
      tagged(doc, item, "LBody", () =>
        richText(
          doc,
          block.text,
          { width: CONTENT_WIDTH - 18, paragraphGap: 2, lineGap: 1 },
          { x: x + 18, y },
        ),
      );
      item.end();
      // text() after an explicit x keeps that x: start the next block at the margin
      doc.x = x;
      return;
    }
    case "fact": {
      const labelWidth = CONTENT_WIDTH * 0.42;
      const valueWidth = CONTENT_WIDTH - labelWidth - 8;
      doc.font("bold");
      const labelHeight = doc.heightOfString(block.label, { width: labelWidth });
      doc.font("body");
      // a value may hold **bold** spans (a date, a sum): measured without their markers
      const valueHeight = doc.heightOfString(block.value.replaceAll("**", ""), { width: valueWidth });
      const height = Math.max(labelHeight, valueHeight);
      ensureSpace(doc, height + 3);
      const y = doc.y;
      // a label and its value read as one paragraph
      tagged(doc, parent, "P", () => {
        doc.font("bold").text(block.label, x, y, { width: labelWidth });
        richText(doc, block.value, { width: valueWidth }, { x: x + labelWidth + 8, y });
      });
      doc.x = x;
      doc.y = y + height + 3;
      return;
    }
    case "table":
      drawTable(doc, parent, block);
      return;
    case "signatures":
      drawSignatures(doc, parent, block.parties);
      return;
    case "note":
      tagged(doc, parent, "P", () =>
        doc
          .fontSize(SIZE.small)
          .fillColor(COLOR.muted)
          .text(block.text, x, doc.y, { width: CONTENT_WIDTH, paragraphGap: 3 }),
      );
      doc.fillColor(COLOR.text).fontSize(SIZE.body);
      return;
    case "pagebreak":
      doc.continueOnNewPage();
      return;
  }
}

function drawTable(
  doc: PDFKit.PDFDocument,
  parent: PDFKit.PDFStructureElement,
  table: Extract<Block, { type: "table" }>,
) {
  const x0 = MARGIN.left;
  const count = table.columns.length;
  // the first column (a label) gets a double share of the width
  const unit = CONTENT_WIDTH / (count + 1);
  const widths = table.columns.map((_, index) => (index === 0 ? unit * 2 : unit));
  const padding = 3;
  doc.fontSize(SIZE.body - 1);
  const element = group(doc, parent, "Table");

  const rowHeight = (cells: string[], font: "body" | "bold") => {
    doc.font(font);
    return (
      Math.max(
        ...cells.map((cell, index) =>
          doc.heightOfString(cell || " ", { width: (widths[index] ?? unit) - padding * 2 }),
        ),
      ) +
      padding * 2
    );
  };
  const drawRow = (cells: string[], font: "body" | "bold", header: boolean) => {
    const height = rowHeight(cells, font);
    if (doc.y + height > bottomLimit(doc)) {
      doc.continueOnNewPage();
      // the header row again on the new page: a running artifact, not a second header
      if (!header) {
        artifact(doc, () =>
          drawCells(
            table.columns.map((column) => column.label),
            "bold",
            true,
            null,
          ),
        );
      }
    }
    drawCells(cells, font, header, element);
  };
  const drawCells = (
    cells: string[],
    font: "body" | "bold",
    header: boolean,
    tableElement: PDFKit.PDFStructureElement | null,
  ) => {
    const height = rowHeight(cells, font);
    const y = doc.y;
    const fill = () => doc.rect(x0, y, CONTENT_WIDTH, height).fill(COLOR.fill).fillColor(COLOR.text);
    const rule = () =>
      doc
        .moveTo(x0, y + height)
        .lineTo(x0 + CONTENT_WIDTH, y + height)
        .lineWidth(0.5)
        .strokeColor(COLOR.rule)
        .stroke();
    if (header) {
      if (tableElement) artifact(doc, fill);
      else fill();
    }
    const row = tableElement ? group(doc, tableElement, "TR") : null;
    let x = x0;
    cells.forEach((cell, index) => {
      const width = widths[index] ?? unit;
      // a cell written **like this** is bold (totals rows)
      const boldCell = /^\*\*(.*)\*\*$/.exec(cell);
      const draw = () =>
        doc.font(boldCell ? "bold" : font).text(boldCell ? boldCell[1]! : cell, x + padding, y + padding, {
          width: width - padding * 2,
          align: table.columns[index]?.alignRight ? "right" : "left",
        });
      if (row) tagged(doc, row, header ? "TH" : "TD", draw);
      else draw();
      x += width;
    });
    row?.end();
    if (tableElement) artifact(doc, rule);
    else rule();
    doc.x = x0;
    doc.y = y + height;
  };

  ensureSpace(doc, 40);
  drawRow(
    table.columns.map((column) => column.label),
    "bold",
    true,
  );
  for (const row of table.rows) drawRow(row, "body", false);
  element.end();
  doc.font("body").fontSize(SIZE.body);
  doc.x = x0;
  doc.moveDown(0.5);
}

function drawSignatures(doc: PDFKit.PDFDocument, parent: PDFKit.PDFStructureElement, parties: string[]) {
  const gap = 14;
  const width = (CONTENT_WIDTH - gap * (parties.length - 1)) / parties.length;
  const height = 92;
  doc.moveDown(0.8);
  ensureSpace(doc, height + 10);
  const y = doc.y;
  const boxes = group(doc, parent, "Div");
  parties.forEach((party, index) => {
    const x = MARGIN.left + index * (width + gap);
    artifact(doc, () => doc.rect(x, y, width, height).lineWidth(0.6).strokeColor(COLOR.rule).stroke());
    tagged(doc, boxes, "P", () =>
      doc
        .font("bold")
        .fontSize(SIZE.body)
        .text(party, x + 6, y + 6, { width: width - 12 }),
    );
    tagged(doc, boxes, "P", () =>
      doc
        .font("body")
        .fontSize(SIZE.small)
        .fillColor(COLOR.muted)
        .text("Date, signature précédée de la mention « lu et approuvé »", x + 6, y + height - 20, {
          width: width - 12,
        }),
    );
    doc.fillColor(COLOR.text).fontSize(SIZE.body);
  });
  boxes.end();
  doc.x = MARGIN.left;
  doc.y = y + height + 8;
}

/**
 * Organisation header and "Page x / y" footer on every page, drawn once the page count is known,
 * as pagination artifacts. The footer names the document and the date of its wording, never an
 * internal identifier.
 */
function drawPageFurniture(doc: PDFKit.PDFDocument, header: DocumentHeader) {
  const range = doc.bufferedPageRange();
  const footer = header.versionLabel
    ? `${header.documentTitle} — ${header.versionLabel}`
    : header.documentTitle;
  for (let index = range.start; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    const savedBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing in the margin must not open a new page
    artifact(
      doc,
      () => {
        doc.font("bold").fontSize(10).fillColor(COLOR.text);
        doc.text(header.organisationName, MARGIN.left, 32, { width: CONTENT_WIDTH, lineBreak: false });
        doc.font("body").fontSize(SIZE.small).fillColor(COLOR.muted);
        header.organisationLines.slice(0, 2).forEach((line, lineIndex) => {
          doc.text(line, MARGIN.left, 46 + lineIndex * 10, { width: CONTENT_WIDTH, lineBreak: false });
        });
        doc
          .moveTo(MARGIN.left, 72)
          .lineTo(PAGE.width - MARGIN.right, 72)
          .lineWidth(0.6)
          .strokeColor(COLOR.rule)
          .stroke();
        const footerY = PAGE.height - 40;
        doc.text(footer, MARGIN.left, footerY, { width: CONTENT_WIDTH * 0.7, lineBreak: false });
        doc.text(`Page ${index - range.start + 1} / ${range.count}`, MARGIN.left, footerY, {
          width: CONTENT_WIDTH,
          align: "right",
          lineBreak: false,
        });
      },
      "Pagination",
    );
    doc.page.margins.bottom = savedBottom;
    doc.fillColor(COLOR.text);
  }
}
