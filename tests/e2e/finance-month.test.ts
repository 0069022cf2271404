import { expect, it } from "vitest";
import { formatEuros } from "../../server/lib/money";
import { validateSepaFile } from "../../server/modules/ledger/sepa.schema";
import { pdfText } from "../support/pdf-text";
import { describeInBrowser, screenshotDir } from "./support/browser";
import { useServer } from "./support/server";
import { useBrowserAs } from "./support/signed-in";

const server = useServer();

describeInBrowser("finance: the month as a finance officer runs it, on the demo", () => {
  const browser = useBrowserAs(server, "finance@demo.fr");

  it("books the CAF bordereau, a head-lease transfer with its pain.001, the relevé, the FEC, a payment and its PDFs", async () => {
    const { page } = browser.current;
    const base = server.current.baseUrl;
    await page.goto(`${base}/finances?mois=2026-11`);
    await page.getByRole("link", { name: "dérouler le mois" }).click();
    await page.getByRole("heading", { level: 1, name: /Le mois — novembre 2026/ }).waitFor();

    // 2. CAF bordereau: one line, typed the French way
    const caf = page.getByRole("form", { name: "Bordereau CAF" });
    await caf.getByLabel("Montant versé par la CAF").first().fill("12,34");
    await caf.getByRole("button", { name: "Enregistrer le bordereau" }).click();
    await expect
      .poll(() => caf.locator("xpath=..").getByTestId("action-result").textContent())
      .toContain("Bordereau enregistré : 1 ligne(s), 12,34");

    // 5. a head-lease rent transferred to a landlord today, then the bank file of the day
    const transfer = page.getByRole("form", { name: "Virement à un propriétaire" });
    await transfer.getByLabel("Propriétaire").selectOption({ index: 1 });
    await transfer.getByLabel("Montant").fill("640,50");
    await transfer.getByRole("button", { name: "Enregistrer le virement" }).click();
    await expect
      .poll(() => transfer.locator("xpath=..").getByTestId("action-result").textContent())
      .toContain("640,50");
    const link = page.getByTestId("sepa-file");
    await link.waitFor();
    const href = (await link.getAttribute("href"))!;
    expect(href).toContain("paidOn=2026-11-23");
    const file = await page.evaluate(async (address) => {
      const response = await fetch(address);
      return {
        status: response.status,
        type: response.headers.get("content-type"),
        text: await response.text(),
      };
    }, href);
    expect(file.status).toBe(200);
    expect(file.type).toContain("application/xml");
    expect(await validateSepaFile("pain.001.001.09", file.text)).toEqual({ valid: true, errors: [] });
    expect(file.text).toContain('<InstdAmt Ccy="EUR">640.50</InstdAmt>');
    expect(file.text).toContain("<IBAN>FR1420041010050500013M02606</IBAN>");

    // 6. the landlord's statement of the closed month, as a PDF that says what the ledger says
    const statementForm = page.getByRole("form", { name: "Relevé de gérance" });
    const landlordId = await statementForm.getByLabel("Propriétaire").inputValue();
    await statementForm.getByRole("button", { name: "Produire le relevé" }).click();
    const statementLink = page.getByTestId("statement-pdf");
    await statementLink.waitFor();
    expect(await statementLink.textContent()).toContain("Relevé de gérance d'octobre 2026");
    const pdf = await page.request.get(`${base}${await statementLink.getAttribute("href")}`);
    expect(pdf.headers()["content-type"], await pdf.text()).toContain("application/pdf");
    const { text } = await pdfText(new Uint8Array(await pdf.body()));
    const statement = (await (
      await page.request.get(`${base}/api/ledger/landlords/${landlordId}/statement?period=2026-10`)
    ).json()) as { landlordName: string; closingBalanceCents: number; lines: { paidCents: number }[] };
    expect(text).toContain(statement.landlordName);
    expect(text.replace(/\s+/g, " ")).toContain(
      formatEuros(Math.abs(statement.closingBalanceCents)).replace(/\s+/g, " "),
    );

    await page.screenshot({ path: `${screenshotDir}/finance-month.png`, fullPage: true });

    // an IML cost: the flat chosen by its occupant, never typed as an identifier
    const cost = page.getByRole("form", { name: "Coût IML" });
    await cost.getByLabel("Montant").fill("120,00");
    await cost.getByLabel("Libellé").fill("Remplacement du ballon d'eau chaude");
    await cost.getByRole("button", { name: "Enregistrer le coût" }).click();
    await expect
      .poll(() => cost.getByRole("alert").first().textContent())
      .toContain("Rattachez le coût à un logement");
    const subject = cost.getByLabel("Logement concerné");
    const option = (await subject.locator("option").nth(1).textContent()) ?? "";
    expect(option).toMatch(/ — .+/);
    expect(option).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
    await subject.selectOption({ index: 1 });
    await cost.getByRole("button", { name: "Enregistrer le coût" }).click();
    await expect
      .poll(() => cost.locator("xpath=..").getByTestId("action-result").textContent())
      .toContain("Coût de 120,00");

    // the year's budget already set shows in its fields, as the dashboard charts it
    const budget = page.getByRole("form", { name: "Budget de l'année" });
    await expect
      .poll(() =>
        budget
          .locator("input")
          .evaluateAll((inputs) => inputs.filter((i) => (i as HTMLInputElement).value).length),
      )
      .toBeGreaterThan(0);

    // the FEC of the year: every entry balances, as the accountant's software checks
    const fec = await page.request.get(`${base}/api/reports/finance/fec?year=2026`);
    expect(fec.status()).toBe(200);
    const [header, ...rows] = Buffer.from(await fec.body())
      .toString("latin1")
      .split("\r\n")
      .filter(Boolean)
      .map((line) => line.split("|"));
    const column = (name: string) => header!.indexOf(name);
    const cents = (value: string | undefined) => Math.round(Number((value ?? "0").replace(",", ".")) * 100);
    const byEntry = new Map<string, number>();
    for (const row of rows) {
      const entry = `${row[column("JournalCode")]}|${row[column("EcritureNum")]}`;
      byEntry.set(
        entry,
        (byEntry.get(entry) ?? 0) + cents(row[column("Debit")]) - cents(row[column("Credit")]),
      );
    }
    expect(byEntry.size).toBeGreaterThan(100);
    expect([...byEntry.values()].filter((balance) => balance !== 0)).toEqual([]);

    // a tenant's account: a payment booked from its page
    await page.goto(`${base}/finances?mois=2026-11`);
    await page.getByRole("table", { name: "Baux des occupants" }).getByRole("link").first().click();
    const balance = page.getByTestId("tenant-balance");
    await balance.waitFor();
    const before = (await balance.textContent()) ?? "";
    const payment = page.getByRole("form", { name: "Paiement du locataire" });
    await payment.getByLabel("Montant").fill("15,00");
    await payment.getByRole("button", { name: "Enregistrer le paiement" }).click();
    await expect.poll(() => page.getByTestId("tenant-balance").textContent()).not.toBe(before);
    // the month's avis d'échéance and the receipt just issued open as PDF documents
    for (const name of [/^Avis d'échéance du /, /^(Quittance|Reçu) du /]) {
      const [popup] = await Promise.all([
        page.waitForEvent("popup"),
        page.getByRole("button", { name }).last().click(),
      ]);
      expect(popup.url()).toMatch(/\/api\/documents\/[0-9a-f-]{36}\.pdf$/);
      const document = await page.request.get(popup.url());
      expect(document.headers()["content-type"]).toContain("application/pdf");
      await popup.close();
    }

    // the accountant's trial balance of the month balances to the cent
    const trial = await page.evaluate(async () => {
      const response = await fetch("/api/reports/finance/trial-balance.csv?from=2026-11-01&to=2026-11-30");
      return response.text();
    });
    const total = trial.trimEnd().split("\r\n").at(-1)!.split(";");
    expect(total[0]).toBe("Total");
    expect(total[4]).toBe(total[5]);
    expect(trial).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/);
  });
});
