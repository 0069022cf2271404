import { describe, expect, it } from "vitest";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import { createOrganisation, createTenancy, createUser, sessionCookieFor } from "../support/factories";

const db = useTestDatabase();

async function financeSetup(role: "finance" | "housing_officer" | "admin" = "finance") {
  const organisation = await createOrganisation(db.current.db);
  const user = await createUser(db.current.db, { organisationId: organisation.id, role });
  const cookie = await sessionCookieFor(db.current.db, user);
  const { call, clock } = createTestApp(db.current, { now: "2026-03-20T10:00:00+01:00" });
  let n = 0;
  const post = (path: string, body: unknown, key = `k-${Math.random()}-${n++}`) =>
    call("POST", path, { cookie, body, headers: { "idempotency-key": key } });
  const get = (path: string) => call("GET", path, { cookie });
  return { organisation, user, cookie, call, clock, post, get };
}

/** A tenant account's called periods as [start, end, rent in cents]. */
const calledPeriods = (ledger: {
  periods: { periodStart: string; periodEnd: string; rentCents: number }[];
}) => ledger.periods.map((p) => [p.periodStart, p.periodEnd, p.rentCents]);

describe("rent calls", () => {
  it("calls each lease once per period, split between the CAF and the tenant; a second run creates nothing", async () => {
    const s = await financeSetup();
    const { lease } = await createTenancy(db.current.db, s.organisation.id, {
      rentCents: 50_000,
      chargesCents: 5_000,
      housingBenefitCents: 30_000,
    });
    const first = await s.post("/api/ledger/rent-calls", { period: "2026-02" });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ created: 1, tenantCalls: 1, calledCents: 55_000 });
    const second = await s.post("/api/ledger/rent-calls", { period: "2026-02" });
    expect(second.json).toMatchObject({ created: 0, alreadyCalled: 1 });

    const ledger = await s.get(`/api/ledger/leases/${lease.id}`);
    expect(ledger.status).toBe(200);
    expect(ledger.json.periods).toHaveLength(1);
    expect(ledger.json.periods[0]).toMatchObject({
      periodStart: "2026-02-01",
      periodEnd: "2026-02-28",
      rentCents: 50_000,
      chargesCents: 5_000,
      housingBenefitCents: 30_000,
      tenantPartCents: 25_000,
    });
    expect(ledger.json.tenantBalanceCents).toBe(25_000);
    expect(ledger.json.housingBenefitBalanceCents).toBe(30_000);
  });

  it("calls a fortnightly lease twice a month: 1–15 and 16–end, February included", async () => {
    const s = await financeSetup();
    const { lease } = await createTenancy(db.current.db, s.organisation.id, {
      paymentFrequency: "fortnightly",
      rentCents: 40_001,
      chargesCents: 0,
    });
    const run = await s.post("/api/ledger/rent-calls", { period: "2028-02" });
    expect(run.json.created).toBe(2);
    const ledger = await s.get(`/api/ledger/leases/${lease.id}`);
    expect(calledPeriods(ledger.json)).toEqual([
      ["2028-02-01", "2028-02-15", 20_000],
      ["2028-02-16", "2028-02-29", 20_001],
    ]);
  });

  it("requires an Idempotency-Key, and refuses the key reused for another request", async () => {
    const s = await financeSetup();
    const missing = await s.call("POST", "/api/ledger/rent-calls", {
      cookie: s.cookie,
      body: { period: "2026-02" },
    });
    expect(missing.status).toBe(428);
    expect(missing.json.code).toBe("IDEMPOTENCY_KEY_REQUIRED");
    await s.post("/api/ledger/rent-calls", { period: "2026-02" }, "same-key");
    const reused = await s.post("/api/ledger/rent-calls", { period: "2026-03" }, "same-key");
    expect(reused.status).toBe(409);
    expect(reused.json.code).toBe("IDEMPOTENCY_KEY_REUSED");
  });

  it("is refused to a housing officer (403) and validates the period (422)", async () => {
    const officer = await financeSetup("housing_officer");
    expect((await officer.post("/api/ledger/rent-calls", { period: "2026-02" })).status).toBe(403);
    const s = await financeSetup();
    const bad = await s.post("/api/ledger/rent-calls", { period: "2026-13" });
    expect(bad.status).toBe(422);
  });
});

