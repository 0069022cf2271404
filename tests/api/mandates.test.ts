import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, documents, mandates } from "../../db/schema";
import type { Env } from "../../server/env";
import { fixedClock } from "../../server/lib/clock";
import { inAuditedTransaction } from "../../server/modules/audit/audit.service";
import type { Actor } from "../../server/modules/auth/actor";
import { sha256Hex } from "../../server/modules/documents/documents.rules";
import { takeNextMandateNumber } from "../../server/modules/mandates/mandates.queries";
import { createMandate } from "../../server/modules/mandates/mandates.service";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import {
  createBuilding,
  createLandlord,
  createLedgerLease,
  createOrganisation,
  createUnit,
  createUser,
  sessionCookieFor,
} from "../support/factories";
import { expectArchivalPdf } from "../support/pdf-archival";
import { pdfText } from "../support/pdf-text";
import { checkPdfSeal, makeSealCertificate } from "../support/seal-certificate";

const db = useTestDatabase();

const mandateBody = (unitId: string) => ({
  unitId,
  startDate: "2026-12-01",
  durationMonths: 36,
  managementFeeBasisPoints: 750,
  pack: {
    unpaidRentGuarantee: { ceilingCents: 1_200_000, months: 18 },
    repairAid: { ceilingCents: 150_000 },
    socialWatch: true,
  },
});

async function setup(env: Partial<Env> = {}) {
  const app = createTestApp(db.current, { now: "2026-11-23T10:15:00+01:00", env });
  const organisation = await createOrganisation(db.current.db, {
    postalAddress: "12 rue de la Liberté, 21000 Dijon",
  });
  const landlord = await createLandlord(db.current.db, {
    organisationId: organisation.id,
    displayName: "Paul Propriétaire",
    postalAddress: "3 allée des Tilleuls, 21000 Dijon",
  });
  const building = await createBuilding(db.current.db, {
    organisationId: organisation.id,
    landlordId: landlord.id,
  });
  const unit = await createUnit(db.current.db, {
    organisationId: organisation.id,
    buildingId: building.id,
    landlordId: landlord.id,
  });
  const officer = await createUser(db.current.db, {
    organisationId: organisation.id,
    role: "housing_officer",
    fullName: "Claire Martin",
  });
  const landlordUser = await createUser(db.current.db, {
    organisationId: organisation.id,
    role: "landlord",
    landlordId: landlord.id,
    fullName: "Paul Propriétaire",
  });
  const officerCookie = await sessionCookieFor(db.current.db, officer, app.clock.now());
  const landlordCookie = await sessionCookieFor(db.current.db, landlordUser, app.clock.now());
  return {
    ...app,
    organisation,
    landlord,
    building,
    unit,
    officer,
    officerCookie,
    landlordUser,
    landlordCookie,
  };
}

