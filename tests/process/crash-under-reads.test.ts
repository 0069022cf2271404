import { randomUUID } from "node:crypto";
import { inArray } from "drizzle-orm";
import { describe, expect } from "vitest";
import { accessLog, auditLog } from "../../db/schema";
import { verifyAuditChains } from "../../server/modules/audit/audit.service";
import {
  type CrashCheck,
  crashTestOnBothBackends,
  killUnderLoad,
  login,
  requestLoad,
  startListening,
} from "./support";

/**
 * Several clients open person files and their matches until `stop()`, each request with its own
 * X-Request-Id; every 200 answer is recorded: those are the reads the server acknowledged.
 */
function readLoad(port: number, cookie: string, personIds: string[], clients: number) {
  return requestLoad<string>(clients, async (i) => {
    const requestId = `crash-read-${i}-${randomUUID().slice(0, 8)}`;
    const personId = personIds[i % personIds.length];
    const path = i % 3 === 2 ? `/api/persons/${personId}/matches` : `/api/persons/${personId}`;
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      headers: { cookie, "x-request-id": requestId },
    });
    await response.arrayBuffer();
    return response.status === 200 ? { acknowledged: requestId } : { failed: `${response.status} ${path}` };
  });
}

async function demoPersons(port: number, cookie: string): Promise<string[]> {
  const response = await fetch(`http://127.0.0.1:${port}/api/persons?limit=20`, { headers: { cookie } });
  expect(response.status).toBe(200);
  const { items } = (await response.json()) as { items: { id: string }[] };
  expect(items.length).toBeGreaterThan(3);
  return items.map((person) => person.id);
}

/**
 * Kills the server with SIGKILL during a burst of reads, restarts it, lets its chaining step run,
 * kills it again (no shutdown step this time), and checks that every acknowledged read is in the
 * audit chain, none is left waiting, and every chain verifies.
 */
const crashAndCheck: CrashCheck = async (start, openForCheck, track) => {
  let server = await startListening(start, track);
  const cookie = await login(server.port, "gestion@demo.fr");
  const personIds = await demoPersons(server.port, cookie);

  const load = readLoad(server.port, cookie, personIds, 6);
  const acknowledged = await killUnderLoad(server, load, 150);
  expect(load.failedAnswers).toEqual([]);

  server = await startListening(start, track);
  // the chaining step runs at start and every second: give it two rounds, then kill again
  await new Promise((resolve) => setTimeout(resolve, 2500));
  process.kill(-server.pid, "SIGKILL");
  await server.exited;

  const database = await openForCheck();
  try {
    const chained = await database.db
      .select({ requestId: auditLog.requestId })
      .from(auditLog)
      .where(inArray(auditLog.requestId, acknowledged));
    expect(new Set(chained.map((row) => row.requestId)).size).toBe(acknowledged.length);
    expect(chained.length).toBe(acknowledged.length);
    expect(await database.db.select({ id: accessLog.id }).from(accessLog)).toEqual([]);
    for (const report of await verifyAuditChains(database.db)) expect(report.broken).toBeNull();
  } finally {
    await database.close();
  }
};

// A kill -9 during reads: a read the server answered is in the audit chain once it is back.
describe("a hard kill under a read load", () => {
  crashTestOnBothBackends("read", crashAndCheck, 180_000);
});
