import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { mailOutbox } from "../../db/schema";
import { defaultEnv, type Env } from "../../server/env";
import { createLogger } from "../../server/lib/logger";
import { REDACTED_BODY } from "../../server/modules/mail/mail.service";
import { createMailTransport } from "../../server/modules/mail/mail.transport";
import { sendDueMail } from "../../server/modules/mail/mail.worker";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import { createOrganisation, createUser, sessionCookieFor } from "../support/factories";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink";

const db = useTestDatabase();
let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.close();
});
beforeEach(async () => {
  // the worker sends every organisation's due mail: each test starts from an empty outbox
  await db.current.db.delete(mailOutbox);
  sink.received.length = 0;
  sink.refuseNext(0, 451);
});

const tokenOf = (url: string) => decodeURIComponent(url.split("#token=")[1]!);

async function adminSession(mail: "on" | "off", env: Partial<Env> = {}) {
  const mailEnv: Partial<Env> =
    mail === "on" ? { SMTP_URL: sink.url, MAIL_FROM: "Pôle logement <logement@test.fr>", ...env } : env;
  const app = createTestApp(db.current, { env: mailEnv });
  const org = await createOrganisation(db.current.db, { name: `Pôle logement ${Math.random()}` });
  const admin = await createUser(db.current.db, { organisationId: org.id, role: "admin" });
  const cookie = await sessionCookieFor(db.current.db, admin, app.clock.now());
  const workerEnv = defaultEnv({ NODE_ENV: "test", LOG_LEVEL: "silent", ...mailEnv });
  const transport = createMailTransport(workerEnv);
  const work = () =>
    sendDueMail({
      database: db.current,
      clock: app.clock,
      env: workerEnv,
      logger: createLogger(workerEnv),
      transport: transport!,
    });
  return { ...app, org, admin, cookie, work };
}

const outboxRow = async (id: string) =>
  (await db.current.db.select().from(mailOutbox).where(eq(mailOutbox.id, id)))[0]!;

