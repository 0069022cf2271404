import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client";
import { testBackend } from "../support/db";

const child = join(import.meta.dirname, "../support/embedded-commits.ts");

// Observed from outside, with strace: the system calls the embedded database really makes.
describe.runIf(testBackend() === "embedded")("embedded commits reach the disk", () => {
  it("flushes with fsync(2) before each commit is acknowledged", async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), "iml-durable-")), "data");
    // initdb outside the trace: only the commits are observed
    await (await openDatabase({ kind: "embedded", dataDir })).close();

    const trace = join(dataDir, "..", "strace.log");
    const commits = 5;
    const run = spawnSync(
      "strace",
      [
        "-f",
        "-qq",
        "-e",
        "trace=fsync,fdatasync,sync_file_range,syncfs,write",
        "-o",
        trace,
        process.execPath,
      ].concat(["--import", "tsx", child, dataDir, String(commits)]),
      { encoding: "utf8", timeout: 90_000 },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trim().split("\n")).toHaveLength(commits);

    // each acknowledgement ("ack n" written to stdout) comes after at least one flush of its own
    const lines = readFileSync(trace, "utf8").split("\n");
    let flushesSinceAck = 0;
    const flushesPerAck: number[] = [];
    for (const line of lines) {
      if (/\b(fsync|fdatasync)\(\d+\)\s+=\s+0/.test(line)) flushesSinceAck++;
      if (/write\(1, "ack \d+\\n"/.test(line)) {
        flushesPerAck.push(flushesSinceAck);
        flushesSinceAck = 0;
      }
    }
    expect(flushesPerAck).toHaveLength(commits);
    for (const flushes of flushesPerAck) expect(flushes).toBeGreaterThanOrEqual(1);
  }, 120_000);
});
