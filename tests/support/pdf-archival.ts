import {
  decodePDFRawStream,
  PDFArray,
  PDFBool,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFString,
} from "pdf-lib";

/**
 * What can be checked here of PDF/A-3b (ISO 19005-3) and tagging, by parsing the file with
 * pdf-lib (veraPDF, the reference validator, is a Java program not packaged for Debian/npm):
 * the version, the XMP identification (pdfaid part 3, conformance B) and its agreement with the
 * Info title, the sRGB OutputIntent with an embedded ICC profile, every font embedded, no
 * encryption, the file ID, MarkInfo/Marked, a StructTreeRoot whose elements include the given
 * types, and /Lang fr-FR.
 */
export type ArchivalReport = {
  version: string;
  pdfaid: { part: string | null; conformance: string | null };
  xmpTitle: string | null;
  infoTitle: string | null;
  outputIntent: { subtype: string | null; iccComponents: number | null; iccSignature: string | null };
  fonts: { name: string; embedded: boolean }[];
  marked: boolean;
  structureTypes: Set<string>;
  lang: string | null;
  hasId: boolean;
  encrypted: boolean;
};

const nameOf = (value: unknown) => (value instanceof PDFName ? value.decodeText() : null);

function streamBytes(stream: unknown): Uint8Array | null {
  return stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : null;
}

function textOf(value: unknown): string | null {
  if (value instanceof PDFString) return value.decodeText();
  if (value && typeof (value as { decodeText?: unknown }).decodeText === "function") {
    return (value as { decodeText: () => string }).decodeText();
  }
  return null;
}

export async function archivalReport(bytes: Uint8Array): Promise<ArchivalReport> {
  const header = Buffer.from(bytes.subarray(0, 8)).toString("latin1");
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const context = pdf.context;
  const catalog = pdf.catalog;
  const lookup = (value: unknown) => (value instanceof PDFRef ? context.lookup(value) : value);

  const metadata = streamBytes(lookup(catalog.get(PDFName.of("Metadata"))));
  const xmp = metadata ? Buffer.from(metadata).toString("utf8") : "";
  const tag = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xmp)?.[1] ?? null;
  const xmpTitle = /<dc:title>\s*<rdf:Alt>\s*<rdf:li[^>]*>([^<]*)<\/rdf:li>/.exec(xmp)?.[1] ?? null;

  const info = lookup(context.trailerInfo.Info);
  const infoTitle = info instanceof PDFDict ? textOf(lookup(info.get(PDFName.of("Title")))) : null;

  const intents = lookup(catalog.get(PDFName.of("OutputIntents")));
  const intent = intents instanceof PDFArray ? lookup(intents.get(0)) : null;
  let outputIntent: ArchivalReport["outputIntent"] = {
    subtype: null,
    iccComponents: null,
    iccSignature: null,
  };
  if (intent instanceof PDFDict) {
    const profile = lookup(intent.get(PDFName.of("DestOutputProfile")));
    const icc = streamBytes(profile);
    const components = profile instanceof PDFRawStream ? profile.dict.get(PDFName.of("N")) : null;
    outputIntent = {
      subtype: nameOf(intent.get(PDFName.of("S"))),
      iccComponents: components ? Number(components.toString()) : null,
      // an ICC profile carries "acsp" at byte 36
      iccSignature: icc ? Buffer.from(icc.subarray(36, 40)).toString("latin1") : null,
    };
  }

  const fonts: ArchivalReport["fonts"] = [];
  for (const [, object] of context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || nameOf(object.get(PDFName.of("Type"))) !== "Font") continue;
    const subtype = nameOf(object.get(PDFName.of("Subtype")));
    if (subtype === "Type0") continue; // its descendant CIDFont is checked
    const descriptor = lookup(object.get(PDFName.of("FontDescriptor")));
    const embedded =
      descriptor instanceof PDFDict &&
      ["FontFile", "FontFile2", "FontFile3"].some((key) => descriptor.get(PDFName.of(key)) !== undefined);
    fonts.push({ name: nameOf(object.get(PDFName.of("BaseFont"))) ?? "?", embedded });
  }

  const markInfo = lookup(catalog.get(PDFName.of("MarkInfo")));
  const marked = markInfo instanceof PDFDict && lookup(markInfo.get(PDFName.of("Marked"))) === PDFBool.True;
  const structureTypes = new Set<string>();
  const visit = (node: unknown, depth: number) => {
    const value = lookup(node);
    if (depth > 64) return;
    if (value instanceof PDFArray) {
      for (let index = 0; index < value.size(); index++) visit(value.get(index), depth + 1);
    } else if (value instanceof PDFDict) {
      const type = nameOf(value.get(PDFName.of("S")));
      if (type) structureTypes.add(type);
      const kids = value.get(PDFName.of("K"));
      if (kids) visit(kids, depth + 1);
    }
  };
  const structTreeRoot = lookup(catalog.get(PDFName.of("StructTreeRoot")));
  if (structTreeRoot instanceof PDFDict) visit(structTreeRoot.get(PDFName.of("K")), 0);

  return {
    version: header.slice(5).trim(),
    pdfaid: { part: tag("pdfaid:part"), conformance: tag("pdfaid:conformance") },
    xmpTitle,
    infoTitle,
    outputIntent,
    fonts,
    marked,
    structureTypes,
    lang: textOf(lookup(catalog.get(PDFName.of("Lang")))),
    hasId: context.trailerInfo.ID !== undefined,
    encrypted: context.trailerInfo.Encrypt !== undefined,
  };
}

/** Asserts the archival properties; `structure` lists element types the file must hold. */
export async function expectArchivalPdf(
  bytes: Uint8Array,
  expect: (actual: unknown) => { toEqual: (expected: unknown) => void },
  structure: string[] = ["Document", "H1", "P"],
): Promise<ArchivalReport> {
  const report = await archivalReport(bytes);
  expect({
    version: report.version,
    pdfaid: report.pdfaid,
    titleAgrees: report.xmpTitle !== null && report.xmpTitle === report.infoTitle,
    outputIntent: report.outputIntent,
    allFontsEmbedded: report.fonts.length > 0 && report.fonts.every((font) => font.embedded),
    marked: report.marked,
    structure: structure.filter((type) => report.structureTypes.has(type)),
    lang: report.lang,
    hasId: report.hasId,
    encrypted: report.encrypted,
  }).toEqual({
    version: "1.7",
    pdfaid: { part: "3", conformance: "B" },
    titleAgrees: true,
    outputIntent: { subtype: "GTS_PDFA1", iccComponents: 3, iccSignature: "acsp" },
    allFontsEmbedded: true,
    marked: true,
    structure,
    lang: "fr-FR",
    hasId: true,
    encrypted: false,
  });
  return report;
}
