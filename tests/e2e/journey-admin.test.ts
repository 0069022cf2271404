import { afterAll, beforeAll, expect, it } from "vitest";
import { loginAs, logout } from "./support/actions";
import { type BrowserSession, describeInBrowser, openBrowser } from "./support/browser";
import { docsScreenshot } from "./support/screens";
import { useServer } from "./support/server";

const server = useServer();

describeInBrowser(
  "admin journeys: invite a user who sets a password and logs in; a parameter; the audit trail",
  () => {
    let browser: BrowserSession;
    beforeAll(async () => {
      browser = await openBrowser(server.current.baseUrl);
      await browser.page.setViewportSize({ width: 1280, height: 800 });
    });
    afterAll(async () => {
      await browser?.close();
    });

    it("invites an officer; the invitation link opens the set-password page; she logs in and lands on her work", async () => {
      const { page } = browser;
      await loginAs(page, server.current.baseUrl, "admin@demo.fr");
      await expect.poll(() => new URL(page.url()).pathname).toBe("/admin/utilisateurs");
      const form = page.getByRole("form", { name: "Inviter un utilisateur" });
      await form.getByLabel("Nom complet").fill("Noémie Nouvelle");
      await form.getByLabel("Adresse électronique").fill("noemie.nouvelle@demo.fr");
      await form.getByLabel("Rôle").selectOption("housing_officer");
      await form.getByRole("button", { name: "Inviter" }).click();
      const box = page.getByTestId("password-link");
      await box.waitFor();
      const url = new URL(await box.locator("input").inputValue());
      expect(url.pathname).toBe("/set-password");
      await expect.poll(() => page.getByRole("table").textContent()).toContain("Invitation en attente");
      await docsScreenshot(page, "admin-invite");
      await logout(page);

      await page.goto(`${server.current.baseUrl}${url.pathname}${url.hash}`);
      await page.getByRole("heading", { name: "Choisir mon mot de passe" }).waitFor();
      await page.getByLabel("Nouveau mot de passe").fill("une longue phrase de passe");
      await page.getByLabel("Confirmez le mot de passe").fill("une longue phrase de pase");
      await page.getByRole("button", { name: "Enregistrer mon mot de passe" }).click();
      await expect
        .poll(() => page.locator('[data-field="confirmation"] .field-error').textContent())
        .toBe("Les deux mots de passe ne sont pas identiques");
      await page.getByLabel("Confirmez le mot de passe").fill("une longue phrase de passe");
      await docsScreenshot(page, "set-password");
      await page.getByRole("button", { name: "Enregistrer mon mot de passe" }).click();
      await page.getByText("Mot de passe enregistré").waitFor();
      await loginAs(page, server.current.baseUrl, "noemie.nouvelle@demo.fr", "une longue phrase de passe");
      await expect.poll(() => new URL(page.url()).pathname).toBe("/personnes");
      await expect.poll(() => page.locator(".who-name").textContent()).toBe("Noémie Nouvelle");
      // the link was single-use
      await logout(page);
      await page.goto(`${server.current.baseUrl}${url.pathname}${url.hash}`);
      await page.getByLabel("Nouveau mot de passe").fill("une autre phrase de passe");
      await page.getByLabel("Confirmez le mot de passe").fill("une autre phrase de passe");
      await page.getByRole("button", { name: "Enregistrer mon mot de passe" }).click();
      await page.locator(".form-alert").waitFor({ state: "visible" });
    });

    it("changes a programme parameter, in French units, and reads it back", async () => {
      const { page } = browser;
      await loginAs(page, server.current.baseUrl, "admin@demo.fr");
      await page.getByRole("link", { name: "Paramètres du programme" }).click();
      const form = page.getByRole("form", { name: "Paramètres du programme" });
      await form.getByLabel("Expiration d'une proposition sans décision (jours)").fill("45");
      await form.getByLabel("Taux d'effort maximal (% des ressources)").fill("27,5");
      await form.getByRole("button", { name: "Enregistrer les paramètres" }).click();
      await expect
        .poll(() => page.locator("#page > p").first().textContent())
        .toContain("Taux d'effort maximal actuel : 27,5 %");
      await page.reload();
      await expect
        .poll(() => page.getByLabel("Expiration d'une proposition sans décision (jours)").inputValue())
        .toBe("45");
      await docsScreenshot(page, "admin-parameters");
    });

    it("reads the audit trail: the invitation and the change of parameters, in words", async () => {
      const { page } = browser;
      await page.getByRole("link", { name: "Journal d'audit" }).click();
      const table = page.getByRole("table", { name: "Journal d'audit" });
      await table.waitFor();
      await expect.poll(() => table.textContent()).toContain("Paramètres modifiés");
      expect(await table.textContent()).toContain("Alice Administratrice");
      await page.getByLabel("Objet").selectOption("user");
      await page.getByRole("button", { name: "Filtrer" }).click();
      await expect
        .poll(() => page.getByRole("table", { name: "Journal d'audit" }).textContent())
        .toContain("Utilisateur invité");
      await docsScreenshot(page, "admin-audit");
      expect(browser.externalRequests).toEqual([]);
    });
  },
);
