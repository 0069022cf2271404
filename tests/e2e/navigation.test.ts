import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "../../db/seed/demo-accounts";
import { loginAs, logout, navigationLabels } from "./support/actions";
import {
  type BrowserSession,
  describeInBrowser,
  type MapWindow,
  openBrowser,
  waitForMap,
} from "./support/browser";
import { useServer } from "./support/server";

const server = useServer();

/** What each role must see in the main navigation (permissions of server/modules/auth/permissions.ts). */
const expectedNavigation: Record<string, string[]> = {
  admin: ["Carte du parc", "Personnes et propositions", "Parc de logements", "Baux et documents", "Finances"],
  housing_officer: ["Carte du parc", "Personnes et propositions", "Parc de logements", "Baux et documents"],
  finance: ["Carte du parc", "Baux et documents", "Finances"],
  landlord: ["Mon espace propriétaire"],
};

describeInBrowser("the shell in a real browser: login, navigation by role, the map", () => {
  let browser: BrowserSession;
  beforeAll(async () => {
    browser = await openBrowser(server.current.baseUrl);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("validates the login form with the API's schema and shows the server's refusal", async () => {
    const { page } = browser;
    await page.goto(`${server.current.baseUrl}/`);
    await page.getByLabel("Adresse électronique").fill("pas-une-adresse");
    await page.getByRole("button", { name: "Se connecter" }).click();
    const emailField = page.locator('[data-field="email"]');
    await expect
      .poll(() => emailField.locator(".field-error").textContent())
      .toBe("Adresse électronique invalide");
    expect(await page.getByLabel("Adresse électronique").getAttribute("aria-invalid")).toBe("true");

    await page.getByLabel("Adresse électronique").fill("gestion@demo.fr");
    await page.getByLabel("Mot de passe").fill("mauvais-mot-de-passe");
    await page.getByRole("button", { name: "Se connecter" }).click();
    const alert = page.locator(".form-alert");
    await alert.waitFor({ state: "visible" });
    expect((await alert.textContent())?.length).toBeGreaterThan(5);
    await browser.screenshot("login-refused");
  });

  for (const account of DEMO_ACCOUNTS) {
    it(`${account.email} (${account.role}) sees the navigation of the role`, async () => {
      const { page } = browser;
      await loginAs(page, server.current.baseUrl, account.email);
      expect(await navigationLabels(page)).toEqual(expectedNavigation[account.role]);
      await expect.poll(() => page.locator(".who-name").textContent()).toBe(account.fullName);
      await browser.screenshot(`home-${account.role}`);
      await logout(page);
    });
  }

  it("a landlord cannot reach officer pages (the page is refused, the menu does not offer it)", async () => {
    const { page } = browser;
    await loginAs(page, server.current.baseUrl, "proprietaire@demo.fr");
    for (const path of ["/personnes", "/parc", "/carte", "/finances"]) {
      await page.goto(`${server.current.baseUrl}${path}`);
      await page.getByRole("heading", { level: 1, name: "Accès refusé" }).waitFor();
    }
    expect(await navigationLabels(page)).toEqual(["Mon espace propriétaire"]);
    await browser.screenshot("landlord-refused");
    await logout(page);
  });

  it("renders the map offline: style loaded, the app's layers drawn, no external request", async () => {
    const { page } = browser;
    await loginAs(page, server.current.baseUrl, "gestion@demo.fr");
    await page.getByRole("link", { name: "Carte du parc" }).click();
    await waitForMap(page);
    const state = await page.evaluate(() => {
      const map = (window as MapWindow).__map;
      return {
        styleLoaded: map.isStyleLoaded(),
        layers: map.getStyle().layers.map((layer: { id: string }) => layer.id),
        glyphs: map.getStyle().glyphs ?? null,
        sprite: map.getStyle().sprite ?? null,
        canvas: map.getCanvas().width > 0,
      };
    });
    expect(state.styleLoaded).toBe(true);
    expect(state.layers).toEqual(
      expect.arrayContaining(["background", "neighbourhoods-fill", "buildings", "units-clusters", "units"]),
    );
    expect(state.glyphs).toBeNull();
    expect(state.sprite).toBeNull();
    expect(state.canvas).toBe(true);
    await expect
      .poll(() => page.getByRole("complementary", { name: "Légende de la carte" }).isVisible())
      .toBe(true);
    await browser.screenshot("map-officer");
    expect(browser.externalRequests).toEqual([]);
  });
});
