import { expect, it } from "vitest";
import { describeInBrowser, screenshotDir } from "./support/browser";
import { useServer } from "./support/server";
import { useBrowserAs } from "./support/signed-in";

const server = useServer();

describeInBrowser("finance: a tenant's SEPA mandate and the month's direct debits", () => {
  const browser = useBrowserAs(server, "finance@demo.fr");

  it("records the mandate on the tenant's account, then prepares the month's pain.008 file", async () => {
    const { page } = browser.current;
    const [row] = await server.current.database.query<{ id: string }>(
      `select l.id from leases l where l.kind in ('sublease','sliding_sublease','direct_lease')
         and l.status = 'signed'
         and exists (select 1 from rent_calls c where c.lease_id = l.id and c.period_start >= '2026-11-01' and c.tenant_part_cents > 0)
         and not exists (select 1 from tenant_debit_mandates m where m.lease_id = l.id)
       order by l.start_date, l.id limit 1`,
    );
    await page.goto(`${server.current.baseUrl}/finances/baux/${row!.id}`);
    const form = page.getByRole("form", { name: "Mandat de prélèvement SEPA" });
    await form.getByLabel("Mandat signé le").fill("2026-11-02");
    await form.getByLabel("IBAN du compte à débiter").fill("FR14 2004 1010 0505 0001 3M02 606");
    await form.getByLabel("BIC").fill("PSSTFRPPDIJ");
    await form.getByRole("button", { name: "Enregistrer le mandat" }).click();
    const mandate = page.getByTestId("debit-mandate");
    await expect.poll(() => mandate.textContent()).toContain("premier prélèvement (FRST)");
    expect(await mandate.textContent()).toContain("FR14 •••• •••• 2606");
    expect(await mandate.textContent()).toContain("02/11/2026");
    await page.screenshot({ path: `${screenshotDir}/direct-debit-mandate.png`, fullPage: true });

    await page.goto(`${server.current.baseUrl}/finances/mois`);
    const run = page.getByRole("form", { name: "Prélèvements du mois" });
    await run.getByLabel("Mois appelé").fill("2026-11");
    await run.getByLabel("Prélevé le").fill("2026-11-25");
    await run.getByRole("button", { name: "Préparer les prélèvements" }).click();
    const result = page.getByTestId("action-result").first();
    await expect.poll(() => result.textContent()).toMatch(/Novembre 2026 : \d+ prélèvement\(s\) pour .+€/);
    expect(await result.textContent()).toContain("1 premier(s)");
    const link = page.getByTestId("direct-debit-file");
    const response = await page.request.get(`${server.current.baseUrl}${await link.getAttribute("href")}`);
    expect(response.status()).toBe(200);
    const xml = await response.text();
    expect(xml).toContain("<SeqTp>FRST</SeqTp>");
    expect(xml).toContain("<SeqTp>RCUR</SeqTp>"); // the demo tenant debited since last month
    await page.screenshot({ path: `${screenshotDir}/direct-debit-month.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${screenshotDir}/direct-debit-month-390.png`, fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
