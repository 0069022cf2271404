import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import { createOrganisation, createUser, sessionCookieFor } from "../support/factories";

const db = useTestDatabase();

/** "Today" is 23 November 2026 (Paris). */
async function setup() {
  const { call, clock } = createTestApp(db.current, { now: "2026-11-23T10:00:00+01:00" });
  const organisation = await createOrganisation(db.current.db);
  const officer = await createUser(db.current.db, {
    organisationId: organisation.id,
    role: "housing_officer",
  });
  const finance = await createUser(db.current.db, { organisationId: organisation.id, role: "finance" });
  return {
    call,
    organisation,
    officerCookie: await sessionCookieFor(db.current.db, officer, clock.now()),
    financeCookie: await sessionCookieFor(db.current.db, finance, clock.now()),
  };
}

const paths = (json: { errors?: { path: string }[] }) => (json.errors ?? []).map((e) => e.path);

describe("dates are real calendar days within sane bounds", () => {
  it("a lease starting on 31 February is refused with 422 naming the field", async () => {
    const { call, officerCookie } = await setup();
    const { status, json } = await call("POST", "/api/leases", {
      cookie: officerCookie,
      body: {
        kind: "sublease",
        unitId: randomUUID(),
        personId: randomUUID(),
        startDate: "2026-02-31",
        rentCents: 50_000,
        chargesCents: 4_000,
        depositCents: 50_000,
      },
    });
    expect(status).toBe(422);
    expect(json.code).toBe("VALIDATION_FAILED");
    expect(paths(json)).toContain("json.startDate");
  });

  it.each([
    ["/api/mandates", { startDate: "2026-02-30" }, "json.startDate"],
    ["/api/persons", { entryDate: "9999-12-31" }, "json.entryDate"],
    ["/api/persons", { entryDate: "2026-11-01", birthDate: "1850-01-01" }, "json.birthDate"],
  ])("%s with %j → 422 on %s", async (path, fields, field) => {
    const { call, officerCookie } = await setup();
    const { status, json } = await call("POST", path, { cookie: officerCookie, body: fields });
    expect(status).toBe(422);
    expect(paths(json)).toContain(field);
  });

  it("a birth date after today is refused with DATE_IN_FUTURE", async () => {
    const { call, officerCookie } = await setup();
    const { status, json } = await call("POST", "/api/persons", {
      cookie: officerCookie,
      body: {
        firstName: "Jeanne",
        lastName: "Martin",
        birthDate: "2026-11-24",
        entryDate: "2026-11-01",
        resources: {},
      },
    });
    expect(status).toBe(422);
    expect(json.code).toBe("DATE_IN_FUTURE");
    expect(paths(json)).toEqual(["json.birthDate"]);
  });

  it("a period of year 0000 is refused on the rent-call run", async () => {
    const { call, financeCookie } = await setup();
    const { status, json } = await call("POST", "/api/ledger/rent-calls", {
      cookie: financeCookie,
      headers: { "idempotency-key": randomUUID() },
      body: { period: "0000-01" },
    });
    expect(status).toBe(422);
    expect(paths(json)).toContain("json.period");
  });
});

describe("impossible dates and year-0000 periods on every route that takes them", () => {
  it.each([
    ["/api/ledger/mandate-payouts", { period: "0000-01", paidOn: "2026-11-20" }, "json.period"],
    ["/api/costs/rent-complements", { period: "0000-01" }, "json.period"],
    [
      `/api/ledger/leases/${randomUUID()}/repayment-plans`,
      { startOn: "9999-12-31", instalments: [{ dueOn: "2026-12-05", amountCents: 100 }] },
      "json.startOn",
    ],
  ])("%s with %j → 422 on %s", async (path, body, field) => {
    const { call, financeCookie } = await setup();
    const { status, json } = await call("POST", path, {
      cookie: financeCookie,
      headers: { "idempotency-key": randomUUID() },
      body,
    });
    expect(status).toBe(422);
    expect(paths(json)).toContain(field);
  });

  it("a relocation on 30 February is refused with 422 naming the field", async () => {
    const { call, officerCookie } = await setup();
    const { status, json } = await call("POST", `/api/leases/${randomUUID()}/relocation`, {
      cookie: officerCookie,
      body: { toUnitId: randomUUID(), effectiveDate: "2026-02-30" },
    });
    expect(status).toBe(422);
    expect(paths(json)).toContain("json.effectiveDate");
  });
});