describe("a lease past its term", () => {
  it("without notice runs on and is called in full (tacit renewal, art. 10 and 25-8); with notice, up to its end only", async () => {
    const s = await financeSetup();
    const { lease: renewed } = await createTenancy(db.current.db, s.organisation.id, {
      furnished: true,
      startDate: "2025-08-01",
      durationMonths: 12,
      endDate: "2026-07-31",
      rentCents: 40_000,
      chargesCents: 0,
    });
    const { lease: leaving } = await createTenancy(db.current.db, s.organisation.id, {
      status: "notice_given",
      startDate: "2025-08-01",
      durationMonths: 12,
      endDate: "2026-08-15",
      rentCents: 31_000,
      chargesCents: 0,
    });
    const august = await s.post("/api/ledger/rent-calls", { period: "2026-08" });
    expect(august.status).toBe(200);
    const september = await s.post("/api/ledger/rent-calls", { period: "2026-09" });
    expect(september.json).toMatchObject({ created: 1 });
    const renewedLedger = await s.get(`/api/ledger/leases/${renewed.id}`);
    expect(calledPeriods(renewedLedger.json)).toEqual([
      ["2026-08-01", "2026-08-31", 40_000],
      ["2026-09-01", "2026-09-30", 40_000],
    ]);
    const leavingLedger = await s.get(`/api/ledger/leases/${leaving.id}`);
    expect(leavingLedger.json.periods.map((p: { rentCents: number }) => p.rentCents)).toEqual([15_000]);
  });
});

describe("a tenant's credit", () => {
  it("is paid back by transfer, never above what the account shows, never dated ahead", async () => {
    const s = await financeSetup();
    const { lease } = await createTenancy(db.current.db, s.organisation.id, {
      rentCents: 40_000,
      chargesCents: 0,
    });
    await s.post("/api/ledger/rent-calls", { period: "2026-03" });
    await s.post("/api/ledger/payments", {
      leaseId: lease.id,
      amountCents: 50_000,
      method: "transfer",
      receivedOn: "2026-03-05",
    });
    const refunds = `/api/ledger/leases/${lease.id}/refunds`;
    const above = await s.post(refunds, { amountCents: 15_000, paidOn: "2026-03-20" });
    expect(above.status).toBe(422);
    expect(above.json.errors).toEqual([
      expect.objectContaining({ path: "json.amountCents", code: "above_tenant_credit" }),
    ]);
    expect(above.json.errors[0].message).toContain("100,00");
    const ahead = await s.post(refunds, { amountCents: 10_000, paidOn: "2026-03-21" });
    expect(ahead.json.code).toBe("DATE_IN_FUTURE");
    const refunded = await s.post(refunds, { amountCents: 10_000, paidOn: "2026-03-20" });
    expect(refunded.status).toBe(201);
    expect(refunded.json.creditLeftCents).toBe(0);
    const ledger = await s.get(`/api/ledger/leases/${lease.id}`);
    expect(ledger.json.tenantBalanceCents).toBe(0);
    expect(ledger.json.transactions.map((t: { kind: string }) => t.kind)).toContain("tenant_refund");
    const trial = await s.get("/api/ledger/trial-balance");
    expect(trial.json.totalDebitCents).toBe(trial.json.totalCreditCents);
    const nothingLeft = await s.post(refunds, { amountCents: 100, paidOn: "2026-03-20" });
    expect(nothingLeft.json.errors[0].message).toBe("Le locataire n'a pas de trop-perçu à rembourser");
  });
});

describe("entry and exit months", () => {
  it("are called for the days the lease covers, due from the entry day, once", async () => {
    const s = await financeSetup();
    const { lease } = await createTenancy(db.current.db, s.organisation.id, {
      status: "notice_given",
      startDate: "2026-03-20",
      endDate: "2026-05-10",
      rentCents: 31_000,
      chargesCents: 0,
    });
    for (const period of ["2026-03", "2026-04", "2026-05"])
      expect((await s.post("/api/ledger/rent-calls", { period })).json).toMatchObject({ created: 1 });
    const again = await s.post("/api/ledger/rent-calls", { period: "2026-03" });
    expect(again.json).toMatchObject({ created: 0, alreadyCalled: 1 });
    const ledger = await s.get(`/api/ledger/leases/${lease.id}`);
    // 12 days of 31 in March, 10 of 31 in May
    expect(calledPeriods(ledger.json)).toEqual([
      ["2026-03-20", "2026-03-31", 12_000],
      ["2026-04-01", "2026-04-30", 31_000],
      ["2026-05-01", "2026-05-10", 10_000],
    ]);
    expect(ledger.json.periods[0].dueOn).toBe("2026-03-20");
  });
});

