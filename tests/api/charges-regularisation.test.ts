import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { leases } from "../../db/schema/leases";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import {
  createBuilding,
  createLedgerLease,
  createLedgerPerson,
  createOrganisation,
  createUnit,
  createUser,
  sessionCookieFor,
} from "../support/factories";
import { pdfText } from "../support/pdf-text";

const db = useTestDatabase();

/**
 * A building of three flats (40, 60 and 50 m²): A let all 2025 with 50 € of provisions a month,
 * B from 1 July 2025 with 20 €, C let in 2022 and in 2024 without provisions.
 */
async function setup(role: "finance" | "housing_officer" | "admin" = "finance") {
  const organisation = await createOrganisation(db.current.db);
  const user = await createUser(db.current.db, { organisationId: organisation.id, role });
  const cookie = await sessionCookieFor(db.current.db, user);
  const { call, clock, app } = createTestApp(db.current, { now: "2026-02-01T10:00:00+01:00" });
  let n = 0;
  const post = (path: string, body: unknown, key = `k-${Math.random()}-${n++}`) =>
    call("POST", path, { cookie, body, headers: { "idempotency-key": key } });
  const get = (path: string) => call("GET", path, { cookie });
  const o = { organisationId: organisation.id };
  const building = await createBuilding(db.current.db, o);
  const other = await createBuilding(db.current.db, o);
  const unitA = await createUnit(db.current.db, {
    ...o,
    buildingId: building.id,
    surfaceM2: 40,
    reference: "A-1",
  });
  const unitB = await createUnit(db.current.db, {
    ...o,
    buildingId: building.id,
    surfaceM2: 60,
    reference: "B-2",
  });
  const unitC = await createUnit(db.current.db, {
    ...o,
    buildingId: building.id,
    surfaceM2: 50,
    reference: "C-3",
  });
  const stranger = await createUnit(db.current.db, { ...o, buildingId: other.id });
  const lease = async (unitId: string, values: Record<string, unknown>) =>
    createLedgerLease(db.current.db, organisation.id, {
      unitId,
      personId: (await createLedgerPerson(db.current.db, organisation.id)).id,
      ...values,
    });
  const leaseA = await lease(unitA.id, { startDate: "2025-01-01", chargesCents: 5_000 });
  const leaseB = await lease(unitB.id, { startDate: "2025-07-01", chargesCents: 2_000 });
  const lease2022 = await lease(unitC.id, {
    startDate: "2022-01-01",
    endDate: "2022-12-31",
    status: "ended",
    chargesCents: 0,
  });
  const lease2024 = await lease(unitC.id, {
    startDate: "2024-01-01",
    endDate: "2024-12-31",
    status: "ended",
    chargesCents: 0,
  });
  return {
    organisation,
    cookie,
    call,
    clock,
    app,
    post,
    get,
    building,
    unitA,
    unitB,
    unitC,
    stranger,
    leaseA,
    leaseB,
    lease2022,
    lease2024,
  };
}

type Setup = Awaited<ReturnType<typeof setup>>;

async function callRents(s: Setup, months: string[]) {
  for (const period of months) expect((await s.post("/api/ledger/rent-calls", { period })).status).toBe(200);
}

