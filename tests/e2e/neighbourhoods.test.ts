import { expect, it } from "vitest";
import { describeInBrowser, screenshotDir } from "./support/browser";
import { useServer } from "./support/server";
import { useBrowserAs } from "./support/signed-in";

const server = useServer();

describeInBrowser("officer: the neighbourhoods the 20 % share counts in", () => {
  const browser = useBrowserAs(server, "gestion@demo.fr");

  it("renames a neighbourhood, flags it QPV, and deletes another whose buildings are reassigned", async () => {
    const { page } = browser.current;
    await page.goto(`${server.current.baseUrl}/carte`);
    await page.getByRole("link", { name: "Quartiers", exact: true }).click();
    const list = page.getByRole("table", { name: "Quartiers du site" });
    await list.waitFor();
    const rows = list.getByRole("row");
    expect(await rows.count()).toBeGreaterThan(2);

    const first = rows.nth(1);
    const firstName = (await first.getByRole("cell").nth(1).textContent())!;
    await first.getByText("Modifier ou supprimer…").click();
    const form = first.getByRole("form", { name: `Modifier le quartier ${firstName}` });
    await form.getByLabel("Nom").fill(`${firstName} (IRIS)`);
    await form.getByLabel(/Quartier prioritaire/).check();
    await form.getByRole("button", { name: "Enregistrer" }).click();
    const renamed = list.getByRole("row").filter({ hasText: `${firstName} (IRIS)` });
    await expect.poll(() => renamed.getByRole("cell").nth(2).textContent()).toBe("oui");

    const [counted] = await server.current.database.query<{ total: number }>(
      "select count(*)::int as total from buildings",
    );
    const last = list.getByRole("row").last();
    const lastName = (await last.getByRole("cell").nth(1).textContent())!;
    await last.getByText("Modifier ou supprimer…").click();
    page.once("dialog", (dialog) => {
      expect(dialog.message()).toContain(`Supprimer « ${lastName} »`);
      void dialog.accept();
    });
    await last.getByRole("button", { name: "Supprimer le quartier" }).click();
    await expect.poll(() => list.getByRole("row").filter({ hasText: lastName }).count()).toBe(0);
    const [after] = await server.current.database.query<{ gone: number; still: number }>(
      `select (select count(*)::int from neighbourhoods where name = $1) as gone,
              (select count(*)::int from buildings) as still`,
      [lastName],
    );
    expect(after).toEqual({ gone: 0, still: counted!.total });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${screenshotDir}/neighbourhoods-390.png`, fullPage: true });
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1360, height: 900 });
  });
});