describe("payments and receipts", () => {
  it("allocates oldest period first; a full period gets a quittance, a partial payment a reçu", async () => {
    const s = await financeSetup();
    const { lease } = await createTenancy(db.current.db, s.organisation.id, {
      rentCents: 40_000,
      chargesCents: 5_000,
    });
    await s.post("/api/ledger/rent-calls", { period: "2026-01" });
    await s.post("/api/ledger/rent-calls", { period: "2026-02" });

    const partial = await s.post("/api/ledger/payments", {
      leaseId: lease.id,
      amountCents: 30_000,
      method: "transfer",
      receivedOn: "2026-02-05",
    });
    expect(partial.status).toBe(201);
    expect(partial.json.receipts.map((r: { kind: string }) => r.kind)).toEqual(["recu"]);
    expect(partial.json.receipts[0].amountCents).toBe(30_000);

    const rest = await s.post("/api/ledger/payments", {
      leaseId: lease.id,
      amountCents: 20_000,
      method: "cheque",
      receivedOn: "2026-02-10",
    });
    // completes January (oldest first), leaves February partly paid: the reçu names February
    const kinds = rest.json.receipts.map((r: { kind: string; periodStart: string | null }) => [
      r.kind,
      r.periodStart,
    ]);
    expect(kinds).toEqual([
      ["quittance", "2026-01-01"],
      ["recu", "2026-02-01"],
    ]);
    const ledger = await s.get(`/api/ledger/leases/${lease.id}`);
    expect(ledger.json.periods.map((p: { tenantPaidCents: number }) => p.tenantPaidCents)).toEqual([
      45_000, 5_000,
    ]);
    expect(ledger.json.tenantBalanceCents).toBe(40_000);
    expect(partial.json.receipts[0]).toEqual({
      id: expect.any(String),
      kind: "recu",
      periodStart: "2026-01-01",
      periodEnd: "2026-01-31",
      amountCents: 30_000,
      rentCents: 40_000,
      chargesCents: 5_000,
    });
    // the tenant account lists the receipts as the payments gave them, with their issue date
    expect(ledger.json.receipts).toHaveLength(3);
    expect(ledger.json.receipts).toEqual(
      expect.arrayContaining([
        { ...partial.json.receipts[0], issuedOn: "2026-02-05" },
        { ...rest.json.receipts[0], issuedOn: "2026-02-10" },
        { ...rest.json.receipts[1], issuedOn: "2026-02-10" },
      ]),
    );
  });

  it("gives no quittance while the CAF part is unpaid, and one when the CAF pays", async () => {
    const s = await financeSetup();
    const { lease } = await createTenancy(db.current.db, s.organisation.id, {
      rentCents: 40_000,
      chargesCents: 5_000,
      housingBenefitCents: 25_000,
    });
    await s.post("/api/ledger/rent-calls", { period: "2026-01" });
    const tenant = await s.post("/api/ledger/payments", {
      leaseId: lease.id,
      amountCents: 20_000,
      method: "direct_debit",
      receivedOn: "2026-01-05",
    });
    expect(tenant.json.receipts.map((r: { kind: string }) => r.kind)).toEqual(["recu"]);
    const caf = await s.post("/api/ledger/housing-benefit-receipts", {
      receivedOn: "2026-01-06",
      lines: [{ leaseId: lease.id, amountCents: 25_000 }],
    });
    expect(caf.status).toBe(201);
    expect(caf.json.receipts).toMatchObject([
      { kind: "quittance", periodStart: "2026-01-01", rentCents: 40_000, chargesCents: 5_000 },
    ]);
  });

  it("replays a payment with the same key: same answer, one transaction", async () => {
    const s = await financeSetup();
    const { lease } = await createTenancy(db.current.db, s.organisation.id);
    const body = { leaseId: lease.id, amountCents: 12_345, method: "cash", receivedOn: "2026-03-01" };
    const [a, b, c] = await Promise.all([
      s.post("/api/ledger/payments", body, "pay-1"),
      s.post("/api/ledger/payments", body, "pay-1"),
      s.post("/api/ledger/payments", body, "pay-1"),
    ]);
    expect([a.status, b.status, c.status]).toEqual([201, 201, 201]);
    expect(new Set([a.json.transactionId, b.json.transactionId, c.json.transactionId]).size).toBe(1);
    const replay = await s.post("/api/ledger/payments", body, "pay-1");
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.json.transactionId).toBe(a.json.transactionId);
    const rows = await db.current.query<{ n: string }>(
      "select count(*)::text as n from ledger_transactions where organisation_id = $1 and kind = 'payment'",
      [s.organisation.id],
    );
    expect(rows[0]!.n).toBe("1");
  });

  it("answers 404 for a lease of another organisation", async () => {
    const s = await financeSetup();
    const other = await createOrganisation(db.current.db);
    const { lease } = await createTenancy(db.current.db, other.id);
    const res = await s.post("/api/ledger/payments", {
      leaseId: lease.id,
      amountCents: 100,
      method: "cash",
      receivedOn: "2026-03-01",
    });
    expect(res.status).toBe(404);
    expect((await s.get(`/api/ledger/leases/${lease.id}`)).status).toBe(404);
  });
});

