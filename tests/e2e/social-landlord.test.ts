import { expect, it } from "vitest";
import { loginAs } from "./support/actions";
import { describeInBrowser } from "./support/browser";
import { useServer } from "./support/server";
import { useBrowserAs } from "./support/signed-in";

const server = useServer();

/** A demo lease of a social landlord, read from the database: the browser then opens its page. */
async function socialLease(where: string): Promise<string> {
  const rows = await server.current.database.query<{ id: string }>(
    `select l.id from leases l join landlords d on d.id = l.landlord_id and d.organisation_id = l.organisation_id
      where d.kind = 'social_landlord' and ${where} order by l.start_date, l.id limit 1`,
  );
  expect(rows, where).toHaveLength(1);
  return rows[0]!.id;
}

describeInBrowser("a social landlord's lease: no term, the préfet informed, revised on 1 January", () => {
  const browser = useBrowserAs(server, "gestion@demo.fr");

  it("shows a direct lease without a term, and offers no lessor's notice at the term", async () => {
    const { page } = browser.current;
    const leaseId = await socialLease("l.kind = 'direct_lease' and l.status = 'signed'");
    await page.goto(`${server.current.baseUrl}/baux/${leaseId}`);
    const duration = page.getByTestId("lease-duration");
    await duration.waitFor();
    expect(await duration.textContent()).toContain("Bail sans durée déterminée (bailleur social)");
    const notice = page.getByRole("form", { name: "Enregistrer un congé" });
    const givenBy = notice.getByLabel("Congé donné par");
    expect(await givenBy.locator("option").allTextContents()).toEqual(["Le locataire"]);
    expect(await notice.textContent()).toContain("pas de congé du bailleur pour le terme");
    await page.screenshot({ path: "test-results/e2e/social-lease-1280.png", fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: "test-results/e2e/social-lease-390.png", fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("the demo's sliding lease on a social landlord's flat: the préfet informed, then it slides into a lease without a term", async () => {
    const { page } = browser.current;
    const leaseId = await socialLease(
      `l.kind = 'sliding_sublease' and l.status = 'signed'
       and l.sliding_target_date <= (date '2026-11-23' + 60)`,
    );
    await page.goto(`${server.current.baseUrl}/baux/${leaseId}`);
    const prefect = page.getByTestId("prefect-information");
    await prefect.waitFor();
    expect(await prefect.textContent()).toContain("informe le préfet");
    expect(await page.getByTestId("glissement-status").getAttribute("data-allowed")).toBe("true");
    const inform = page.getByRole("form", { name: "Information du préfet" });
    await inform.getByLabel("Lettre envoyée le").fill("2026-11-20");
    await inform.getByRole("button", { name: "Consigner l'information et produire la lettre" }).click();
    await expect.poll(() => prefect.getAttribute("data-state")).toBe("done");
    expect(await prefect.textContent()).toContain("Préfet informé le 20/11/2026");
    await page.locator('[data-document="prefect_information"]').waitFor();
    await page.screenshot({ path: "test-results/e2e/social-sliding-prefect.png", fullPage: true });

    const form = page.getByRole("form", { name: "Glissement du bail" });
    await form.getByRole("button", { name: "Faire glisser le bail" }).click();
    await page.waitForURL((url) => url.pathname !== `/baux/${leaseId}`);
    await expect.poll(() => page.locator("h1").textContent()).toContain("Bail direct");
    await expect
      .poll(() => page.getByTestId("lease-duration").textContent())
      .toContain("Bail sans durée déterminée (bailleur social)");
    await page.locator('[data-document="glissement_amendment"]').waitFor();
  });

  it("finance computes the revision of a social landlord's lease on 1 January", async () => {
    const { page } = browser.current;
    const leaseId = await socialLease(
      "l.kind = 'direct_lease' and l.status in ('signed', 'notice_given') and l.start_date < date '2026-01-01'",
    );
    await page.context().clearCookies();
    await loginAs(page, server.current.baseUrl, "finance@demo.fr");
    await page.goto(`${server.current.baseUrl}/finances/baux/${leaseId}`);
    await page.getByRole("button", { name: "Calculer la révision de l'année" }).click();
    const revisions = page.getByRole("table", { name: "Révisions du loyer" });
    await revisions.waitFor();
    expect(await revisions.textContent()).toContain("01/01/2026");
    expect(await revisions.textContent()).toContain("IRL 2e trimestre 2025");
    await page.screenshot({ path: "test-results/e2e/social-revision.png", fullPage: true });
  });
});
