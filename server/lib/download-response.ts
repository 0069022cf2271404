import type { Context } from "hono";

/** A produced file, as the services that build downloads return it. */
export type DownloadFile = { fileName: string; body: unknown; contentType: string };

/**
 * A file sent for download: `attachment` with its file name (RFC 6266), so the browser saves it
 * under that name rather than opening it in the tab.
 */
export function downloadResponse(c: Context, file: DownloadFile): never {
  c.header("content-disposition", `attachment; filename="${file.fileName}"`);
  return c.body(file.body as never, 200, { "content-type": file.contentType }) as never;
}
