import { describe, expect, it } from "vitest";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import {
  createMandateTenancy,
  createOrganisation,
  createTenancy,
  createUser,
  sessionCookieFor,
} from "../support/factories";

const db = useTestDatabase();

async function setup(now = "2026-04-20T10:00:00+02:00") {
  const organisation = await createOrganisation(db.current.db);
  const user = await createUser(db.current.db, { organisationId: organisation.id, role: "finance" });
  const cookie = await sessionCookieFor(db.current.db, user);
  const at = (instant: string) => {
    const { call } = createTestApp(db.current, { now: instant });
    let n = 0;
    return {
      post: (path: string, body: unknown) =>
        call("POST", path, { cookie, body, headers: { "idempotency-key": `k-${Math.random()}-${n++}` } }),
      get: (path: string) => call("GET", path, { cookie }),
      call,
    };
  };
  return { organisation, cookie, ...at(now), at };
}

const accountBalance = (trial: { accounts: { code: string; balanceCents: number }[] }, code: string) =>
  trial.accounts.find((a) => a.code === code)?.balanceCents ?? 0;

describe("mandate payouts", () => {
  it("pays the landlord the rent collected in the month minus the management fee, once", async () => {
    const s = await setup();
    const { lease, landlord, mandate } = await createMandateTenancy(db.current.db, s.organisation.id, {
      managementFeeBasisPoints: 700,
      lease: { rentCents: 50_000, chargesCents: 5_000, housingBenefitCents: 20_000 },
    });
    await s.post("/api/ledger/rent-calls", { period: "2026-02" });
    await s.post("/api/ledger/rent-calls", { period: "2026-03" });
    await s.post("/api/ledger/payments", {
      leaseId: lease.id,
      amountCents: 35_000,
      method: "transfer",
      receivedOn: "2026-03-05",
    });
    await s.post("/api/ledger/housing-benefit-receipts", {
      receivedOn: "2026-03-06",
      lines: [{ leaseId: lease.id, amountCents: 20_000 }],
    });

    const open = await s.post("/api/ledger/mandate-payouts", { period: "2026-04", paidOn: "2026-04-20" });
    expect(open.status).toBe(409);
    expect(open.json.code).toBe("PERIOD_NOT_CLOSED");

    const run = await s.post("/api/ledger/mandate-payouts", { period: "2026-03", paidOn: "2026-04-05" });
    expect(run.status).toBe(200);
    expect(run.json).toMatchObject({ created: 1, alreadyPaid: 0 });
    expect(run.json.payouts[0]).toMatchObject({
      mandateId: mandate.id,
      collectedCents: 55_000,
      feeBasisPoints: 700,
      feeCents: 3_850,
      guaranteeCents: 0,
      netCents: 51_150,
    });
    const again = await s.post("/api/ledger/mandate-payouts", { period: "2026-03", paidOn: "2026-04-05" });
    expect(again.json).toMatchObject({ created: 0, alreadyPaid: 1 });
    expect((await s.get("/api/ledger/mandate-payouts?period=2026-03")).json).toMatchObject({
      total: 1,
      items: [expect.objectContaining({ landlordId: landlord.id, netCents: 51_150 })],
    });

    const trial = (await s.get("/api/ledger/trial-balance")).json;
    expect(accountBalance(trial, "7061")).toBe(-3_850); // the fee is the organisation's income
    expect(accountBalance(trial, `401-${landlord.id}`)).toBe(0); // collected − fee, all paid out
    expect(trial.totalDebitCents).toBe(trial.totalCreditCents);

    const march = (await s.get(`/api/ledger/landlords/${landlord.id}/statement?period=2026-03`)).json;
    expect(march.lines).toMatchObject([{ kind: "mandate_settlement", owedCents: 55_000, paidCents: 3_850 }]);
    const april = (await s.get(`/api/ledger/landlords/${landlord.id}/statement?period=2026-04`)).json;
    expect(april.lines).toMatchObject([{ kind: "landlord_payout", paidCents: 51_150 }]);
    expect(april.closingBalanceCents).toBe(0);
  });

  it("adds the guarantee paid in the month; the guarantee needs the pack and stays within its cover", async () => {
    const s = await setup();
    const covered = await createMandateTenancy(db.current.db, s.organisation.id, {
      managementFeeBasisPoints: 800,
      guarantee: { ceilingCents: 60_000, months: 1 },
      lease: { rentCents: 50_000, chargesCents: 5_000 },
    });
    const withoutPack = await createMandateTenancy(db.current.db, s.organisation.id, { guarantee: null });
    const sublet = await createTenancy(db.current.db, s.organisation.id);
    for (const period of ["2026-02", "2026-03", "2026-04"])
      await s.post("/api/ledger/rent-calls", { period });

    const noPack = await s.post(`/api/ledger/leases/${withoutPack.lease.id}/guarantee-payouts`, {
      amountCents: 1_000,
    });
    expect(noPack.status).toBe(422);
    expect(noPack.json.code).toBe("MANDATE_GUARANTEE_NOT_COVERED");
    const subLease = await s.post(`/api/ledger/leases/${sublet.lease.id}/guarantee-payouts`, {
      amountCents: 1_000,
    });
    expect(subLease.json.code).toBe("MANDATE_GUARANTEE_NOT_COVERED");
    // cover: min(600 €, 1 month × 550 €) = 550 €
    const beyond = await s.post(`/api/ledger/leases/${covered.lease.id}/guarantee-payouts`, {
      amountCents: 55_001,
    });
    expect(beyond.status).toBe(422);
    expect(beyond.json).toMatchObject({ code: "MANDATE_GUARANTEE_NOT_COVERED", headroomCents: 55_000 });
    const paid = await s.post(`/api/ledger/leases/${covered.lease.id}/guarantee-payouts`, {
      amountCents: 55_000,
      reason: "février impayé",
    });
    expect(paid.status).toBe(201);
    const exhausted = await s.post(`/api/ledger/leases/${covered.lease.id}/guarantee-payouts`, {
      amountCents: 1,
    });
    expect(exhausted.json).toMatchObject({ code: "MANDATE_GUARANTEE_NOT_COVERED", headroomCents: 0 });

    // the tenant pays part of April; May's run hands over the payment (minus 8 %) and the guarantee
    const later = s.at("2026-05-04T10:00:00+02:00");
    await later.post("/api/ledger/payments", {
      leaseId: covered.lease.id,
      amountCents: 10_000,
      method: "cash",
      receivedOn: "2026-04-22",
    });
    const run = await later.post("/api/ledger/mandate-payouts", { period: "2026-04", paidOn: "2026-05-04" });
    const payout = run.json.payouts.find((p: { mandateId: string }) => p.mandateId === covered.mandate.id);
    expect(payout).toMatchObject({
      collectedCents: 10_000,
      feeCents: 800,
      guaranteeCents: 55_000,
      netCents: 64_200,
    });
    const idle = run.json.payouts.find((p: { mandateId: string }) => p.mandateId === withoutPack.mandate.id);
    expect(idle).toMatchObject({ collectedCents: 0, netCents: 0, payoutTransactionId: null });
    const costs = (await later.get("/api/costs/summary?year=2026")).json;
    expect(costs.categories.find((c: { category: string }) => c.category === "guarantee").actualCents).toBe(
      55_000,
    );
  });

  it("gives the tenant's repayment of guaranteed arrears back to the guarantee, not to the landlord again", async () => {
    const s = await setup("2026-03-20T10:00:00+01:00");
    const { lease, landlord } = await createMandateTenancy(db.current.db, s.organisation.id, {
      managementFeeBasisPoints: 800,
      guarantee: { ceilingCents: 110_000, months: 2 },
      lease: { rentCents: 50_000, chargesCents: 5_000 },
    });
    await s.post("/api/ledger/rent-calls", { period: "2026-02" });
    await s.post("/api/ledger/rent-calls", { period: "2026-03" });
    // February and March unpaid: the guarantee pays the landlord both months
    const paid = await s.post(`/api/ledger/leases/${lease.id}/guarantee-payouts`, { amountCents: 110_000 });
    expect(paid.status).toBe(201);
    const april = s.at("2026-04-03T10:00:00+02:00");
    const march = await april.post("/api/ledger/mandate-payouts", {
      period: "2026-03",
      paidOn: "2026-04-03",
    });
    expect(march.json.payouts[0]).toMatchObject({ guaranteeCents: 110_000, netCents: 110_000 });
    await april.post("/api/ledger/rent-calls", { period: "2026-04" });
    // April's rent and one month of the arrears
    await april.post("/api/ledger/payments", {
      leaseId: lease.id,
      amountCents: 110_000,
      method: "transfer",
      receivedOn: "2026-04-03",
    });
    const may = s.at("2026-05-04T10:00:00+02:00");
    const run = await may.post("/api/ledger/mandate-payouts", { period: "2026-04", paidOn: "2026-05-04" });
    expect(run.json).toMatchObject({ created: 1 });
    // April's rent is the landlord's (minus 8 %); the 550 € repaid go back to the guarantee
    expect(run.json.payouts[0]).toMatchObject({
      collectedCents: 110_000,
      guaranteeRecoveredCents: 55_000,
      feeCents: 4_400,
      netCents: 50_600,
    });
    await may.post("/api/ledger/rent-calls", { period: "2026-05" });
    await may.post("/api/ledger/payments", {
      leaseId: lease.id,
      amountCents: 110_000,
      method: "transfer",
      receivedOn: "2026-05-04",
    });
    const june = s.at("2026-06-03T10:00:00+02:00");
    const mayRun = await june.post("/api/ledger/mandate-payouts", {
      period: "2026-05",
      paidOn: "2026-06-03",
    });
    expect(mayRun.json.payouts[0]).toMatchObject({ guaranteeRecoveredCents: 55_000, netCents: 50_600 });
    // everything repaid: June's payment is the landlord's again
    await june.post("/api/ledger/rent-calls", { period: "2026-06" });
    await june.post("/api/ledger/payments", {
      leaseId: lease.id,
      amountCents: 55_000,
      method: "transfer",
      receivedOn: "2026-06-03",
    });
    const july = s.at("2026-07-03T10:00:00+02:00");
    const juneRun = await july.post("/api/ledger/mandate-payouts", {
      period: "2026-06",
      paidOn: "2026-07-03",
    });
    expect(juneRun.json.payouts[0]).toMatchObject({ guaranteeRecoveredCents: 0, netCents: 50_600 });

    const trial = (await july.get("/api/ledger/trial-balance")).json;
    expect(accountBalance(trial, "7588")).toBe(-110_000); // the guarantee recovered all it paid
    expect(accountBalance(trial, `401-${landlord.id}`)).toBe(0);
    // the landlord got 4 months of rent once: 2 by the guarantee, 2 from the tenant, minus fees
    const received = trial.accounts.find((a: { code: string }) => a.code === `401-${landlord.id}`);
    expect(received.debitCents).toBe(110_000 + 3 * 50_600 + 3 * 4_400);
    const statement = (await july.get(`/api/ledger/landlords/${landlord.id}/statement?period=2026-05`)).json;
    expect(statement.guarantee).toEqual({
      paidToDateCents: 110_000,
      paidInMonthCents: 0,
      recoveredToDateCents: 110_000,
      recoveredInMonthCents: 55_000,
    });
    const settlement = statement.lines.find((l: { kind: string }) => l.kind === "mandate_settlement");
    expect(settlement).toMatchObject({ owedCents: 55_000, paidCents: 4_400 });
    expect(settlement.label).toMatch(/dont 550,00\s€ rendus à la garantie de loyers \(subrogation\)/u);
    const pdf = await july.post(`/api/ledger/landlords/${landlord.id}/statements`, { period: "2026-05" });
    expect(pdf.status).toBe(201);
  });

  it("is refused to a housing officer and answers only the caller's organisation", async () => {
    const s = await setup();
    const other = await setup();
    await createMandateTenancy(db.current.db, other.organisation.id);
    await other.post("/api/ledger/mandate-payouts", { period: "2026-03", paidOn: "2026-04-05" });
    expect((await s.get("/api/ledger/mandate-payouts?period=2026-03")).json).toMatchObject({
      items: [],
      total: 0,
    });
    const officer = await createUser(db.current.db, {
      organisationId: s.organisation.id,
      role: "housing_officer",
    });
    const refused = await s.call("POST", "/api/ledger/mandate-payouts", {
      cookie: await sessionCookieFor(db.current.db, officer),
      body: { period: "2026-03", paidOn: "2026-04-05" },
      headers: { "idempotency-key": "x" },
    });
    expect(refused.status).toBe(403);
  });
});

describe("bulk posting", () => {
  it("keeps a label with quotes, backslashes, commas and braces exactly", async () => {
    const s = await setup();
    const { unit } = await createTenancy(db.current.db, s.organisation.id);
    const label = 'Facture "Dupont\\Fils", lot {3}';
    const cost = await s.post("/api/costs", {
      category: "repairs",
      amountCents: 12_345,
      occurredOn: "2026-03-02",
      label,
      unitId: unit.id,
    });
    expect(cost.status).toBe(201);
    const detail = await s.get(`/api/ledger/transactions/${cost.json.transactionId}`);
    expect(detail.json.transaction.label).toContain(label);
  });
});
