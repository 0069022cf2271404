import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { gunzipSync } from "node:zlib";

const BLOCK = 512;

/** True when the folder holds no database yet (PostgreSQL writes PG_VERSION first). */
export function dataDirIsEmpty(dataDir: string): boolean {
  return !existsSync(join(dataDir, "PG_VERSION"));
}

/** A NUL-terminated field of a ustar header. */
function field(header: Buffer, start: number, length: number): string {
  const bytes = header.subarray(start, start + length);
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end === -1 ? length : end).toString("utf8");
}

/**
 * Writes the data folder archived by PGlite's `dumpDataDir("gzip")` (a gzipped POSIX ustar of
 * regular files and directories, named from the folder's root) into `dataDir`, the way PGlite's
 * own `loadDataDir` does, but from the host without going through the WebAssembly file system:
 * the restored folder is then opened like any existing one, at the cost of a restart in time
 * and in memory. PG_VERSION is written last, so a folder whose extraction was interrupted still
 * reads as empty (db/embedded-template.ts) and is extracted again over what it holds.
 */
export function extractDataDirArchive(archivePath: string, dataDir: string): void {
  const tar = gunzipSync(readFileSync(archivePath));
  const root = resolve(dataDir);
  let pgVersion: { path: string; content: Buffer } | undefined;
  for (let offset = 0; offset + BLOCK <= tar.length; ) {
    const header = tar.subarray(offset, offset + BLOCK);
    offset += BLOCK;
    if (header.every((byte) => byte === 0)) break; // end of archive
    if (field(header, 257, 6) !== "ustar") throw new Error("template archive: not a ustar archive");
    const prefix = field(header, 345, 155);
    const name = `${prefix ? `${prefix}/` : ""}${field(header, 0, 100)}`;
    const size = Number.parseInt(field(header, 124, 12).trim() || "0", 8);
    const type = String.fromCharCode(header[156] ?? 0);
    const path = resolve(root, `.${name.startsWith("/") ? "" : "/"}${name}`);
    if (path !== root && relative(root, path).startsWith("..")) {
      throw new Error(`template archive: ${name} is outside the data folder`);
    }
    if (type === "5") {
      mkdirSync(path, { recursive: true, mode: 0o700 });
    } else if (type === "0" || type === "\0") {
      const content = tar.subarray(offset, offset + size);
      if (path === join(root, "PG_VERSION")) pgVersion = { path, content };
      else {
        mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
        writeFileSync(path, content, { mode: 0o600 });
      }
    } else {
      throw new Error(`template archive: entry ${name} of type ${JSON.stringify(type)} is not supported`);
    }
    offset += Math.ceil(size / BLOCK) * BLOCK;
  }
  if (!pgVersion) throw new Error("template archive: no PG_VERSION, not a PostgreSQL data folder");
  writeFileSync(pgVersion.path, pgVersion.content, { mode: 0o600 });
}
