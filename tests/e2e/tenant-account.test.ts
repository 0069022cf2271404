import { expect, it } from "vitest";
import { describeInBrowser, screenshotDir } from "./support/browser";
import { useServer } from "./support/server";
import { useBrowserAs } from "./support/signed-in";

const server = useServer();

/** A demo tenancy, read from the database (the browser then reaches it as finance would). */
async function demoLease(where: string): Promise<string> {
  const rows = await server.current.database.query<{ id: string }>(
    `select l.id from leases l where l.kind in ('sublease','sliding_sublease','direct_lease')
       and l.status = 'signed' and ${where} order by l.start_date, l.id limit 1`,
  );
  expect(rows, where).toHaveLength(1);
  return rows[0]!.id;
}

/** The first amount «1 234,56 €» of a text, in euros (French digit groups and spaces included). */
const euros = (text: string | null) =>
  Number(
    (/(\d[\d\s\u00a0\u202f]*,\d{2})[\s\u00a0\u202f]*€/.exec(text ?? "")?.[1] ?? "")
      .replace(/[\s\u00a0\u202f]/g, "")
      .replace(",", "."),
  );

describeInBrowser("finance: corrections on a tenant's account (plan d'apurement, IRL, reversal)", () => {
  const browser = useBrowserAs(server, "finance@demo.fr");

  it("agrees a plan d'apurement with a tenant in arrears, and reverses a payment booked by mistake", async () => {
    const { page } = browser.current;
    // a tenant of the demo who owes rent and has paid at least once
    const leaseId = await demoLease(
      `exists (select 1 from ledger_transactions t where t.lease_id = l.id and t.kind = 'payment')
       and (select coalesce(sum(e.debit_cents - e.credit_cents), 0) from ledger_entries e
              join ledger_accounts a on a.id = e.account_id and a.organisation_id = e.organisation_id
             where e.lease_id = l.id and a.kind = 'tenant') > 10000`,
    );
    await page.goto(`${server.current.baseUrl}/finances/baux/${leaseId}`);
    const arrears = page.getByTestId("arrears-status");
    await expect.poll(() => arrears.textContent()).toMatch(/Dette de l'occupant : .+€/);
    const debt = euros(await arrears.textContent());
    expect(debt).toBeGreaterThan(100);

    const plan = page.getByRole("form", { name: "Plan d'apurement" });
    await plan.getByLabel("Première mensualité le").fill("2026-12-05");
    await plan.getByLabel("Nombre de mensualités").fill("3");
    const instalment = Math.floor(debt / 3);
    await plan.getByLabel("Montant de chaque mensualité").fill(`${instalment},00`);
    await plan.getByRole("button", { name: "Enregistrer le plan" }).click();
    await expect
      .poll(() => page.getByTestId("repayment-plan").textContent())
      .toContain("Plan d'apurement convenu le 23/11/2026");

    // a plan above the debt is refused in French, next to the form
    const again = page.getByRole("form", { name: "Plan d'apurement" });
    await again.getByLabel("Première mensualité le").fill("2026-12-05");
    await again.getByLabel("Nombre de mensualités").fill("3");
    await again.getByLabel("Montant de chaque mensualité").fill(`${Math.ceil(debt)},00`);
    await again.getByRole("button", { name: "Enregistrer le plan" }).click();
    await expect.poll(() => again.getByRole("alert").first().textContent()).toContain("dépassent la dette");

    // the last payment was booked by mistake: reverse it with its reason
    const balanceBefore = euros(await page.getByTestId("tenant-balance").textContent());
    await page.getByText(/^Écritures du compte \(\d+\)$/).click();
    const entries = page.getByRole("table", { name: "Écritures du bail au journal" });
    const payment = entries.getByRole("row").filter({ hasText: "Paiement du locataire" }).last();
    const paidText = await payment.getByRole("cell").nth(3).textContent();
    await payment.getByText("Contre-passer…").click();
    await payment.getByLabel("Motif de la correction").fill("virement saisi deux fois");
    await payment.getByRole("button", { name: "Contre-passer l'écriture" }).click();
    await expect
      .poll(async () => euros(await page.getByTestId("tenant-balance").textContent()))
      .toBeCloseTo(balanceBefore + euros(paidText), 2);
    await page.getByText(/^Écritures du compte \(\d+\)$/).click();
    const reversal = entries.getByRole("row").filter({ hasText: "Contre-passation" }).last();
    await expect.poll(() => reversal.textContent()).toContain("virement saisi deux fois");
    await page.screenshot({ path: `${screenshotDir}/tenant-account-corrections.png`, fullPage: true });
  });

  it("computes the yearly IRL revision of a lease over a year old, then notes its request", async () => {
    const { page } = browser.current;
    const leaseId = await demoLease(
      `l.irl_reference_quarter is not null and l.start_date <= '2025-11-01'
       and not exists (select 1 from rent_revisions r where r.lease_id = l.id)
       and exists (select 1 from units u where u.id = l.unit_id and u.energy_class not in ('F','G'))`,
    );
    await page.goto(`${server.current.baseUrl}/finances/baux/${leaseId}`);
    await page.getByRole("button", { name: "Calculer la révision de l'année" }).click();
    const revisions = page.getByRole("table", { name: "Révisions du loyer" });
    await revisions.waitFor();
    const row = revisions.getByRole("row").nth(1);
    await expect.poll(() => row.textContent()).toMatch(/IRL \de trimestre \d{4}/);
    expect(await row.textContent()).toContain("pas encore");

    const request = page.getByRole("form", { name: /Demande de la révision du/ });
    await request.getByLabel("Demandée au locataire le").fill("2026-11-20");
    await request.getByRole("button", { name: "Noter la demande" }).click();
    await expect.poll(() => revisions.getByRole("row").nth(1).textContent()).toContain("20/11/2026");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${screenshotDir}/tenant-account-revision-390.png`, fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 900 });
  });
  it("pays back a tenant who paid twice: the credit shows, its refund is capped, the account is square", async () => {
    const { page } = browser.current;
    // a demo tenant who owes nothing today
    const leaseId = await demoLease(
      `(select coalesce(sum(e.debit_cents - e.credit_cents), 0) from ledger_entries e
          join ledger_accounts a on a.id = e.account_id and a.organisation_id = e.organisation_id
         where e.lease_id = l.id and a.kind = 'tenant') = 0`,
    );
    await page.goto(`${server.current.baseUrl}/finances/baux/${leaseId}`);
    const balance = page.getByTestId("tenant-balance");
    // the text with its no-break spaces read as plain ones
    const spaced = async (text: Promise<string | null>) => (await text)?.replace(/\s+/g, " ");
    await expect.poll(() => spaced(balance.textContent())).toBe("0,00 €");
    // the same 50 € transfer keyed in twice by the tenant's bank
    const payment = page.getByRole("form", { name: "Paiement du locataire" });
    await payment.getByLabel("Montant").fill("50,00");
    await payment.getByRole("button", { name: "Enregistrer le paiement" }).click();
    await expect.poll(() => spaced(balance.textContent())).toBe("50,00 € d'avance");
    const credit = page.getByTestId("tenant-credit");
    expect(await spaced(credit.textContent())).toContain("50,00 €");
    const refund = page.getByRole("form", { name: "Remboursement du trop-perçu" });
    expect(await refund.getByLabel("Montant remboursé").inputValue()).toBe("50,00");
    // more than the credit is refused next to the amount, in French
    await refund.getByLabel("Montant remboursé").fill("80,00");
    await refund.getByRole("button", { name: "Enregistrer le remboursement" }).click();
    await expect
      .poll(() => spaced(refund.getByRole("alert").first().textContent()))
      .toContain("dépasse le trop-perçu du locataire (50,00 €)");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${screenshotDir}/tenant-account-refund-390.png`, fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 900 });
    await refund.getByLabel("Montant remboursé").fill("50,00");
    await refund.getByRole("button", { name: "Enregistrer le remboursement" }).click();
    await expect.poll(() => spaced(balance.textContent())).toBe("0,00 €");
    expect(await page.getByTestId("tenant-credit").count()).toBe(0);
    await page.getByText(/^Écritures du compte \(\d+\)$/).click();
    const entries = page.getByRole("table", { name: "Écritures du bail au journal" });
    await expect
      .poll(() => entries.getByRole("row").filter({ hasText: "Trop-perçu remboursé au locataire" }).count())
      .toBe(1);
  });
});
