/**
 * Tenants' SEPA direct debits: the mandate recorded on the tenant's account, the month's
 * collections as a pain.008.001.08 file validated against the ISO 20022 schema by libxml2, FRST
 * then RCUR, and the «prélèvement» option of the avis d'échéance only where a mandate exists.
 */
import { describe, expect, it } from "vitest";
import { validateSepaFile } from "../../server/modules/ledger/sepa.schema";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import { createOrganisation, createTenancy, createUser, sessionCookieFor } from "../support/factories";
import { pdfText } from "../support/pdf-text";

const db = useTestDatabase();

async function setup() {
  const organisation = await createOrganisation(db.current.db);
  const admin = await createUser(db.current.db, { organisationId: organisation.id, role: "admin" });
  const finance = await createUser(db.current.db, { organisationId: organisation.id, role: "finance" });
  const officer = await createUser(db.current.db, {
    organisationId: organisation.id,
    role: "housing_officer",
  });
  const cookies = {
    admin: await sessionCookieFor(db.current.db, admin),
    finance: await sessionCookieFor(db.current.db, finance),
    officer: await sessionCookieFor(db.current.db, officer),
  };
  const { call, app } = createTestApp(db.current, { now: "2026-04-20T10:00:00+02:00" });
  let n = 0;
  const post = (path: string, body?: unknown, cookie = cookies.finance) =>
    call("POST", path, { cookie, body, headers: { "idempotency-key": `k-${n++}` } });
  const get = (path: string, cookie = cookies.finance) => call("GET", path, { cookie });
  const pdf = async (url: string) => {
    const response = await app.request(`http://localhost${url}`, { headers: { cookie: cookies.finance } });
    return (await pdfText(new Uint8Array(await response.arrayBuffer()))).text;
  };
  return { organisation, cookies, call, post, get, pdf };
}

const resources = { rsa: 60_000, aah: 0, wages: 0, pension: 0, other: 0 };

