import { fsyncSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { NodeFS } from "@electric-sql/pglite/nodefs";

/** An Emscripten file stream of the NODEFS mount: `nfd` is the host's file descriptor. */
type NodeStream = { nfd?: number };
type NodeFsModule = { NODEFS: { stream_ops: { fsync?: (stream: NodeStream) => number } } };

/** How many flushes reached the disk since start: observed by the durability test and the benchmark. */
export const durability = { fsyncs: 0 };

/**
 * PGlite's folder on the host, with the flushes PostgreSQL asks for actually reaching the disk.
 *
 * Out of the box PGlite starts PostgreSQL with `-F` (fsync off), and Emscripten's NODEFS has no
 * fsync of its own (its `fdatasync` is a no-op): every write lands in the page cache only, and a
 * power cut or a kernel crash can lose acknowledged commits or leave the folder unrecoverable.
 * Here PostgreSQL runs with fsync on and `wal_sync_method=fsync` (the one call Emscripten routes
 * to the file system), and the NODEFS mount answers that call with a real `fsync(2)` of the host
 * file. PostgreSQL then applies its own rules: the WAL is flushed before COMMIT returns, data files
 * and directories at each checkpoint, a WAL record always before the page it covers.
 */
export class DurableNodeFS extends NodeFS {
  override async init(pg: PGlite, options: Parameters<NodeFS["init"]>[1]) {
    const { emscriptenOpts } = await super.init(pg, options);
    const flushNodeFs = (mod: unknown) => {
      (mod as NodeFsModule).NODEFS.stream_ops.fsync = (stream) => {
        if (stream.nfd === undefined) return 0;
        try {
          fsyncSync(stream.nfd);
        } catch {
          // EIO in WASI numbering: PostgreSQL treats a failed flush as fatal (data_sync_retry off)
          return 29;
        }
        durability.fsyncs++;
        return 0;
      };
    };
    return {
      emscriptenOpts: { ...emscriptenOpts, preRun: [flushNodeFs, ...(emscriptenOpts.preRun ?? [])] },
    };
  }
}

/** PGlite's start parameters with fsync on, the WAL flushed at each commit through fsync(2). */
export const durableStartParams: string[] = [
  ...PGlite.defaultStartParams.filter((param) => param !== "-F"),
  "-c",
  "fsync=on",
  "-c",
  "wal_sync_method=fsync",
  "-c",
  "synchronous_commit=on",
];
