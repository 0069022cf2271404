import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { acquireDataDirLock, DataDirLockedError } from "../../db/lock";

describe("embedded data folder lock", () => {
  it("refuses a second holder with a clear message, and frees the folder on release", () => {
    const dir = mkdtempSync(join(tmpdir(), "iml-lock-"));
    const lock = acquireDataDirLock(dir);
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    expect(() => acquireDataDirLock(dir)).toThrow(/already used by another process/);
    lock.release();
    acquireDataDirLock(dir).release();
  });

  it("reclaims a lock left by a process that no longer exists", () => {
    const dir = mkdtempSync(join(tmpdir(), "iml-lock-"));
    writeFileSync(join(dir, "app.lock"), "999999999");
    const lock = acquireDataDirLock(dir);
    lock.release();
  });

  it("reclaims a lock carrying its own PID that it did not take (a hard-killed run with the same PID)", () => {
    const dir = mkdtempSync(join(tmpdir(), "iml-lock-"));
    writeFileSync(join(dir, "app.lock"), String(process.pid));
    const lock = acquireDataDirLock(dir);
    expect(readFileSync(join(dir, "app.lock"), "utf8")).toBe(String(process.pid));
    // and, taken now, it refuses this same process a second time
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    lock.release();
  });

  it("refuses a lock held by another running process", () => {
    const dir = mkdtempSync(join(tmpdir(), "iml-lock-"));
    writeFileSync(join(dir, "app.lock"), String(process.ppid));
    expect(() => acquireDataDirLock(dir)).toThrow(new RegExp(`pid ${process.ppid}`));
  });
});
