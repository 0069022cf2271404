import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { count } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client";
import { migrate } from "../../db/migrate";
import { auditLog, organisations, users } from "../../db/schema";
import { seedDemo } from "../../db/seed";
import { fixedClock } from "../../server/lib/clock";
import { testBackend } from "../support/db";

// The embedded folder's own life cycle: only meaningful once, on the embedded project.
describe.runIf(testBackend() === "embedded")("embedded database folder", () => {
  it("persists across restarts, seeds once, and refuses a second opener", async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), "iml-data-")), "nested", "data");
    const clock = fixedClock("2026-11-23");

    const first = await openDatabase({ kind: "embedded", dataDir });
    await migrate(first);
    expect(await seedDemo(first, clock)).toBe(true);
    await expect(openDatabase({ kind: "embedded", dataDir })).rejects.toThrow(/already used/);
    await first.close();

    const second = await openDatabase({ kind: "embedded", dataDir });
    await migrate(second);
    expect(await seedDemo(second, clock)).toBe(false);
    const [orgs] = await second.db.select({ n: count() }).from(organisations);
    const [accounts] = await second.db.select({ n: count() }).from(users);
    const [audits] = await second.db.select({ n: count() }).from(auditLog);
    expect(orgs?.n).toBe(1);
    expect(accounts?.n).toBe(4);
    expect(audits?.n).toBeGreaterThanOrEqual(1);
    await second.close();
  }, 120_000);
});
