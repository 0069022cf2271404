import { afterAll, beforeAll, expect, it } from "vitest";
import { loginAs } from "./support/actions";
import { type BrowserSession, describeInBrowser, openBrowser } from "./support/browser";
import { useServer } from "./support/server";

const server = useServer();

describeInBrowser(
  "a tenancy on the demo: entry état des lieux → notice → exit compared → deposit returned",
  () => {
    let browser: BrowserSession;
    beforeAll(async () => {
      browser = await openBrowser(server.current.baseUrl);
    });
    afterAll(async () => {
      await browser?.close();
    });

    it("the officer walks a sub-lease from its entry inspection to the deposit's return", async () => {
      const { page } = browser;
      await loginAs(page, server.current.baseUrl, "gestion@demo.fr");
      const leaseId = await page.evaluate(async () => {
        const leases = (await (await fetch("/api/leases?status=signed&limit=500")).json()).items as {
          id: string;
          kind: string;
          furnished: boolean;
        }[];
        return leases.find((l) => l.kind === "sublease" && !l.furnished)!.id;
      });
      await page.goto(`${server.current.baseUrl}/baux/${leaseId}`);

      // entry (loi 89-462 art. 3-2): the grid, meters, keys, signed by both
      const entry = page.getByRole("form", { name: "État des lieux d'entrée" });
      await entry.waitFor();
      await entry.getByLabel("Électricité (index)").fill("12000");
      await entry.getByRole("button", { name: "Enregistrer l'état des lieux d'entrée" }).click();
      await expect.poll(() => entry.locator(".form-alert").textContent()).toContain("contradictoirement");
      await entry.getByLabel("Signé par le locataire").check();
      await entry.getByLabel("Signé par le bailleur").check();
      await entry.getByRole("button", { name: "Enregistrer l'état des lieux d'entrée" }).click();
      await page.locator('[data-inspection="entry"]').waitFor();
      await page.locator('[data-document="inspection_report"]').waitFor();

      // a tenant's notice with a one-month reason (RSA, justified)
      const notice = page.getByRole("form", { name: "Enregistrer un congé" });
      await notice.getByLabel("Motif de préavis réduit invoqué").selectOption("rsa_or_aah");
      await notice.getByLabel("Justificatif reçu avec la lettre").check();
      await notice.getByRole("button", { name: "Enregistrer le congé" }).click();
      await page.getByTestId("notice-summary").waitFor();
      expect(await page.getByTestId("notice-summary").textContent()).toContain("préavis de 1 mois");

      // exit on the same grid: the living-room floor is damaged, a key is missing
      const exit = page.getByRole("form", { name: "État des lieux de sortie" });
      await exit.waitFor();
      await exit.getByLabel("État : Séjour — Sol").selectOption("poor");
      await exit.getByLabel("Électricité (index)").fill("14500");
      await exit.getByLabel("Clés : Porte d'entrée").fill("1");
      await exit.getByLabel("Clés : Boîte aux lettres").fill("1");
      await exit
        .getByLabel("Nouvelle adresse du locataire (pour le dépôt de garantie)")
        .fill("3 rue Neuve, 21000 Dijon");
      await exit.getByLabel("Signé par le locataire").check();
      await exit.getByLabel("Signé par le bailleur").check();
      await exit.getByRole("button", { name: "Enregistrer l'état des lieux de sortie" }).click();
      await page.getByTestId("inspection-comparison").waitFor();
      expect(await page.getByTestId("inspection-comparison").textContent()).toContain("La sortie diffère");
      expect(await page.getByTestId("deposit-status").textContent()).toContain(
        "Restitution due au plus tard le",
      );

      // the deposit: a justified repair, returned on time, no penalty
      const deposit = page.getByRole("form", { name: "Restitution du dépôt de garantie" });
      await deposit.getByLabel("Retenue 1 : nature").selectOption("damage");
      await deposit.getByLabel("Retenue 1 : objet").fill("Sol du séjour");
      await deposit.getByLabel("Retenue 1 : montant (€)").fill("80");
      await deposit.getByLabel("Retenue 1 : justificatif").fill("facture n° 42");
      await page.screenshot({ path: "test-results/e2e/tenancy-walk-deposit.png", fullPage: true });
      await deposit.getByRole("button", { name: "Enregistrer la restitution" }).click();
      await expect.poll(() => page.getByTestId("deposit-status").textContent()).toContain("Restitué le");
      expect(await page.getByTestId("deposit-status").textContent()).not.toContain("majoration");
      await page.locator('[data-document="deposit_return"]').waitFor();
      const documents = await page
        .locator("[data-document]")
        .evaluateAll((links) => links.map((link) => link.getAttribute("data-document")));
      expect(documents).toEqual(
        expect.arrayContaining(["inspection_report", "tenant_notice_receipt", "deposit_return"]),
      );
      await page.screenshot({ path: "test-results/e2e/tenancy-walk.png", fullPage: true });
    });
  },
);
