import { describe, expect, it } from "vitest";
import { pdfText } from "../support/pdf-text";
import { useTestDatabase } from "../support/db";
import { createUser, sessionCookieFor } from "../support/factories";
import { leaseFixture, subleaseBody } from "../support/lease-fixture";

const db = useTestDatabase();

/** A sliding sub-lease from 1 Dec 2026, target 1 Dec 2028, reviewed every six months. */
async function setup(
  options: { landlordKind?: "private_person" | "social_landlord"; sliding?: object } = {},
) {
  const fixture = await leaseFixture(db.current, { landlordKind: options.landlordKind });
  const { call, clock, cookie, organisation, landlord, unit, person, callAs, officer } = fixture;
  const finance = await fixture.createStaff("finance");
  const asFinance = callAs(finance);
  let key = 0;
  // a session opened at the clock's time: the clock moves over months
  const money = async (path: string, body: unknown) =>
    asFinance("POST", path, body, { "idempotency-key": `k-${key++}` });
  const asOfficer = callAs(officer);
  const body = {
    ...subleaseBody(unit.id, person.id),
    kind: "sliding_sublease",
    paymentFrequency: "monthly",
    sliding: {
      targetDate: "2028-12-01",
      conditions: ["paiement régulier du loyer pendant douze mois"],
      reviewDates: ["2027-06-01", "2027-12-01", "2028-06-01"],
      ...options.sliding,
    },
  };
  return {
    call,
    clock,
    money,
    asFinance: (path: string) => asFinance("GET", path),
    asOfficer,
    cookie,
    organisation,
    landlord,
    unit,
    person,
    body,
  };
}

async function signedSlidingLease(options: Parameters<typeof setup>[0] = {}) {
  const context = await setup(options);
  const created = await context.call("POST", "/api/leases", { cookie: context.cookie, body: context.body });
  expect(created.status).toBe(201);
  const signed = await context.call("POST", `/api/leases/${created.json.id}/sign`, {
    cookie: context.cookie,
    body: {},
  });
  expect(signed.status).toBe(200);
  return { ...context, leaseId: created.json.id as string, lease: created.json };
}

describe("the sliding clause's dates", () => {
  it("refuses a target date before the start and reviews outside the sub-lease, field by field", async () => {
    const { call, cookie, body } = await setup();
    const refused = await call("POST", "/api/leases", {
      cookie,
      body: {
        ...body,
        sliding: { ...body.sliding, targetDate: "2026-11-30", reviewDates: ["2026-11-15", "2027-06-01"] },
      },
    });
    expect(refused.status).toBe(422);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    expect(refused.json.code).toBe("LEASE_TERMS_NOT_ALLOWED");
    expect(refused.json.errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
      ["sliding.targetDate", "sliding_target_before_start"],
      ["sliding.reviewDates.0", "sliding_review_outside_lease"],
      ["sliding.reviewDates.1", "sliding_review_outside_lease"],
    ]);
    const afterEnd = await call("POST", "/api/leases", {
      cookie,
      body: { ...body, sliding: { ...body.sliding, targetDate: "2030-01-01" } },
    });
    expect(afterEnd.status).toBe(422);
    expect(afterEnd.json.errors[0]).toMatchObject({
      path: "sliding.targetDate",
      code: "sliding_target_after_end",
    });
  });

  it("stores the payment condition, with the documented defaults when the clause sets none", async () => {
    const { call, cookie, body } = await setup();
    const defaults = await call("POST", "/api/leases", { cookie, body });
    expect(defaults.status).toBe(201);
    expect(defaults.json).toMatchObject({ slidingObservationMonths: 12, slidingArrearsToleranceCents: 0 });
  });

  it("rejects a negative tolerance or an observation period out of bounds (422)", async () => {
    const { call, cookie, body } = await setup();
    const bad = await call("POST", "/api/leases", {
      cookie,
      body: { ...body, sliding: { ...body.sliding, observationMonths: 0, arrearsToleranceCents: -1 } },
    });
    expect(bad.status).toBe(422);
    expect(bad.json.code).toBe("VALIDATION_FAILED");
  });
});