describe("money is never booked after today", () => {
  it("a payment on 9999-12-31 is refused at validation (422)", async () => {
    const { call, financeCookie } = await setup();
    const { status, json } = await call("POST", "/api/ledger/payments", {
      cookie: financeCookie,
      headers: { "idempotency-key": randomUUID() },
      body: { leaseId: randomUUID(), amountCents: 10_000, method: "transfer", receivedOn: "9999-12-31" },
    });
    expect(status).toBe(422);
    expect(paths(json)).toContain("json.receivedOn");
  });

  it.each([
    [
      "/api/ledger/payments",
      { leaseId: randomUUID(), amountCents: 100, method: "transfer", receivedOn: "2026-11-24" },
      "json.receivedOn",
    ],
    [
      "/api/ledger/housing-benefit-receipts",
      { receivedOn: "2027-01-05", lines: [{ leaseId: randomUUID(), amountCents: 100 }] },
      "json.receivedOn",
    ],
    [
      "/api/ledger/landlord-payouts",
      { landlordId: randomUUID(), amountCents: 100, paidOn: "2062-11-23" },
      "json.paidOn",
    ],
    [
      "/api/costs",
      { category: "repairs", amountCents: 100, occurredOn: "2026-12-01", label: "Serrure" },
      "json.occurredOn",
    ],
  ])("%s dated after today → 422 DATE_IN_FUTURE", async (path, body, field) => {
    const { call, financeCookie } = await setup();
    const { status, json } = await call("POST", path, {
      cookie: financeCookie,
      headers: { "idempotency-key": randomUUID() },
      body,
    });
    expect({ status, code: json.code }).toEqual({ status: 422, code: "DATE_IN_FUTURE" });
    expect(paths(json)).toEqual([field]);
  });

  it("a payment dated today passes the date check (then meets the unknown lease)", async () => {
    const { call, financeCookie } = await setup();
    const { status } = await call("POST", "/api/ledger/payments", {
      cookie: financeCookie,
      headers: { "idempotency-key": randomUUID() },
      body: { leaseId: randomUUID(), amountCents: 100, method: "transfer", receivedOn: "2026-11-23" },
    });
    expect(status).toBe(404);
  });
});

