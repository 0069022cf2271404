import { expect, it } from "vitest";
import { describeInBrowser } from "./support/browser";
import { useServer } from "./support/server";
import { useBrowserAs } from "./support/signed-in";

const server = useServer();

type Status = { reviewRefusal: string | null; ledgerRefusal: { message: string } | null } | null;

describeInBrowser("sliding lease: it slides only when its reviews and the ledger allow it", () => {
  const browser = useBrowserAs(server, "gestion@demo.fr");

  /** The demo's running sliding sub-leases with what their slide needs. */
  async function slidingLeases() {
    return browser.current.page.evaluate(async () => {
      const list = (await (await fetch("/api/leases?status=signed&limit=500")).json()).items as {
        id: string;
        kind: string;
      }[];
      return Promise.all(
        list
          .filter((l) => l.kind === "sliding_sublease")
          .map(async (l) => ({
            id: l.id,
            glissement: (await (await fetch(`/api/leases/${l.id}`)).json()).glissement as Status,
          })),
      );
    });
  }

  it("the sub-tenant behind on rent cannot slide: the page says why and the slide is refused", async () => {
    const { page } = browser.current;
    const behind = (await slidingLeases()).find((l) => l.glissement?.ledgerRefusal);
    expect(behind).toBeDefined();
    await page.goto(`${server.current.baseUrl}/baux/${behind!.id}`);
    const status = page.getByTestId("glissement-status");
    await status.waitFor();
    expect(await status.getAttribute("data-allowed")).toBe("false");
    expect(await status.textContent()).toMatch(/Impayé de [\d\s]+,\d\d\s€/);
    const form = page.getByRole("form", { name: "Glissement du bail" });
    await form.getByRole("button", { name: "Faire glisser le bail" }).click();
    await expect.poll(() => form.locator(".form-alert").textContent()).toContain("Impayé de");
    await page.screenshot({ path: "test-results/e2e/sliding-refused.png", fullPage: true });
    // still a sliding sub-lease in force
    expect(await page.locator("[data-lease-status]").getAttribute("data-lease-status")).toBe("signed");
  });

  it("the one whose reviews are favourable and whose rent is paid slides into a direct lease", async () => {
    const { page } = browser.current;
    const ready = (await slidingLeases()).find(
      (l) => l.glissement && !l.glissement.ledgerRefusal && !l.glissement.reviewRefusal,
    );
    expect(ready).toBeDefined();
    await page.goto(`${server.current.baseUrl}/baux/${ready!.id}`);
    const status = page.getByTestId("glissement-status");
    await status.waitFor();
    expect(await status.getAttribute("data-allowed")).toBe("true");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: "test-results/e2e/sliding-ready-390.png", fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
    const form = page.getByRole("form", { name: "Glissement du bail" });
    await form.getByRole("button", { name: "Faire glisser le bail" }).click();
    await page.waitForURL((url) => url.pathname !== `/baux/${ready!.id}`);
    await expect.poll(() => page.locator("h1").textContent()).toContain("Bail direct");
    await page.locator('[data-document="glissement_amendment"]').waitFor();
    await page.screenshot({ path: "test-results/e2e/sliding-slid.png", fullPage: true });
  });
});
