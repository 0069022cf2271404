import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { createTestApp } from "../support/app";
import { testBackend, useTestDatabase } from "../support/db";
import { createOrganisation, createUser, sessionCookieFor } from "../support/factories";

const db = useTestDatabase();

const person = (n: number) => ({
  firstName: "Camille",
  lastName: `Durand ${n}`,
  birthDate: "1981-06-03",
  adults: 1,
  children: 0,
  resources: { rsa: 60_733, aah: 0, wages: 0 },
  housingBenefitCents: 0,
  entryDate: "2026-10-12",
});

// What a PostgreSQL restart, a failover or a pooler reset does to the application's connections.
describe.runIf(testBackend() === "server")("PostgreSQL connections terminated under load", () => {
  it("keeps serving: requests in flight answer 503 problem+json, the next ones succeed", async () => {
    const { call, clock } = createTestApp(db.current);
    const org = await createOrganisation(db.current.db);
    const user = await createUser(db.current.db, { organisationId: org.id, role: "housing_officer" });
    const cookie = await sessionCookieFor(db.current.db, user, clock.now());
    const [current] = await db.current.query<{ name: string }>("select current_database() as name");
    const name = String(current?.name);

    const answers: { status: number; type: string | null; code?: string; id?: string }[] = [];
    let stop = false;
    let n = 0;
    const worker = async () => {
      while (!stop) {
        const answer = await call("POST", "/api/persons", { cookie, body: person(n++) });
        answers.push({
          status: answer.status,
          type: answer.headers.get("content-type"),
          code: answer.json?.code,
          id: answer.json?.id,
        });
      }
    };
    const workers = Array.from({ length: 6 }, worker);

    const admin = postgres(process.env.TEST_DATABASE_URL ?? "", { max: 1, onnotice: () => {} });
    let terminated = 0;
    try {
      for (let round = 0; round < 8; round++) {
        await new Promise((resolve) => setTimeout(resolve, 150));
        const killed = await admin<{ ok: boolean }[]>`
          select pg_terminate_backend(pid) as ok from pg_stat_activity
          where datname = ${name} and pid <> pg_backend_pid()`;
        terminated += killed.length;
      }
    } finally {
      stop = true;
      await Promise.all(workers);
      await admin.end();
    }

    expect(terminated).toBeGreaterThan(0);
    const statuses = new Set(answers.map((answer) => answer.status));
    expect([...statuses].filter((status) => status !== 201 && status !== 503)).toEqual([]);
    const refused = answers.filter((answer) => answer.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    for (const answer of refused) {
      expect(answer.type).toContain("application/problem+json");
      expect(answer.code).toBe("DATABASE_UNAVAILABLE");
    }

    // the pool reconnects by itself: every following request succeeds
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (let i = 0; i < 5; i++) {
      const next = await call("POST", "/api/persons", { cookie, body: person(n++) });
      expect(next.status, JSON.stringify(next.json)).toBe(201);
    }

    // nothing acknowledged is lost
    const acknowledged = answers.filter((answer) => answer.status === 201).map((answer) => String(answer.id));
    const stored = await db.current.query<{ id: string }>("select id from persons where id = any($1)", [
      acknowledged,
    ]);
    expect(stored.length).toBe(acknowledged.length);
  }, 60_000);
});
