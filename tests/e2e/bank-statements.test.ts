import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { describeInBrowser, screenshotDir } from "./support/browser";
import { useServer } from "./support/server";
import { useBrowserAs } from "./support/signed-in";

const server = useServer();

describeInBrowser("finance: a bank statement imported, reviewed and reconciled in the browser", () => {
  const browser = useBrowserAs(server, "finance@demo.fr");

  it("uploads a Windows-1252 CSV with Débit/Crédit, sees each line's reason, assigns the unknown transfer", async () => {
    const { page } = browser.current;
    // a tenant in arrears, and the transfer reference printed on their rent call
    const debtor = await page.evaluate(async () => {
      const arrears = (await (await fetch("/api/ledger/arrears")).json()) as {
        leases: { leaseId: string; personName: string; balanceCents: number }[];
      };
      const lease = arrears.leases[0]!;
      const ledger = await (await fetch(`/api/ledger/leases/${lease.leaseId}`)).json();
      return { ...lease, reference: ledger.paymentReference as string };
    });
    await page
      .getByRole("navigation", { name: "Navigation principale" })
      .getByRole("link", { name: "Finances" })
      .click();
    await page.getByRole("link", { name: "relevés et rapprochement" }).click();
    await page.getByRole("heading", { name: "Relevés bancaires", level: 1 }).waitFor();

    const csv = [
      "Compte courant FR76 3000 4000 0312 3456 7890 143",
      "Relevé du 01/11/2026 au 20/11/2026",
      "",
      "Date opération;Date valeur;Libellé;Débit;Crédit",
      `18/11/26;19/11/26;VIR SEPA ${debtor.reference} LOYER;;10,50`,
      "19/11/26;19/11/26;PRLV ÉLECTRICITÉ;85,40;",
      "20/11/26;20/11/26;VIR M. INCONNU RÉGULARISATION;;12,34",
    ].join("\r\n");
    await page.getByLabel("Fichier du relevé").setInputFiles({
      name: "releve-novembre.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(csv, "latin1"),
    });
    await page.getByRole("button", { name: "Importer et rapprocher" }).click();
    await page.getByRole("heading", { name: "Revue du relevé" }).waitFor();
    await expect.poll(() => page.getByTestId("matched").textContent()).toBe("1");
    expect(await page.getByTestId("unmatched").textContent()).toBe("1");
    expect(await page.getByTestId("ignored").textContent()).toBe("1");
    const body = (await page.locator("main").textContent()) ?? "";
    expect(body).toContain("Windows-1252");
    expect(body).toContain("PRLV ÉLECTRICITÉ");
    expect(body).toContain("Débit : une sortie d'argent n'est pas un loyer");
    expect(body).toMatch(/-85,40\s€/);
    expect(body).toMatch(/10,50\s€/);
    expect(body).toContain("18/11/2026");
    await page.screenshot({ path: `${screenshotDir}/bank-statement-review.png`, fullPage: true });

    // the unknown transfer is assigned to the tenant from the review
    const form = page.getByRole("form", { name: /Rattacher la ligne/ });
    // nobody is chosen in advance: «Rattacher» alone books nothing
    expect(await form.getByLabel("Bail du locataire").inputValue()).toBe("");
    await form.getByRole("button", { name: "Rattacher" }).click();
    await expect.poll(() => form.getByRole("alert").first().textContent()).toContain("Choisissez le bail");
    expect(await page.getByTestId("unmatched").textContent()).toBe("1");
    await form.getByLabel("Bail du locataire").selectOption(debtor.leaseId);
    await form.getByRole("button", { name: "Rattacher" }).click();
    await expect.poll(() => page.getByTestId("matched").textContent()).toBe("2");
    expect(await page.getByTestId("unmatched").textContent()).toBe("0");

    // the same file again is refused, with the reason in French
    await page.getByRole("link", { name: "← Relevés bancaires" }).click();
    await page.getByLabel("Fichier du relevé").setInputFiles({
      name: "releve-novembre.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(csv, "latin1"),
    });
    await page.getByRole("button", { name: "Importer et rapprocher" }).click();
    await expect
      .poll(async () => (await page.locator("form").first().textContent()) ?? "")
      .toContain("Ce relevé a déjà été importé");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${screenshotDir}/bank-statements-390.png`, fullPage: true });
  });
  it("imports a bank's camt.053 and OFX files from the same page: the rent found by its reference", async () => {
    const { page } = browser.current;
    await page.setViewportSize({ width: 1280, height: 900 });
    const reference = await page.evaluate(async () => {
      const arrears = (await (await fetch("/api/ledger/arrears")).json()) as {
        leases: { leaseId: string }[];
      };
      const ledger = await (await fetch(`/api/ledger/leases/${arrears.leases.at(-1)!.leaseId}`)).json();
      return ledger.paymentReference as string;
    });
    const fixture = (name: string) =>
      readFileSync(new URL(`../fixtures/bank-statements/${name}`, import.meta.url), "latin1").replaceAll(
        "{{REFERENCE}}",
        reference,
      );
    for (const file of [
      {
        name: "releve-mars.xml",
        mimeType: "application/xml",
        text: fixture("camt053-001-08.xml"),
        format: "camt.053",
      },
      {
        name: "releve-mars.ofx",
        mimeType: "application/x-ofx",
        text: fixture("ofx-102-sgml-windows-1252.ofx"),
        format: "OFX",
      },
    ]) {
      await page.goto(`${server.current.baseUrl}/finances/releves`);
      await page.getByRole("heading", { name: "Relevés bancaires", level: 1 }).waitFor();
      await page.getByLabel("Fichier du relevé").setInputFiles({
        name: file.name,
        mimeType: file.mimeType,
        buffer: Buffer.from(file.text, "latin1"),
      });
      await page.getByRole("button", { name: "Importer et rapprocher" }).click();
      await page.getByRole("heading", { name: "Revue du relevé" }).waitFor();
      // the transfer carrying the lease's reference is booked; the debit is never a receipt
      await expect.poll(() => page.getByTestId("matched").textContent()).not.toBe("0");
      const body = (await page.locator("main").textContent()) ?? "";
      expect(body, file.name).toContain(file.format);
      expect(body, file.name).toContain("Débit : une sortie d'argent n'est pas un loyer");
      expect(body, file.name).toMatch(/\d{2}\/03\/2026/);
    }
    await page.screenshot({ path: `${screenshotDir}/bank-statement-ofx.png`, fullPage: true });
  });
});
