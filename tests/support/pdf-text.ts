import { extractText, getDocumentProxy } from "unpdf";

/** Text of a PDF with French typography flattened (no-break spaces, typographic apostrophe). */
export async function pdfText(pdf: Uint8Array): Promise<{ text: string; pages: number }> {
  const proxy = await getDocumentProxy(new Uint8Array(pdf));
  const { text, totalPages } = await extractText(proxy, { mergePages: true });
  return {
    text: text
      .replace(/[\u00a0\u202f]/g, " ")
      .replace(/’/g, "'")
      .replace(/\s+/g, " "),
    pages: totalPages,
  };
}
