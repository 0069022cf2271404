import { describe, expect, it } from "vitest";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import {
  createLandlordRecord,
  createLedgerLandlord,
  createLedgerLease,
  createLedgerUnit,
  createMandateTenancy,
  createOrganisation,
  createTenancy,
  createUser,
  sessionCookieFor,
} from "../support/factories";

const db = useTestDatabase();

async function setup(
  role: "finance" | "housing_officer" | "landlord" = "finance",
  now = "2026-03-20T10:00:00+01:00",
) {
  const organisation = await createOrganisation(db.current.db);
  // users_landlord_link: a landlord account represents a landlord record
  const landlordId =
    role === "landlord"
      ? (await createLandlordRecord(db.current.db, { organisationId: organisation.id })).id
      : null;
  const user = await createUser(db.current.db, { organisationId: organisation.id, role, landlordId });
  const cookie = await sessionCookieFor(db.current.db, user);
  const { call, clock } = createTestApp(db.current, { now });
  let n = 0;
  const post = (path: string, body: unknown, key = `k-${Math.random()}-${n++}`) =>
    call("POST", path, { cookie, body, headers: { "idempotency-key": key } });
  const get = (path: string) => call("GET", path, { cookie });
  return { organisation, user, cookie, call, clock, post, get };
}

describe("arrears", () => {
  it("ages the debt, flags the unpaid-rent threshold (2 × rent + charges) and the 2-month CAF deadline", async () => {
    const s = await setup();
    const { lease } = await createTenancy(db.current.db, s.organisation.id, {
      rentCents: 40_000,
      chargesCents: 5_000,
    });
    for (const period of ["2026-01", "2026-02", "2026-03"])
      await s.post("/api/ledger/rent-calls", { period });
    const res = await s.get(`/api/ledger/leases/${lease.id}/arrears`);
    expect(res.status).toBe(200);
    expect(res.json.balanceCents).toBe(135_000);
    expect(res.json.buckets).toEqual({ "0-30": 45_000, "31-60": 45_000, "61-90": 45_000, "90+": 0 });
    expect(res.json.threshold).toMatchObject({
      thresholdCents: 90_000,
      reachedOn: "2026-02-01",
      cafReportDueOn: "2026-04-01",
    });
    expect(res.json.alerts.map((a: { code: string }) => a.code)).toEqual(["CAF_REPORT_DUE"]);
    // 20 March is inside the winter truce (CPCE L.412-6)
    expect(res.json.eviction).toEqual({
      inTruce: true,
      truceEndsOn: "2026-03-31",
      nextTruceStartsOn: "2026-11-01",
    });

    const report = await s.call("POST", `/api/ledger/leases/${lease.id}/caf-reports`, {
      cookie: s.cookie,
      body: { reportedOn: "2026-03-20" },
    });
    expect(report.status).toBe(201);
    const after = await s.get(`/api/ledger/leases/${lease.id}/arrears`);
    expect(after.json.alerts).toEqual([]);
    expect(after.json.threshold.reportedToCafOn).toBe("2026-03-20");
    const overview = await s.get("/api/ledger/arrears");
    expect(overview.json.totalCents).toBe(135_000);
    expect(overview.json.leases).toHaveLength(1);
  });

  it("stays below the threshold when the tenant keeps the debt under two months", async () => {
    const s = await setup();
    const { lease } = await createTenancy(db.current.db, s.organisation.id, {
      rentCents: 40_000,
      chargesCents: 5_000,
    });
    await s.post("/api/ledger/rent-calls", { period: "2026-01" });
    await s.post("/api/ledger/payments", {
      leaseId: lease.id,
      amountCents: 1_000,
      method: "cash",
      receivedOn: "2026-01-31",
    });
    await s.post("/api/ledger/rent-calls", { period: "2026-02" });
    const res = await s.get(`/api/ledger/leases/${lease.id}/arrears`);
    expect(res.json.balanceCents).toBe(89_000);
    expect(res.json.threshold.reachedOn).toBeNull();
  });

  it("follows a repayment plan and raises an alert for a missed instalment", async () => {
    const s = await setup();
    const { lease } = await createTenancy(db.current.db, s.organisation.id, {
      rentCents: 40_000,
      chargesCents: 5_000,
    });
    await s.post("/api/ledger/rent-calls", { period: "2026-01" });
    const plan = await s.call("POST", `/api/ledger/leases/${lease.id}/repayment-plans`, {
      cookie: s.cookie,
      body: {
        startOn: "2026-02-01",
        instalments: [
          { dueOn: "2026-02-10", amountCents: 15_000 },
          { dueOn: "2026-03-10", amountCents: 15_000 },
          { dueOn: "2026-04-10", amountCents: 15_000 },
        ],
      },
    });
    expect(plan.status).toBe(201);
    await s.post("/api/ledger/rent-calls", { period: "2026-02" });
    await s.post("/api/ledger/rent-calls", { period: "2026-03" });
    // February: rent + instalment paid; March: only the rent
    await s.post("/api/ledger/payments", {
      leaseId: lease.id,
      amountCents: 60_000,
      method: "transfer",
      receivedOn: "2026-02-05",
    });
    await s.post("/api/ledger/payments", {
      leaseId: lease.id,
      amountCents: 45_000,
      method: "transfer",
      receivedOn: "2026-03-05",
    });
    const res = await s.get(`/api/ledger/leases/${lease.id}/arrears`);
    expect(res.json.repaymentPlan.instalments.map((i: { status: string }) => i.status)).toEqual([
      "followed",
      "missed",
      "upcoming",
    ]);
    expect(res.json.alerts.map((a: { code: string }) => a.code)).toContain("REPAYMENT_INSTALMENT_MISSED");
    const tooMuch = await s.call("POST", `/api/ledger/leases/${lease.id}/repayment-plans`, {
      cookie: s.cookie,
      body: { startOn: "2026-03-01", instalments: [{ dueOn: "2026-04-01", amountCents: 9_999_999 }] },
    });
    expect(tooMuch.status).toBe(422);
  });

  it("is hidden from a landlord account (403)", async () => {
    const s = await setup("landlord");
    expect((await s.get("/api/ledger/arrears")).status).toBe(403);
  });
});

