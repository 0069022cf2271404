import { describe, expect, it } from "vitest";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import {
  createLedgerLandlord,
  createLedgerLease,
  createLedgerUnit,
  createOrganisation,
  createTenancy,
  createUser,
  sessionCookieFor,
} from "../support/factories";
import { pdfText } from "../support/pdf-text";

const db = useTestDatabase();

async function setup(now = "2026-04-20T10:00:00+02:00") {
  const organisation = await createOrganisation(db.current.db);
  const user = await createUser(db.current.db, { organisationId: organisation.id, role: "finance" });
  const cookie = await sessionCookieFor(db.current.db, user);
  const { call, app } = createTestApp(db.current, { now });
  let n = 0;
  const post = (path: string, body: unknown = undefined) =>
    call("POST", path, { cookie, body, headers: { "idempotency-key": `k-${Math.random()}-${n++}` } });
  const get = (path: string, as = cookie) => call("GET", path, { cookie: as });
  const pdf = async (url: string, as = cookie) => {
    const response = await app.request(`http://localhost${url}`, { headers: { cookie: as } });
    expect(response.status).toBe(200);
    return pdfText(new Uint8Array(await response.arrayBuffer()));
  };
  return { organisation, user, cookie, call, post, get, pdf };
}

describe("rent call, quittance and reçu PDFs", () => {
  it("prints the avis d'échéance once, with the CAF part deducted and the arrears brought forward", async () => {
    const s = await setup();
    const { lease, person } = await createTenancy(db.current.db, s.organisation.id, {
      rentCents: 50_000,
      chargesCents: 5_000,
      housingBenefitCents: 30_000,
    });
    await s.post("/api/ledger/rent-calls", { period: "2026-02" });
    await s.post("/api/ledger/rent-calls", { period: "2026-03" });
    const ledger = await s.get(`/api/ledger/leases/${lease.id}`);
    const march = ledger.json.periods[1];
    const first = await s.post(`/api/ledger/rent-calls/${march.rentCallId}/document`);
    expect(first.status).toBe(201);
    expect(first.json.templateId).toBe("rent_call");
    const again = await s.post(`/api/ledger/rent-calls/${march.rentCallId}/document`);
    expect(again.status).toBe(200);
    expect(again.json.documentId).toBe(first.json.documentId);

    const { text } = await s.pdf(first.json.url);
    expect(text).toContain("Avis d'échéance");
    expect(text).toContain(`${person.firstName} ${person.lastName}`);
    expect(text).toContain("Mars 2026");
    expect(text).toContain(ledger.json.paymentReference);
    expect(text).toContain("500,00 €"); // rent
    expect(text).toContain("300,00 €"); // CAF part deducted
    // February's tenant part (250 €) brought forward + March's (250 €)
    expect(text).toMatch(/Solde antérieur 250,00 €/);
    expect(text).toMatch(/Total à payer 500,00 €/);
    expect(text).toMatch(/À régler avant le 1 mars 2026|À régler avant le 1er mars 2026/);

    const listed = await s.get(`/api/documents?leaseId=${lease.id}`);
    expect(listed.json.items.map((d: { templateId: string }) => d.templateId)).toEqual(["rent_call"]);
  });

  it("gives a quittance for a fully paid period and a reçu (never a quittance) for a partial payment", async () => {
    const s = await setup();
    const { lease } = await createTenancy(db.current.db, s.organisation.id, {
      rentCents: 40_000,
      chargesCents: 5_000,
      housingBenefitCents: 0,
    });
    await s.post("/api/ledger/rent-calls", { period: "2026-03" });
    const partial = await s.post("/api/ledger/payments", {
      leaseId: lease.id,
      amountCents: 20_000,
      method: "transfer",
      receivedOn: "2026-03-05",
    });
    const recu = partial.json.receipts[0];
    expect(recu.kind).toBe("recu");
    const recuDoc = await s.post(`/api/ledger/receipts/${recu.id}/document`);
    expect(recuDoc.status).toBe(201);
    expect(recuDoc.json.templateId).toBe("partial_payment_receipt");
    const recuText = (await s.pdf(recuDoc.json.url)).text;
    expect(recuText).toContain("Reçu de paiement partiel");
    expect(recuText).not.toContain("Quittance de loyer");
    expect(recuText).toMatch(/Montant dû pour la période 450,00 €/);
    expect(recuText).toMatch(/Montant reçu 200,00 €/);
    expect(recuText).toMatch(/Reste dû 250,00 €/);
    expect(recuText).toContain("n'est pas une quittance");

    const rest = await s.post("/api/ledger/payments", {
      leaseId: lease.id,
      amountCents: 25_000,
      method: "cheque",
      receivedOn: "2026-03-12",
    });
    const quittance = rest.json.receipts.find((r: { kind: string }) => r.kind === "quittance");
    const doc = await s.post(`/api/ledger/receipts/${quittance.id}/document`);
    expect(doc.json.templateId).toBe("rent_receipt");
    const text = (await s.pdf(doc.json.url)).text;
    expect(text).toContain("Quittance de loyer");
    expect(text).toContain("Mars 2026");
    expect(text).toMatch(/Loyer hors charges 400,00 €/);
    expect(text).toMatch(/Provision sur charges 50,00 €/);
    expect(text).toMatch(/Total de la période 450,00 €/);
    expect(text).toContain("12 mars 2026");
  });

  it("names apart on the quittance what the CAF, the programme's complement and the tenant paid", async () => {
    const s = await setup();
    // 600 + 50 € − 575 € of CAF = 75 € left; 30 % of 191,07 € = 57,32 €: the programme pays 17,68 €
    const { lease } = await createTenancy(
      db.current.db,
      s.organisation.id,
      { rentCents: 60_000, chargesCents: 5_000, housingBenefitCents: 57_500 },
      { resources: { rsa: 19_107, aah: 0, wages: 0, pension: 0, other: 0 } },
    );
    await s.post("/api/ledger/rent-calls", { period: "2026-03" });
    const complements = await s.post("/api/costs/rent-complements", { period: "2026-03" });
    expect(complements.json.totalCents).toBe(1_768);
    await s.post("/api/ledger/housing-benefit-receipts", {
      receivedOn: "2026-03-05",
      lines: [{ leaseId: lease.id, amountCents: 57_500 }],
    });
    const paid = await s.post("/api/ledger/payments", {
      leaseId: lease.id,
      amountCents: 5_732,
      method: "transfer",
      receivedOn: "2026-03-06",
    });
    const quittance = paid.json.receipts.find((r: { kind: string }) => r.kind === "quittance");
    const doc = await s.post(`/api/ledger/receipts/${quittance.id}/document`);
    const text = (await s.pdf(doc.json.url)).text;
    expect(text).toMatch(/Total de la période 650,00 €/);
    expect(text).toMatch(/dont aide au logement versée par la CAF \(tiers payant\) 575,00 €/);
    expect(text).toMatch(/dont complément de loyer pris en charge par le programme 17,68 €/);
    expect(text).toMatch(/dont payé par le locataire 57,32 €/);
    expect(text).not.toMatch(/locataire 75,00 €/);
  });

  it("answers 404 for another organisation's rent call or receipt, 403 without ledger.write", async () => {
    const s = await setup();
    const other = await setup();
    const { lease } = await createTenancy(db.current.db, other.organisation.id);
    await other.post("/api/ledger/rent-calls", { period: "2026-03" });
    const ledger = await other.get(`/api/ledger/leases/${lease.id}`);
    const id = ledger.json.periods[0].rentCallId;
    const foreign = await s.post(`/api/ledger/rent-calls/${id}/document`);
    expect(foreign.status).toBe(404);
    const officer = await createUser(db.current.db, {
      organisationId: other.organisation.id,
      role: "housing_officer",
    });
    const officerCookie = await sessionCookieFor(db.current.db, officer);
    const refused = await other.call("POST", `/api/ledger/rent-calls/${id}/document`, {
      cookie: officerCookie,
    });
    expect(refused.status).toBe(403);
  });
});

