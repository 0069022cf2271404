import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { publishedIrl } from "../../server/modules/ledger/revision.rules";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import { createOrganisation, createTenancy, createUser, sessionCookieFor } from "../support/factories";

const db = useTestDatabase();

async function setup(role: "finance" | "housing_officer" = "finance") {
  const organisation = await createOrganisation(db.current.db);
  const user = await createUser(db.current.db, { organisationId: organisation.id, role });
  const cookie = await sessionCookieFor(db.current.db, user);
  const { call } = createTestApp(db.current, { now: "2026-03-20T10:00:00+01:00" });
  let n = 0;
  const post = (path: string, body: unknown) =>
    call("POST", path, { cookie, body, headers: { "idempotency-key": `k-${Math.random()}-${n++}` } });
  const get = (path: string) => call("GET", path, { cookie });
  return { organisation, cookie, call, post, get };
}

describe("rent revision (IRL)", () => {
  it("proposes rent × IRL T2 2025 / IRL T2 2024, applies from the request, refuses DPE G and late requests", async () => {
    const s = await setup();
    const put = await s.call("PUT", "/api/ledger/irl-indices", {
      cookie: s.cookie,
      body: { indices: publishedIrl },
    });
    expect(put.status).toBe(200);
    const { lease } = await createTenancy(db.current.db, s.organisation.id, {
      startDate: "2025-01-01",
      rentCents: 50_000,
      irlReferenceQuarter: "T2",
    });
    const proposal = await s.call("POST", `/api/ledger/leases/${lease.id}/revision-proposals`, {
      cookie: s.cookie,
    });
    expect(proposal.status).toBe(201);
    // INSEE: T2 2025 = 146,68, T2 2024 = 145,17 → 500,00 × 146,68 / 145,17 = 505,2007… → 505,20 €
    expect(proposal.json).toMatchObject({
      anniversaryOn: "2026-01-01",
      irlYear: 2025,
      irlNewHundredths: 14668,
      irlOldHundredths: 14517,
      newRentCents: 50_520,
    });
    const late = await s.call("POST", `/api/ledger/revisions/${proposal.json.id}/request`, {
      cookie: s.cookie,
      body: { requestedOn: "2027-01-02" },
    });
    expect(late.status).toBe(422);
    expect(late.json.code).toBe("REVISION_TOO_LATE");
    const requested = await s.call("POST", `/api/ledger/revisions/${proposal.json.id}/request`, {
      cookie: s.cookie,
      body: { requestedOn: "2026-03-20" },
    });
    expect(requested.json.effectiveFrom).toBe("2026-03-20");
    await s.post("/api/ledger/rent-calls", { period: "2026-03" });
    await s.post("/api/ledger/rent-calls", { period: "2026-04" });
    const ledger = await s.get(`/api/ledger/leases/${lease.id}`);
    // not retroactive: March (started before the request) keeps the old rent
    expect(ledger.json.periods.map((p: { rentCents: number }) => p.rentCents)).toEqual([50_000, 50_520]);
    expect(ledger.json.revisions).toEqual([
      {
        id: proposal.json.id,
        anniversaryOn: "2026-01-01",
        previousRentCents: 50_000,
        newRentCents: 50_520,
        irlYear: 2025,
        irlQuarter: 2,
        requestedOn: "2026-03-20",
        effectiveFrom: "2026-03-20",
      },
    ]);

    const g = await createTenancy(db.current.db, s.organisation.id, {
      startDate: "2025-01-01",
      irlReferenceQuarter: "T2",
    });
    await db.current.query("update units set energy_class = 'G' where id = $1", [g.unit.id]);
    const none = await s.call("POST", `/api/ledger/leases/${g.lease.id}/revision-proposals`, {
      cookie: s.cookie,
    });
    expect(none.status).toBe(422);
    expect(none.json).toMatchObject({ code: "REVISION_NOT_APPLICABLE", reason: "DPE_F_OR_G" });
  });

  it("refuses an IRL publication date that is not a calendar day, naming the field", async () => {
    const s = await setup();
    const put = await s.call("PUT", "/api/ledger/irl-indices", {
      cookie: s.cookie,
      body: { indices: [{ year: 2026, quarter: 1, valueHundredths: 14700, publishedOn: "2026-02-31" }] },
    });
    expect(put.status).toBe(422);
    expect(put.json.errors).toEqual([
      expect.objectContaining({
        path: "json.indices.0.publishedOn",
        message: expect.stringContaining("2026-02-31"),
      }),
    ]);
    expect((await s.get("/api/ledger/irl-indices")).json.total).toBe(0);
  });
});

