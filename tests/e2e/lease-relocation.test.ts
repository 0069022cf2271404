import { expect, it } from "vitest";
import { describeInBrowser, screenshotDir } from "./support/browser";
import { useServer } from "./support/server";
import { useBrowserAs } from "./support/signed-in";

const server = useServer();

describeInBrowser("officer: a running tenancy — payment terms changed, relocation to another flat", () => {
  const browser = useBrowserAs(server, "gestion@demo.fr");

  it("calls the rent every fortnight from the next month, as the person decided", async () => {
    const { page } = browser.current;
    const [lease] = await server.current.database.query<{ id: string }>(
      `select id from leases where kind = 'sublease' and status = 'signed' and person_id is not null
         and payment_frequency = 'monthly' order by start_date desc, id limit 1`,
    );
    await page.goto(`${server.current.baseUrl}/baux/${lease!.id}`);
    const form = page.getByRole("form", { name: "Rythme des loyers" });
    await form.getByRole("combobox", { name: /^Appeler le loyer/ }).selectOption("fortnightly");
    await form.getByRole("button", { name: "Changer le rythme" }).click();
    await expect
      .poll(() => page.getByTestId("payment-terms").textContent())
      .toMatch(/^Loyer appelé tous les 15 jours/);
    await expect
      .poll(() => page.locator("#status").textContent())
      .toMatch(/à partir du \d{2}\/\d{2}\/\d{4} : avenant produit\./);
    const [stored] = await server.current.database.query<{ payment_frequency: string }>(
      "select payment_frequency from leases where id = $1",
      [lease!.id],
    );
    expect(stored!.payment_frequency).toBe("fortnightly");
  });

  it("ends the current contract the day before and opens the draft contract on the chosen flat", async () => {
    const { page } = browser.current;
    const [lease] = await server.current.database.query<{ id: string; unit_id: string }>(
      `select id, unit_id from leases where kind = 'sublease' and status = 'signed' and person_id is not null
        order by start_date, id limit 1`,
    );
    await page.goto(`${server.current.baseUrl}/baux/${lease!.id}`);
    const form = page.getByRole("form", { name: "Relogement", exact: true });
    const flat = form.getByRole("combobox", { name: /^Nouveau logement/ });
    // the ranked candidates are computed for the person: the slowest read of the page
    await flat.waitFor({ timeout: 60_000 });
    const options = await flat.locator("option").allTextContents();
    expect(options.length).toBeGreaterThan(0);
    // each flat is described in French: address, typology, rent with charges, effort rate
    expect(options[0]).toMatch(/ — .+, .+\s€ charges comprises, taux d.effort .+\s%$/);
    await form.getByLabel("Date d'entrée dans le nouveau logement").fill("2026-12-15");
    await form.screenshot({ path: `${screenshotDir}/lease-relocation.png` });
    await form.getByRole("button", { name: "Préparer le relogement" }).click();

    await page.waitForURL((url) => url.pathname.startsWith("/baux/") && !url.pathname.endsWith(lease!.id));
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toMatch(/du 15\/12\/2026$/);
    expect(await page.locator("[data-lease-status]").getAttribute("data-lease-status")).toBe("draft");
    const [ended] = await server.current.database.query<{ status: string; ended_on: string }>(
      "select status, ended_on::text from leases where id = $1",
      [lease!.id],
    );
    expect(ended).toEqual({ status: "ended", ended_on: "2026-12-14" });
  });
});
