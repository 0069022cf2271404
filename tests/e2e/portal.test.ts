import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { mandates, users } from "../../db/schema";
import { loginAs, logout, navigationLabels, pdfAt } from "./support/actions";
import { type BrowserSession, describeInBrowser, openBrowser } from "./support/browser";
import { useServer } from "./support/server";

const server = useServer();

describeInBrowser("the landlord portal: units, the mandate awaiting signature, statement", () => {
  let browser: BrowserSession;
  beforeAll(async () => {
    browser = await openBrowser(server.current.baseUrl);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("the demo landlord previews the mandate awaiting signature and signs it", async () => {
    const { page } = browser;
    const db = server.current.database.db;
    const [landlordUser] = await db.select().from(users).where(eq(users.email, "proprietaire@demo.fr"));
    const landlordId = landlordUser!.landlordId!;
    const awaiting = () =>
      db
        .select()
        .from(mandates)
        .where(and(eq(mandates.landlordId, landlordId), eq(mandates.status, "awaiting_signature")));
    if ((await awaiting()).length === 0) {
      // the officer prepares one through the API (the demo seed may have none left to sign)
      await loginAs(page, server.current.baseUrl, "gestion@demo.fr");
      const status = await page.evaluate(async (landlord) => {
        const units = await (await fetch(`/api/units?landlordId=${landlord}`)).json();
        const response = await fetch("/api/mandates", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            unitId: units.items[0].id,
            startDate: "2026-12-01",
            durationMonths: 36,
            managementFeeBasisPoints: 700,
            pack: { unpaidRentGuarantee: null, repairAid: null, socialWatch: true },
          }),
        });
        return response.status;
      }, landlordId);
      expect(status).toBe(201);
      await logout(page);
    }
    const [toSign] = await awaiting();
    expect(toSign).toBeDefined();

    await loginAs(page, server.current.baseUrl, "proprietaire@demo.fr");
    expect(await navigationLabels(page)).toEqual(["Mon espace propriétaire"]);
    const card = page.getByTestId("mandate-to-sign");
    await card.waitFor();
    // the PDF preview is the mandate's own document, served to the landlord
    const preview = card.locator("iframe.document-preview");
    const src = await preview.getAttribute("src");
    expect(src).toBe(`/api/documents/${toSign!.documentId}.pdf`);
    expect(await pdfAt(page, src!)).toEqual({ status: 200, type: "application/pdf", head: "%PDF-" });
    expect(
      await page
        .getByRole("table", { name: /logement\(s\) confié\(s\)/ })
        .locator("tbody tr")
        .count(),
    ).toBeGreaterThan(0);
    await browser.screenshot("portal-mandate-to-sign");

    // without the consent box the schema refuses, next to the box
    const form = page.getByRole("form", { name: `Signer le mandat n° ${toSign!.number}` });
    await form.getByLabel("Votre nom complet (vaut signature)").fill("Paul Propriétaire");
    await form.getByRole("button", { name: "Signer le mandat" }).click();
    await expect
      .poll(() => form.locator('[data-field="consent"] .field-error').textContent())
      .toBe("Cochez la case de consentement pour signer");
    await form.getByRole("checkbox").check();
    await form.getByRole("button", { name: "Signer le mandat" }).click();
    await page.getByText("Aucun mandat n'attend votre signature.").waitFor();
    const [signed] = await db.select().from(mandates).where(eq(mandates.id, toSign!.id));
    expect(signed!.status).toBe("signed");
    expect(signed!.signerName).toBe("Paul Propriétaire");
    await expect
      .poll(() =>
        page
          .getByRole("table", { name: "Mes mandats" })
          .locator(`tbody tr:has-text("${toSign!.number}") [data-mandate-status]`)
          .first()
          .getAttribute("data-mandate-status"),
      )
      .toBe("signed");
    // the statement of the month is shown with its balances, its lines written the French way
    await page.getByTestId("closing-balance").waitFor();
    // October: the month the mandate's September rents were settled, its fee kept
    await page.locator("#statement-month").fill("2026-10");
    await page.getByRole("button", { name: "Afficher" }).click();
    const statementTable = page.getByRole("table", { name: "Relevé d'octobre 2026" });
    await expect.poll(() => statementTable.innerText()).toContain("honoraires");
    // «Versements reçus» is what was paid to the landlord: the «Versé» column, never the fees kept
    const cents = (text: string) => Math.round(Number(text.replace(/[^\d,]/g, "").replace(",", ".")) * 100);
    const headers = await statementTable.getByRole("columnheader").allInnerTexts();
    expect(headers).toContain("Honoraires retenus");
    // each rent line names the flat it is about
    const flatColumn = headers.indexOf("Logement") + 1;
    const flats = await statementTable.locator(`tbody tr td:nth-child(${flatColumn})`).allInnerTexts();
    expect(flats.some((flat) => /^T\d|^Studio/.test(flat))).toBe(true);
    const paidColumn = headers.indexOf("Versé") + 1;
    const paid = (await statementTable.locator(`tbody tr td:nth-child(${paidColumn})`).allInnerTexts())
      .filter((text) => text.trim())
      .reduce((sum, text) => sum + cents(text), 0);
    const received = await page
      .locator("dl.figures div", { hasText: "Versements reçus" })
      .locator("dd")
      .innerText();
    expect(cents(received)).toBe(paid);
    const statementText = await statementTable.innerText();
    expect(statementText).toMatch(/\d{2}\/\d{2}\/\d{4}/);
    expect(statementText).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    const surfaces = await page
      .getByRole("table", { name: /logement\(s\) confié\(s\)/ })
      .locator("tbody tr td:nth-child(3)")
      .allInnerTexts();
    expect(surfaces.filter((text) => /\d\.\d/.test(text))).toEqual([]);
    // every document addressed to the landlord opens as a PDF (the statement, the mandates)
    const documentLinks = page
      .getByRole("table", { name: "Documents qui me sont adressés" })
      .getByRole("link");
    expect(await documentLinks.count()).toBeGreaterThan(1);
    for (const href of await documentLinks.evaluateAll((links) => links.map((a) => a.getAttribute("href")!)))
      expect(await pdfAt(page, href), href).toEqual({ status: 200, type: "application/pdf", head: "%PDF-" });
    await page.evaluate(() => window.scrollTo(0, 0));
    await browser.screenshot("portal-signed", { fullPage: true });
  });

  it("a landlord cannot reach officer pages nor the officer API", async () => {
    const { page } = browser;
    for (const path of ["/parc", "/parc/import", "/finances", "/baux", "/carte"]) {
      await page.goto(`${server.current.baseUrl}${path}`);
      await page.getByRole("heading", { level: 1, name: "Accès refusé" }).waitFor();
    }
    const statuses = await page.evaluate(async () =>
      Promise.all(
        ["/api/buildings", "/api/reports/finance", "/api/mandates"].map(
          async (url) => (await fetch(url)).status,
        ),
      ),
    );
    expect(statuses).toEqual([403, 403, 403]);
  });
});
