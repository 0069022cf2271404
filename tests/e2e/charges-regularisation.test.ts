import { expect, it } from "vitest";
import { describeInBrowser } from "./support/browser";
import { useServer } from "./support/server";
import { useBrowserAs } from "./support/signed-in";

const server = useServer();

describeInBrowser("finance: the yearly charges regularisation of a building (loi 89-462 art. 23)", () => {
  const browser = useBrowserAs(server, "finance@demo.fr");

  it("previews each lease's share, sends the décomptes, refunds a credit at once and makes a sum owed wait a month", async () => {
    const { page } = browser.current;
    await page.goto(`${server.current.baseUrl}/finances`);
    await page.getByRole("link", { name: "régularisation des charges" }).click();
    // the demo's actual charges of the twelve months ending last month, not yet sent
    const statements = page.getByRole("table", { name: /relevé\(s\) de charges/ });
    await statements.waitFor();
    expect(await statements.textContent()).toContain("du 01/11/2025 au 31/10/2026");
    expect(await statements.textContent()).toContain("À envoyer");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: "test-results/e2e/charges-list-390.png", fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await statements.getByRole("link").first().click();

    const cards = page.getByTestId("regularisation");
    await cards.first().waitFor();
    expect(await cards.count()).toBeGreaterThan(1);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain(
      "du 01/11/2025 au 31/10/2026",
    );
    await page.getByRole("button", { name: "Envoyer les décomptes aux locataires" }).click();
    await expect
      .poll(() => page.getByRole("link", { name: "Décompte envoyé (PDF)" }).count())
      .toBe(await cards.count());
    await page.screenshot({ path: "test-results/e2e/charges-sent-1280.png", fullPage: false });

    // a credit is the tenant's money: confirmed at once, with the next provision
    const credit = cards.filter({ hasText: "à rembourser" }).first();
    await credit.getByRole("button", { name: "Confirmer la régularisation" }).click();
    await expect.poll(() => credit.innerText()).toMatch(/Confirmée le\s+23\/11\/2026/);
    expect(await credit.innerText()).toContain("à partir du 01/12/2026");

    // a sum owed is claimed one month after the décompte at the earliest
    const owed = page.getByTestId("regularisation").filter({ hasText: "dus par le locataire" }).first();
    await owed.getByRole("button", { name: "Confirmer la régularisation" }).click();
    await expect.poll(() => owed.locator(".form-alert").textContent()).toContain("à partir du 23/12/2026");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: "test-results/e2e/charges-owed-390.png", fullPage: false });
  });
});
