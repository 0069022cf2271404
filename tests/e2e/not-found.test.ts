import { expect, it } from "vitest";
import { loginAs } from "./support/actions";
import { describeInBrowser, openBrowser } from "./support/browser";
import { useServer } from "./support/server";

const server = useServer();

describeInBrowser("an address that is no page", () => {
  it("answers 404 and shows the app's «page introuvable», in French", async () => {
    const browser = await openBrowser(server.current.baseUrl);
    try {
      await loginAs(browser.page, server.current.baseUrl, "gestion@demo.fr");
      const response = await browser.page.goto(`${server.current.baseUrl}/personnes/a/b`);
      expect(response?.status()).toBe(404);
      await expect.poll(() => browser.page.locator("main").textContent()).toMatch(/introuvable/i);
    } finally {
      await browser.close();
    }
  });
});
