import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { expect, it } from "vitest";
import { pdfText } from "../support/pdf-text";
import { describeInBrowser, screenshotDir } from "./support/browser";
import { useServer } from "./support/server";
import { useBrowserAs } from "./support/signed-in";

const server = useServer();

describeInBrowser("the admin downloads the two yearly reports (cahier des charges §8.12)", () => {
  const browser = useBrowserAs(server, "admin@demo.fr");

  it("picks a year on «Rapports annuels», downloads the activity report (PDF) and the anonymised data (XLSX)", async () => {
    const { page } = browser.current;
    await page
      .getByRole("navigation", { name: "Navigation principale" })
      .getByRole("link", { name: "Rapports annuels" })
      .click();
    await page.getByRole("heading", { name: "Rapports annuels", level: 1 }).waitFor();
    await page.getByLabel("Année", { exact: true }).selectOption("2026");
    await page.getByRole("link", { name: "Rapport d'activité 2026 (PDF)" }).waitFor();
    expect(await page.getByRole("note").textContent()).toContain("provisoires, arrêtés au 23/11/2026");
    await page.screenshot({ path: join(screenshotDir, "yearly-reports-1280.png"), fullPage: true });

    const [pdf] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Rapport d'activité 2026 (PDF)" }).click(),
    ]);
    expect(pdf.suggestedFilename()).toBe("rapport-activite-logement-2026.pdf");
    const { text } = await pdfText(readFileSync((await pdf.path())!));
    expect(text).toContain("Rapport d'activité 2026 — pôle logement");
    expect(text).toContain("Personnes accompagnées pendant l'année");

    const [xlsx] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Données anonymisées 2026 (XLSX)" }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toBe("donnees-anonymisees-2026.xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync((await xlsx.path())!) as never);
    const data = workbook.worksheets[0]!;
    expect(data.getRow(1).getCell(1).value).toBe("Identifiant pseudonyme");
    expect(data.rowCount).toBeGreaterThan(50);

    // another year: the links follow the selector
    await page.getByLabel("Année", { exact: true }).selectOption("2025");
    await page.getByRole("link", { name: "Données anonymisées 2025 (CSV)" }).waitFor();
    expect(await page.getByRole("note").count()).toBe(0);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(screenshotDir, "yearly-reports-390.png"), fullPage: true });
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(browser.current.externalRequests).toEqual([]);
  });
});
