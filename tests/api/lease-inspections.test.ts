import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/db";
import { createUser, sessionCookieFor } from "../support/factories";
import { leaseFixture, subleaseBody } from "../support/lease-fixture";
import { pdfText } from "../support/pdf-text";

const db = useTestDatabase();

// a person whose file has no birth date
const setup = () => leaseFixture(db.current, { person: { birthDate: null } });

const entryForm = {
  kind: "entry",
  inspectedOn: "2026-12-01",
  rooms: [
    {
      name: "Séjour",
      items: [
        { name: "Sol", condition: "good" },
        { name: "Murs", condition: "new", note: "peinture refaite" },
      ],
    },
    { name: "Cuisine", items: [{ name: "Évier", condition: "good" }] },
  ],
  meters: [
    { kind: "electricity", reading: 12000 },
    { kind: "cold_water", reading: 300 },
  ],
  keys: [{ label: "Porte d'entrée", count: 2 }],
  signedByTenant: true,
  signedByLessor: true,
};

async function signedWithNotice() {
  const context = await setup();
  const { call, cookie } = context;
  const created = await call("POST", "/api/leases", {
    cookie,
    body: subleaseBody(context.unit.id, context.person.id),
  });
  const leaseId = created.json.id as string;
  expect((await call("POST", `/api/leases/${leaseId}/sign`, { cookie, body: {} })).status).toBe(200);
  return { ...context, leaseId };
}

const giveNotice = (context: Awaited<ReturnType<typeof signedWithNotice>>) =>
  context.call("POST", `/api/leases/${context.leaseId}/notice`, {
    cookie: context.cookie,
    body: { givenOn: "2027-06-01", tenantReason: "rsa_or_aah", justificationReceived: true },
  });

