import { create as createContentDisposition } from "content-disposition";
import type { Context } from "hono";

/** A produced file, as the services that build downloads return it. */
export type DownloadFile = { fileName: string; body: unknown; contentType: string };

/** "État des lieux" → "Etat des lieux": the accents dropped, for the ASCII file name. */
export function asciiFileName(fileName: string): string {
  return fileName
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(/["\\]/g, "_");
}

/**
 * The Content-Disposition header of a file (RFC 6266): `filename` is the ASCII spelling every
 * client reads, and a name with accents also goes as `filename*` (RFC 8187, UTF-8), which
 * browsers prefer.
 */
export function contentDisposition(fileName: string, type: "attachment" | "inline" = "attachment"): string {
  return createContentDisposition(fileName, { type, fallback: asciiFileName(fileName) });
}

/**
 * A file sent for download: `attachment` with its file name, so the browser saves it under that
 * name rather than opening it in the tab.
 */
export function downloadResponse(c: Context, file: DownloadFile): never {
  c.header("content-disposition", contentDisposition(file.fileName));
  return c.body(file.body as never, 200, { "content-type": file.contentType }) as never;
}
