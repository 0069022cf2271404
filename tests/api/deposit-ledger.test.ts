import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/db";
import { leaseFixture, subleaseBody } from "../support/lease-fixture";

const db = useTestDatabase();

/** A private landlord's flat, a person to house, an officer and finance staff. */
async function setup() {
  const { call, clock, callAs, createStaff, officer, landlord, unit, person } = await leaseFixture(
    db.current,
  );
  const finance = await createStaff("finance");
  const lease = subleaseBody(unit.id, person.id, { paymentFrequency: "monthly" });
  const officerCall = callAs(officer);
  const financeCall = callAs(finance);
  /** The trial balance's row of an account code (zero when the account has no entry). */
  const account = async (code: string) => {
    const balance = await financeCall("GET", "/api/ledger/trial-balance");
    expect(balance.status).toBe(200);
    expect(balance.json.totalDebitCents).toBe(balance.json.totalCreditCents);
    return (
      balance.json.accounts.find((a: { code: string }) => a.code === code) ?? {
        debitCents: 0,
        creditCents: 0,
        balanceCents: 0,
      }
    );
  };
  return { call, clock, landlord, unit, person, lease, officer: officerCall, finance: financeCall, account };
}

const entryForm = {
  kind: "entry",
  inspectedOn: "2026-12-01",
  rooms: [{ name: "Séjour", items: [{ name: "Sol", condition: "good" }] }],
  meters: [{ kind: "electricity", reading: 12000 }],
  keys: [{ label: "Porte d'entrée", count: 2 }],
  signedByTenant: true,
  signedByLessor: true,
};

describe("the deposit in the books: received at entry, returned at exit, handed over at a glissement (loi 89-462 art. 22)", () => {
  it("credits 165 against the bank when a sub-lease is signed with a deposit", async () => {
    const context = await setup();
    const created = await context.officer("POST", "/api/leases", context.lease);
    expect(
      (await context.officer("POST", `/api/leases/${created.json.id}/sign`, { signedOn: "2026-11-25" }))
        .status,
    ).toBe(200);
    expect(await context.account("165")).toMatchObject({
      debitCents: 0,
      creditCents: 52_000,
      balanceCents: -52_000,
    });
    expect(await context.account("512")).toMatchObject({ debitCents: 52_000, creditCents: 0 });
    const before = await context.finance("GET", "/api/ledger/trial-balance?asOf=2026-11-24");
    expect(before.json.accounts.find((a: { code: string }) => a.code === "165")).toBeUndefined();
  });

  it("a direct lease's deposit is the landlord's: nothing in the operator's books", async () => {
    const context = await setup();
    const created = await context.officer("POST", "/api/leases", {
      ...context.lease,
      kind: "direct_lease",
      landlordId: context.landlord.id,
      housingBenefitPaidToOperator: false,
    });
    expect((await context.officer("POST", `/api/leases/${created.json.id}/sign`, {})).status).toBe(200);
    expect(await context.account("165")).toMatchObject({ balanceCents: 0 });
  });

  it("returns it after the exit: 165 nets to zero, the deductions settle the debt and the repairs", async () => {
    const context = await setup();
    const created = await context.officer("POST", "/api/leases", context.lease);
    const leaseId = created.json.id as string;
    expect((await context.officer("POST", `/api/leases/${leaseId}/sign`, {})).status).toBe(200);
    expect((await context.officer("POST", `/api/leases/${leaseId}/inspections`, entryForm)).status).toBe(201);
    context.clock.set("2027-06-01");
    expect(
      (
        await context.officer("POST", `/api/leases/${leaseId}/notice`, {
          givenOn: "2027-06-01",
          tenantReason: "rsa_or_aah",
          justificationReceived: true,
        })
      ).status,
    ).toBe(200);
    context.clock.set("2027-07-01");
    const exit = await context.officer("POST", `/api/leases/${leaseId}/inspections`, {
      ...entryForm,
      kind: "exit",
      inspectedOn: "2027-07-01",
      rooms: [{ name: "Séjour", items: [{ name: "Sol", condition: "poor", note: "brûlure" }] }],
      tenantNewAddress: "3 rue Neuve, 21000 Dijon",
    });
    expect(exit.status, JSON.stringify(exit.json)).toBe(201);
    context.clock.set("2027-07-20");
    const returned = await context.officer("POST", `/api/leases/${leaseId}/deposit-return`, {
      returnedOn: "2027-07-20",
      deductions: [
        { kind: "damage", label: "Sol du séjour", amountCents: 15_000, justification: "facture n° 42" },
        {
          kind: "unpaid_rent",
          label: "Loyer de juin",
          amountCents: 5_000,
          justification: "relevé de compte",
        },
      ],
    });
    expect(returned.status, JSON.stringify(returned.json)).toBe(200);
    expect(returned.json.depositTransactionId).toEqual(expect.any(String));
    expect(await context.account("165")).toMatchObject({
      debitCents: 52_000,
      creditCents: 52_000,
      balanceCents: 0,
    });
    // the bank gave back 520 − 150 − 50 = 320 €
    expect(await context.account("512")).toMatchObject({ debitCents: 52_000, creditCents: 32_000 });
    expect(await context.account("6152")).toMatchObject({ creditCents: 15_000 });
    expect(await context.account(`411-${context.person.id}`)).toMatchObject({ creditCents: 5_000 });
  });

  it("hands it over at the glissement: 165 nets to zero", async () => {
    const context = await setup();
    const created = await context.officer("POST", "/api/leases", {
      ...context.lease,
      kind: "sliding_sublease",
      sliding: {
        targetDate: "2027-12-01",
        conditions: ["paiement régulier du loyer"],
        reviewDates: ["2027-06-01"],
      },
    });
    const leaseId = created.json.id as string;
    expect((await context.officer("POST", `/api/leases/${leaseId}/sign`, {})).status).toBe(200);
    expect(await context.account("165")).toMatchObject({ balanceCents: -52_000 });
    context.clock.set("2027-06-10");
    await context.officer("POST", `/api/leases/${leaseId}/reviews`, {
      heldOn: "2027-06-03",
      outcome: "favourable",
    });
    const slid = await context.officer("POST", `/api/leases/${leaseId}/glissement`, {
      effectiveDate: "2027-07-01",
    });
    expect(slid.status, JSON.stringify(slid.json)).toBe(200);
    expect(await context.account("165")).toMatchObject({
      debitCents: 52_000,
      creditCents: 52_000,
      balanceCents: 0,
    });
  });
});
