import { randomUUID } from "node:crypto";
import { inArray } from "drizzle-orm";
import { describe, expect } from "vitest";
import { ledgerTransactions } from "../../db/schema";
import { TENANT_CONTRACT_KINDS } from "../../server/modules/leases/leases.rules";
import { verifyAuditChains } from "../../server/modules/audit/audit.service";
import {
  type CrashCheck,
  crashTestOnBothBackends,
  killUnderLoad,
  login,
  requestLoad,
  startListening,
} from "./support";

/** Today in Europe/Paris, the newest date a payment may be received on. */
const todayInParis = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date());

type Acknowledged = { key: string; body: Record<string, unknown>; transactionId: string };

/**
 * Several clients post payments, each with its own Idempotency-Key, until `stop()`; every 201
 * answer is recorded: those are the payments the server acknowledged.
 */
function paymentLoad(port: number, cookie: string, leaseIds: string[], clients: number) {
  return requestLoad<Acknowledged>(clients, async (i) => {
    const key = `crash-${randomUUID()}`;
    const body = {
      leaseId: leaseIds[i % leaseIds.length],
      amountCents: 100 + i,
      method: "transfer",
      receivedOn: todayInParis(),
      reference: `VIR-CRASH-${i}`,
    };
    const response = await fetch(`http://127.0.0.1:${port}/api/ledger/payments`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json", "idempotency-key": key },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as { transactionId?: string; code?: string; detail?: string };
    return response.status === 201 && json.transactionId
      ? { acknowledged: { key, body, transactionId: json.transactionId } }
      : { failed: `${response.status} ${json.code}: ${json.detail}` };
  });
}

/** Signed leases of the demo organisation billed to a tenant, to pay rent on. */
async function demoLeases(port: number, cookie: string): Promise<string[]> {
  const response = await fetch(`http://127.0.0.1:${port}/api/leases?status=signed`, { headers: { cookie } });
  expect(response.status).toBe(200);
  const { items: leases } = (await response.json()) as {
    items: { id: string; kind: string; personId: string | null }[];
  };
  const billed = leases.filter(
    (lease) => lease.personId && TENANT_CONTRACT_KINDS.includes(lease.kind as never),
  );
  expect(billed.length).toBeGreaterThan(3);
  return billed.slice(0, 8).map((lease) => lease.id);
}

/**
 * Runs a payment load, kills the whole process group with SIGKILL while payments are in flight,
 * restarts on the same data, and checks that every acknowledged payment survived: its
 * transaction is there, its Idempotency-Key replays the same answer, the trial balance balances
 * and the audit chain verifies.
 */
const crashAndCheck: CrashCheck = async (start, openForCheck, track) => {
  let server = await startListening(start, track);
  const cookie = await login(server.port, "finance@demo.fr");
  const leaseIds = await demoLeases(server.port, cookie);

  const load = paymentLoad(server.port, cookie, leaseIds, 4);
  // kill once enough payments were acknowledged, with four more in flight
  const acknowledged = await killUnderLoad(server, load, 60);
  expect(acknowledged.length).toBeGreaterThanOrEqual(60);
  // a refusal under load would hide a loss: only 201 or a dropped connection are expected
  expect(load.failedAnswers).toEqual([]);

  server = await startListening(start, track);
  const after = await login(server.port, "finance@demo.fr");
  // a replay of an acknowledged key answers the same transaction, and books nothing new
  for (const payment of acknowledged.slice(-8)) {
    const replay = await fetch(`http://127.0.0.1:${server.port}/api/ledger/payments`, {
      method: "POST",
      headers: { cookie: after, "content-type": "application/json", "idempotency-key": payment.key },
      body: JSON.stringify(payment.body),
    });
    expect(replay.status).toBe(201);
    expect(((await replay.json()) as { transactionId: string }).transactionId).toBe(payment.transactionId);
  }
  const balance = await fetch(`http://127.0.0.1:${server.port}/api/ledger/trial-balance`, {
    headers: { cookie: after },
  });
  expect(balance.status).toBe(200);
  const totals = (await balance.json()) as { totalDebitCents: number; totalCreditCents: number };
  expect(totals.totalDebitCents).toBe(totals.totalCreditCents);
  process.kill(-server.pid, "SIGTERM");
  await server.exited;

  const database = await openForCheck();
  try {
    const ids = acknowledged.map((payment) => payment.transactionId);
    const stored = await database.db
      .select({ id: ledgerTransactions.id })
      .from(ledgerTransactions)
      .where(inArray(ledgerTransactions.id, ids));
    expect(stored.length).toBe(ids.length);
    for (const report of await verifyAuditChains(database.db)) expect(report.broken).toBeNull();
  } finally {
    await database.close();
  }
};

// A kill -9, the OOM killer or `docker kill` mid-load: nothing the server acknowledged may be lost.
describe("a hard kill under a payment load", () => {
  crashTestOnBothBackends("payment", crashAndCheck, 120_000);
});
