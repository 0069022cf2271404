import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";

export type DataDirLock = { release(): void };

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database folder ${dataDir} is already used by another process (pid ${pid}). ` +
        "Stop that process first, or set DATA_DIR to another folder.",
    );
    this.name = "DataDirLockedError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The lock files this process holds: how a lock carrying our own PID is told from a stale one. */
const heldHere = new Set<string>();

/**
 * PGlite does not lock its data folder, and two processes writing one folder lose writes
 * silently: take an exclusive lock file holding our PID, and reclaim it only when its holder is
 * gone. A lock carrying our own PID that this process did not take is stale too: it was left by a
 * previous run killed hard, which in a container always gets the same PID as its entry process.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const path = join(dataDir, "app.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      heldHere.add(path);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        heldHere.delete(path);
        try {
          unlinkSync(path);
        } catch {
          // already gone
        }
      };
      process.once("exit", release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number.parseInt(readFileSync(path, "utf8"), 10);
      if (holderIsRunning(path, pid)) throw new DataDirLockedError(dataDir, pid);
      unlinkSync(path); // stale lock from a process that was killed or crashed
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}

function holderIsRunning(path: string, pid: number): boolean {
  if (!Number.isFinite(pid)) return false;
  if (pid === process.pid) return heldHere.has(path);
  return isAlive(pid);
}