describe("landlord statement PDF", () => {
  it("prints a closed month's relevé once; the landlord lists and reads their own in the portal only", async () => {
    const s = await setup();
    const landlord = await createLedgerLandlord(db.current.db, s.organisation.id, {
      displayName: "SCI Les Tilleuls",
      iban: "FR7630006000011234567890189",
    });
    const unit = await createLedgerUnit(db.current.db, s.organisation.id, { landlordId: landlord.id });
    await createLedgerLease(db.current.db, s.organisation.id, {
      kind: "head_lease",
      unitId: unit.id,
      landlordId: landlord.id,
      startDate: "2026-03-01",
      rentCents: 60_000,
      chargesCents: 0,
    });
    await s.post("/api/ledger/rent-calls", { period: "2026-03" });
    await s.post("/api/ledger/landlord-payouts", {
      landlordId: landlord.id,
      amountCents: 60_000,
      paidOn: "2026-03-25",
    });
    const open = await s.post(`/api/ledger/landlords/${landlord.id}/statements`, { period: "2026-04" });
    expect(open.status).toBe(409);
    expect(open.json.code).toBe("PERIOD_NOT_CLOSED");

    const made = await s.post(`/api/ledger/landlords/${landlord.id}/statements`, { period: "2026-03" });
    expect(made.status).toBe(201);
    const again = await s.post(`/api/ledger/landlords/${landlord.id}/statements`, { period: "2026-03" });
    expect(again.json.documentId).toBe(made.json.documentId);
    const { text } = await s.pdf(made.json.url);
    expect(text).toContain("Relevé de gérance");
    expect(text).toContain("SCI Les Tilleuls");
    expect(text).toContain("Mars 2026");
    expect(text).toMatch(/Solde versé au propriétaire 600,00 €/);
    expect(text).toContain("FR76 •••• •••• 0189");
    expect(text).not.toContain("30006000011234567890");

    const owner = await createUser(db.current.db, {
      organisationId: s.organisation.id,
      role: "landlord",
      landlordId: landlord.id,
    });
    const ownerCookie = await sessionCookieFor(db.current.db, owner);
    const mine = await s.get("/api/portal/statements", ownerCookie);
    expect(mine.status).toBe(200);
    expect(mine.json).toMatchObject({ total: 1, limit: 50, offset: 0 });
    expect(mine.json.items).toEqual([
      expect.objectContaining({ period: "2026-03", documentId: made.json.documentId }),
    ]);
    expect((await s.pdf(mine.json.items[0].url, ownerCookie)).text).toContain("SCI Les Tilleuls");

    // another landlord of the same organisation sees nothing and cannot read the PDF
    const neighbour = await createLedgerLandlord(db.current.db, s.organisation.id);
    const neighbourUser = await createUser(db.current.db, {
      organisationId: s.organisation.id,
      role: "landlord",
      landlordId: neighbour.id,
    });
    const neighbourCookie = await sessionCookieFor(db.current.db, neighbourUser);
    expect((await s.get("/api/portal/statements", neighbourCookie)).json).toMatchObject({
      items: [],
      total: 0,
    });
    expect((await s.get(made.json.url, neighbourCookie)).status).toBe(404);
    // and a landlord cannot generate statements
    const refused = await s.call("POST", `/api/ledger/landlords/${landlord.id}/statements`, {
      cookie: ownerCookie,
      body: { period: "2026-03" },
    });
    expect(refused.status).toBe(403);
  });
});