const months2025 = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, "0")}`);

const statement2025 = (s: Setup) => ({
  buildingId: s.building.id,
  periodStart: "2025-01-01",
  periodEnd: "2025-12-31",
  totalSurfaceM2: 200,
  lines: [
    { category: "lift", amountCents: 60_000, unitId: null },
    { category: "heating", amountCents: 48_000, unitId: null },
    { category: "water", label: "Eau froide (compteur A-1)", amountCents: 9_000, unitId: s.unitA.id },
    { category: "waste_tax", amountCents: 12_000, unitId: s.unitB.id },
  ],
});

const byLease = (regularisations: { leaseId: string }[], leaseId: string) =>
  regularisations.find((r) => r.leaseId === leaseId) as Record<string, any>;

describe("charges regularisation (loi 89-462 art. 23)", () => {
  it("splits by surface, compares with the provisions called, sends the décompte, books each balance once and sets the next provision", async () => {
    const s = await setup();
    await callRents(s, [...months2025, "2026-01", "2026-02"]);

    const created = await s.call("POST", "/api/charges/statements", {
      cookie: s.cookie,
      body: statement2025(s),
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      splitRule: "surface",
      totalCents: 129_000,
      recordedSurfaceM2: 150,
      sent: false,
    });
    const id = created.json.id;

    const preview = await s.get(`/api/charges/statements/${id}`);
    expect(preview.status).toBe(200);
    expect(preview.json.claimDeadline).toBe("2028-12-31");
    const a = byLease(preview.json.regularisations, s.leaseA.id);
    // 40 of 200 m²: lift 12 000 + heating 9 600, plus the flat's own meter 9 000
    expect(a).toMatchObject({
      actualCents: 30_600,
      provisionsCents: 60_000,
      balanceCents: -29_400,
      outcome: "tenant_is_owed",
      proposedProvisionCents: 2_550,
      regularisationId: null,
    });
    const b = byLease(preview.json.regularisations, s.leaseB.id);
    // 60 of 200 m², 184 of 365 days: 9 073 + 7 259 + TEOM 6 049; six provisions of 20 €
    expect(b).toMatchObject({
      occupiedFrom: "2025-07-01",
      occupiedDays: 184,
      actualCents: 22_381,
      provisionsCents: 12_000,
      balanceCents: 10_381,
      outcome: "tenant_owes",
      proposedProvisionCents: 3_700,
      instalmentsOffered: false,
      timeBarred: false,
    });
    expect(preview.json.regularisations).toHaveLength(2);

    const sent = await s.call("POST", `/api/charges/statements/${id}/sending`, { cookie: s.cookie });
    expect(sent.status).toBe(201);
    expect(sent.json.sent).toBe(2);
    const sentB = byLease(sent.json.regularisations, s.leaseB.id);
    expect(sentB).toMatchObject({
      sentOn: "2026-02-01",
      claimableFrom: "2026-03-01",
      documentsAvailableUntil: "2026-08-01",
    });
    const pdf = await s.app.request(`http://localhost${sentB.documentUrl}`, {
      headers: { cookie: s.cookie },
    });
    expect(pdf.status).toBe(200);
    const { text } = await pdfText(new Uint8Array(await pdf.arrayBuffer()));
    for (const fact of [
      "Décompte de régularisation des charges",
      "au prorata de leur surface",
      "103,81 €",
      "01/03/2026",
      "01/08/2026",
      "60 m² sur 200 m²",
    ])
      expect(text).toContain(fact);

    // sent: the charges are frozen and not sent twice
    expect(
      (await s.call("POST", `/api/charges/statements/${id}/sending`, { cookie: s.cookie })).json.code,
    ).toBe("CHARGES_STATEMENT_SENT");
    const frozen = await s.call("PUT", `/api/charges/statements/${id}`, {
      cookie: s.cookie,
      body: { lines: statement2025(s).lines },
    });
    expect(frozen.status).toBe(409);

    // a credit is refunded at once; replayed with its key, booked once. Lease A reached its first
    // term on 31 January with no notice: it runs on (tacit renewal) and takes the new provision.
    await db.current.db.update(leases).set({ endDate: "2026-01-31" }).where(eq(leases.id, s.leaseA.id));
    const sentA = byLease(sent.json.regularisations, s.leaseA.id);
    const confirmA = await s.post(
      `/api/charges/regularisations/${sentA.regularisationId}/confirmation`,
      { instalments: false, provisionFrom: "2026-03" },
      "confirm-a",
    );
    expect(confirmA.status).toBe(200);
    expect(confirmA.json).toMatchObject({
      confirmedOn: "2026-02-01",
      provisionFrom: "2026-03-01",
      provisionCents: 2_550,
    });
    const replay = await s.post(
      `/api/charges/regularisations/${sentA.regularisationId}/confirmation`,
      { instalments: false, provisionFrom: "2026-03" },
      "confirm-a",
    );
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.json.transactionId).toBe(confirmA.json.transactionId);
    const again = await s.post(`/api/charges/regularisations/${sentA.regularisationId}/confirmation`, {
      instalments: false,
      provisionFrom: null,
    });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe("CHARGES_ALREADY_CONFIRMED");
    const transaction = await s.get(`/api/ledger/transactions/${confirmA.json.transactionId}`);
    expect(transaction.json.transaction).toMatchObject({
      kind: "charges_regularisation",
      occurredOn: "2026-02-01",
    });
    // Dr 708 / Cr 411: the tenant is owed 294 €
    expect(
      transaction.json.lines.map((l: any) => [l.accountCode.slice(0, 3), l.debitCents, l.creditCents]),
    ).toEqual(
      expect.arrayContaining([
        ["411", 0, 29_400],
        ["708", 29_400, 0],
      ]),
    );
    const ledgerA = await s.get(`/api/ledger/leases/${s.leaseA.id}`);
    // 14 calls of 550 € with nothing paid, minus the 294 € credit
    expect(ledgerA.json.tenantBalanceCents).toBe(14 * 55_000 - 29_400);

    // a sum owed waits one month after the décompte
    const early = await s.post(`/api/charges/regularisations/${sentB.regularisationId}/confirmation`, {
      instalments: false,
      provisionFrom: "2026-04",
    });
    expect(early.status).toBe(422);
    expect(early.json).toMatchObject({ code: "CHARGES_NOTICE_NOT_ELAPSED", claimableFrom: "2026-03-01" });
    expect(early.json.errors[0].path).toBe("sentOn");
    s.clock.set("2026-03-01T10:00:00+01:00");
    // 2025 charges regularised in 2026: no twelve instalments
    const instalments = await s.post(`/api/charges/regularisations/${sentB.regularisationId}/confirmation`, {
      instalments: true,
      provisionFrom: null,
    });
    expect(instalments.status).toBe(422);
    expect(instalments.json.code).toBe("CHARGES_INSTALMENTS_NOT_OPEN");
    // February is already called: the new provision cannot apply to it
    const called = await s.post(`/api/charges/regularisations/${sentB.regularisationId}/confirmation`, {
      instalments: false,
      provisionFrom: "2026-02",
    });
    expect(called.status).toBe(422);
    expect(called.json.errors).toEqual([
      expect.objectContaining({ path: "provisionFrom", code: "month_already_called" }),
    ]);
    const confirmB = await s.post(`/api/charges/regularisations/${sentB.regularisationId}/confirmation`, {
      instalments: false,
      provisionFrom: "2026-04",
    });
    expect(confirmB.status).toBe(200);
    const ledgerB = await s.get(`/api/ledger/leases/${s.leaseB.id}`);
    expect(ledgerB.json.tenantBalanceCents).toBe(8 * 52_000 + 10_381);

    // the next calls carry the new provisions, from the month chosen
    await callRents(s, ["2026-03", "2026-04"]);
    const periodsOf = async (leaseId: string) =>
      (await s.get(`/api/ledger/leases/${leaseId}`)).json.periods.map((p: any) => [
        p.periodStart,
        p.chargesCents,
      ]);
    expect((await periodsOf(s.leaseA.id)).slice(-3)).toEqual([
      ["2026-02-01", 5_000],
      ["2026-03-01", 2_550],
      ["2026-04-01", 2_550],
    ]);
    expect((await periodsOf(s.leaseB.id)).slice(-3)).toEqual([
      ["2026-02-01", 2_000],
      ["2026-03-01", 2_000],
      ["2026-04-01", 3_700],
    ]);
  });

  it("offers twelve instalments after the following year, refuses a claim older than three years", async () => {
    const s = await setup();
    const statementOf = async (year: number) =>
      (
        await s.call("POST", "/api/charges/statements", {
          cookie: s.cookie,
          body: {
            buildingId: s.building.id,
            periodStart: `${year}-01-01`,
            periodEnd: `${year}-12-31`,
            lines: [{ category: "lift", amountCents: 30_000, unitId: null }],
          },
        })
      ).json.id;
    const id2024 = await statementOf(2024);
    const id2022 = await statementOf(2022);
    const sent2024 = await s.call("POST", `/api/charges/statements/${id2024}/sending`, { cookie: s.cookie });
    const sent2022 = await s.call("POST", `/api/charges/statements/${id2022}/sending`, { cookie: s.cookie });
    // 50 of 150 m² of 300 €, no provision called
    const r2024 = byLease(sent2024.json.regularisations, s.lease2024.id);
    expect(r2024).toMatchObject({ balanceCents: 10_000, instalmentsOffered: true, timeBarred: false });
    const r2022 = byLease(sent2022.json.regularisations, s.lease2022.id);
    expect(r2022).toMatchObject({ balanceCents: 10_000, timeBarred: true });
    s.clock.set("2026-03-02T10:00:00+01:00");
    const plan = await s.post(`/api/charges/regularisations/${r2024.regularisationId}/confirmation`, {
      instalments: true,
      provisionFrom: null,
    });
    expect(plan.status).toBe(200);
    expect(plan.json.instalments).toHaveLength(12);
    expect(plan.json.instalments[0]).toEqual({ dueOn: "2026-04-01", amountCents: 833 });
    expect(plan.json.instalments[11]).toEqual({ dueOn: "2027-03-01", amountCents: 834 });
    // a real repayment plan on the tenant account: twelve monthly due dates, followed month by month
    const arrears = await s.get(`/api/ledger/leases/${s.lease2024.id}/arrears`);
    expect(arrears.status).toBe(200);
    expect(arrears.json.repaymentPlan).toMatchObject({
      chargeRegularisationId: r2024.regularisationId,
      startOn: "2026-03-02",
      debtCents: 10_000,
      missed: 0,
    });
    expect(arrears.json.repaymentPlan.instalments.map((i: { dueOn: string }) => i.dueOn)).toEqual(
      Array.from(
        { length: 12 },
        (_, k) => `${2026 + Math.floor((3 + k) / 12)}-${String(((3 + k) % 12) + 1).padStart(2, "0")}-01`,
      ),
    );
    expect(arrears.json.repaymentPlan.instalments[0]).toMatchObject({ amountCents: 833, status: "upcoming" });
    s.clock.set("2026-04-10T10:00:00+02:00");
    const missed = await s.get(`/api/ledger/leases/${s.lease2024.id}/arrears`);
    expect(missed.json.repaymentPlan.instalments[0].status).toBe("missed");
    expect(missed.json.alerts.map((a: { code: string }) => a.code)).toContain("REPAYMENT_INSTALMENT_MISSED");
    s.clock.set("2026-03-02T10:00:00+01:00");
    const barred = await s.post(`/api/charges/regularisations/${r2022.regularisationId}/confirmation`, {
      instalments: false,
      provisionFrom: null,
    });
    expect(barred.status).toBe(422);
    expect(barred.json).toMatchObject({ code: "CHARGES_CLAIM_TIME_BARRED", claimDeadline: "2025-12-31" });
    // an ended lease takes no new provision
    const ended = await s.post(`/api/charges/regularisations/${r2024.regularisationId}/confirmation`, {
      instalments: false,
      provisionFrom: "2026-05",
    });
    expect(ended.json.code).toBe("CHARGES_ALREADY_CONFIRMED");
  });

  it("a balance paid in twelve instalments falls due instalment by instalment: ageing, CAF threshold, quittances", async () => {
    const s = await setup();
    await callRents(
      s,
      Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, "0")}`),
    );
    // the 2024 tenant paid every call (12 × 500 €): nothing is late
    expect(
      (
        await s.post("/api/ledger/payments", {
          leaseId: s.lease2024.id,
          amountCents: 12 * 50_000,
          method: "transfer",
          receivedOn: "2025-01-05",
        })
      ).status,
    ).toBe(201);
    const created = await s.call("POST", "/api/charges/statements", {
      cookie: s.cookie,
      body: {
        buildingId: s.building.id,
        periodStart: "2024-01-01",
        periodEnd: "2024-12-31",
        lines: [{ category: "lift", amountCents: 360_000, unitId: null }],
      },
    });
    const sent = await s.call("POST", `/api/charges/statements/${created.json.id}/sending`, {
      cookie: s.cookie,
    });
    // 50 of 150 m² of 3 600 €, no provision called: 1 200 € owed, above the CAF threshold of
    // 2 × 500 € if it were owed at once
    const owed = byLease(sent.json.regularisations, s.lease2024.id);
    expect(owed.balanceCents).toBe(120_000);
    // claimed after the end of 2025: the tenant asks for twelve instalments (art. 23 al. 9)
    s.clock.set("2026-03-02T10:00:00+01:00");
    const confirmed = await s.post(`/api/charges/regularisations/${owed.regularisationId}/confirmation`, {
      instalments: true,
      provisionFrom: null,
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.json.instalments[0]).toEqual({ dueOn: "2026-04-01", amountCents: 10_000 });

    // nothing has fallen due yet: no arrears, no impayé, and the 2024 rents stay paid
    const before = await s.get(`/api/ledger/leases/${s.lease2024.id}/arrears`);
    expect(before.json.balanceCents).toBe(120_000);
    expect(before.json.buckets).toEqual({ "0-30": 0, "31-60": 0, "61-90": 0, "90+": 0 });
    expect(before.json.threshold.reachedOn).toBeNull();
    expect(before.json.alerts).toEqual([]);
    const account = await s.get(`/api/ledger/leases/${s.lease2024.id}`);
    expect(account.json.periods).toHaveLength(12);
    expect(account.json.periods.every((p: { fullyPaid: boolean }) => p.fullyPaid)).toBe(true);
    const dashboardBefore = await s.get("/api/reports/finance?period=2026-03");
    expect(dashboardBefore.json.arrears.buckets).toEqual({ "0-30": 0, "31-60": 0, "61-90": 0, "90+": 0 });

    // the first instalment unpaid on 10 April: 100 € late, far below the impayé
    s.clock.set("2026-04-10T10:00:00+02:00");
    const after = await s.get(`/api/ledger/leases/${s.lease2024.id}/arrears`);
    expect(after.json.buckets).toEqual({ "0-30": 10_000, "31-60": 0, "61-90": 0, "90+": 0 });
    expect(after.json.threshold).toMatchObject({ reachedOn: null, debtCents: 10_000 });
    expect(after.json.repaymentPlan.missed).toBe(1);
    const dashboardAfter = await s.get("/api/reports/finance?period=2026-04");
    expect(dashboardAfter.json.arrears.buckets).toEqual({ "0-30": 10_000, "31-60": 0, "61-90": 0, "90+": 0 });
  });

  it("refuses invalid charges with the fields at fault, a second statement for the period, and an open period", async () => {
    const s = await setup();
    const invalid = await s.call("POST", "/api/charges/statements", {
      cookie: s.cookie,
      body: {
        ...statement2025(s),
        periodEnd: "2025-12-30",
        totalSurfaceM2: 100,
        lines: [{ category: "water", amountCents: 1_000, unitId: s.stranger.id }],
      },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.headers.get("content-type")).toContain("application/problem+json");
    expect(invalid.json.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      "lines.0.unitId",
      "periodEnd",
      "totalSurfaceM2",
    ]);
    const unknownCategory = await s.call("POST", "/api/charges/statements", {
      cookie: s.cookie,
      body: { ...statement2025(s), lines: [{ category: "rent", amountCents: 1, unitId: null }] },
    });
    expect(unknownCategory.status).toBe(422);
    expect(unknownCategory.json.code).toBe("VALIDATION_FAILED");
    const first = await s.call("POST", "/api/charges/statements", {
      cookie: s.cookie,
      body: statement2025(s),
    });
    expect(first.status).toBe(201);
    const twice = await s.call("POST", "/api/charges/statements", {
      cookie: s.cookie,
      body: statement2025(s),
    });
    expect(twice.status).toBe(409);
    expect(twice.json.errors[0].path).toBe("periodStart");
    const open = await s.call("POST", "/api/charges/statements", {
      cookie: s.cookie,
      body: { ...statement2025(s), periodStart: "2026-01-01", periodEnd: "2026-12-31" },
    });
    const notClosed = await s.call("POST", `/api/charges/statements/${open.json.id}/sending`, {
      cookie: s.cookie,
    });
    expect(notClosed.status).toBe(409);
    expect(notClosed.json.code).toBe("PERIOD_NOT_CLOSED");
    const missing = await s.post(
      "/api/charges/regularisations/00000000-0000-4000-8000-000000000000/confirmation",
      { instalments: false, provisionFrom: null },
    );
    expect(missing.status).toBe(404);
    const list = await s.get("/api/charges/statements");
    expect(list.json.total).toBe(2);
  });

  it("is finance's: a housing officer neither reads nor writes, another organisation's statement is not found", async () => {
    const s = await setup("housing_officer");
    expect((await s.get("/api/charges/statements")).status).toBe(403);
    const write = await s.call("POST", "/api/charges/statements", {
      cookie: s.cookie,
      body: statement2025(s),
    });
    expect(write.status).toBe(403);
    expect(write.json.code).toBe("FORBIDDEN");
    const finance = await setup("finance");
    const created = await finance.call("POST", "/api/charges/statements", {
      cookie: finance.cookie,
      body: statement2025(finance),
    });
    const outsider = await setup("finance");
    expect((await outsider.get(`/api/charges/statements/${created.json.id}`)).status).toBe(404);
    // a building of another organisation is not found either
    const foreign = await outsider.call("POST", "/api/charges/statements", {
      cookie: outsider.cookie,
      body: statement2025(finance),
    });
    expect(foreign.status).toBe(404);
  });
});