describe("head lease, vacancy and the landlord", () => {
  it("owes the landlord every period; days without a sub-tenant are the vacancy cost", async () => {
    const s = await setup();
    const landlord = await createLedgerLandlord(db.current.db, s.organisation.id);
    const unit = await createLedgerUnit(db.current.db, s.organisation.id, { landlordId: landlord.id });
    await createLedgerLease(db.current.db, s.organisation.id, {
      kind: "head_lease",
      unitId: unit.id,
      landlordId: landlord.id,
      startDate: "2026-02-01",
      rentCents: 60_000,
      chargesCents: 0,
    });
    const person = await createTenancy(db.current.db, s.organisation.id);
    await createLedgerLease(db.current.db, s.organisation.id, {
      kind: "sublease",
      unitId: unit.id,
      personId: person.person.id,
      startDate: "2026-03-11",
      rentCents: 50_000,
    });
    const feb = await s.post("/api/ledger/rent-calls", { period: "2026-02" });
    expect(feb.json).toMatchObject({ headLeaseCalls: 1, vacancyCostCents: 60_000 });
    const mar = await s.post("/api/ledger/rent-calls", { period: "2026-03" });
    // 10 vacant days of 31: 60 000 × 10 / 31 = 19 354.8 → 19 355
    expect(mar.json.vacancyCostCents).toBe(19_355);

    const statement = await s.get(`/api/ledger/landlords/${landlord.id}/statement?period=2026-03`);
    expect(statement.json).toMatchObject({ openingBalanceCents: 60_000, closingBalanceCents: 120_000 });
    const payout = await s.post("/api/ledger/landlord-payouts", {
      landlordId: landlord.id,
      amountCents: 120_000,
      paidOn: "2026-03-20",
    });
    expect(payout.status).toBe(201);
    const after = await s.get(`/api/ledger/landlords/${landlord.id}/statement?period=2026-03`);
    expect(after.json.closingBalanceCents).toBe(0);
    const costs = await s.get("/api/costs/summary?year=2026");
    const vacancy = costs.json.categories.find((c: { category: string }) => c.category === "vacancy");
    expect(vacancy.actualCents).toBe(79_355);

    // the landlord sees their own statement in the portal
    const user = await createUser(db.current.db, {
      organisationId: s.organisation.id,
      role: "landlord",
      landlordId: landlord.id,
    });
    const portalCookie = await sessionCookieFor(db.current.db, user);
    const portal = await s.call("GET", "/api/portal/statement?period=2026-03", { cookie: portalCookie });
    expect(portal.status).toBe(200);
    expect(portal.json.landlordId).toBe(landlord.id);
    expect(portal.json.lines.map((l: { owedCents: number }) => l.owedCents)).toContain(60_000);
    // finance does not hold portal.read
    expect((await s.get("/api/portal/statement?period=2026-03")).status).toBe(403);
  });

  it("pays the guarantee to the landlord when the tenant does not, capped at the debt", async () => {
    const s = await setup();
    const { lease, landlord } = await createMandateTenancy(db.current.db, s.organisation.id, {
      guarantee: { ceilingCents: 500_000, months: 9 },
      lease: { rentCents: 40_000, chargesCents: 5_000 },
    });
    await s.post("/api/ledger/rent-calls", { period: "2026-01" });
    const tooMuch = await s.post(`/api/ledger/leases/${lease.id}/guarantee-payouts`, { amountCents: 45_001 });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.json.code).toBe("AMOUNT_EXCEEDS_DEBT");
    const paid = await s.post(`/api/ledger/leases/${lease.id}/guarantee-payouts`, {
      amountCents: 45_000,
      reason: "janvier",
    });
    expect(paid.status).toBe(201);
    const statement = await s.get(`/api/ledger/landlords/${landlord.id}/statement?period=2026-03`);
    expect(statement.json.lines).toMatchObject([{ kind: "guarantee_payout", owedCents: 45_000 }]);
    const costs = await s.get("/api/costs/summary?year=2026");
    expect(
      costs.json.categories.find((c: { category: string }) => c.category === "guarantee").actualCents,
    ).toBe(45_000);
    // the tenant still owes the rent (the organisation is subrogated)
    expect((await s.get(`/api/ledger/leases/${lease.id}`)).json.tenantBalanceCents).toBe(45_000);
  });
});