describe("mandates and their register", () => {
  it("creates a numbered mandate with its PDF (pack sécurisation annex)", async () => {
    const { call, officerCookie, unit } = await setup();
    const first = await call("POST", "/api/mandates", { cookie: officerCookie, body: mandateBody(unit.id) });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({
      number: 1,
      status: "awaiting_signature",
      endDate: "2029-11-30",
      guaranteeEnabled: true,
      guaranteeCeilingCents: 1_200_000,
      guaranteeMonths: 18,
      managementFeeBasisPoints: 750,
    });
    const pdf = await call("GET", first.json.documentUrl, { cookie: officerCookie });
    const { text } = await pdfText(new Uint8Array(await pdf.response.arrayBuffer()));
    expect(text).toContain("Mandat de gestion locative n° 1");
    expect(text).toContain("12 000,00 €");
    expect(text).toContain("Pack sécurisation");
    // loi Hoguet: one mandate at a time for a flat — the same flat and dates are refused
    const overlapping = await call("POST", "/api/mandates", {
      cookie: officerCookie,
      body: mandateBody(unit.id),
    });
    expect(overlapping.status).toBe(409);
    expect(overlapping.json).toMatchObject({ code: "MANDATE_OVERLAP", mandateId: first.json.id });
    const after = await call("POST", "/api/mandates", {
      cookie: officerCookie,
      body: { ...mandateBody(unit.id), startDate: "2029-12-01" },
    });
    expect(after.status).toBe(201);
    expect(after.json.number).toBe(2);
  });

  it("refuses a mandate on a flat under a head lease, and a second mandate even while the first awaits signature", async () => {
    const { call, officerCookie, organisation, building, landlord } = await setup();
    const leased = await createUnit(db.current.db, {
      organisationId: organisation.id,
      buildingId: building.id,
      landlordId: landlord.id,
    });
    await createLedgerLease(db.current.db, organisation.id, {
      kind: "head_lease",
      unitId: leased.id,
      landlordId: landlord.id,
      personId: null,
      startDate: "2026-01-01",
      status: "signed",
    });
    const refused = await call("POST", "/api/mandates", {
      cookie: officerCookie,
      body: mandateBody(leased.id),
    });
    expect(refused.status).toBe(409);
    expect(refused.json.code).toBe("UNIT_UNDER_HEAD_LEASE");
    expect(await db.current.db.select().from(mandates).where(eq(mandates.unitId, leased.id))).toHaveLength(0);
  });

  it("two concurrent mandates on one flat: exactly one is accepted", async () => {
    const { organisation, unit, officer } = await setup();
    const actor: Actor = {
      kind: "user",
      userId: officer.id,
      organisationId: organisation.id,
      role: "housing_officer",
      landlordId: null,
      email: officer.email,
      fullName: officer.fullName,
    };
    const clock = fixedClock("2026-11-23T10:00:00+01:00");
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () =>
        createMandate({ db: db.current.db, actor, requestId: null, clock }, mandateBody(unit.id)),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(
      results.flatMap((r) => (r.status === "rejected" ? [(r.reason as { code: string }).code] : [])),
    ).toEqual(["MANDATE_OVERLAP", "MANDATE_OVERLAP", "MANDATE_OVERLAP"]);
  });

  it("refuses an open-ended or invalid mandate (422) and a landlord creating one (403)", async () => {
    const { call, officerCookie, landlordCookie, unit } = await setup();
    const { durationMonths: _d, ...openEnded } = mandateBody(unit.id);
    const refused = await call("POST", "/api/mandates", { cookie: officerCookie, body: openEnded });
    expect(refused.status).toBe(422);
    expect(refused.json.errors.map((e: { path: string }) => e.path)).toContain("json.durationMonths");
    expect(
      (await call("POST", "/api/mandates", { cookie: landlordCookie, body: mandateBody(unit.id) })).status,
    ).toBe(403);
  });

  it("numbers concurrent creations without gaps or duplicates; a rolled-back creation gives its number back", async () => {
    const { organisation, building, landlord, officer } = await setup();
    // one flat each: a flat has one mandate at a time
    const flats = await Promise.all(
      Array.from({ length: 12 }, () =>
        createUnit(db.current.db, {
          organisationId: organisation.id,
          buildingId: building.id,
          landlordId: landlord.id,
        }),
      ),
    );
    const clock = fixedClock("2026-11-23T10:00:00+01:00");
    const actor: Actor = {
      kind: "user",
      userId: officer.id,
      organisationId: organisation.id,
      role: "housing_officer",
      landlordId: null,
      email: officer.email,
      fullName: officer.fullName,
    };
    // a creation that fails after taking its number
    await expect(
      inAuditedTransaction(db.current.db, { actor, requestId: null, clock }, async (tx) => {
        await takeNextMandateNumber(tx, organisation.id);
        throw new Error("abandoned");
      }),
    ).rejects.toThrow("abandoned");
    const results = await Promise.allSettled(
      flats.map((flat) =>
        createMandate({ db: db.current.db, actor, requestId: null, clock }, mandateBody(flat.id)),
      ),
    );
    expect(
      results
        .filter((result) => result.status === "rejected")
        .map((r) => String((r as PromiseRejectedResult).reason)),
    ).toEqual([]);
    const rows = await db.current.db
      .select({ number: mandates.number })
      .from(mandates)
      .where(eq(mandates.organisationId, organisation.id));
    expect(rows.map((row) => row.number).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
  });
});

describe("the register counter alone", () => {
  it("concurrent transactions, some rolled back after taking a number: committed numbers have no gap", async () => {
    const organisation = await createOrganisation(db.current.db);
    const taken = await Promise.allSettled(
      Array.from({ length: 12 }, (_, index) =>
        db.current.db.transaction(async (tx) => {
          const number = await takeNextMandateNumber(tx, organisation.id);
          // a creation failing later in its transaction (every third one)
          if (index % 3 === 2) throw new Error(`rolled back holding ${number}`);
          return number;
        }),
      ),
    );
    const committed = taken.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
    expect(committed).toHaveLength(8);
    expect(committed.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe("landlord e-signature in the portal", () => {
  it("the landlord reads and signs: evidence stored, signed PDF with a certificate page, original unchanged", async () => {
    const { call, officerCookie, landlordCookie, unit, organisation } = await setup();
    const created = await call("POST", "/api/mandates", {
      cookie: officerCookie,
      body: mandateBody(unit.id),
    });
    const mine = await call("GET", "/api/portal/mandates", { cookie: landlordCookie });
    expect(mine.json.total).toBe(1);
    expect(mine.json.items.map((m: { id: string }) => m.id)).toEqual([created.json.id]);
    const read = await call("GET", created.json.documentUrl, { cookie: landlordCookie });
    expect(read.status).toBe(200);
    const originalBytes = Buffer.from(await read.response.arrayBuffer());
    const signed = await call("POST", `/api/portal/mandates/${created.json.id}/sign`, {
      cookie: landlordCookie,
      headers: { "user-agent": "Navigateur de test/1.0" },
      body: { fullName: "paul proprietaire", consent: true },
    });
    expect(signed.status).toBe(200);
    expect(signed.json).toMatchObject({
      status: "signed",
      signerName: "paul proprietaire",
      signedAt: "2026-11-23T09:15:00.000Z",
      signedDocumentSha256: sha256Hex(originalBytes),
    });
    const [evidence] = await db.current.db
      .select()
      .from(mandates)
      .where(and(eq(mandates.organisationId, organisation.id), eq(mandates.id, created.json.id)));
    expect(evidence!.signerUserAgent).toBe("Navigateur de test/1.0");
    expect(evidence!.signerIp).toBeTruthy();
    const signedPdf = await call("GET", signed.json.signedDocumentUrl, { cookie: landlordCookie });
    const { text } = await pdfText(new Uint8Array(await signedPdf.response.arrayBuffer()));
    expect(text).toContain("Certificat de signature électronique");
    expect(text).toContain("Navigateur de test/1.0");
    expect(text.replace(/ /g, "")).toContain(sha256Hex(originalBytes));
    const [signedRow] = await db.current.db
      .select({ supersedesId: documents.supersedesId, signed: documents.signed })
      .from(documents)
      .where(eq(documents.id, signed.json.signedDocumentId));
    expect(signedRow).toEqual({ supersedesId: created.json.documentId, signed: true });
    // the unsigned document still serves the very same bytes
    const again = await call("GET", created.json.documentUrl, { cookie: landlordCookie });
    expect(sha256Hex(Buffer.from(await again.response.arrayBuffer()))).toBe(sha256Hex(originalBytes));
    // a signed mandate is not signed twice
    const twice = await call("POST", `/api/portal/mandates/${created.json.id}/sign`, {
      cookie: landlordCookie,
      body: { fullName: "Paul Propriétaire", consent: true },
    });
    expect(twice.status).toBe(409);
  });

  /** signs as the landlord; the final file, its stored hash and the one in the audit trail */
  async function signAndRead(context: Awaited<ReturnType<typeof setup>>) {
    const { call, officerCookie, landlordCookie, unit, organisation } = context;
    const created = await call("POST", "/api/mandates", {
      cookie: officerCookie,
      body: mandateBody(unit.id),
    });
    const signed = await call("POST", `/api/portal/mandates/${created.json.id}/sign`, {
      cookie: landlordCookie,
      body: { fullName: "Paul Propriétaire", consent: true },
    });
    expect(signed.status).toBe(200);
    const file = await call("GET", signed.json.signedDocumentUrl, { cookie: landlordCookie });
    const bytes = Buffer.from(await file.response.arrayBuffer());
    const [audit] = await db.current.db
      .select({ changes: auditLog.changes })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.organisationId, organisation.id),
          eq(auditLog.action, "mandate.sign"),
          eq(auditLog.entityId, created.json.id),
        ),
      );
    return { bytes, header: file.headers.get("x-document-sha256"), changes: audit!.changes! };
  }

  it("with the operator's certificate: the signed mandate is sealed (PAdES) and its final SHA-256 audited", async () => {
    const certificate = makeSealCertificate();
    const context = await setup({
      SEAL_P12_PATH: certificate.p12Path,
      SEAL_P12_PASSPHRASE: certificate.passphrase,
    });
    const { bytes, header, changes } = await signAndRead(context);
    expect(checkPdfSeal(bytes, certificate.certPath)).toEqual({
      subFilter: "ETSI.CAdES.detached",
      coversFile: true,
      digestMatches: true,
      opensslVerifies: true,
      signingCertificateMatches: true,
    });
    await expectArchivalPdf(bytes, expect);
    expect(header).toBe(sha256Hex(bytes));
    expect(changes.signedPdfSha256?.after).toBe(sha256Hex(bytes));
    expect(changes.sealed?.after).toBe(true);
    const { text } = await pdfText(bytes);
    expect(text).toContain("cachet électronique");
    expect(text).toContain("Cachet de test Opérateur");
  });

  it("without a certificate: the file says it is not sealed, carries no signature, and its SHA-256 is audited", async () => {
    const { bytes, header, changes } = await signAndRead(await setup());
    expect(bytes.includes("/ByteRange")).toBe(false);
    expect(header).toBe(sha256Hex(bytes));
    expect(changes.signedPdfSha256?.after).toBe(sha256Hex(bytes));
    expect(changes.sealed?.after).toBe(false);
    expect((await pdfText(bytes)).text).toContain("pas scellé électroniquement");
  });

  it("a landlord cannot sign (nor read) another landlord's mandate: 404; staff cannot sign: 403", async () => {
    const { call, officerCookie, unit, organisation, clock } = await setup();
    const created = await call("POST", "/api/mandates", {
      cookie: officerCookie,
      body: mandateBody(unit.id),
    });
    const other = await createLandlord(db.current.db, {
      organisationId: organisation.id,
      displayName: "Autre Bailleur",
    });
    const otherUser = await createUser(db.current.db, {
      organisationId: organisation.id,
      role: "landlord",
      landlordId: other.id,
      fullName: "Autre Bailleur",
    });
    const otherCookie = await sessionCookieFor(db.current.db, otherUser, clock.now());
    const attempt = await call("POST", `/api/portal/mandates/${created.json.id}/sign`, {
      cookie: otherCookie,
      body: { fullName: "Autre Bailleur", consent: true },
    });
    expect(attempt.status).toBe(404);
    expect(
      (await call("GET", `/api/portal/mandates/${created.json.id}`, { cookie: otherCookie })).status,
    ).toBe(404);
    expect((await call("GET", created.json.documentUrl, { cookie: otherCookie })).status).toBe(404);
    const staff = await call("POST", `/api/portal/mandates/${created.json.id}/sign`, {
      cookie: officerCookie,
      body: { fullName: "Claire Martin", consent: true },
    });
    expect(staff.status).toBe(403);
    const [row] = await db.current.db.select().from(mandates).where(eq(mandates.id, created.json.id));
    expect(row!.status).toBe("awaiting_signature");
  });

  it("needs the consent box and the mandant's name (422)", async () => {
    const { call, officerCookie, landlordCookie, unit } = await setup();
    const created = await call("POST", "/api/mandates", {
      cookie: officerCookie,
      body: mandateBody(unit.id),
    });
    const noConsent = await call("POST", `/api/portal/mandates/${created.json.id}/sign`, {
      cookie: landlordCookie,
      body: { fullName: "Paul Propriétaire", consent: false },
    });
    expect(noConsent.status).toBe(422);
    expect(noConsent.json.errors[0].path).toBe("json.consent");
    const wrongName = await call("POST", `/api/portal/mandates/${created.json.id}/sign`, {
      cookie: landlordCookie,
      body: { fullName: "Jean Dupont", consent: true },
    });
    expect(wrongName.status).toBe(422);
  });
});
