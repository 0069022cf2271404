import { expect, it } from "vitest";
import { describeInBrowser, screenshotDir } from "./support/browser";
import { useServer } from "./support/server";
import { useBrowserAs } from "./support/signed-in";

const server = useServer();

describeInBrowser("officer: a late action of the keeping register reaches the alerts inbox", () => {
  const browser = useBrowserAs(server, "gestion@demo.fr");

  it("shows the late action in Alertes, opens the register, and the alert goes once the action is done", async () => {
    const { page } = browser.current;
    await page
      .getByRole("navigation", { name: "Navigation principale" })
      .getByRole("link", { name: "Alertes" })
      .click();
    const late = page.locator('[data-alert-kind="tenancy_risk_overdue"]');
    await late.first().waitFor();
    const text = (await late.first().textContent()) ?? "";
    expect(text).toContain("Maintien dans le logement : action en retard");
    const action = /« (.+?) » prévue le (\d{2}\/\d{2}\/\d{4})/.exec(text);
    expect(action, text).not.toBeNull();
    await page.screenshot({ path: `${screenshotDir}/alerts-keeping.png` });

    await late.first().getByRole("link", { name: "Ouvrir le registre des risques" }).click();
    await page.getByRole("heading", { level: 1, name: "Maintien dans le logement" }).waitFor();
    const row = page.getByRole("row").filter({ hasText: action![1]! }).filter({ hasText: "En retard" });
    await row.getByRole("button", { name: "Faite" }).click();
    await expect.poll(() => row.count()).toBe(0);

    await page.goto(`${server.current.baseUrl}/alertes`);
    await page.locator("[data-alert-kind]").first().waitFor();
    await expect
      .poll(() => page.locator('[data-alert-kind="tenancy_risk_overdue"]').allTextContents())
      .not.toContainEqual(expect.stringContaining(`« ${action![1]} »`));
  });
  it("reports a risk only once everything is chosen, and a meeting's agenda lists the landlord's own flats", async () => {
    const { page } = browser.current;
    await page.goto(`${server.current.baseUrl}/maintien`);
    const form = page.getByRole("form", { name: "Signaler un risque locatif" });
    await form.waitFor();
    // nothing chosen in advance: the register refuses, in French, to guess
    expect(await form.getByLabel("Contrat (logement et personne)").inputValue()).toBe("");
    await form.getByRole("button", { name: "Enregistrer le risque" }).click();
    await expect.poll(async () => (await form.getByRole("alert").first().textContent()) ?? "").not.toBe("");
    const contract = form.getByLabel("Contrat (logement et personne)");
    await contract.selectOption({ index: 1 });
    await form.getByLabel("Risque").selectOption("neighbour_trouble");
    await form.getByLabel("Signalé par").selectOption("neighbour");
    await form
      .getByLabel("Faits constatés")
      .fill("Musique forte la nuit, deux plaintes du voisin du dessous");
    await form.getByRole("button", { name: "Enregistrer le risque" }).click();
    await expect.poll(() => page.locator("main").textContent()).toContain("Musique forte la nuit");

    // the meeting's agenda: only situations on the chosen landlord's flats
    const meeting = page.getByRole("form", { name: "Réunion avec un bailleur" });
    const landlord = meeting.locator('select[name="landlordId"]');
    const agendaOf = async () =>
      meeting
        .locator('select[name="riskIds"] option')
        .evaluateAll((options) => options.filter((o) => !(o as HTMLOptionElement).disabled).length);
    const counts = new Set<number>();
    for (const value of await landlord
      .locator("option")
      .evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value))) {
      await landlord.selectOption(value);
      counts.add(await agendaOf());
    }
    // some landlords have situations on their flats and some none: the list follows the choice
    expect(counts.size).toBeGreaterThan(1);
  });
});