describe("IML costs and budget", () => {
  it("records costs tied to a unit/person/lease, compares with the budget, computes rent complements", async () => {
    const s = await setup();
    const { unit, lease } = await createTenancy(
      db.current.db,
      s.organisation.id,
      { rentCents: 50_000, chargesCents: 5_000, housingBenefitCents: 20_000 },
      { resources: { rsa: 60_000, aah: 0, wages: 0, pension: 0, other: 0 } },
    );
    const noSubject = await s.post("/api/costs", {
      category: "repairs",
      amountCents: 10_000,
      occurredOn: "2026-03-01",
      label: "Peinture",
    });
    expect(noSubject.status).toBe(422);
    expect(noSubject.json.code).toBe("COST_WITHOUT_SUBJECT");
    const repair = await s.post("/api/costs", {
      category: "repairs",
      amountCents: 120_000,
      occurredOn: "2026-03-01",
      label: "Remise en état",
      unitId: unit.id,
    });
    expect(repair.status).toBe(201);
    const budget = await s.call("PUT", "/api/costs/budgets", {
      cookie: s.cookie,
      body: { year: 2026, budgets: [{ category: "repairs", amountCents: 1_000_000 }] },
    });
    expect(budget.status).toBe(200);
    const repairs = budget.json.categories.find((c: { category: string }) => c.category === "repairs");
    expect(repairs).toMatchObject({
      actualCents: 120_000,
      budgetCents: 1_000_000,
      remainingCents: 880_000,
      consumedBasisPoints: 1200,
    });

    // residual 55 000 − 20 000 = 35 000; 30 % of 60 000 = 18 000 → complement 17 000
    const run = await s.post("/api/costs/rent-complements", { period: "2026-03" });
    expect(run.json.complements).toEqual([
      expect.objectContaining({
        leaseId: lease.id,
        residualCents: 35_000,
        affordableCents: 18_000,
        complementCents: 17_000,
      }),
    ]);
    const again = await s.post("/api/costs/rent-complements", { period: "2026-03" });
    expect(again.json.created).toBe(0);
    const officer = await setup("housing_officer");
    expect((await officer.get("/api/costs/summary?year=2026")).status).toBe(403);
  });
});

