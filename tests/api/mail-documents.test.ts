import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { mailOutbox } from "../../db/schema";
import { defaultEnv, type Env } from "../../server/env";
import { fixedClock } from "../../server/lib/clock";
import { createLogger } from "../../server/lib/logger";
import { createMailTransport } from "../../server/modules/mail/mail.transport";
import { queueDailyDigests, sendDueMail } from "../../server/modules/mail/mail.worker";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import {
  createLedgerLandlord,
  createLedgerLease,
  createLedgerUnit,
  createOrganisation,
  createPerson,
  createTenancy,
  createUser,
  sessionCookieFor,
} from "../support/factories";
import { pdfText } from "../support/pdf-text";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink";

const db = useTestDatabase();
let sink: SmtpSink;
let env: Env;

beforeAll(async () => {
  sink = await startSmtpSink();
  env = defaultEnv({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    SMTP_URL: sink.url,
    MAIL_FROM: "Pôle logement <logement@test.fr>",
    MAIL_DIGEST_HOUR: 7,
  });
});
afterAll(async () => {
  await sink.close();
});
beforeEach(async () => {
  await db.current.db.delete(mailOutbox);
  sink.received.length = 0;
});

function worker(clock: ReturnType<typeof fixedClock>) {
  const deps = { database: db.current, clock, env, logger: createLogger(env) };
  return {
    send: () => sendDueMail({ ...deps, transport: createMailTransport(env)! }),
    digests: () => queueDailyDigests(deps, { enabled: true }),
  };
}

async function financeSession(now = "2026-04-20T10:00:00+02:00") {
  const organisation = await createOrganisation(db.current.db, { name: "Pôle logement de Dijon" });
  const user = await createUser(db.current.db, { organisationId: organisation.id, role: "finance" });
  const cookie = await sessionCookieFor(db.current.db, user);
  const { call, clock } = createTestApp(db.current, { now, env });
  let n = 0;
  const post = (path: string, body: unknown = undefined) =>
    call("POST", path, { cookie, body, headers: { "idempotency-key": `k-${Math.random()}-${n++}` } });
  const get = (path: string) => call("GET", path, { cookie });
  return { organisation, post, get, clock, work: worker(clock) };
}

describe("avis d'échéance, quittances and statements by e-mail", () => {
  it("sends the avis d'échéance, PDF attached, to a tenant who accepted e-mail, in French", async () => {
    const s = await financeSession();
    const { lease } = await createTenancy(
      db.current.db,
      s.organisation.id,
      { rentCents: 50_000, chargesCents: 5_000, housingBenefitCents: 30_000 },
      { firstName: "Lina", lastName: "Martin", email: "lina.martin@test.fr", emailConsent: true },
    );
    await s.post("/api/ledger/rent-calls", { period: "2026-03" });
    const ledger = await s.get(`/api/ledger/leases/${lease.id}`);
    const made = await s.post(`/api/ledger/rent-calls/${ledger.json.periods[0].rentCallId}/document`);
    expect(made.status).toBe(201);
    // asking for the document again sends nothing more
    await s.post(`/api/ledger/rent-calls/${ledger.json.periods[0].rentCallId}/document`);

    expect(await s.work.send()).toEqual({ sent: 1, retried: 0, failed: 0 });
    const mail = sink.received[0]!;
    expect(mail.subject).toBe("Avis d’échéance — Mars 2026");
    expect(mail.text).toContain("Bonjour Lina Martin,");
    // 500 € rent + 50 € charges − 300 € CAF = 250 € tenant part, due on the 1st
    expect(mail.text).toMatch(/Montant à régler : 250,00\s€/);
    expect(mail.text).toContain("À payer au plus tard le : 01/03/2026");
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({
      filename: "avis-echeance-2026-03.pdf",
      contentType: "application/pdf",
    });
    const { text } = await pdfText(new Uint8Array(mail.attachments[0]!.content));
    expect(text).toContain("Avis d'échéance");

    const [row] = await db.current.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.organisationId, s.organisation.id));
    expect(row).toMatchObject({ template: "rent_call", state: "sent", subjectType: "rent_call" });
    expect(row!.attachments).toEqual([
      { documentId: made.json.documentId, filename: "avis-echeance-2026-03.pdf" },
    ]);
  });

  it("sends nothing to a tenant who did not accept e-mail, even with an address", async () => {
    const s = await financeSession();
    const { lease } = await createTenancy(
      db.current.db,
      s.organisation.id,
      {},
      {
        email: "sans.accord@test.fr",
        emailConsent: false,
      },
    );
    await s.post("/api/ledger/rent-calls", { period: "2026-03" });
    const ledger = await s.get(`/api/ledger/leases/${lease.id}`);
    expect(
      (await s.post(`/api/ledger/rent-calls/${ledger.json.periods[0].rentCallId}/document`)).status,
    ).toBe(201);
    const rows = await db.current.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.organisationId, s.organisation.id));
    expect(rows).toEqual([]);
    expect(await s.work.send()).toEqual({ sent: 0, retried: 0, failed: 0 });
  });

  it("sends the monthly statement to a landlord who accepted it, with the PDF", async () => {
    const s = await financeSession();
    const landlord = await createLedgerLandlord(db.current.db, s.organisation.id, {
      displayName: "SCI Les Tilleuls",
      email: "gerance@tilleuls.test",
      emailConsent: true,
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
    const made = await s.post(`/api/ledger/landlords/${landlord.id}/statements`, { period: "2026-03" });
    expect(made.status).toBe(201);
    await s.work.send();
    const mail = sink.received.find((m) => m.subject?.includes("relevé de gérance"))!;
    expect(mail.subject).toBe("Votre relevé de gérance — mars 2026");
    expect(mail.text).toMatch(/Montant net qui vous revient : 600,00\s€/);
    expect(mail.attachments[0]?.filename).toBe("releve-gerance-2026-03.pdf");
    const { text } = await pdfText(new Uint8Array(mail.attachments[0]!.content));
    expect(text).toContain("Relevé de gérance");
  });
});

