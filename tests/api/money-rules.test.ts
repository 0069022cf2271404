import { describe, expect, it } from "vitest";
import { mandates } from "../../db/schema";
import { takeNextMandateNumber } from "../../server/modules/mandates/mandates.queries";
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

async function setup(now: string) {
  const organisation = await createOrganisation(db.current.db);
  const user = await createUser(db.current.db, { organisationId: organisation.id, role: "finance" });
  const cookie = await sessionCookieFor(db.current.db, user);
  const { call } = createTestApp(db.current, { now });
  let n = 0;
  return {
    organisation,
    post: (path: string, body: unknown) =>
      call("POST", path, { cookie, body, headers: { "idempotency-key": `k-${Math.random()}-${n++}` } }),
    get: (path: string) => call("GET", path, { cookie }),
  };
}

describe("CAF impayé in tiers payant: twice the NET monthly amount", () => {
  it("rent 450 + charges 50, benefit 300 to the operator, 200 €/month unpaid from June: 400 € on 1 July, report by 1 September", async () => {
    const s = await setup("2026-07-15T10:00:00+02:00");
    const { lease } = await createTenancy(db.current.db, s.organisation.id, {
      startDate: "2026-06-01",
      rentCents: 45_000,
      chargesCents: 5_000,
      housingBenefitCents: 30_000,
      housingBenefitPaidToOperator: true,
    });
    for (const period of ["2026-06", "2026-07"]) await s.post("/api/ledger/rent-calls", { period });
    const res = await s.get(`/api/ledger/leases/${lease.id}/arrears`);
    expect(res.status).toBe(200);
    expect(res.json.balanceCents).toBe(40_000);
    expect(res.json.threshold).toMatchObject({
      thresholdCents: 40_000,
      reachedOn: "2026-07-01",
      cafReportDueOn: "2026-09-01",
    });
    expect(res.json.alerts.map((a: { code: string }) => a.code)).toContain("CAF_REPORT_DUE");
  });
});

describe("a flat's rent is handed over once a month", () => {
  it("two mandates on the same flat and dates (recorded before the rule): the second is not paid again", async () => {
    const s = await setup("2026-04-20T10:00:00+02:00");
    const { lease, mandate, unit, landlord } = await createMandateTenancy(db.current.db, s.organisation.id, {
      lease: { rentCents: 79_700, chargesCents: 0 },
    });
    // the register's overlap check now refuses this; older data may still hold such a pair
    const [twin] = await db.current.db
      .insert(mandates)
      .values({
        ...mandate,
        id: undefined,
        number: await takeNextMandateNumber(db.current.db, s.organisation.id),
        managementFeeBasisPoints: 900,
        unitId: unit.id,
        landlordId: landlord.id,
      })
      .returning();
    await s.post("/api/ledger/rent-calls", { period: "2026-03" });
    await s.post("/api/ledger/payments", {
      leaseId: lease.id,
      amountCents: 79_700,
      method: "transfer",
      receivedOn: "2026-03-05",
    });
    const run = await s.post("/api/ledger/mandate-payouts", { period: "2026-03", paidOn: "2026-04-05" });
    expect(run.status).toBe(200);
    expect(run.json.created).toBe(1);
    expect(run.json.payouts.map((p: { mandateId: string }) => p.mandateId)).toEqual([mandate.id]);
    expect(run.json.overlapping).toEqual([
      { mandateId: twin!.id, number: twin!.number, overlapsMandateNumber: mandate.number },
    ]);
    const paidOut = run.json.payouts.reduce(
      (sum: number, p: { netCents: number; feeCents: number }) => sum + p.netCents + p.feeCents,
      0,
    );
    expect(paidOut).toBe(79_700); // never more than was collected
  });
});