describe("rent complement at entry and exit", () => {
  it("a lease starting on 20 December gets 12 days of 31 of the month's complement", async () => {
    const s = await setup("finance", "2026-12-02T10:00:00+01:00");
    const resources = { rsa: 60_000, aah: 0, wages: 0, pension: 0, other: 0 };
    const terms = { rentCents: 50_000, chargesCents: 5_000, housingBenefitCents: 20_000 };
    const entering = await createTenancy(
      db.current.db,
      s.organisation.id,
      { ...terms, startDate: "2026-12-20" },
      { resources },
    );
    const leaving = await createTenancy(
      db.current.db,
      s.organisation.id,
      { ...terms, startDate: "2026-01-01", endDate: "2026-12-10", status: "ended" },
      { resources },
    );
    const run = await s.post("/api/costs/rent-complements", { period: "2026-12" });
    expect(run.status).toBe(200);
    const of = (leaseId: string) =>
      run.json.complements.find((c: { leaseId: string }) => c.leaseId === leaseId);
    // monthly complement 17 000 (residual 35 000 − 30 % of 60 000), prorated like the rent called
    expect(of(entering.lease.id)).toMatchObject({ complementCents: 6_581, coveredDays: 12, monthDays: 31 });
    expect(of(leaving.lease.id)).toMatchObject({ complementCents: 5_484, coveredDays: 10, monthDays: 31 });
    expect(run.json.totalCents).toBe(6_581 + 5_484);
  });
});

describe("bank statement import", () => {
  it("matches by reference, then by amount and name; the rest waits for review and can be assigned", async () => {
    const s = await setup();
    const a = await createTenancy(
      db.current.db,
      s.organisation.id,
      { rentCents: 40_000, chargesCents: 5_000 },
      { lastName: "Lefèvre" },
    );
    const b = await createTenancy(
      db.current.db,
      s.organisation.id,
      { rentCents: 30_000, chargesCents: 0 },
      { lastName: "Nguyen" },
    );
    await s.post("/api/ledger/rent-calls", { period: "2026-03" });
    const reference = (await s.get(`/api/ledger/leases/${a.lease.id}`)).json.paymentReference;
    const csv = [
      "date;libellé;montant",
      `05/03/2026;VIR SEPA ${reference} LOYER;450,00`,
      "06/03/2026;VIR M NGUYEN LOYER MARS;300,00",
      "07/03/2026;VIR INCONNU;12,34",
      "08/03/2026;FRAIS BANCAIRES;-3,50",
    ].join("\n");
    const res = await s.post("/api/ledger/bank-imports", { csv });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ matched: 2, unmatched: 1, ignored: 1 });
    expect(res.json.lines.map((l: { matchedBy: string | null }) => l.matchedBy)).toEqual([
      "reference",
      "amount_and_name",
      null,
      null,
    ]);
    expect((await s.get(`/api/ledger/leases/${a.lease.id}`)).json.tenantBalanceCents).toBe(0);
    const pending = await s.get("/api/ledger/bank-lines");
    expect(pending.json).toMatchObject({ total: 1, limit: 50, offset: 0 });
    expect(pending.json.items).toHaveLength(1);
    const assigned = await s.post(`/api/ledger/bank-lines/${pending.json.items[0].id}/assignment`, {
      leaseId: b.lease.id,
    });
    expect(assigned.status).toBe(201);
    expect(assigned.json.receipts.map((r: { kind: string }) => r.kind)).toEqual(["recu"]);
    const twice = await s.post(`/api/ledger/bank-lines/${pending.json.items[0].id}/assignment`, {
      leaseId: b.lease.id,
    });
    expect(twice.json.code).toBe("BANK_LINE_ALREADY_RESOLVED");
    const trial = await s.get("/api/ledger/trial-balance");
    expect(trial.json.accounts.find((x: { code: string }) => x.code === "471").balanceCents).toBe(0);
    const bad = await s.post("/api/ledger/bank-imports", { csv: "32/13/2026;x;abc" });
    expect(bad.status).toBe(422);
    expect(bad.json.code).toBe("CSV_INVALID");
  });
});
