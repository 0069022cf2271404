import { expect, it } from "vitest";
import { describeInBrowser, screenshotDir } from "./support/browser";
import { useServer } from "./support/server";
import { useBrowserAs } from "./support/signed-in";
import { join } from "node:path";

const server = useServer();

/** A call to the API from the page with the token alone (no cookie), as an integration would. */
function fetchWithToken(secret: string, path: string, withCookie = false) {
  return async (page: import("playwright-core").Page) =>
    page.evaluate(
      async ({ secret, path, withCookie }) => {
        const response = await fetch(path, {
          headers: { authorization: `Bearer ${secret}` },
          credentials: withCookie ? "same-origin" : "omit",
        });
        const body = (await response.json()) as { code?: string; items?: unknown[] };
        return { status: response.status, code: body.code, type: response.headers.get("content-type") };
      },
      { secret, path, withCookie },
    );
}

describeInBrowser("admin: an API token for the nightly bank import, created, used, revoked", () => {
  const browser = useBrowserAs(server, "admin@demo.fr");

  it("creates a token shown once, uses it against /api, then revokes it", async () => {
    const { page } = browser.current;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${server.current.baseUrl}/admin/jetons`);
    await page.getByRole("heading", { name: "Jetons d'API" }).waitFor();
    // the demo's own tokens: the bank import in use, an old export revoked
    const demoTable = page.getByRole("table");
    await expect.poll(() => demoTable.textContent()).toContain("Import bancaire de nuit");
    expect(await demoTable.textContent()).toContain("Révoqué le");

    const form = page.getByRole("form", { name: "Créer un jeton d'API" });
    await form.getByLabel("Nom du jeton").fill("Relevés de la Banque Populaire");
    await form.getByLabel("Lire la comptabilité locative").check();
    await form.getByRole("button", { name: "Créer le jeton" }).click();
    const secretBox = page.getByTestId("api-token-secret");
    await secretBox.waitFor();
    const secret = await secretBox.inputValue();
    expect(secret).toMatch(/^csd_[A-Za-z0-9_-]{43}$/);
    await expect
      .poll(() => page.getByRole("status").first().textContent())
      .toContain("ne sera plus jamais affiché");
    await page.screenshot({ path: join(screenshotDir, "api-tokens-created.png"), fullPage: true });

    const row = page.getByRole("row", { name: /Relevés de la Banque Populaire/ });
    expect(await row.textContent()).toContain("Jamais");
    expect(await row.textContent()).toContain("Lire la comptabilité locative");

    // the integration: the token alone, no cookie
    expect(await fetchWithToken(secret, "/api/ledger/arrears")(page)).toMatchObject({ status: 200 });
    const outOfScope = await fetchWithToken(secret, "/api/audit")(page);
    expect(outOfScope).toMatchObject({ status: 403, code: "FORBIDDEN" });
    expect(outOfScope.type).toContain("application/problem+json");
    // with the admin's session cookie as well: refused, the two would name different actors
    expect(await fetchWithToken(secret, "/api/ledger/arrears", true)(page)).toMatchObject({
      status: 400,
      code: "CREDENTIALS_AMBIGUOUS",
    });

    // shown once: after a reload the secret is nowhere on the page, the last use is
    await page.reload();
    await page.getByRole("heading", { name: "Jetons d'API" }).waitFor();
    await expect.poll(() => row.textContent()).toContain("23/11/2026");
    expect(await page.content()).not.toContain(secret);

    page.once("dialog", (dialog) => dialog.accept());
    await row.getByRole("button", { name: "Révoquer" }).click();
    await expect.poll(() => row.textContent()).toContain("Révoqué le 23/11/2026");
    expect(await fetchWithToken(secret, "/api/ledger/arrears")(page)).toMatchObject({
      status: 401,
      code: "API_TOKEN_REVOKED",
    });

    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(screenshotDir, "api-tokens-390.png"), fullPage: true });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);
  });
});
