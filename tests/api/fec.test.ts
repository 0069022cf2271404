import { describe, expect, it } from "vitest";
import { FEC_COLUMNS } from "../../server/modules/reports/fec.rules";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import {
  createMandateTenancy,
  createOrganisation,
  createTenancy,
  createUser,
  sessionCookieFor,
} from "../support/factories";

const db = useTestDatabase();

/** Parses the FEC back (ISO 8859-15: Latin-1 plus €, read here as Latin-1 for the checks). */
function parseFec(bytes: ArrayBuffer, separator = "|") {
  const text = Buffer.from(bytes).toString("latin1");
  const [header, ...lines] = text.split("\r\n").filter(Boolean);
  return { header: header!.split(separator), rows: lines.map((line) => line.split(separator)) };
}
const cents = (amount: string) => {
  expect(amount).toMatch(/^\d+,\d{2}$/);
  return Number(amount.replace(",", ""));
};

describe("FEC (LPF art. A.47 A-1)", () => {
  it("18 columns, balanced entries numbered per journal, 411/401 with auxiliaries and no UUID", async () => {
    const organisation = await createOrganisation(db.current.db);
    const user = await createUser(db.current.db, { organisationId: organisation.id, role: "finance" });
    const cookie = await sessionCookieFor(db.current.db, user);
    const { call } = createTestApp(db.current, { now: "2026-04-20T10:00:00+02:00" });
    let n = 0;
    const post = (path: string, body: unknown) =>
      call("POST", path, { cookie, body, headers: { "idempotency-key": `k-${n++}-${Math.random()}` } });
    const { lease } = await createTenancy(
      db.current.db,
      organisation.id,
      { rentCents: 45_000, chargesCents: 5_000 },
      { lastName: "Lefèvre" },
    );
    await createMandateTenancy(db.current.db, organisation.id);
    for (const period of ["2026-02", "2026-03"]) await post("/api/ledger/rent-calls", { period });
    await post("/api/ledger/payments", {
      leaseId: lease.id,
      amountCents: 50_000,
      method: "transfer",
      receivedOn: "2026-03-05",
    });
    await post("/api/ledger/bank-imports", {
      csv: "Date;Libellé;Montant\n06/03/2026;VIR INCONNU | TEST;12,34\n",
    });

    const res = await call("GET", "/api/reports/finance/fec?year=2026", { cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain("FEC20261231.txt");
    const { header, rows } = parseFec(await res.response.arrayBuffer());
    expect(header).toEqual([...FEC_COLUMNS]);
    expect(rows.length).toBeGreaterThan(6);
    for (const row of rows) expect(row).toHaveLength(18);
    const col = (name: (typeof FEC_COLUMNS)[number]) => FEC_COLUMNS.indexOf(name);
    const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-/i;
    const entries = new Map<string, { debit: number; credit: number; journal: string }>();
    for (const row of rows) {
      expect(row[col("CompteNum")]).toMatch(/^\d{6}$/);
      expect(row[col("CompteNum")]).not.toMatch(uuid);
      expect(row[col("CompAuxNum")]).not.toMatch(uuid);
      expect(row[col("EcritureDate")]).toMatch(/^2026\d{4}$/);
      expect(row[col("ValidDate")]).toMatch(/^\d{8}$/);
      const key = row[col("EcritureNum")]!;
      const entry = entries.get(key) ?? { debit: 0, credit: 0, journal: row[col("JournalCode")]! };
      entry.debit += cents(row[col("Debit")]!);
      entry.credit += cents(row[col("Credit")]!);
      entries.set(key, entry);
      if (row[col("CompteNum")] === "411000") {
        expect(row[col("CompteLib")]).toBe("Locataires");
        expect(row[col("CompAuxNum")]).toMatch(/^L\d{5}$/);
      }
    }
    expect(rows.some((row) => row[col("CompAuxLib")]!.includes("LEFÈVRE"))).toBe(true);
    // every entry balances, and so does every journal
    for (const [number, entry] of entries) expect(entry.debit, number).toBe(entry.credit);
    const journals = new Map<string, number[]>();
    for (const [number, entry] of entries) {
      journals.set(entry.journal, [...(journals.get(entry.journal) ?? []), Number(number.split("-")[1])]);
    }
    expect([...journals.keys()].sort()).toEqual(["BQ", "VT"]);
    // numbered without a gap from 1 in each journal
    for (const numbers of journals.values()) expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    // a separator inside a label never breaks a line into more columns
    expect(
      rows.some(
        (row) =>
          row[col("EcritureLib")]!.includes("VIR INCONNU   TEST") ||
          row[col("EcritureLib")]!.includes("VIR INCONNU TEST"),
      ),
    ).toBe(true);

    const tab = await call("GET", "/api/reports/finance/fec?year=2026&separator=tab", { cookie });
    expect(parseFec(await tab.response.arrayBuffer(), "\t").header).toHaveLength(18);
    expect((await call("GET", "/api/reports/finance/fec?year=1999", { cookie })).status).toBe(422);
  });
});
