import { mkdtempSync, writeFileSync } from "node:fs";
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
});
