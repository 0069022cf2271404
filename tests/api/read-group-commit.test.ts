import { execFile } from "node:child_process";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { inArray, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { accessLog } from "../../db/schema";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import { createPerson } from "../support/factories";
import { organisationWithStaff } from "../support/stock-fixture";

/**
 * Every opening of a person's file is committed to the access log before it is answered. Openings
 * that arrive together over the network share one insert and one commit (one flush to disk), so
 * that audited reads do not queue one commit behind the other.
 */
const db = useTestDatabase();
let closeServer: (() => Promise<void>) | undefined;
afterEach(async () => {
  await closeServer?.();
  closeServer = undefined;
});

async function listening(app: ReturnType<typeof createTestApp>["app"]): Promise<number> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, (info: AddressInfo) =>
      resolve(info.port),
    );
    closeServer = () => new Promise<void>((done) => server.close(() => done()));
  });
}

/**
 * Sends one GET per request id, all at once, from a child process; resolves with the statuses. The
 * connections are opened first (one health check each, kept alive), so that the reads arrive
 * together as from browsers already connected, not spread by the opening of 40 connections.
 */
function concurrentGets(url: string, cookie: string, requestIds: string[]): Promise<number[]> {
  const script = `
    const [url, cookie, ids] = JSON.parse(process.argv[1]);
    const health = new URL("/api/health", url).href;
    const send = (target, headers) => fetch(target, { headers })
      .then(async (response) => { await response.arrayBuffer(); return response.status; });
    Promise.all(ids.map(() => send(health, {})))
      .then(() => Promise.all(ids.map((id) => send(url, { cookie, "x-request-id": id }))))
      .then((statuses) => process.stdout.write(JSON.stringify(statuses)));
  `;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ["-e", script, JSON.stringify([url, cookie, requestIds])], (error, stdout) =>
      error ? reject(error) : resolve(JSON.parse(stdout) as number[]),
    );
  });
}

describe("recorded reads arriving together", () => {
  it("are each committed before their answer, many to a commit", async () => {
    const staff = await organisationWithStaff(db.current);
    const person = await createPerson(db.current.db, { organisationId: staff.org.id, status: "waiting" });
    const { app } = createTestApp(db.current);
    const port = await listening(app);
    const requestIds = Array.from({ length: 40 }, (_, i) => `together-${i}`);
    // the requests come from another process, over the network, as from browsers
    const statuses = await concurrentGets(
      `http://127.0.0.1:${port}/api/persons/${person.id}`,
      staff.officer,
      requestIds,
    );
    expect(statuses).toEqual(requestIds.map(() => 200));

    // rows written by the same transaction carry the same xmin
    const rows = await db.current.db
      .select({ requestId: accessLog.requestId, transaction: sql<string>`${accessLog}.xmin::text` })
      .from(accessLog)
      .where(inArray(accessLog.requestId, requestIds));
    expect(rows.map((row) => row.requestId).sort()).toEqual([...requestIds].sort());
    const commits = new Set(rows.map((row) => row.transaction)).size;
    expect(commits).toBeLessThanOrEqual(requestIds.length / 4);
  });
});