describe("a body of the wrong content type gets 415 problem+json", () => {
  it.each([
    ["text/plain", '{"email":"a@b.fr","password":"x"}'],
    ["application/x-www-form-urlencoded", "email=a%40b.fr&password=x"],
    ["text/csv", "email,password\na@b.fr,x"],
  ])("%s to a JSON route → 415", async (type, body) => {
    const { call } = await setup();
    const { status, json, headers } = await call("POST", "/api/auth/login", {
      body,
      headers: { "content-type": type },
    });
    expect(status).toBe(415);
    expect(headers.get("content-type")).toContain("application/problem+json");
    expect(json.code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });

  it("a body without any content type → 415", async () => {
    const { app } = createTestApp(db.current);
    const response = await app.request("http://localhost/api/auth/login", {
      method: "POST",
      headers: { origin: "http://localhost", "sec-fetch-site": "same-origin" },
      body: new TextEncoder().encode('{"email":"a@b.fr","password":"x"}'),
    });
    expect(response.status).toBe(415);
    expect((await response.json()).code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });

  it("is logged as a refused request, not as an error with a stack", async () => {
    const lines: string[] = [];
    const { defaultEnv } = await import("../../server/env");
    const { createApp } = await import("../../server/app");
    const { fixedClock } = await import("../../server/lib/clock");
    const env = defaultEnv({ NODE_ENV: "test", LOG_LEVEL: "info" });
    const pino = (await import("pino")).default;
    const logger = pino({ level: "info" }, { write: (line: string) => lines.push(line) });
    const app = createApp({ database: db.current, clock: fixedClock("2026-11-23"), env, logger });
    const response = await app.request("http://localhost/api/auth/login", {
      method: "POST",
      headers: { origin: "http://localhost", "sec-fetch-site": "same-origin", "content-type": "text/plain" },
      body: "bonjour",
    });
    expect(response.status).toBe(415);
    const entries = lines.map((line) => JSON.parse(line));
    expect(entries.some((e) => e.level >= 50)).toBe(false);
    expect(entries.find((e) => e.msg === "request refused")).toMatchObject({
      status: 415,
      code: "UNSUPPORTED_MEDIA_TYPE",
    });
    expect(lines.join("\n")).not.toContain("stack");
  });
});

describe("control characters are refused at validation", () => {
  it.each([
    ["a NUL byte", "Jeanne\u0000"],
    ["an escape sequence", "Jeanne\u001b[31m"],
    ["a C1 control", "Jeanne\u0085"],
  ])("%s in a name → 422 naming the field", async (_label, firstName) => {
    const { call, officerCookie } = await setup();
    const { status, json } = await call("POST", "/api/persons", {
      cookie: officerCookie,
      body: { firstName, lastName: "Martin", entryDate: "2026-11-01", resources: {} },
    });
    expect(status).toBe(422);
    expect(json.errors).toContainEqual(
      expect.objectContaining({ path: "json.firstName", code: "control_character" }),
    );
  });

  it("names a nested field and a query parameter", async () => {
    const { call, officerCookie, financeCookie } = await setup();
    const nested = await call("POST", "/api/ledger/housing-benefit-receipts", {
      cookie: financeCookie,
      headers: { "idempotency-key": randomUUID() },
      body: {
        receivedOn: "2026-11-20",
        reference: "CAF\u0000",
        lines: [{ leaseId: randomUUID(), amountCents: 100 }],
      },
    });
    expect(nested.status).toBe(422);
    expect(paths(nested.json)).toEqual(["json.reference"]);
    const query = await call("GET", `/api/audit?entityType=${encodeURIComponent("lease\u0000")}`, {
      cookie: officerCookie,
    });
    expect([403, 422]).toContain(query.status);
  });

  it("keeps line breaks and tabs in free text", async () => {
    const { call, officerCookie } = await setup();
    const { status, json } = await call("POST", "/api/persons", {
      cookie: officerCookie,
      body: {
        firstName: "Jeanne",
        lastName: "Martin",
        entryDate: "2026-11-01",
        resources: {},
        choices: { notes: "Près du centre\n\tet de l'école\r\n" },
      },
    });
    expect(status).toBe(201);
    expect(json.id).toBeTruthy();
  });
});

describe("request bodies are bounded", () => {
  const big = (bytes: number) => JSON.stringify({ email: "a@b.fr", password: "x".repeat(bytes) });

  it("an oversized body to the public login is refused with 413 before it is read", async () => {
    const { app } = createTestApp(db.current);
    const body = big(2 * 1024 * 1024);
    const response = await app.request("http://localhost/api/auth/login", {
      method: "POST",
      headers: {
        origin: "http://localhost",
        "sec-fetch-site": "same-origin",
        "content-type": "application/json",
        "content-length": String(body.length),
      },
      body,
    });
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect((await response.json()).code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("a streamed body without a length is cut off once past the limit", async () => {
    const { app } = createTestApp(db.current);
    let sent = 0;
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        // an endless body: the limit, not the end of the stream, has to stop it
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const response = await app.request("http://localhost/api/auth/login", {
      method: "POST",
      headers: {
        origin: "http://localhost",
        "sec-fetch-site": "same-origin",
        "content-type": "application/json",
      },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(sent).toBeLessThan(4 * 1024 * 1024);
  });

  it("an import route takes a file larger than a form", async () => {
    const { call, officerCookie } = await setup();
    const csv = `reference;rue\n${`${"x".repeat(600)};1 rue de la Paix\n`.repeat(2_000)}`;
    expect(csv.length).toBeGreaterThan(1024 * 1024);
    const { status } = await call("POST", "/api/units/import?dryRun=true", {
      cookie: officerCookie,
      body: csv,
      headers: { "content-type": "text/csv" },
    });
    expect(status).not.toBe(413);
    expect(status).toBeLessThan(500);
  });

  it("a mandate's scope is a bounded list", async () => {
    const { call, officerCookie } = await setup();
    const { status, json } = await call("POST", "/api/mandates", {
      cookie: officerCookie,
      body: { scope: Array.from({ length: 31 }, (_, i) => `mission ${i}`) },
    });
    expect(status).toBe(422);
    expect(paths(json)).toContain("json.scope");
  });
});
