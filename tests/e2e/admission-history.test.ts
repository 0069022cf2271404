import { expect, it } from "vitest";
import { describeInBrowser } from "./support/browser";
import { useServer } from "./support/server";
import { useBrowserAs } from "./support/signed-in";

const server = useServer();

describeInBrowser("a readmitted person's admissions, each with its own 8-week duty", () => {
  const browser = useBrowserAs(server, "gestion@demo.fr");

  it("the officer reads the earlier admission's exit and offer apart from the new day 1", async () => {
    const { page } = browser.current;
    const personId = await page.evaluate(async () => {
      const people = (await (await fetch("/api/persons?limit=200")).json()).items as { id: string }[];
      for (const { id } of people) {
        const person = await (await fetch(`/api/persons/${id}`)).json();
        if (person.admissions.length > 1) return id as string;
      }
      throw new Error("no readmitted person in the demo");
    });
    await page.goto(`${server.current.baseUrl}/personnes/${personId}`);
    const history = page.locator("details.admission-history");
    await history.waitFor();
    expect(await history.locator("summary").textContent()).toBe("Historique des admissions (2)");
    const rows = history.locator("tbody tr");
    expect(await rows.count()).toBe(2);
    const current = await rows.nth(0).textContent();
    const earlier = await rows.nth(1).textContent();
    expect(current).toContain("Réadmission n° 1");
    expect(current).toContain("En cours");
    // the new admission has no offer of its own: the earlier one's does not count
    expect(current).toMatch(/Aucune/);
    expect(earlier).toContain("Première admission");
    expect(earlier).toMatch(/Sortie le \d\d\/\d\d\/\d{4} \(départ du territoire\)/);
    expect(earlier).toMatch(/Le \d\d\/\d\d\/\d{4}, après \d+ j/);

    await page.goto(`${server.current.baseUrl}/personnes/${personId}/situation`);
    await page.getByRole("heading", { name: "Historique des admissions" }).waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
    await page.screenshot({ path: "test-results/e2e/admission-history-390.png", fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