describe("finance dashboard and exports", () => {
  it("reports called vs collected, arrears by bucket and costs; exports the journal as CSV and XLSX", async () => {
    const s = await setup();
    const { lease, unit } = await createTenancy(db.current.db, s.organisation.id, {
      rentCents: 40_000,
      chargesCents: 5_000,
      housingBenefitCents: 20_000,
    });
    await s.post("/api/ledger/rent-calls", { period: "2026-02" });
    await s.post("/api/ledger/payments", {
      leaseId: lease.id,
      amountCents: 10_000,
      method: "transfer",
      receivedOn: "2026-02-03",
    });
    await s.post("/api/ledger/housing-benefit-receipts", {
      receivedOn: "2026-02-05",
      lines: [{ leaseId: lease.id, amountCents: 20_000 }],
    });
    await s.post("/api/costs", {
      category: "furnishing",
      amountCents: 80_000,
      occurredOn: "2026-02-10",
      label: "Lit",
      unitId: unit.id,
    });
    const res = await s.get("/api/reports/finance?period=2026-02");
    expect(res.status).toBe(200);
    expect(res.json.rent).toMatchObject({
      calledCents: 45_000,
      collectedFromTenantsCents: 10_000,
      collectedFromCafCents: 20_000,
    });
    expect(res.json.arrears).toMatchObject({
      asOf: "2026-02-28",
      totalCents: 15_000,
      buckets: { "0-30": 15_000 },
    });
    expect(res.json.costs.find((c: { category: string }) => c.category === "furnishing").monthCents).toBe(
      80_000,
    );

    const csv = await s.call("GET", "/api/reports/finance/journal.csv?from=2026-02-01&to=2026-02-28", {
      cookie: s.cookie,
    });
    expect(csv.status).toBe(200);
    const text = await csv.response.text();
    expect(text.split("\r\n")[0]).toContain("Date;Écriture;Nature");
    expect(text).toContain("100,00");
    const xlsx = await s.call("GET", "/api/reports/finance/dashboard.xlsx?period=2026-02", {
      cookie: s.cookie,
    });
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await xlsx.response.arrayBuffer()) as never);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Tableau de bord", "Coûts IML", "Journal"]);
    expect(workbook.getWorksheet("Journal")!.rowCount).toBeGreaterThan(5);

    const officer = await setup("housing_officer");
    expect((await officer.get("/api/reports/finance?period=2026-02")).status).toBe(403);
    const bad = await s.get("/api/reports/finance/journal.csv?from=2026-03-01&to=2026-02-01");
    expect(bad.status).toBe(422);
  });
});

describe("finance dashboard arrears over a long debt", () => {
  it("ages a debt of more than three unpaid periods like the tenant's own arrears view", async () => {
    // the dashboard sums the calls of the last 90 days per lease and reads older calls only when
    // the balance exceeds them: five unpaid months (one partly paid) take that second path
    const s = await setup();
    const { lease } = await createTenancy(db.current.db, s.organisation.id, {
      startDate: "2025-10-01",
      rentCents: 40_000,
      chargesCents: 5_000,
    });
    for (const period of ["2025-10", "2025-11", "2025-12", "2026-01", "2026-02"])
      await s.post("/api/ledger/rent-calls", { period });
    await s.post("/api/ledger/payments", {
      leaseId: lease.id,
      amountCents: 20_000,
      method: "transfer",
      receivedOn: "2026-02-10",
    });
    const own = await s.get(`/api/ledger/leases/${lease.id}/arrears`);
    expect(own.json.balanceCents).toBe(5 * 45_000 - 20_000);
    const dashboard = await s.get("/api/reports/finance?period=2026-02");
    expect(dashboard.status).toBe(200);
    expect(dashboard.json.arrears.totalCents).toBe(5 * 45_000 - 20_000);
    const buckets = dashboard.json.arrears.buckets as Record<string, number>;
    // oldest first: the payment settled October's call in part, so October … December are over 60 days
    expect(buckets["90+"]).toBe(45_000 - 20_000 + 45_000);
    expect(Object.values(buckets).reduce((a, b) => a + b, 0)).toBe(5 * 45_000 - 20_000);
  });
});