describe("état des lieux (loi 89-462 art. 3-2) and deposit return (art. 22)", () => {
  it("entry, notice, exit compared with the entry, deposit returned late with its 10 % penalty", async () => {
    const context = await signedWithNotice();
    const { call, cookie, leaseId } = context;
    const entry = await call("POST", `/api/leases/${leaseId}/inspections`, { cookie, body: entryForm });
    expect(entry.status, JSON.stringify(entry.json)).toBe(201);
    expect(entry.json.comparison).toBeNull();
    const documentText = async (id: string) => {
      const pdf = await call("GET", `/api/documents/${id}.pdf`, { cookie });
      expect(pdf.status).toBe(200);
      return (await pdfText(new Uint8Array(await pdf.response.arrayBuffer()))).text;
    };
    const entryText = await documentText(entry.json.document.id);
    expect(entryText).toContain("État des lieux d'entrée");
    expect(entryText).toContain("peinture refaite");
    // meter indexes as a French reader writes them
    expect(entryText).toMatch(/12\s000/);

    // the exit waits for the notice
    const tooSoon = await call("POST", `/api/leases/${leaseId}/inspections`, {
      cookie,
      body: { ...entryForm, kind: "exit", inspectedOn: "2027-06-15" },
    });
    expect(tooSoon.status).toBe(409);
    expect((await giveNotice(context)).status).toBe(200);

    const exit = await call("POST", `/api/leases/${leaseId}/inspections`, {
      cookie,
      body: {
        ...entryForm,
        kind: "exit",
        inspectedOn: "2027-07-01",
        rooms: [
          {
            name: "Séjour",
            items: [
              { name: "Sol", condition: "poor", note: "brûlure" },
              { name: "Murs", condition: "new" },
            ],
          },
          { name: "Cuisine", items: [{ name: "Évier", condition: "good" }] },
        ],
        meters: [{ kind: "electricity", reading: 14500 }],
        keys: [{ label: "Porte d'entrée", count: 1 }],
        tenantNewAddress: "3 rue Neuve, 21000 Dijon",
      },
    });
    expect(exit.status, JSON.stringify(exit.json)).toBe(201);
    expect(exit.json.comparison).toMatchObject({
      differs: true,
      items: [{ room: "Séjour", item: "Sol", entry: "good", exit: "poor", worse: true }],
      keys: [{ label: "Porte d'entrée", given: 2, returned: 1, missing: 1 }],
    });
    const exitText = await documentText(exit.json.document.id);
    expect(exitText).toContain("Comparaison avec l'état des lieux d'entrée");
    expect(exitText).toContain("01/09/2027");

    const detail = await call("GET", `/api/leases/${leaseId}`, { cookie });
    expect(detail.json.inspections.map((i: { kind: string }) => i.kind)).toEqual(["entry", "exit"]);
    // the exit differs: two months from the keys
    expect(detail.json.deposit).toMatchObject({
      depositCents: 52_000,
      keysReturnedOn: "2027-07-01",
      deadline: "2027-09-01",
      returnedOn: null,
      // received at the signature, held in the books until it is returned
      heldCents: 52_000,
    });

    const unjustified = await call("POST", `/api/leases/${leaseId}/deposit-return`, {
      cookie,
      body: {
        returnedOn: "2027-08-01",
        deductions: [{ kind: "damage", label: "Sol du séjour", amountCents: 15_000, justification: "" }],
      },
    });
    expect(unjustified.status).toBe(422);
    expect(unjustified.json).toMatchObject({ code: "DEPOSIT_RETURN_NOT_ALLOWED" });
    expect(unjustified.json.errors[0].path).toBe("deductions.0.justification");

    const returned = await call("POST", `/api/leases/${leaseId}/deposit-return`, {
      cookie,
      body: {
        returnedOn: "2027-09-05",
        deductions: [
          { kind: "damage", label: "Sol du séjour", amountCents: 15_000, justification: "facture n° 42" },
          {
            kind: "missing_keys",
            label: "Une clé",
            amountCents: 2_000,
            justification: "facture du serrurier",
          },
        ],
      },
    });
    expect(returned.status, JSON.stringify(returned.json)).toBe(200);
    // 520 − 150 − 20 + 10 % of 520 for one month started late = 402 €
    expect(returned.json.deposit).toMatchObject({
      deadline: "2027-09-01",
      returnedOn: "2027-09-05",
      latePenaltyCents: 5_200,
      refundCents: 40_200,
    });
    const statement = await documentText(returned.json.document.id);
    expect(statement).toContain("Restitution du dépôt de garantie");
    expect(statement).toContain("402,00");
    expect(statement).toContain("facture n° 42");
    expect(statement).toContain("Somme versée au locataire 402,00");
    expect(returned.json.deposit.heldCents).toBe(0);
    expect(statement).not.toContain("**");
    const again = await call("POST", `/api/leases/${leaseId}/deposit-return`, {
      cookie,
      body: { returnedOn: "2027-09-06" },
    });
    expect(again.status).toBe(409);
  });

  it("the form is signed by both parties; an exit without an entry is compared with nothing", async () => {
    const context = await signedWithNotice();
    const { call, cookie, leaseId } = context;
    const notJoint = await call("POST", `/api/leases/${leaseId}/inspections`, {
      cookie,
      body: { ...entryForm, signedByTenant: false },
    });
    expect(notJoint.status).toBe(422);
    expect(notJoint.json).toMatchObject({ code: "INSPECTION_NOT_ALLOWED" });
    expect(notJoint.json.errors[0]).toMatchObject({ path: "signedByTenant", code: "not_joint" });
    expect((await giveNotice(context)).status).toBe(200);
    // no entry on record: the exit is still drawn up, compared with nothing
    const noEntry = await call("POST", `/api/leases/${leaseId}/inspections`, {
      cookie,
      body: { ...entryForm, kind: "exit", inspectedOn: "2027-07-01" },
    });
    expect(noEntry.status).toBe(201);
    expect(noEntry.json.comparison).toBeNull();
    // nothing shows a degradation against the tenant: no repair is kept, one month applies
    const repair = await call("POST", `/api/leases/${leaseId}/deposit-return`, {
      cookie,
      body: {
        returnedOn: "2027-07-20",
        deductions: [{ kind: "damage", label: "Peinture", amountCents: 10_000, justification: "devis" }],
      },
    });
    expect(repair.status).toBe(422);
    expect(repair.json.errors[0]).toMatchObject({ path: "deductions.0.kind", code: "no_entry_inspection" });
    const returned = await call("POST", `/api/leases/${leaseId}/deposit-return`, {
      cookie,
      body: { returnedOn: "2027-07-20" },
    });
    expect(returned.status, JSON.stringify(returned.json)).toBe(200);
    expect(returned.json.deposit).toMatchObject({ deadline: "2027-08-01", latePenaltyCents: 0 });
  });

  it("a conforming exit gives one month, and a deduction for repairs is refused", async () => {
    const context = await signedWithNotice();
    const { call, cookie, leaseId } = context;
    expect(
      (await call("POST", `/api/leases/${leaseId}/inspections`, { cookie, body: entryForm })).status,
    ).toBe(201);
    expect((await giveNotice(context)).status).toBe(200);
    const exit = await call("POST", `/api/leases/${leaseId}/inspections`, {
      cookie,
      body: { ...entryForm, kind: "exit", inspectedOn: "2027-07-01" },
    });
    expect(exit.json.comparison.differs).toBe(false);
    const repair = await call("POST", `/api/leases/${leaseId}/deposit-return`, {
      cookie,
      body: {
        returnedOn: "2027-07-20",
        deductions: [{ kind: "damage", label: "Peinture", amountCents: 10_000, justification: "devis" }],
      },
    });
    expect(repair.status).toBe(422);
    expect(repair.json.errors[0].code).toBe("no_degradation_found");
    const onTime = await call("POST", `/api/leases/${leaseId}/deposit-return`, {
      cookie,
      body: { returnedOn: "2027-08-01" },
    });
    expect(onTime.json.deposit).toMatchObject({
      deadline: "2027-08-01",
      latePenaltyCents: 0,
      refundCents: 52_000,
    });
  });

  it("refuses the finance role (read-only) and another organisation's lease", async () => {
    const context = await signedWithNotice();
    const finance = await createUser(db.current.db, {
      organisationId: context.organisation.id,
      role: "finance",
    });
    const financeCookie = await sessionCookieFor(db.current.db, finance, context.clock.now());
    const forbidden = await context.call("POST", `/api/leases/${context.leaseId}/inspections`, {
      cookie: financeCookie,
      body: entryForm,
    });
    expect(forbidden.status).toBe(403);
    const other = await setup();
    const foreign = await other.call("POST", `/api/leases/${context.leaseId}/inspections`, {
      cookie: other.cookie,
      body: entryForm,
    });
    expect(foreign.status).toBe(404);
  });
});
