import { expect, it } from "vitest";
import { describeInBrowser } from "./support/browser";
import { useServer } from "./support/server";
import { useBrowserAs } from "./support/signed-in";

const server = useServer();

describeInBrowser("finance: the IRL table warns when it is behind INSEE's publications", () => {
  const browser = useBrowserAs(server, "finance@demo.fr");

  it("the dashboard says which quarter is missing and leads to the entry form, which checks the value", async () => {
    const { page } = browser.current;
    await page.goto(`${server.current.baseUrl}/finances`);
    const warning = page.getByTestId("irl-lag");
    await warning.waitFor();
    // the demo runs on 23/11/2026: INSEE has published the T3 2026 index by then
    expect(await warning.textContent()).toContain("T3 2026");
    await warning.getByRole("link", { name: "Saisir les indices IRL" }).click();
    const form = page.getByRole("form", { name: "Saisir un indice IRL" });
    await form.waitFor();
    await form.getByLabel("Année").fill("2026");
    await form.getByLabel("Trimestre").selectOption("3");
    await form.getByLabel("Valeur de l'indice (ex. 146,68)").fill("cent");
    await form.getByLabel("Publié le").fill("2026-10-15");
    await form.getByRole("button", { name: "Enregistrer l'indice" }).click();
    await expect.poll(() => form.locator(".form-alert").textContent()).toContain("deux décimales");
    await page.screenshot({ path: "test-results/e2e/irl.png", fullPage: true });
  });
});
