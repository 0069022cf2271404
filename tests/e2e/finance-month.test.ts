import { expect, it } from "vitest";
import { validateSepaFile } from "../../server/modules/ledger/sepa.schema";
import { describeInBrowser } from "./support/browser";
import { useServer } from "./support/server";
import { useBrowserAs } from "./support/signed-in";

const server = useServer();

describeInBrowser("finance: the month as a finance officer runs it, on the demo", () => {
  const browser = useBrowserAs(server, "finance@demo.fr");

  it("books the CAF bordereau, a payment, a head-lease transfer with its pain.001 file, and balances", async () => {
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

    // 6. a landlord's management statement of last month: the page links the PDF it produced
    const statement = page.getByRole("form", { name: "Relevé de gérance" });
    await statement.getByLabel("Propriétaire").selectOption({ index: 1 });
    await statement.getByRole("button", { name: "Produire le relevé" }).click();
    const produced = statement.locator("xpath=..").getByTestId("action-result");
    await expect.poll(() => produced.textContent()).toContain("octobre 2026 produit");
    const pdfPath = /\/api\/documents\/[0-9a-f-]{36}\.pdf/.exec((await produced.textContent()) ?? "")?.[0];
    expect(pdfPath).toBeDefined();
    const pdf = await page.evaluate(async (address) => {
      const response = await fetch(address);
      return { status: response.status, type: response.headers.get("content-type") };
    }, pdfPath!);
    expect(pdf).toEqual({ status: 200, type: "application/pdf" });

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