describe("payment terms changed on a running lease", () => {
  it("calls fortnightly from the first month not yet called, never the same days twice", async () => {
    const s = await financeSetup("admin");
    const { lease } = await createTenancy(db.current.db, s.organisation.id, {
      startDate: "2026-01-01",
      rentCents: 40_000,
      chargesCents: 0,
    });
    await s.post("/api/ledger/rent-calls", { period: "2026-03" });
    const changed = await s.post(`/api/leases/${lease.id}/payment-terms`, {
      paymentFrequency: "fortnightly",
    });
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({
      appliesFrom: "2026-04-01",
      lease: { paymentFrequency: "fortnightly" },
    });

    // March was called monthly: a second run of March bills nothing more
    const again = await s.post("/api/ledger/rent-calls", { period: "2026-03" });
    expect(again.json).toMatchObject({ created: 0, alreadyCalled: 1 });
    await s.post("/api/ledger/rent-calls", { period: "2026-04" });
    const ledger = await s.get(`/api/ledger/leases/${lease.id}`);
    expect(calledPeriods(ledger.json)).toEqual([
      ["2026-03-01", "2026-03-31", 40_000],
      ["2026-04-01", "2026-04-15", 20_000],
      ["2026-04-16", "2026-04-30", 20_000],
    ]);

    const refused = await s.post(`/api/leases/${lease.id}/payment-terms`, { paymentFrequency: "weekly" });
    expect(refused.status).toBe(422);
    expect(refused.json.errors[0].path).toBe("json.paymentFrequency");
  });
});

