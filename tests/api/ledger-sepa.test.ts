/**
 * The SEPA transfer file of a day's landlord payouts: produced from what the ledger booked,
 * validated against the ISO 20022 schema (pain.001.001.09) by libxml2, refused while an IBAN is
 * missing, and reserved to who may pay.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { landlords } from "../../db/schema";
import { validateSepaFile } from "../../server/modules/ledger/sepa.schema";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import { createMandateTenancy, createOrganisation, createUser, sessionCookieFor } from "../support/factories";

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
  const { call } = createTestApp(db.current, { now: "2026-04-20T10:00:00+02:00" });
  let n = 0;
  const post = (path: string, body: unknown) =>
    call("POST", path, { cookie: cookies.finance, body, headers: { "idempotency-key": `k-${n++}` } });
  return { organisation, cookies, call, post };
}

describe("SEPA transfer file of the landlord payouts", () => {
  it("gives one transfer per payout of the day, valid against pain.001.001.09", async () => {
    const s = await setup();
    const { lease, landlord } = await createMandateTenancy(db.current.db, s.organisation.id, {
      lease: { rentCents: 50_000, chargesCents: 5_000, housingBenefitCents: 20_000 },
    });
    await db.current.db
      .update(landlords)
      .set({ iban: "FR1420041010050500013M02606", displayName: "Mme Éloïse Bœuf" })
      .where(eq(landlords.id, landlord.id));
    await s.post("/api/ledger/rent-calls", { period: "2026-03" });
    await s.post("/api/ledger/payments", {
      leaseId: lease.id,
      amountCents: 35_000,
      method: "transfer",
      receivedOn: "2026-03-05",
    });
    expect(
      (await s.post("/api/ledger/mandate-payouts", { period: "2026-03", paidOn: "2026-04-05" })).status,
    ).toBe(200);

    const url = "/api/ledger/landlord-payouts/sepa?paidOn=2026-04-05";
    // no bank account of the organisation yet: refused, with the reason
    const missing = await s.call("GET", url, { cookie: s.cookies.finance });
    expect(missing.status).toBe(422);
    expect(missing.json.code).toBe("SEPA_DETAILS_MISSING");
    expect(missing.json.issues).toEqual([
      { field: "bankIban", message: "IBAN de l'organisation manquant ou invalide" },
    ]);

    const wrongIban = await s.call("PATCH", "/api/organisation", {
      cookie: s.cookies.admin,
      body: { bankIban: "FR7630006000011234567890188" },
    });
    expect(wrongIban.status).toBe(422);
    expect(wrongIban.json.errors[0].path).toBe("json.bankIban");
    const saved = await s.call("PATCH", "/api/organisation", {
      cookie: s.cookies.admin,
      body: {
        bankAccountHolder: "Association Un Chez-soi d'abord",
        bankIban: "fr76 3000 6000 0112 3456 7890 189",
        bankBic: "agri frpp",
        sepaCreditorIdentifier: "FR72ZZZ123456",
      },
    });
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({ bankIban: "FR7630006000011234567890189", bankBic: "AGRIFRPP" });

    const file = await s.call("GET", url, { cookie: s.cookies.finance });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toContain("application/xml");
    expect(file.headers.get("content-disposition")).toContain("virements-bailleurs-2026-04-05.xml");
    const xml = await file.response.text();
    expect(await validateSepaFile("pain.001.001.09", xml)).toEqual({ valid: true, errors: [] });
    // 35 000 collected − 7 % fee (2 450) = 32 550 paid out, in euros with a decimal point
    expect(xml).toContain("<NbOfTxs>1</NbOfTxs><CtrlSum>325.50</CtrlSum>");
    expect(xml).toContain("<Cdtr><Nm>Mme Eloise Boeuf</Nm></Cdtr>");
    expect(xml).toContain("<IBAN>FR1420041010050500013M02606</IBAN>");
    expect(xml).toContain("<DbtrAcct><Id><IBAN>FR7630006000011234567890189</IBAN></Id></DbtrAcct>");
    // executed from today on, never on a past date
    expect(xml).toContain("<ReqdExctnDt><Dt>2026-04-20</Dt></ReqdExctnDt>");
    // the same transfers give the same message id: the bank refuses a second upload
    const again = await (await s.call("GET", url, { cookie: s.cookies.finance })).response.text();
    expect(again.match(/<MsgId>[^<]+<\/MsgId>/)![0]).toBe(xml.match(/<MsgId>[^<]+<\/MsgId>/)![0]);
  });

  it("says when nothing was paid that day, and is reserved to finance", async () => {
    const s = await setup();
    const none = await s.call("GET", "/api/ledger/landlord-payouts/sepa?paidOn=2026-04-05", {
      cookie: s.cookies.finance,
    });
    expect(none.status).toBe(422);
    expect(none.json.code).toBe("SEPA_NOTHING_TO_PAY");
    const officer = await s.call("GET", "/api/ledger/landlord-payouts/sepa?paidOn=2026-04-05", {
      cookie: s.cookies.officer,
    });
    expect(officer.status).toBe(403);
  });
});