describe("the glissement reads the ledger", () => {
  /** Rent called December to May; paid on the 3rd of each month but `unpaid` ones. */
  async function withRentHistory(context: Awaited<ReturnType<typeof signedSlidingLease>>, unpaid: string[]) {
    const months = ["2026-12", "2027-01", "2027-02", "2027-03", "2027-04", "2027-05"];
    for (const month of months) {
      context.clock.set(`${month}-03`);
      expect((await context.money("/api/ledger/rent-calls", { period: month })).status).toBe(200);
      if (unpaid.includes(month)) continue;
      const paid = await context.money("/api/ledger/payments", {
        leaseId: context.leaseId,
        // rent + charges net of the benefit paid to the operator
        amountCents: 52_000 + 4_500 - 28_000,
        method: "transfer",
        receivedOn: `${month}-03`,
      });
      expect(paid.status).toBe(201);
    }
    context.clock.set("2027-06-10");
    const review = await context.asOfficer("POST", `/api/leases/${context.leaseId}/reviews`, {
      heldOn: "2027-06-03",
      outcome: "favourable",
    });
    expect(review.status).toBe(201);
  }

  it("refuses the slide while the tenant owes beyond the tolerance, with the debt and its date", async () => {
    const context = await signedSlidingLease();
    await withRentHistory(context, ["2027-04"]);
    const refused = await context.asOfficer("POST", `/api/leases/${context.leaseId}/glissement`, {
      effectiveDate: "2027-07-01",
    });
    expect(refused.status).toBe(422);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    expect(refused.json).toMatchObject({
      code: "GLISSEMENT_NOT_ALLOWED",
      reason: "arrears_beyond_tolerance",
      worstDebtCents: 28_500,
      toleranceCents: 0,
      observedFrom: "2026-12-01",
      observedTo: "2027-06-10",
    });
    expect(refused.json.errors[0]).toMatchObject({ path: "ledger", code: "arrears_beyond_tolerance" });
    expect(refused.json.errors[0].message).toContain("285,00");
    // nothing half-written: the sub-lease still runs
    const lease = await context.asOfficer("GET", `/api/leases/${context.leaseId}`);
    expect(lease.json.status).toBe("signed");
  });

  it("a debt cleared since does not erase the arrears within the observation period", async () => {
    const context = await signedSlidingLease();
    await withRentHistory(context, ["2027-04"]);
    const caughtUp = await context.money("/api/ledger/payments", {
      leaseId: context.leaseId,
      amountCents: 28_500,
      method: "transfer",
      receivedOn: "2027-06-09",
    });
    expect(caughtUp.status).toBe(201);
    const refused = await context.asOfficer("POST", `/api/leases/${context.leaseId}/glissement`, {
      effectiveDate: "2027-07-01",
    });
    expect(refused.json.reason).toBe("arrears_beyond_tolerance");
  });

  it("slides when the tolerance agreed covers the debt, or when every rent was paid", async () => {
    const tolerant = await signedSlidingLease({ sliding: { arrearsToleranceCents: 30_000 } });
    await withRentHistory(tolerant, ["2027-04"]);
    const slid = await tolerant.asOfficer("POST", `/api/leases/${tolerant.leaseId}/glissement`, {
      effectiveDate: "2027-07-01",
      depositHandover: "refunded_to_tenant",
    });
    expect(slid.status).toBe(200);
    expect(slid.json.directLease.depositHandover).toBe("refunded_to_tenant");

    const punctual = await signedSlidingLease();
    await withRentHistory(punctual, []);
    const ok = await punctual.asOfficer("POST", `/api/leases/${punctual.leaseId}/glissement`, {
      effectiveDate: "2027-07-01",
    });
    expect(ok.status).toBe(200);
    expect(ok.json.directLease).toMatchObject({ kind: "direct_lease", startDate: "2027-07-01" });
    // the deposit held under the sub-lease is handed to the landlord, and posted: 165 → 512
    expect(ok.json.directLease).toMatchObject({
      depositHandover: "transferred_to_landlord",
      depositHandoverCents: 52_000,
      depositCents: 52_000,
    });
    const posting = await punctual.asFinance(`/api/ledger/transactions/${ok.json.depositTransactionId}`);
    expect(posting.status).toBe(200);
    expect(posting.json.transaction.kind).toBe("deposit_handover");
    expect(
      posting.json.lines.map((l: { accountCode: string; debitCents: number; creditCents: number }) => [
        l.accountCode,
        l.debitCents,
        l.creditCents,
      ]),
    ).toEqual([
      ["165", 52_000, 0],
      ["512", 0, 52_000],
    ]);
    const amendment = await punctual.asOfficer("GET", `/api/documents/${ok.json.document.id}.pdf`);
    const { text } = await pdfText(new Uint8Array(await amendment.response.arrayBuffer()));
    expect(text).toContain("remis par l'organisme au propriétaire");
  });

  it("is refused to a landlord account (403)", async () => {
    const context = await signedSlidingLease();
    const landlordUser = await createUser(db.current.db, {
      organisationId: context.organisation.id,
      role: "landlord",
      landlordId: context.landlord.id,
    });
    const cookie = await sessionCookieFor(db.current.db, landlordUser, context.clock.now());
    const refused = await context.call("POST", `/api/leases/${context.leaseId}/glissement`, {
      cookie,
      body: { effectiveDate: "2027-07-01" },
    });
    expect(refused.status).toBe(403);
  });
});