describe("reversals and the append-only ledger", () => {
  it("corrects a payment by a reversal, once; the trial balance stays at zero", async () => {
    const s = await financeSetup();
    const { lease } = await createTenancy(db.current.db, s.organisation.id);
    await s.post("/api/ledger/rent-calls", { period: "2026-03" });
    const pay = await s.post("/api/ledger/payments", {
      leaseId: lease.id,
      amountCents: 55_000,
      method: "transfer",
      receivedOn: "2026-03-02",
    });
    const reversal = await s.post(`/api/ledger/transactions/${pay.json.transactionId}/reversal`, {
      reason: "chèque rejeté",
    });
    expect(reversal.status).toBe(201);
    const again = await s.post(`/api/ledger/transactions/${pay.json.transactionId}/reversal`, {
      reason: "deux fois",
    });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe("LEDGER_ALREADY_REVERSED");
    const ofReversal = await s.post(`/api/ledger/transactions/${reversal.json.transactionId}/reversal`, {
      reason: "annuler l'annulation",
    });
    expect(ofReversal.json.code).toBe("LEDGER_REVERSAL_OF_REVERSAL");

    const ledger = await s.get(`/api/ledger/leases/${lease.id}`);
    expect(ledger.json.tenantBalanceCents).toBe(55_000);
    expect(ledger.json.periods[0].fullyPaid).toBe(false);
    // the account lists its entries: the payment is marked reversed, the reversal is not reversible
    const byId = new Map(ledger.json.transactions.map((t: { id: string }) => [t.id, t] as const)) as Map<
      string,
      Record<string, unknown>
    >;
    expect(byId.get(pay.json.transactionId)).toMatchObject({
      kind: "payment",
      occurredOn: "2026-03-02",
      amountCents: 55_000,
      reversedById: reversal.json.transactionId,
      reversible: false,
    });
    expect(byId.get(reversal.json.transactionId)).toMatchObject({
      kind: "reversal",
      reversesTransactionId: pay.json.transactionId,
      reversible: false,
    });
    expect(ledger.json.transactions.find((t: { kind: string }) => t.kind === "rent_call")).toMatchObject({
      amountCents: 55_000,
      reversible: true,
    });
    const trial = await s.get("/api/ledger/trial-balance");
    expect(trial.json.totalDebitCents).toBe(trial.json.totalCreditCents);
    const detail = await s.get(`/api/ledger/transactions/${reversal.json.transactionId}`);
    expect(detail.json.lines).toHaveLength(2);
  });

  it("refuses a direct UPDATE or DELETE of an entry, and an unbalanced transaction, in the database", async () => {
    const s = await financeSetup();
    await createTenancy(db.current.db, s.organisation.id);
    await s.post("/api/ledger/rent-calls", { period: "2026-03" });
    const org = s.organisation.id;
    await expect(
      db.current.query("update ledger_entries set debit_cents = debit_cents + 1 where organisation_id = $1", [
        org,
      ]),
    ).rejects.toThrow(/append-only/);
    await expect(
      db.current.query("delete from ledger_entries where organisation_id = $1", [org]),
    ).rejects.toThrow(/append-only/);
    await expect(
      db.current.query("update ledger_transactions set label = 'x' where organisation_id = $1", [org]),
    ).rejects.toThrow(/append-only/);
    // the maintained balances are written by the entries' trigger only
    await expect(
      db.current.query(
        "update ledger_balances set debit_cents = debit_cents + 1 where organisation_id = $1",
        [org],
      ),
    ).rejects.toThrow(/maintained by the ledger_entries trigger/);
    await expect(
      db.current.query("delete from ledger_balances where organisation_id = $1", [org]),
    ).rejects.toThrow(/maintained by the ledger_entries trigger/);
    // and so are the month totals
    await expect(
      db.current.query(
        "update ledger_month_totals set credit_cents = credit_cents + 1 where organisation_id = $1",
        [org],
      ),
    ).rejects.toThrow(/ledger_month_totals is maintained by the ledger_entries triggers/);
    await expect(
      db.current.query("delete from ledger_month_totals where organisation_id = $1", [org]),
    ).rejects.toThrow(/ledger_month_totals is maintained by the ledger_entries triggers/);
    await expect(
      db.current.query(
        "insert into ledger_month_totals (organisation_id, account_id, month, kind, debit_cents, credit_cents) select organisation_id, account_id, '2020-01-01', 'payment', 1, 0 from ledger_balances where organisation_id = $1 limit 1",
        [org],
      ),
    ).rejects.toThrow(/ledger_month_totals is maintained by the ledger_entries triggers/);
    await expect(db.current.query("truncate ledger_month_totals")).rejects.toThrow(
      /ledger_month_totals is append-only/,
    );
    const [account] = await db.current.query<{ id: string }>(
      "select id from ledger_accounts where organisation_id = $1 limit 1",
      [org],
    );
    await expect(
      db.current.db.transaction(async (tx) => {
        await tx.execute(
          `insert into ledger_transactions (organisation_id, id, kind, occurred_on, label) values ('${org}', '00000000-0000-4000-8000-000000000001', 'cost', '2026-03-01', 'déséquilibrée')` as never,
        );
        await tx.execute(
          `insert into ledger_entries (organisation_id, transaction_id, account_id, debit_cents) values ('${org}', '00000000-0000-4000-8000-000000000001', '${account!.id}', 100)` as never,
        );
        await tx.execute(
          `insert into ledger_entries (organisation_id, transaction_id, account_id, credit_cents) values ('${org}', '00000000-0000-4000-8000-000000000001', '${account!.id}', 99)` as never,
        );
      }),
    ).rejects.toThrow(/not balanced/);
    const left = await db.current.query(
      "select 1 from ledger_transactions where id = '00000000-0000-4000-8000-000000000001'",
    );
    expect(left).toHaveLength(0);
    // a committed transaction is closed: no entry can be added to it later, even balanced ones
    const [posted] = await db.current.query<{ id: string }>(
      "select id from ledger_transactions where organisation_id = $1 limit 1",
      [org],
    );
    await expect(
      db.current.query(
        `insert into ledger_entries (organisation_id, transaction_id, account_id, debit_cents, credit_cents)
         values ($1, $2, $3, 100, 0), ($1, $2, $3, 0, 100)`,
        [org, posted!.id, account!.id],
      ),
    ).rejects.toThrow(/recorded by an earlier database transaction: its entries are closed/);
  });

  it("checks every entry's transaction and account in the database; accounts are permanent", async () => {
    const s = await financeSetup();
    await createTenancy(db.current.db, s.organisation.id);
    await s.post("/api/ledger/rent-calls", { period: "2026-03" });
    const org = s.organisation.id;
    const other = await createOrganisation(db.current.db);
    const [used] = await db.current.query<{ id: string }>(
      "select account_id as id from ledger_entries where organisation_id = $1 limit 1",
      [org],
    );
    const [otherAccount] = await db.current.query<{ id: string }>(
      "insert into ledger_accounts (organisation_id, code, kind, name) values ($1, '512', 'bank', 'Banque') returning id",
      [other.id],
    );
    const transaction = "00000000-0000-4000-8000-000000000002";
    const postWith = (accountId: string, transactionId = transaction) =>
      db.current.db.transaction(async (tx) => {
        await tx.execute(
          `insert into ledger_transactions (organisation_id, id, kind, occurred_on, label) values ('${org}', '${transaction}', 'cost', '2026-03-01', 'test')` as never,
        );
        await tx.execute(
          `insert into ledger_entries (organisation_id, transaction_id, account_id, debit_cents, credit_cents)
           values ('${org}', '${transactionId}', '${used!.id}', 100, 0), ('${org}', '${transactionId}', '${accountId}', 0, 100)` as never,
        );
      });
    // the database's message (drizzle wraps it in "Failed query: …")
    const refusal = (attempt: Promise<unknown>) =>
      attempt.then(
        () => "accepted",
        (error: { message: string; cause?: { message: string } }) => error.cause?.message ?? error.message,
      );
    // an account of another organisation, an unknown account, an unknown transaction: refused
    expect(await refusal(postWith(otherAccount!.id))).toBe(
      `ledger entries refer to ledger account ${otherAccount!.id}, which does not exist in their organisation`,
    );
    expect(await refusal(postWith("00000000-0000-4000-8000-0000000000ff"))).toMatch(
      /ledger account 00000000-0000-4000-8000-0000000000ff, which does not exist in their organisation/,
    );
    expect(await refusal(postWith(used!.id, "00000000-0000-4000-8000-0000000000fe"))).toMatch(
      /ledger transaction 00000000-0000-4000-8000-0000000000fe, which does not exist in their organisation/,
    );
    expect(
      await db.current.query("select 1 from ledger_transactions where id = $1", [transaction]),
    ).toHaveLength(0);
    // the same entries with accounts of their own organisation are accepted
    const [bank] = await db.current.query<{ id: string }>(
      "insert into ledger_accounts (organisation_id, code, kind, name) values ($1, '512-TEST', 'bank', 'Banque test') returning id",
      [org],
    );
    await postWith(bank!.id);
    // accounts are permanent: neither deleted (with or without entries), re-keyed nor truncated
    await expect(
      db.current.query("delete from ledger_accounts where organisation_id = $1 and id = $2", [org, bank!.id]),
    ).rejects.toThrow(/ledger accounts are permanent \(ledger entries refer to them\): DELETE refused/);
    await expect(
      db.current.query("delete from ledger_accounts where id = $1", [otherAccount!.id]),
    ).rejects.toThrow(/ledger accounts are permanent/);
    await expect(
      db.current.query(
        "update ledger_accounts set id = gen_random_uuid() where organisation_id = $1 and id = $2",
        [org, bank!.id],
      ),
    ).rejects.toThrow(/ledger accounts are permanent \(ledger entries refer to them\): UPDATE refused/);
    await expect(db.current.query("truncate ledger_accounts")).rejects.toThrow(
      /ledger accounts are permanent/,
    );
    // renaming is allowed
    expect(
      await db.current.query(
        "update ledger_accounts set name = 'Banque renommée' where id = $1 returning id",
        [bank!.id],
      ),
    ).toHaveLength(1);
  });
});
