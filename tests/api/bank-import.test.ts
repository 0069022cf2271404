import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import { createOrganisation, createTenancy, createUser, sessionCookieFor } from "../support/factories";

const db = useTestDatabase();
const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/bank-statements/${name}`, import.meta.url), "latin1");

async function setup(role: "finance" | "housing_officer" = "finance") {
  const organisation = await createOrganisation(db.current.db);
  const user = await createUser(db.current.db, { organisationId: organisation.id, role });
  const cookie = await sessionCookieFor(db.current.db, user);
  const { app, call } = createTestApp(db.current, { now: "2026-03-20T10:00:00+01:00" });
  let n = 0;
  const key = () => `k-${Math.random()}-${n++}`;
  const post = (path: string, body: unknown) =>
    call("POST", path, { cookie, body, headers: { "idempotency-key": key() } });
  const get = (path: string) => call("GET", path, { cookie });
  /** Sends raw bytes or a form the way a browser upload or curl would. */
  const upload = async (body: BodyInit, contentType?: string) => {
    const headers: Record<string, string> = {
      cookie,
      origin: "http://localhost",
      "sec-fetch-site": "same-origin",
      "idempotency-key": key(),
    };
    if (contentType) headers["content-type"] = contentType;
    const response = await app.request("http://localhost/api/ledger/bank-imports", {
      method: "POST",
      headers,
      body,
    });
    return { status: response.status, json: (await response.json()) as any };
  };
  const tenancy = async (rentCents: number, lastName: string) =>
    createTenancy(db.current.db, organisation.id, { rentCents, chargesCents: 0 }, { lastName });
  return { organisation, post, get, upload, tenancy };
}

const balance = async (s: Awaited<ReturnType<typeof setup>>, leaseId: string) =>
  (await s.get(`/api/ledger/leases/${leaseId}`)).json.tenantBalanceCents;

describe("bank statement import: amounts, debits, formats", () => {
  it("keeps the cents: 640,50 and 1 234,56 are booked to the cent", async () => {
    const s = await setup();
    const a = await s.tenancy(64_050, "Lefèvre");
    const b = await s.tenancy(123_456, "Dupré");
    await s.post("/api/ledger/rent-calls", { period: "2026-03" });
    const csv = [
      "date;libellé;montant",
      "05/03/2026;VIR LEFEVRE;640,50",
      "06/03/2026;VIR DUPRE;1 234,56",
    ].join("\n");
    const res = await s.post("/api/ledger/bank-imports", { csv });
    expect(res.status).toBe(201);
    expect(res.json.lines.map((l: { amountCents: number }) => l.amountCents)).toEqual([64_050, 123_456]);
    expect(res.json.matched).toBe(2);
    expect(await balance(s, a.lease.id)).toBe(0);
    expect(await balance(s, b.lease.id)).toBe(0);
  });

  it("two transfers of one tenant in a file earn what two payments would: a quittance, then a reçu", async () => {
    const s = await setup();
    const { lease } = await s.tenancy(40_000, "Lefèvre");
    await s.post("/api/ledger/rent-calls", { period: "2026-02" });
    await s.post("/api/ledger/rent-calls", { period: "2026-03" });
    // the second transfer is not the rent's amount: the payment reference names the lease
    const { paymentReference } = (await s.get(`/api/ledger/leases/${lease.id}`)).json;
    const csv = [
      "date;libellé;montant",
      "05/03/2026;VIR LEFEVRE;400,00",
      `12/03/2026;VIR LEFEVRE ${paymentReference};150,00`,
    ].join("\n");
    const res = await s.post("/api/ledger/bank-imports", { csv });
    expect(res.json.matched).toBe(2);
    const ledger = (await s.get(`/api/ledger/leases/${lease.id}`)).json;
    expect(ledger.tenantBalanceCents).toBe(25_000);
    const receipts = ledger.receipts.map((r: { kind: string; periodStart: string; amountCents: number }) => [
      r.kind,
      r.periodStart,
      r.amountCents,
    ]);
    expect(receipts).toEqual([
      ["quittance", "2026-02-01", 40_000],
      ["recu", "2026-03-01", 15_000],
    ]);
  });

  it("a Débit column is never a receipt; the review lists it as ignored, reason debit", async () => {
    const s = await setup();
    const res = await s.post("/api/ledger/bank-imports", {
      csv: ["Date;Libellé;Débit;Crédit", "05/03/2026;PRLV EDF;85,40;", "06/03/2026;VIR INCONNU;;90,00"].join(
        "\n",
      ),
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ matched: 0, unmatched: 1, ignored: 1 });
    expect(
      res.json.lines.map((l: { amountCents: number; status: string; reason: string }) => [
        l.amountCents,
        l.status,
        l.reason,
      ]),
    ).toEqual([
      [-8_540, "ignored", "debit"],
      [9_000, "unmatched", "no_match"],
    ]);
    const trial = await s.get("/api/ledger/trial-balance");
    const bank = trial.json.accounts.find((x: { code: string }) => x.code === "512");
    expect(bank.balanceCents).toBe(9_000);
  });

  it("accepts a multipart upload, a raw text/csv body and Windows-1252 text, never a 500", async () => {
    const s = await setup();
    const form = new FormData();
    form.append(
      "file",
      new File(
        [
          Buffer.from(
            "Date opération;Date valeur;Libellé;Montant\n05/03/26;06/03/26;VIR M. DUPRÉ;+512,00\n",
            "latin1",
          ),
        ],
        "releve-mars.csv",
        {
          type: "text/csv",
        },
      ),
    );
    const multipart = await s.upload(form);
    expect(multipart.status).toBe(201);
    expect(multipart.json).toMatchObject({ encoding: "windows-1252", format: "csv" });
    expect(multipart.json.lines[0]).toMatchObject({
      bookedOn: "2026-03-05",
      valueOn: "2026-03-06",
      label: "VIR M. DUPRÉ",
      amountCents: 51_200,
    });
    const raw = await s.upload("Date;Libellé;Montant\n07/03/2026;VIR X;1.512,00\n", "text/csv");
    expect(raw.status).toBe(201);
    expect(raw.json.lines[0].amountCents).toBe(151_200);
    const imported = await s.get("/api/ledger/bank-imports");
    expect(imported.json.items.map((x: { fileName: string | null }) => x.fileName)).toContain(
      "releve-mars.csv",
    );

    const empty = await s.upload(new FormData());
    expect(empty.status).toBe(422);
    const wrongType = await s.upload("<html/>", "text/html");
    expect(wrongType.status).toBe(422);
    expect(wrongType.json.code).toBe("BANK_STATEMENT_INVALID");
    const garbage = await s.upload(new Uint8Array([0, 1, 2, 255, 254]), "application/octet-stream");
    expect(garbage.status).toBe(422);
  });

  it("imports camt.053 and OFX files: booked entries only, debits ignored, batches split", async () => {
    const s = await setup();
    const a = await s.tenancy(64_050, "Lefèvre");
    const b = await s.tenancy(30_000, "Nguyen");
    await s.post("/api/ledger/rent-calls", { period: "2026-03" });
    const reference = (await s.get(`/api/ledger/leases/${a.lease.id}`)).json.paymentReference;
    const camt = await s.upload(
      fixture("camt053-001-08.xml").replace("{{REFERENCE}}", reference),
      "application/xml",
    );
    expect(camt.status).toBe(201);
    expect(camt.json).toMatchObject({ format: "camt.053", accountRef: "FR7630004000031234567890143" });
    expect(
      camt.json.lines.map((l: { status: string; matchedBy: string | null; reason: string | null }) => [
        l.status,
        l.matchedBy ?? l.reason,
      ]),
    ).toEqual([
      ["matched", "reference"],
      ["ignored", "debit"],
      ["matched", "amount_and_name"],
      ["unmatched", "no_match"],
    ]);
    expect(await balance(s, a.lease.id)).toBe(0);
    expect(await balance(s, b.lease.id)).toBe(0);

    const sgml = Buffer.from(
      fixture("ofx-102-sgml-windows-1252.ofx").replace("{{REFERENCE}}", "SANS REF"),
      "latin1",
    );
    const ofx1 = await s.upload(sgml, "application/x-ofx");
    expect(ofx1.status).toBe(201);
    expect(ofx1.json).toMatchObject({ format: "ofx", encoding: "windows-1252", unmatched: 2, ignored: 1 });
    const ofx2 = await s.upload(fixture("ofx-220-xml.ofx"), "application/octet-stream");
    expect(ofx2.status).toBe(201);
    expect(ofx2.json.lines.map((l: { amountCents: number }) => l.amountCents)).toEqual([51_200, -350]);
  });
});

describe("bank statement import: duplicates", () => {
  it("the same file twice is refused (a new Idempotency-Key does not book it again)", async () => {
    const s = await setup();
    const { lease } = await s.tenancy(9_000, "Martin");
    await s.post("/api/ledger/rent-calls", { period: "2026-02" });
    await s.post("/api/ledger/rent-calls", { period: "2026-03" });
    const csv = "Date;Libellé;Montant\n05/03/2026;VIR MARTIN;90,00\n";
    expect((await s.post("/api/ledger/bank-imports", { csv })).status).toBe(201);
    const again = await s.post("/api/ledger/bank-imports", { csv });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe("BANK_STATEMENT_ALREADY_IMPORTED");
    expect(await balance(s, lease.id)).toBe(9_000); // February still owed: paid once, not twice
    expect((await s.get("/api/ledger/bank-lines")).json).toMatchObject({ items: [], total: 0 });
  });

  it("a line already imported from an overlapping statement is ignored as a duplicate", async () => {
    const s = await setup();
    const first = [
      "Date;Libellé;Montant",
      "05/03/2026;VIR INCONNU A;12,00",
      "06/03/2026;VIR INCONNU B;90,00",
      "06/03/2026;VIR INCONNU B;90,00",
    ];
    expect((await s.post("/api/ledger/bank-imports", { csv: first.join("\n") })).json.unmatched).toBe(3);
    // the next statement repeats 6 March (both transfers) and adds a third identical one and 7 March
    const second = await s.post("/api/ledger/bank-imports", {
      csv: [
        "Date;Libellé;Montant",
        "06/03/2026;VIR INCONNU B;90,00",
        "06/03/2026;VIR INCONNU B;90,00",
        "06/03/2026;VIR INCONNU B;90,00",
        "07/03/2026;VIR INCONNU C;5,00",
      ].join("\n"),
    });
    expect(second.status).toBe(201);
    expect(second.json).toMatchObject({ unmatched: 2, ignored: 2, duplicates: 2 });
    expect(second.json.lines.map((l: { reason: string }) => l.reason)).toEqual([
      "duplicate",
      "duplicate",
      "no_match",
      "no_match",
    ]);
    expect((await s.get("/api/ledger/bank-lines")).json.total).toBe(5);
    const trial = await s.get("/api/ledger/trial-balance");
    expect(trial.json.accounts.find((x: { code: string }) => x.code === "512").balanceCents).toBe(
      1_200 + 3 * 9_000 + 500,
    );
  });
});

describe("bank statement review", () => {
  it("shows every line with its state and reason; an unmatched line is assigned from it", async () => {
    const s = await setup();
    const { lease } = await s.tenancy(30_000, "Nguyen");
    await s.post("/api/ledger/rent-calls", { period: "2026-03" });
    const imported = await s.post("/api/ledger/bank-imports", {
      csv: "Date;Libellé;Montant\n05/03/2026;VIR SANS NOM;300,00\n06/03/2026;CB;-4,00\n",
    });
    const review = await s.get(`/api/ledger/bank-imports/${imported.json.importId}`);
    expect(review.status).toBe(200);
    expect(review.json).toMatchObject({ matched: 0, unmatched: 1, ignored: 1, format: "csv" });
    const line = review.json.lines.find((l: { status: string }) => l.status === "unmatched");
    const assigned = await s.post(`/api/ledger/bank-lines/${line.id}/assignment`, { leaseId: lease.id });
    expect(assigned.status).toBe(201);
    const after = await s.get(`/api/ledger/bank-imports/${imported.json.importId}`);
    expect(after.json).toMatchObject({ matched: 1, unmatched: 0 });
    expect(await balance(s, lease.id)).toBe(0);
    expect((await s.get("/api/ledger/bank-imports/00000000-0000-4000-8000-000000000000")).status).toBe(404);
  });

  it("an operation dated after today is refused, nothing written", async () => {
    const s = await setup();
    const res = await s.post("/api/ledger/bank-imports", {
      csv: "Date;Libellé;Montant\n01/06/2027;VIR;10,00\n",
    });
    expect(res.status).toBe(422);
    expect(res.json.errors[0].path).toBe("line.2.date");
    expect((await s.get("/api/ledger/bank-imports")).json).toMatchObject({ items: [], total: 0 });
  });

  it("a housing officer cannot import", async () => {
    const s = await setup("housing_officer");
    const res = await s.post("/api/ledger/bank-imports", { csv: "05/03/2026;x;1,00" });
    expect(res.status).toBe(403);
  });
});