describe("e-mail consent on the forms' API", () => {
  it("is off by default and set by an officer on the person and the landlord", async () => {
    const organisation = await createOrganisation(db.current.db);
    const officer = await createUser(db.current.db, {
      organisationId: organisation.id,
      role: "housing_officer",
    });
    const cookie = await sessionCookieFor(db.current.db, officer);
    const { call } = createTestApp(db.current, { env });
    const landlord = await call("POST", "/api/landlords", {
      cookie,
      body: { kind: "private_person", displayName: "Mme Durand", email: "durand@test.fr" },
    });
    expect(landlord.status).toBe(201);
    expect(landlord.json.emailConsent).toBe(false);
    const agreed = await call("PATCH", `/api/landlords/${landlord.json.id}`, {
      cookie,
      body: { emailConsent: true },
    });
    expect(agreed.json.emailConsent).toBe(true);

    const person = await createPerson(db.current.db, { organisationId: organisation.id, email: "p@test.fr" });
    const read = await call("GET", `/api/persons/${person.id}`, { cookie });
    expect(read.json.emailConsent).toBe(false);
  });
});

describe("the daily alert digest", () => {
  it("one e-mail per officer with the day's alerts, once per day, none before the hour or without alerts", async () => {
    const organisation = await createOrganisation(db.current.db, { name: "Pôle de Besançon", capacity: 90 });
    const officer = await createUser(db.current.db, {
      organisationId: organisation.id,
      role: "housing_officer",
      email: `officier-${Math.random()}@test.fr`,
      fullName: "Olga Officier",
    });
    await createUser(db.current.db, { organisationId: organisation.id, role: "finance" });
    // past the 8-week first-offer deadline (cahier des charges §8.3.2)
    await createPerson(db.current.db, {
      organisationId: organisation.id,
      entryDate: "2026-09-01",
      firstName: "Jean",
      lastName: "Retard",
    });
    const quiet = await createOrganisation(db.current.db, { name: "Pôle sans alerte" });
    const quietOfficer = await createUser(db.current.db, {
      organisationId: quiet.id,
      role: "housing_officer",
    });

    // 06:30 in Paris: not yet
    const clock = fixedClock("2026-11-23T06:30:00+01:00");
    const work = worker(clock);
    expect(await work.digests()).toEqual({ queued: 0 });

    clock.set("2026-11-23T07:05:00+01:00");
    const first = await work.digests();
    const again = await work.digests();
    expect(again).toEqual({ queued: 0 });
    const rows = await db.current.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.template, "alerts_digest"), eq(mailOutbox.organisationId, organisation.id)));
    expect(rows.map((row) => row.recipient)).toEqual([officer.email]);
    expect(first.queued).toBeGreaterThanOrEqual(1);
    const quietRows = await db.current.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.organisationId, quiet.id));
    expect(quietRows).toEqual([]);
    expect(quietOfficer.id).toBeDefined();

    await work.send();
    const mail = sink.received.find((m) => m.to && !Array.isArray(m.to) && m.to.text === officer.email)!;
    expect(mail.subject).toMatch(/^Vos alertes du 23\/11\/2026\s:\s1 à traiter$/);
    expect(mail.text).toContain("Bonjour Olga Officier,");
    expect(mail.text).toContain("Jean Retard");
    expect(mail.text).toContain("Urgent");
    expect(mail.html).toContain("<li><strong>Urgent</strong>");

    // the next day: a new digest
    clock.set("2026-11-24T08:00:00+01:00");
    await work.digests();
    const twoDays = await db.current.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.template, "alerts_digest"), eq(mailOutbox.organisationId, organisation.id)));
    expect(twoDays).toHaveLength(2);
  });
});