describe("tenants' SEPA direct debits", () => {
  it("records the mandate, collects FRST then RCUR in a pain.008 file valid against the schema", async () => {
    const s = await setup();
    const saved = await s.call("PATCH", "/api/organisation", {
      cookie: s.cookies.admin,
      body: {
        bankAccountHolder: "Association Un Chez-soi d'abord",
        bankIban: "FR7630006000011234567890189",
        bankBic: "AGRIFRPP",
        sepaCreditorIdentifier: "FR72ZZZ123456",
      },
    });
    expect(saved.status).toBe(200);
    // 500 + 50 € − 200 € of CAF = 350 € for the tenant, of which the programme pays 170 €
    const debtor = await createTenancy(
      db.current.db,
      s.organisation.id,
      { rentCents: 50_000, chargesCents: 5_000, housingBenefitCents: 20_000 },
      { resources },
    );
    const other = await createTenancy(db.current.db, s.organisation.id, { rentCents: 40_000 });
    const path = `/api/ledger/leases/${debtor.lease.id}/debit-mandate`;
    expect((await s.get(path)).json).toEqual({ mandate: null });

    const badIban = await s.post(path, { signedOn: "2026-02-10", iban: "FR7630006000011234567890188" });
    expect(badIban.status).toBe(422);
    expect(badIban.json.errors.map((e: { path: string }) => e.path)).toEqual(["json.iban"]);
    const future = await s.post(path, { signedOn: "2026-05-01", iban: "FR1420041010050500013M02606" });
    expect(future.json.errors.map((e: { path: string }) => e.path)).toEqual(["json.signedOn"]);
    const badRum = await s.post(path, {
      reference: "RUM avec espaces",
      signedOn: "2026-02-10",
      iban: "FR1420041010050500013M02606",
    });
    expect(badRum.json.errors.map((e: { path: string }) => e.path)).toEqual(["json.reference"]);
    expect(
      (await s.post(path, { signedOn: "2026-02-10", iban: "FR1420041010050500013M02606" }, s.cookies.officer))
        .status,
    ).toBe(403);

    const mandate = await s.post(path, {
      signedOn: "2026-02-10",
      iban: "fr14 2004 1010 0505 0001 3m02 606",
      bic: "psstfrppdij",
    });
    expect(mandate.status).toBe(201);
    expect(mandate.json).toMatchObject({
      reference: expect.stringMatching(/^LOY-[0-9A-F]{8}-1$/),
      iban: "FR1420041010050500013M02606",
      bic: "PSSTFRPPDIJ",
      debtorName: `${debtor.person.firstName} ${debtor.person.lastName}`,
      collections: 0,
      nextSequenceType: "FRST",
    });
    const twice = await s.post(path, { signedOn: "2026-02-10", iban: "FR1420041010050500013M02606" });
    expect(twice.status).toBe(409);
    expect(twice.json.code).toBe("DEBIT_MANDATE_EXISTS");

    await s.post("/api/ledger/rent-calls", { period: "2026-03" });
    await s.post("/api/ledger/rent-calls", { period: "2026-04" });
    await s.post("/api/costs/rent-complements", { period: "2026-03" });

    // the avis d'échéance offers the direct debit only to the tenant who signed a mandate
    const callOf = async (leaseId: string) =>
      (await s.get(`/api/ledger/leases/${leaseId}`)).json.periods[0].rentCallId as string;
    const withMandate = await s.post(`/api/ledger/rent-calls/${await callOf(debtor.lease.id)}/document`);
    const withMandateText = await s.pdf(withMandate.json.url);
    expect(withMandateText).toContain("Par prélèvement SEPA sur le compte FR14 •••• •••• 2606");
    expect(withMandateText).toContain(`mandat ${mandate.json.reference}`);
    const without = await s.post(`/api/ledger/rent-calls/${await callOf(other.lease.id)}/document`);
    expect((await s.pdf(without.json.url)).toLowerCase()).not.toContain("prélèvement");

    const early = await s.post("/api/ledger/direct-debits", {
      period: "2026-03",
      collectionDate: "2026-04-20",
    });
    expect(early.status).toBe(422);
    expect(early.json.errors[0].path).toBe("json.collectionDate");
    const march = await s.post("/api/ledger/direct-debits", {
      period: "2026-03",
      collectionDate: "2026-04-23",
    });
    expect(march.status).toBe(200);
    // 350 € called − 170 € of rent complement: the debit never takes what the programme pays
    expect(march.json).toMatchObject({ created: 1, count: 1, totalCents: 18_000 });
    expect(march.json.collections[0]).toMatchObject({
      leaseId: debtor.lease.id,
      sequenceType: "FRST",
      amountCents: 18_000,
    });
    const again = await s.post("/api/ledger/direct-debits", {
      period: "2026-03",
      collectionDate: "2026-04-24",
    });
    expect(again.json).toMatchObject({ created: 0, count: 1 });

    const file = await s.get("/api/ledger/direct-debits/sepa?period=2026-03");
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toContain("prelevements-loyers-2026-03.xml");
    const xml = await file.response.text();
    expect(await validateSepaFile("pain.008.001.08", xml)).toEqual({ valid: true, errors: [] });
    expect(xml).toContain("<NbOfTxs>1</NbOfTxs><CtrlSum>180.00</CtrlSum>");
    expect(xml).toContain("<SeqTp>FRST</SeqTp>");
    expect(xml).toContain("<ReqdColltnDt>2026-04-23</ReqdColltnDt>");
    expect(xml).toContain(`<MndtId>${mandate.json.reference}</MndtId><DtOfSgntr>2026-02-10</DtOfSgntr>`);
    expect(xml).toContain("<DbtrAgt><FinInstnId><BICFI>PSSTFRPPDIJ</BICFI></FinInstnId></DbtrAgt>");
    expect(xml).toContain("<DbtrAcct><Id><IBAN>FR1420041010050500013M02606</IBAN></Id></DbtrAcct>");
    expect(xml).toContain("<Id>FR72ZZZ123456</Id>");

    // after the first collection the mandate is recurrent
    const april = await s.post("/api/ledger/direct-debits", {
      period: "2026-04",
      collectionDate: "2026-04-23",
    });
    expect(april.json.collections[0]).toMatchObject({ sequenceType: "RCUR", amountCents: 35_000 });
    const aprilXml = await (await s.get("/api/ledger/direct-debits/sepa?period=2026-04")).response.text();
    expect(await validateSepaFile("pain.008.001.08", aprilXml)).toEqual({ valid: true, errors: [] });
    expect(aprilXml).toContain("<SeqTp>RCUR</SeqTp>");
    expect(aprilXml).not.toContain("<SeqTp>FRST</SeqTp>");
    expect((await s.get(path)).json.mandate).toMatchObject({ collections: 2, nextSequenceType: "RCUR" });
    expect((await s.get("/api/ledger/direct-debits?period=2026-04")).json).toMatchObject({ count: 1 });
  });

  it("says when nothing is to collect, and answers only the caller's organisation", async () => {
    const s = await setup();
    const none = await s.post("/api/ledger/direct-debits", {
      period: "2026-03",
      collectionDate: "2026-04-23",
    });
    expect(none.status).toBe(422);
    expect(none.json.code).toBe("SEPA_NOTHING_TO_COLLECT");
    const notYet = await s.get("/api/ledger/direct-debits/sepa?period=2026-03");
    expect(notYet.json.code).toBe("SEPA_NOTHING_TO_COLLECT");
    const foreign = await setup();
    const { lease } = await createTenancy(db.current.db, foreign.organisation.id);
    expect((await s.get(`/api/ledger/leases/${lease.id}/debit-mandate`)).status).toBe(404);
    const write = await s.post(`/api/ledger/leases/${lease.id}/debit-mandate`, {
      signedOn: "2026-02-10",
      iban: "FR1420041010050500013M02606",
    });
    expect(write.status).toBe(404);
    expect((await s.get("/api/ledger/direct-debits/sepa?period=2026-03", s.cookies.officer)).status).toBe(
      403,
    );
  });
});
