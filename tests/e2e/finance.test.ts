import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { describeInBrowser } from "./support/browser";
import { useServer } from "./support/server";
import { useBrowserAs } from "./support/signed-in";

const server = useServer();

describeInBrowser(
  "finance: the dashboard with its charts, exports, the rent-call run, a tenant's account",
  () => {
    const browser = useBrowserAs(server, "finance@demo.fr");

    it("runs the month's rent calls, then the dashboard charts them and a tenant's account shows them", async () => {
      const { page } = browser.current;
      await page
        .getByRole("navigation", { name: "Navigation principale" })
        .getByRole("link", { name: "Finances" })
        .click();
      const run = page.getByRole("form", { name: "Appel des loyers" });
      // the demo history already holds this month's calls: call the coming month, as finance does ahead of time
      await run.getByLabel("Mois à appeler").fill("2026-12");
      await run.getByRole("button", { name: "Appeler les loyers" }).click();
      const result = page.getByTestId("rent-call-result");
      await result.waitFor();
      const created = Number(/(\d+) appel\(s\) créé\(s\)/.exec((await result.textContent()) ?? "")?.[1]);
      expect(created).toBeGreaterThan(0);
      // the run is idempotent: a second run creates nothing more
      await run.getByRole("button", { name: "Appeler les loyers" }).click();
      await expect.poll(() => result.textContent()).toContain(": 0 appel(s) créé(s)");

      // a tenant pays part of the month (the ledger API, as the bank import would)
      const paid = await page.evaluate(async () => {
        const leases = (await (await fetch("/api/leases?status=signed&limit=500")).json()).items as {
          id: string;
          personId: string | null;
        }[];
        const lease = leases.find((l) => l.personId)!;
        const response = await fetch("/api/ledger/payments", {
          method: "POST",
          headers: { "content-type": "application/json", "idempotency-key": `e2e-payment-${lease.id}` },
          body: JSON.stringify({
            leaseId: lease.id,
            amountCents: 15_000,
            method: "transfer",
            receivedOn: "2026-11-20",
          }),
        });
        return response.status;
      });
      expect(paid).toBe(201);
      await page.goto(`${server.current.baseUrl}/finances?mois=2026-11`);
      await page.locator("[data-chart]").first().waitFor();
      // four charts, drawn by chart.js on their canvases
      const charts = await page.locator("[data-chart]").evaluateAll((figures) =>
        figures.map((figure) => {
          const canvas = figure.querySelector("canvas")!;
          return { title: figure.getAttribute("data-chart"), drawn: canvas.width > 0 && canvas.height > 0 };
        }),
      );
      expect(charts).toEqual([
        { title: "Vacance par mois", drawn: true },
        { title: "Impayés par ancienneté", drawn: true },
        { title: "Coûts IML et budget", drawn: true },
        { title: "Appelé et encaissé", drawn: true },
      ]);
      // the "called" bars are really painted: pixels of their colour (#0e7490) on the canvas
      const calledPixels = await page
        .locator('[data-chart="Appelé et encaissé"] canvas')
        .evaluate((canvas) => {
          const context = (canvas as HTMLCanvasElement).getContext("2d")!;
          const { data } = context.getImageData(
            0,
            0,
            (canvas as HTMLCanvasElement).width,
            (canvas as HTMLCanvasElement).height,
          );
          let count = 0;
          for (let i = 0; i < data.length; i += 4)
            if (data[i] === 0x0e && data[i + 1] === 0x74 && data[i + 2] === 0x90) count++;
          return count;
        });
      expect(calledPixels).toBeGreaterThan(50);
      const called = await page.getByTestId("called").textContent();
      expect(called).toMatch(/^\d[\d\s\u202f]*,\d{2}\s€$/);
      expect(called).not.toBe("0,00 €");
      await browser.current.screenshot("finance-dashboard", { fullPage: true });

      // a tenant's account lists the call just made
      await page.getByRole("table", { name: "Baux des occupants" }).getByRole("link").first().click();
      // the heading shows while the account loads: wait for the table itself before counting its rows
      const calls = page.getByRole("table", { name: "Échéances appelées" });
      await calls.waitFor();
      expect(await calls.locator("tbody tr").count()).toBeGreaterThan(0);
      expect(browser.current.externalRequests).toEqual([]);
    });

    it("exports the dashboard as a file", async () => {
      const { page } = browser.current;
      await page.goto(`${server.current.baseUrl}/finances?mois=2026-11`);
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name: "Tableau de bord (CSV)" }).click(),
      ]);
      expect(download.suggestedFilename()).toBe("tableau-de-bord-2026-11.csv");
      const text = readFileSync((await download.path())!, "utf8");
      expect(text.split("\n").length).toBeGreaterThan(3);

      const [workbook] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name: "Tableau de bord, coûts et journal (XLSX)" }).click(),
      ]);
      expect(workbook.suggestedFilename()).toBe("finance-2026-11.xlsx");
      const bytes = readFileSync((await workbook.path())!);
      expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK"); // an OOXML zip
    });
  },
);
