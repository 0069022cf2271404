import { afterAll, beforeAll, expect, it } from "vitest";
import { loginAs } from "./support/actions";
import { type BrowserSession, describeInBrowser, openBrowser } from "./support/browser";
import { useServer } from "./support/server";

const server = useServer();

describeInBrowser("leases: a tenant's notice with a one-month reason, the zone tendue list", () => {
  let browser: BrowserSession;
  beforeAll(async () => {
    browser = await openBrowser(server.current.baseUrl);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("the officer records a justified RSA notice: one month, the letter produced", async () => {
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
    const form = page.getByRole("form", { name: "Enregistrer un congé" });
    await form.waitFor();
    await form.getByLabel("Lettre reçue le").fill("2026-11-23");
    await expect.poll(() => page.getByTestId("notice-preview").textContent()).toContain("3 mois");
    await form.getByLabel("Motif de préavis réduit invoqué").selectOption("rsa_or_aah");
    // stated but not yet justified: still three months, and the screen says why
    await expect
      .poll(() => page.getByTestId("notice-preview").textContent())
      .toContain("Sans justificatif reçu avec la lettre");
    await form.getByLabel("Justificatif reçu avec la lettre").check();
    await expect
      .poll(() => page.getByTestId("notice-preview").textContent())
      .toContain("Préavis de 1 mois (motif justifié), fin au plus tôt le 23/12/2026");
    await page.screenshot({ path: "test-results/e2e/lease-notice-form.png", fullPage: true });
    await form.getByRole("button", { name: "Enregistrer le congé" }).click();
    await page.getByTestId("notice-summary").waitFor();
    expect(await page.getByTestId("notice-summary").textContent()).toContain("fin le 23/12/2026");
    await page.locator('[data-document="tenant_notice_receipt"]').waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: "test-results/e2e/lease-notice-390.png", fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("the admin enters the zone tendue communes with their source; a wrong INSEE code is refused", async () => {
    const { page } = browser;
    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await loginAs(page, server.current.baseUrl, "admin@demo.fr");
    await page.goto(`${server.current.baseUrl}/baux/zone-tendue`);
    const form = page.getByRole("form", { name: "Liste des communes en zone tendue" });
    await form.waitFor();
    await form
      .getByLabel("Texte recopié et date de sa version")
      .fill("Annexe du décret n° 2013-392 du 10 mai 2013 modifié, version du 22/12/2024");
    await form.getByLabel("Communes (une par ligne : code INSEE ; nom)").fill("2123 ; Dijon");
    await form.getByRole("button", { name: "Enregistrer la liste" }).click();
    await expect.poll(() => form.locator(".form-alert").textContent()).toContain("corriger");
    await form.getByLabel("Communes (une par ligne : code INSEE ; nom)").fill("21231 ; Dijon");
    await form.getByRole("button", { name: "Enregistrer la liste" }).click();
    await expect.poll(() => page.getByTestId("tight-market-count").textContent()).toContain("1 commune(s)");
    await page.screenshot({ path: "test-results/e2e/tight-market.png", fullPage: true });
  });
  it("a demo tenant leaving without an entry inspection: the exit is recorded, the deposit returned whole", async () => {
    // the officer in a browser of their own (the test before signs in as the admin)
    const officer = await openBrowser(server.current.baseUrl);
    const { page } = officer;
    await loginAs(page, server.current.baseUrl, "gestion@demo.fr");
    const [lease] = await server.current.database.query<{
      id: string;
      notice_given_on: string;
      end_date: string;
    }>(
      `select l.id, l.notice_given_on::text, l.end_date::text from leases l
        where l.status = 'notice_given' and l.kind <> 'head_lease' and l.deposit_cents > 0
          and l.notice_given_on < '2026-11-23' 
          and not exists (select 1 from lease_inspections i where i.lease_id = l.id)
        order by l.id limit 1`,
    );
    expect(lease).toBeDefined();
    await page.goto(`${server.current.baseUrl}/baux/${lease!.id}`);
    // the notice ends the lease at its period's end, not at the lease's term
    await expect
      .poll(() => page.getByTestId("notice-summary").textContent())
      .toContain(`fin le ${lease!.end_date.split("-").reverse().join("/")}`);
    await page.getByTestId("no-entry-inspection").waitFor();
    const exit = page.getByRole("form", { name: "État des lieux de sortie" });
    await exit.getByLabel("Date de la sortie et de la remise des clés").fill("2026-11-23");
    await exit.getByLabel("Signé par le locataire").check();
    await exit.getByLabel("Signé par le bailleur").check();
    await exit.getByRole("button", { name: "Enregistrer l'état des lieux de sortie" }).click();
    const deposit = page.getByRole("form", { name: "Restitution du dépôt de garantie" });
    await deposit.waitFor();
    expect(await page.getByTestId("deposit-status").textContent()).toContain(
      "Restitution due au plus tard le 23/12/2026",
    );
    await deposit.getByRole("button", { name: "Enregistrer la restitution" }).click();
    await expect.poll(() => page.getByTestId("deposit-status").textContent()).toContain("Restitué le");
    await officer.close();
  });
});