describe("finance dashboard arrears across varied leases", () => {
  it("equals the sum of every lease's own arrears view (oldest-first allocation), bucket by bucket", async () => {
    const s = await setup();
    const lease = async (overrides: Record<string, unknown>) =>
      (
        await createTenancy(db.current.db, s.organisation.id, {
          rentCents: 40_000,
          chargesCents: 5_000,
          ...overrides,
        })
      ).lease;
    const pay = (leaseId: string, amountCents: number, receivedOn: string) =>
      s.post("/api/ledger/payments", { leaseId, amountCents, method: "transfer", receivedOn });
    // 19 months unpaid but one partial payment: more than the 12 older calls the dashboard reads
    // first, so its whole history is summed
    const longDebt = await lease({ startDate: "2024-09-01" });
    // owes the last three halves due, one of them in part (and April's, not yet due)
    const fortnightly = await lease({ startDate: "2025-12-01", paymentFrequency: "fortnightly" });
    // everything paid but the current month, with housing benefit paid to the operator
    const current = await lease({
      startDate: "2025-11-01",
      housingBenefitCents: 15_000,
      housingBenefitPaidToOperator: true,
    });
    // owes only April's call, issued early and not yet due on 20 March: in no bucket
    const notYetDue = await lease({ startDate: "2026-01-01" });
    // February's call reversed (booked by mistake): not owed, so not aged either
    const reversedCall = await lease({ startDate: "2026-01-01" });
    // a reversed payment: the debt comes back
    const reversedPayment = await lease({ startDate: "2026-02-01" });
    // paid in advance: a credit, not a debtor
    const advance = await lease({ startDate: "2026-03-01" });

    const periods: string[] = [];
    for (
      let m = new Date(Date.UTC(2024, 8, 1));
      m <= new Date(Date.UTC(2026, 3, 1));
      m.setUTCMonth(m.getUTCMonth() + 1)
    )
      periods.push(m.toISOString().slice(0, 7));
    for (const period of periods)
      expect((await s.post("/api/ledger/rent-calls", { period })).status).toBe(200);

    await pay(longDebt.id, 30_000, "2025-01-10");
    await pay(fortnightly.id, 5 * 22_500 + 10_000, "2026-03-02");
    await pay(current.id, 4 * 30_000, "2026-02-15");
    await pay(notYetDue.id, 3 * 45_000, "2026-03-05");
    await pay(reversedCall.id, 10_000, "2026-01-10");
    const [februaryCall] = await db.current.query<{ transaction_id: string }>(
      "select transaction_id from rent_calls where lease_id = $1 and period_start = '2026-02-01'",
      [reversedCall.id],
    );
    const reverse = (id: string) => s.post(`/api/ledger/transactions/${id}/reversal`, { reason: "Erreur" });
    expect((await reverse(februaryCall!.transaction_id)).status).toBe(201);
    await pay(reversedCall.id, 45_000, "2026-03-10");
    const bounced = await pay(reversedPayment.id, 45_000, "2026-02-03");
    expect((await reverse(bounced.json.transactionId)).status).toBe(201);
    await pay(advance.id, 200_000, "2026-03-01");

    const ids = [longDebt, fortnightly, current, notYetDue, reversedCall, reversedPayment, advance].map(
      (l) => l.id,
    );
    const views = await Promise.all(
      ids.map(async (id) => (await s.get(`/api/ledger/leases/${id}/arrears`)).json),
    );
    const expected = { "0-30": 0, "31-60": 0, "61-90": 0, "90+": 0 } as Record<string, number>;
    for (const v of views)
      if (v.balanceCents > 0) for (const b of Object.keys(expected)) expected[b]! += v.buckets[b];
    const debtors = views.filter((v) => v.balanceCents > 0);
    // every shape above is really there
    expect(views.map((v) => v.balanceCents > 0)).toEqual([true, true, true, true, true, true, false]);
    expect(views[0].buckets["90+"]).toBe(15_000 + 15 * 45_000); // > the 12 older calls read first
    expect(views[1].buckets).toEqual({ "0-30": 45_000, "31-60": 12_500, "61-90": 0, "90+": 0 });
    expect(views[3].buckets).toEqual({ "0-30": 0, "31-60": 0, "61-90": 0, "90+": 0 });
    expect(views[4].buckets).toEqual({ "0-30": 35_000, "31-60": 0, "61-90": 0, "90+": 0 });

    const dashboard = await s.get("/api/reports/finance?period=2026-03");
    expect(dashboard.status).toBe(200);
    // the total is what fell due: the buckets' sum; a lease whose calls are not yet due is not late
    const late = debtors.filter((v) => v.overdueCents > 0);
    expect(late.length).toBe(debtors.length - 1);
    expect(dashboard.json.arrears).toEqual({
      asOf: "2026-03-20",
      totalCents: Object.values(expected).reduce((sum, cents) => sum + cents, 0),
      leasesInArrears: late.length,
      buckets: expected,
    });
    expect(late.reduce((sum, v) => sum + v.overdueCents, 0)).toBe(dashboard.json.arrears.totalCents);
    // the payment of February reversed today nets out of what March collected
    expect(dashboard.json.rent.collectedFromTenantsCents).toBe(122_500 + 135_000 + 45_000 + 200_000 - 45_000);
    const february = await s.get("/api/reports/finance?period=2026-02");
    expect(february.json.rent.collectedFromTenantsCents).toBe(4 * 30_000 + 45_000);
  });
});
