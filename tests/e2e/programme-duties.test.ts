import { expect, it } from "vitest";
import { describeInBrowser, screenshotDir } from "./support/browser";
import { useServer } from "./support/server";
import { useBrowserAs } from "./support/signed-in";

const server = useServer();

type PersonRow = { id: string; status: string; entryDate: string | null };

describeInBrowser(
  "officer: the programme's duties on the demo — capacity, suspension, ARS, exit review",
  () => {
    const browser = useBrowserAs(server, "gestion@demo.fr");

    it("reads the capacity and suspensions cards of «Obligations du programme»", async () => {
      const { page } = browser.current;
      await page
        .getByRole("navigation", { name: "Navigation principale" })
        .getByRole("link", { name: "Obligations du programme" })
        .click();
      await page
        .getByRole("heading", { name: "Capacité et places à annoncer à la commission d'orientation" })
        .waitFor();
      await page.getByRole("heading", { name: "Suspensions et information de l'ARS" }).waitFor();
      const main = (await page.locator("main").textContent()) ?? "";
      expect(main).toContain("Capacité d'accompagnement");
      expect(main).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      await page.screenshot({ path: `${screenshotDir}/programme-duties.png`, fullPage: true });
    });

    it("suspends a housed person (never before day 1), re-enters her, and opens an exit review", async () => {
      const { page } = browser.current;
      const persons = await page.evaluate(async () => {
        const answer = await fetch("/api/persons?limit=200");
        return ((await answer.json()) as { items: PersonRow[] }).items;
      });
      const person = persons.find((p) => p.status === "housed" && p.entryDate);
      expect(person, "a housed demo person").toBeDefined();
      await page.goto(`${server.current.baseUrl}/personnes/${person!.id}/situation`);
      const form = page
        .locator("form")
        .filter({ has: page.getByRole("button", { name: "Enregistrer le changement" }) });
      await form.getByLabel("Changement").selectOption("suspend");
      const [y, m, d] = person!.entryDate!.split("-").map(Number);
      const dayBefore = new Date(Date.UTC(y!, m! - 1, d! - 1)).toISOString().slice(0, 10);
      await form.getByLabel("Date (suspension, réintégration, sortie)").fill(dayBefore);
      await form.getByRole("button", { name: "Enregistrer le changement" }).click();
      await expect.poll(() => form.getByRole("alert").textContent()).toContain("précède le jour 1");

      await form.getByLabel("Date (suspension, réintégration, sortie)").fill(server.current.clock.today());
      await form.getByRole("button", { name: "Enregistrer le changement" }).click();
      const reenter = page
        .locator("form")
        .filter({ has: page.getByRole("button", { name: "Enregistrer le changement" }) });
      await expect
        .poll(() => reenter.getByLabel("Changement").locator("option").allTextContents())
        .toContain("Réintégrer (droit de six mois)");
      await page.screenshot({ path: `${screenshotDir}/programme-suspended.png`, fullPage: true });
      await reenter.getByLabel("Changement").selectOption("reenter");
      await reenter.getByLabel("Date (suspension, réintégration, sortie)").fill(server.current.clock.today());
      await reenter.getByRole("button", { name: "Enregistrer le changement" }).click();
      await expect
        .poll(() =>
          page.evaluate(async (id) => (await (await fetch(`/api/persons/${id}`)).json()).status, person!.id),
        )
        .toBe("housed");

      await page.getByRole("button", { name: "Ouvrir l'examen de sortie" }).click();
      await expect.poll(() => page.getByRole("button", { name: "Mettre à jour l'examen" }).count()).toBe(1);
    });
  },
);
