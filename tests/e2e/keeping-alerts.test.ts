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
});