describe("a social landlord informs the préfet two months before the review period ends (CCH L.442-8-3)", () => {
  it("raises an alert when due, records the step with its letter, then the alert goes", async () => {
    const context = await signedSlidingLease({ landlordKind: "social_landlord" });
    const detail = await context.call("GET", `/api/leases/${context.leaseId}`, { cookie: context.cookie });
    expect(detail.json.glissement.prefectInformation).toEqual({
      required: true,
      dueOn: "2028-10-01",
      informedOn: null,
      state: "upcoming",
    });
    context.clock.set("2028-09-10");
    const alerts = await context.asOfficer("GET", "/api/alerts");
    expect(alerts.status).toBe(200);
    const due = alerts.json.items.find((a: { kind: string }) => a.kind === "prefect_information_due");
    expect(due).toMatchObject({
      severity: "warning",
      dueDate: "2028-10-01",
      details: { leaseId: context.leaseId },
    });
    expect(due.message).toContain("01/10/2028");

    const informed = await context.asOfficer("POST", `/api/leases/${context.leaseId}/prefect-information`, {
      informedOn: "2028-09-12",
    });
    expect(informed.status).toBe(200);
    expect(informed.json.lease.prefectInformedOn).toBe("2028-09-12");
    expect(informed.json.document.templateId).toBe("prefect_information");
    const pdf = await context.asOfficer("GET", `/api/documents/${informed.json.document.id}.pdf`);
    expect(pdf.status).toBe(200);
    const { text } = await pdfText(new Uint8Array(await pdf.response.arrayBuffer()));
    expect(text).toContain("L.442-8-3");
    expect(text).toContain("1er décembre 2028");
    const after = await context.asOfficer("GET", "/api/alerts");
    expect(after.json.items.some((a: { kind: string }) => a.kind.startsWith("prefect_information"))).toBe(
      false,
    );
  });

  it("is late, and critical, after the day two months before the target", async () => {
    const context = await signedSlidingLease({ landlordKind: "social_landlord" });
    context.clock.set("2028-10-02");
    const alerts = await context.asOfficer("GET", "/api/alerts");
    expect(
      alerts.json.items.find((a: { kind: string }) => a.kind === "prefect_information_late"),
    ).toMatchObject({
      severity: "critical",
    });
  });

  it("is refused for a private landlord (the slide is contractual) and outside the sub-lease", async () => {
    const privateLandlord = await signedSlidingLease();
    const refused = await privateLandlord.call(
      "POST",
      `/api/leases/${privateLandlord.leaseId}/prefect-information`,
      {
        cookie: privateLandlord.cookie,
        body: {},
      },
    );
    expect(refused.status).toBe(409);
    expect(refused.json.errors[0]).toMatchObject({ path: "landlord", code: "not_a_social_landlord" });
    const social = await signedSlidingLease({ landlordKind: "social_landlord" });
    const late = await social.call("POST", `/api/leases/${social.leaseId}/prefect-information`, {
      cookie: social.cookie,
      body: { informedOn: "2029-01-01" },
    });
    expect(late.status).toBe(422);
    expect(late.json.errors[0].path).toBe("informedOn");
  });
});

describe("payment terms changed on a running lease: the avenant", () => {
  it("draws the avenant with the former and new terms and the first month concerned", async () => {
    const context = await signedSlidingLease();
    const changed = await context.call("POST", `/api/leases/${context.leaseId}/payment-terms`, {
      cookie: context.cookie,
      body: { paymentFrequency: "fortnightly", paymentDay: 3 },
    });
    expect(changed.status).toBe(200);
    expect(changed.json.document.templateId).toBe("payment_terms_amendment");
    const pdf = await context.call("GET", `/api/documents/${changed.json.document.id}.pdf`, {
      cookie: context.cookie,
    });
    expect(pdf.status).toBe(200);
    const { text } = await pdfText(new Uint8Array(await pdf.response.arrayBuffer()));
    expect(text).toContain("Avenant au contrat");
    expect(text).toContain("chaque mois");
    expect(text).toContain("tous les 15 jours");
    expect(text).toContain("1er décembre 2026");
    expect(text).toContain("520,00 €");
    const detail = await context.call("GET", `/api/leases/${context.leaseId}`, { cookie: context.cookie });
    expect(detail.json.documents.map((d: { templateId: string }) => d.templateId)).toContain(
      "payment_terms_amendment",
    );
  });
});
