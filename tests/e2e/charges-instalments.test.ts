import { expect, it } from "vitest";
import { loginAs } from "./support/actions";
import { describeInBrowser } from "./support/browser";
import { useServer } from "./support/server";
import { useBrowserAs } from "./support/signed-in";

const server = useServer();

describeInBrowser(
  "finance: a charges regularisation claimed late, paid in twelve instalments (loi 89-462 art. 23)",
  () => {
    const browser = useBrowserAs(server, "finance@demo.fr");

    it("enters last period's charges late, sends the décompte, confirms in twelve instalments: a plan on the tenant account", async () => {
      const { page } = browser.current;
      // a demo tenant in the flat since before December 2024's period, in a building without a statement
      const [home] = await server.current.database.query<{ lease_id: string; building_id: string }>(
        `select l.id as lease_id, u.building_id from leases l
         join units u on u.id = l.unit_id and u.organisation_id = l.organisation_id
        where l.kind in ('sublease', 'sliding_sublease') and l.status = 'signed' and l.start_date <= date '2025-06-01'
          and not exists (select 1 from charge_statements s where s.building_id = u.building_id)
        order by l.start_date, l.id limit 1`,
      );
      expect(home).toBeDefined();
      await page.goto(`${server.current.baseUrl}/finances/charges`);
      const form = page.getByRole("form", { name: "Saisir les charges réelles d'un immeuble" });
      await form.locator('select[name="buildingId"]').selectOption(home!.building_id);
      // December 2024 to November 2025: the year following 2024 ended on 31/12/2025, so a claim now is late
      await form.locator('input[name="periodStart"]').fill("2024-12-01");
      await form.locator('input[name="periodEnd"]').fill("2025-11-30");
      await form.getByLabel("Ascenseur et monte-charge (annexe I) (€)").fill("900");
      await form.getByRole("button", { name: "Enregistrer les charges" }).click();
      await page.waitForURL(/\/finances\/charges\/[0-9a-f-]+$/);
      const card = page.locator(`[data-testid="regularisation"][data-lease="${home!.lease_id}"]`);
      await card.waitFor();
      expect(await card.textContent()).toContain("douze mensualités");
      await page.getByRole("button", { name: "Envoyer les décomptes aux locataires" }).click();
      await expect.poll(() => card.textContent()).toContain("Décompte envoyé le");

      // a month later the balance may be claimed
      server.current.clock.set("2026-12-24T10:00:00+01:00");
      const statementUrl = page.url();
      await page.context().clearCookies();
      await loginAs(page, server.current.baseUrl, "finance@demo.fr");
      await page.goto(statementUrl);
      await card.waitFor();
      await card.getByLabel("Le locataire demande à payer en douze mensualités (loi 89-462 art. 23)").check();
      // the provision stays as it is
      await card.locator('input[name="provisionFrom"]').fill("");
      await card.getByRole("button", { name: "Confirmer la régularisation" }).click();
      await expect.poll(() => card.textContent()).toContain("douze mensualités à partir du 01/01/2027");
      await card.getByRole("link", { name: "Compte du locataire : les douze échéances du plan" }).click();

      const plan = page.getByTestId("repayment-plan");
      await plan.waitFor();
      expect(await plan.textContent()).toContain("Régularisation des charges payée en 12 mensualités");
      const dueDates = page.getByRole("table", { name: "Échéances du plan" });
      expect(await dueDates.locator("tbody tr").count()).toBe(12);
      expect(await dueDates.locator("tbody tr").first().textContent()).toContain("01/01/2027");
      expect(await dueDates.locator("tbody tr").last().textContent()).toContain("01/12/2027");
      expect(await dueDates.textContent()).toContain("à venir");
      await page.screenshot({ path: "test-results/e2e/charges-instalments-plan-1280.png", fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: "test-results/e2e/charges-instalments-plan-390.png", fullPage: true });
    });
  },
);
