import { expect, it } from "vitest";
import { loginAs } from "./support/actions";
import { describeInBrowser } from "./support/browser";
import { useServer } from "./support/server";
import { useBrowserAs } from "./support/signed-in";

const server = useServer();
/** French typography puts no-break spaces in amounts ("290,34\u202f€"): compare on plain spaces. */
const plain = (text: string | null) => (text ?? "").replace(/[\u00a0\u202f]/g, " ");

describeInBrowser("the housing benefit estimated per flat, and its barème", () => {
  const browser = useBrowserAs(server, "gestion@demo.fr");

  it("the officer sees each flat's estimated benefit on the proposal, then records the CAF's notification", async () => {
    const { page } = browser.current;
    const personId = await page.evaluate(async () => {
      const people = (await (await fetch("/api/persons?status=waiting&limit=100")).json()).items as {
        id: string;
      }[];
      for (const { id } of people) {
        const person = await (await fetch(`/api/persons/${id}`)).json();
        if (person.housingBenefitBasis === "estimate") return id as string;
      }
      throw new Error("no waiting person without a CAF notification in the demo");
    });
    await page.goto(`${server.current.baseUrl}/personnes/${personId}`);
    await page.getByTestId("person-benefit").waitFor();
    expect(await page.getByTestId("person-benefit").textContent()).toContain("estimation du barème");
    const estimates = page.locator('[data-benefit-basis="estimate"]');
    await estimates.first().waitFor();
    const texts = await estimates.allTextContents();
    expect(texts.length).toBeGreaterThan(2);
    for (const text of texts) expect(text).toMatch(/^\d[\d\s\u202f]*,\d\d\s€ \(estimation\)$/);
    await page.screenshot({ path: "test-results/e2e/housing-benefit-proposal.png", fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: "test-results/e2e/housing-benefit-proposal-390.png", fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.getByText("Droits APL ouverts : saisir la notification CAF").click();
    const form = page.getByRole("form", { name: "Droits APL ouverts" });
    await form.getByLabel("Date d'ouverture des droits").fill("2026-11-20");
    await form.getByLabel("Montant mensuel notifié").fill("245,50");
    await form.getByRole("button", { name: "Enregistrer la notification" }).click();
    await expect
      .poll(async () => plain(await page.getByTestId("person-benefit").textContent()))
      .toContain("245,50 € (notification CAF, droits ouverts le 20/11/2026");
    await page.locator('[data-benefit-basis="notified"]').first().waitFor();
    expect(await page.locator('[data-benefit-basis="estimate"]').count()).toBe(0);
  });

  it("the admin reads the barème with its sources and records a dated value", async () => {
    const { page } = browser.current;
    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await loginAs(page, server.current.baseUrl, "admin@demo.fr");
    await page.goto(`${server.current.baseUrl}/admin/bareme-aides-logement`);
    await page.getByTestId("scale-status").waitFor();
    expect(await page.getByTestId("scale-status").textContent()).toContain("Barème complet");
    const row = page.getByRole("row", { name: /Plafond de loyer, zone II, personne seule/ });
    expect(plain(await row.textContent())).toContain("290,34 €");
    expect(await row.textContent()).toContain("JORFTEXT000052212770");
    // the column shows the text's short name; the full reference opens under it
    expect(await row.locator("summary").textContent()).toMatch(/^Arrêté du \d{1,2} \p{L}+\.? \d{4}$/u);
    expect(await row.locator("summary").getAttribute("title")).toContain("JORFTEXT000052212770");

    const form = page.getByRole("form", { name: "Nouvelle valeur datée du barème" });
    await form.getByLabel("Paramètre").selectOption("charges.base");
    await form.getByLabel("En vigueur à partir du").fill("2026-10-01");
    await form.getByLabel(/^Valeur/).fill("61,20");
    await form
      .getByLabel("Texte dont vient la valeur")
      .fill("Arrêté de revalorisation au 1er octobre 2026, art. 9");
    await form.getByRole("button", { name: "Enregistrer la valeur" }).click();
    const charges = page.getByRole("row", { name: /Forfait charges, bénéficiaire isolé ou couple/ });
    await expect.poll(async () => plain(await charges.textContent())).toContain("61,20 €");
    expect(await charges.textContent()).toContain("Saisie de l'organisation");
    await page.screenshot({ path: "test-results/e2e/housing-benefit-scale.png", fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: "test-results/e2e/housing-benefit-scale-390.png", fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