describe("invitations and resets by e-mail", () => {
  it("mail off: the link is returned to the admin and the outbox records it was not sent", async () => {
    const { call, cookie } = await adminSession("off");
    const created = await call("POST", "/api/users", {
      cookie,
      body: { email: "nadia@test.fr", fullName: "Nadia Nouvelle", role: "housing_officer" },
    });
    expect(created.status).toBe(201);
    expect(created.json.invitation).toMatchObject({ emailedTo: null });
    expect(created.json.invitation.url).toMatch(/set-password#token=/);
    const row = await outboxRow(created.json.invitation.outboxId);
    expect(row).toMatchObject({ state: "unsent", recipient: "nadia@test.fr", template: "invitation" });
    expect(row.lastError).toContain("aucun serveur de courrier");
    // the secret link is not kept in the outbox
    expect(row.bodyText).toBe(REDACTED_BODY);
    expect(row.bodyText).not.toContain(tokenOf(created.json.invitation.url));

    const listed = await call("GET", "/api/mail/outbox", { cookie });
    expect(listed.json.items[0]).toMatchObject({ state: "unsent", recipient: "n•••@test.fr" });
    const resend = await call("POST", `/api/mail/outbox/${row.id}/resend`, { cookie });
    expect(resend.status).toBe(409);
  });

  it("mail on: the invitation goes by e-mail in French, the answer holds no link, and the link works", async () => {
    const { call, cookie, work, admin } = await adminSession("on");
    const created = await call("POST", "/api/users", {
      cookie,
      body: { email: "nina@test.fr", fullName: "Nina Nouvelle", role: "housing_officer" },
    });
    expect(created.status).toBe(201);
    expect(created.json.invitation).toMatchObject({ url: null, emailedTo: "nina@test.fr" });
    // nothing left the process during the request
    expect(sink.received).toHaveLength(0);

    expect(await work()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(sink.received).toHaveLength(1);
    const mail = sink.received[0]!;
    expect(mail.to && !Array.isArray(mail.to) && mail.to.text).toBe("nina@test.fr");
    expect(mail.from?.text).toContain("logement@test.fr");
    expect(mail.subject).toMatch(/^Votre accès au back-office de Pôle logement/);
    expect(mail.text).toContain("Bonjour Nina Nouvelle,");
    // invitation of 23/11/2026, valid 7 days
    expect(mail.text).toContain("expire le 30/11/2026");
    const link = /(http:\/\/localhost\/set-password#token=\S+)/.exec(mail.text ?? "")?.[1];
    expect(link).toBeDefined();
    expect(mail.html).toContain(`<a href="${link}">`);

    const row = await outboxRow(created.json.invitation.outboxId);
    expect(row).toMatchObject({ state: "sent", attempts: 1, lastError: null, triggeredByUserId: admin.id });
    expect(row.messageId).toBe(mail.messageId);
    expect(row.sentAt?.toISOString()).toBe("2026-11-23T09:00:00.000Z");
    expect(row.bodyText).toBe(REDACTED_BODY);

    const set = await call("POST", "/api/auth/set-password", {
      body: { token: tokenOf(link!), password: "une phrase de passe solide" },
    });
    expect(set.status).toBe(204);
  });

  it("a password reset is e-mailed, never returned", async () => {
    const { call, cookie, work, org } = await adminSession("on");
    const user = await createUser(db.current.db, {
      organisationId: org.id,
      role: "finance",
      fullName: "Fabien Finance",
    });
    const reset = await call("POST", `/api/users/${user.id}/password-link`, {
      cookie,
      body: { purpose: "password_reset" },
    });
    expect(reset.status).toBe(201);
    expect(reset.json).toMatchObject({ purpose: "password_reset", url: null, emailedTo: user.email });
    await work();
    expect(sink.received[0]?.subject).toBe("Réinitialisation de votre mot de passe");
    expect(sink.received[0]?.text).toContain("24 heures (jusqu’au 24/11/2026)");
  });
});

describe("the outbox worker", () => {
  it("retries after a temporary refusal, with a growing wait, then delivers", async () => {
    const { call, cookie, work, clock } = await adminSession("on", { MAIL_RETRY_BASE_SECONDS: 60 });
    sink.refuseNext(2, 451);
    const created = await call("POST", "/api/users", {
      cookie,
      body: { email: "rita@test.fr", fullName: "Rita Retry", role: "finance" },
    });
    const id = created.json.invitation.outboxId;

    expect(await work()).toEqual({ sent: 0, retried: 1, failed: 0 });
    let row = await outboxRow(id);
    expect(row).toMatchObject({ state: "queued", attempts: 1 });
    expect(row.lastError).toMatch(/^451 /);
    expect(row.nextAttemptAt.getTime() - clock.now().getTime()).toBe(60_000);
    // not due yet: nothing is tried
    expect(await work()).toEqual({ sent: 0, retried: 0, failed: 0 });

    clock.advance(60_000);
    expect(await work()).toEqual({ sent: 0, retried: 1, failed: 0 });
    row = await outboxRow(id);
    expect(row.attempts).toBe(2);
    expect(row.nextAttemptAt.getTime() - clock.now().getTime()).toBe(120_000);

    clock.advance(120_000);
    expect(await work()).toEqual({ sent: 1, retried: 0, failed: 0 });
    row = await outboxRow(id);
    expect(row).toMatchObject({ state: "sent", attempts: 3, lastError: null });
    expect(sink.received).toHaveLength(1);
  });

  it("gives up after MAIL_MAX_ATTEMPTS temporary refusals, and «renvoyer» sends it again", async () => {
    const { call, cookie, work, clock, org } = await adminSession("on", {
      MAIL_MAX_ATTEMPTS: 3,
      MAIL_RETRY_BASE_SECONDS: 10,
    });
    sink.refuseNext(100, 421);
    const created = await call("POST", "/api/users", {
      cookie,
      body: { email: "paul@test.fr", fullName: "Paul Perdu", role: "finance" },
    });
    const id = created.json.invitation.outboxId;
    for (let attempt = 1; attempt <= 3; attempt++) {
      await work();
      clock.advance(5 * 60_000);
    }
    const row = await outboxRow(id);
    expect(row).toMatchObject({ state: "failed", attempts: 3 });
    expect(row.lastError).toMatch(/^421 /);
    expect(await work()).toEqual({ sent: 0, retried: 0, failed: 0 });

    const status = await call("GET", "/api/mail/status", { cookie });
    expect(status.json).toEqual({
      enabled: true,
      from: "Pôle logement <logement@test.fr>",
      queued: 0,
      failed: 1,
    });

    sink.refuseNext(0, 451);
    const resend = await call("POST", `/api/mail/outbox/${id}/resend`, { cookie });
    expect(resend.status).toBe(200);
    expect(resend.json).toMatchObject({ state: "queued", attempts: 0, lastError: null });
    expect(await work()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(sink.received).toHaveLength(1);
    // resent only once: a sent message is not resent
    const again = await call("POST", `/api/mail/outbox/${id}/resend`, { cookie });
    expect(again.status).toBe(409);
    expect(org.id).toBeDefined();
  });

  it("a permanent refusal (5xx) fails at once", async () => {
    const { call, cookie, work } = await adminSession("on");
    sink.refuseNext(1, 550);
    const created = await call("POST", "/api/users", {
      cookie,
      body: { email: "inconnu@test.fr", fullName: "Inconnu", role: "finance" },
    });
    expect(await work()).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(await outboxRow(created.json.invitation.outboxId)).toMatchObject({ state: "failed", attempts: 1 });
  });

  it("two workers never send the same message twice", async () => {
    const { call, cookie, work } = await adminSession("on");
    for (let i = 0; i < 6; i++) {
      await call("POST", "/api/users", {
        cookie,
        body: { email: `lot${i}@test.fr`, fullName: `Lot ${i}`, role: "finance" },
      });
    }
    const [first, second] = await Promise.all([work(), work()]);
    expect(first.sent + second.sent).toBe(6);
    expect(sink.received.map((mail) => mail.subject)).toHaveLength(6);
  });

  it("the outbox is the admins' only, and another organisation's message is unknown", async () => {
    const { call, cookie, org } = await adminSession("on");
    const officer = await createUser(db.current.db, { organisationId: org.id, role: "housing_officer" });
    const officerCookie = await sessionCookieFor(db.current.db, officer, new Date("2026-11-23T09:00:00Z"));
    expect((await call("GET", "/api/mail/outbox", { cookie: officerCookie })).status).toBe(403);
    const other = await adminSession("on");
    const created = await other.call("POST", "/api/users", {
      cookie: other.cookie,
      body: { email: "ailleurs@test.fr", fullName: "Ailleurs", role: "finance" },
    });
    const foreign = await call("POST", `/api/mail/outbox/${created.json.invitation.outboxId}/resend`, {
      cookie,
    });
    expect(foreign.status).toBe(404);
  });
});
