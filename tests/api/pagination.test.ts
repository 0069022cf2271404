import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { users } from "../../db/schema";
import { seedDemo } from "../../db/seed";
import { DEMO_ORGANISATION_ID } from "../../db/seed/demo-organisation";
import { fixedClock } from "../../server/lib/clock";
import { MAX_PAGE_LIMIT } from "../../server/lib/pagination";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import { sessionCookieFor } from "../support/factories";

const db = useTestDatabase();
const NOW = "2026-11-23T10:00:00+01:00";
let cookies: Record<"officer" | "admin" | "landlord" | "finance", string>;
let call: ReturnType<typeof createTestApp>["call"];
let someUnit: string;
let somePerson: string;

beforeAll(async () => {
  await seedDemo(db.current, fixedClock(NOW));
  const cookieOf = async (email: string) => {
    const [user] = await db.current.db
      .select()
      .from(users)
      .where(and(eq(users.organisationId, DEMO_ORGANISATION_ID), eq(users.email, email)));
    return sessionCookieFor(db.current.db, user!, new Date(NOW));
  };
  cookies = {
    officer: await cookieOf("gestion@demo.fr"),
    admin: await cookieOf("admin@demo.fr"),
    landlord: await cookieOf("proprietaire@demo.fr"),
    finance: await cookieOf("finance@demo.fr"),
  };
  call = createTestApp(db.current, { now: NOW }).call;
  // two statements of three credits nobody can be matched to: lines to identify
  for (const [n, day] of [
    [1, "05"],
    [2, "06"],
  ] as const) {
    const csv = [
      "date;libellé;montant",
      ...[1, 2, 3].map((k) => `${day}/11/2026;VIR INCONNU ${n}${k};1${k},00`),
    ];
    const imported = await call("POST", "/api/ledger/bank-imports", {
      cookie: cookies.finance,
      body: { csv: csv.join("\n"), fileName: `releve-${n}.csv` },
      headers: { "idempotency-key": `pagination-${n}` },
    });
    expect(imported.status).toBe(201);
  }
  someUnit = (await call("GET", "/api/units?limit=1", { cookie: cookies.officer })).json.items[0].id;
  const housed = await call("GET", "/api/persons?status=housed&limit=1", { cookie: cookies.officer });
  somePerson = housed.json.items[0].id;
}, 120_000);

type Case = { path: () => string; as: keyof typeof cookies; atLeast: number };
const cases: Record<string, Case> = {
  units: { path: () => "/api/units", as: "officer", atLeast: 150 },
  "units by status": { path: () => "/api/units?status=let", as: "officer", atLeast: 3 },
  buildings: { path: () => "/api/buildings", as: "officer", atLeast: 3 },
  landlords: { path: () => "/api/landlords", as: "officer", atLeast: 3 },
  persons: { path: () => "/api/persons", as: "officer", atLeast: 96 },
  panels: { path: () => "/api/panels", as: "officer", atLeast: 3 },
  "a person's panels": { path: () => `/api/persons/${somePerson}/panels`, as: "officer", atLeast: 1 },
  documents: { path: () => "/api/documents", as: "officer", atLeast: 3 },
  users: { path: () => "/api/users", as: "admin", atLeast: 3 },
  audit: { path: () => "/api/audit", as: "admin", atLeast: 3 },
  alerts: { path: () => "/api/alerts", as: "officer", atLeast: 3 },
  "a unit's transitions": { path: () => `/api/units/${someUnit}/transitions`, as: "officer", atLeast: 1 },
  "the landlord's units": { path: () => "/api/portal/units", as: "landlord", atLeast: 2 },
  "the landlord's documents": { path: () => "/api/documents", as: "landlord", atLeast: 1 },
  leases: { path: () => "/api/leases", as: "officer", atLeast: 50 },
  "signed leases": { path: () => "/api/leases?status=signed", as: "officer", atLeast: 20 },
  mandates: { path: () => "/api/mandates", as: "officer", atLeast: 2 },
  "the landlord's mandates": { path: () => "/api/portal/mandates", as: "landlord", atLeast: 2 },
  "IRL indices": { path: () => "/api/ledger/irl-indices", as: "finance", atLeast: 4 },
  "imported statements": { path: () => "/api/ledger/bank-imports", as: "finance", atLeast: 2 },
  "bank lines to identify": { path: () => "/api/ledger/bank-lines", as: "finance", atLeast: 6 },
};

const withQuery = (path: string, query: string) => `${path}${path.includes("?") ? "&" : "?"}${query}`;

describe("every list honours limit and offset and returns the total", () => {
  for (const [name, { path, as, atLeast }] of Object.entries(cases)) {
    it(name, async () => {
      const cookie = cookies[as];
      const whole = await call("GET", withQuery(path(), `limit=${MAX_PAGE_LIMIT}`), { cookie });
      expect(whole.status).toBe(200);
      expect(whole.json.total).toBeGreaterThanOrEqual(atLeast);
      expect(whole.json.items).toHaveLength(Math.min(whole.json.total, MAX_PAGE_LIMIT));

      const first = await call("GET", withQuery(path(), "limit=1"), { cookie });
      expect(first.json).toMatchObject({ total: whole.json.total, limit: 1, offset: 0 });
      expect(first.json.items).toEqual([whole.json.items[0]]);

      const second = await call("GET", withQuery(path(), "limit=1&offset=1"), { cookie });
      expect(second.json).toMatchObject({ total: whole.json.total, limit: 1, offset: 1 });
      expect(second.json.items).toEqual(whole.json.items.slice(1, 2));

      const past = await call("GET", withQuery(path(), `offset=${whole.json.total}`), { cookie });
      expect(past.json).toMatchObject({ items: [], total: whole.json.total });
    });
  }

  it("a page larger than the maximum is refused, not silently cut", async () => {
    const answer = await call("GET", `/api/units?limit=${MAX_PAGE_LIMIT + 1}`, { cookie: cookies.officer });
    expect(answer.status).toBe(422);
    expect(answer.json.errors.map((e: { path: string }) => e.path)).toEqual(["query.limit"]);
  });

  it("the default page is 50 units of the 150", async () => {
    const answer = await call("GET", "/api/units", { cookie: cookies.officer });
    expect(answer.json).toMatchObject({ total: 150, limit: 50, offset: 0 });
    expect(answer.json.items).toHaveLength(50);
  });
});
