import { readFileSync } from "node:fs";
import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { leases, offers } from "../../db/schema";
import { describeInBrowser, type MapWindow, waitForMap } from "./support/browser";
import { useServer } from "./support/server";
import { useBrowserAs } from "./support/signed-in";
import { decentVisit } from "../support/decency";

const server = useServer();

describeInBrowser(
  "the proposal workflow: person → candidates on the map → panel of three → offer sheet → decision → lease",
  () => {
    const browser = useBrowserAs(server, "gestion@demo.fr");

    it("an officer opens a person, sees candidates on the map, creates a panel of three and downloads the offer sheet", async () => {
      const { page } = browser.current;
      // The officer first captures three flats in a new building and admits a person, through the API,
      // so the panel's flats are known whatever the demo holds.
      const prepared = await page.evaluate(
        async (decency) => {
          const call = async (method: string, url: string, body?: unknown) => {
            const response = await fetch(url, {
              method,
              headers: { "content-type": "application/json" },
              body: body === undefined ? undefined : JSON.stringify(body),
            });
            if (!response.ok)
              throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
            return response.json();
          };
          const building = await call("POST", "/api/buildings", {
            street: "5 rue de l'Essai",
            postcode: "21000",
            city: "Dijon",
            inseeCode: "21231",
            lng: 5.0415,
            lat: 47.3215,
            totalDwellings: 20,
            hasElevator: true,
          });
          const unitIds: string[] = [];
          for (const floor of [1, 2, 3]) {
            const unit = await call("POST", "/api/units", {
              buildingId: building.id,
              reference: `ESSAI-${floor}`,
              floor,
              typology: "T1",
              surfaceM2: 32,
              rooms: 1,
              energyClass: "D",
              energyDiagnosisDate: "2025-01-15",
              rentCents: 42_000,
              chargesCents: 4_000,
            });
            const step = (to: string, extra: Record<string, unknown> = {}) =>
              call("POST", `/api/units/${unit.id}/transitions`, { to, date: "2026-11-23", ...extra });
            await step("visit_scheduled");
            await step("visited", { decency });
            await step("agreed", { captureFormula: "head_lease" });
            await step("available");
            unitIds.push(unit.id);
          }
          const person = await call("POST", "/api/persons", {
            firstName: "Camille",
            lastName: "Essai",
            adults: 1,
            children: 0,
            resources: { rsa: 60_700 },
            housingBenefitCents: 25_000,
            entryDate: "2026-11-02",
          });
          // a one-room flat: every other typology of the stock is left out, by that constraint
          await call("PUT", `/api/persons/${person.id}/choices`, { typologyMin: "T1", typologyMax: "T1" });
          const excluded = await call("GET", `/api/persons/${person.id}/matches/excluded?limit=1`);
          const matches = await call("GET", `/api/persons/${person.id}/matches`);
          return {
            unitIds,
            excludedTotal: excluded.total as number,
            personId: person.id,
            candidates: matches.candidates.map((c: { unitId: string }) => c.unitId),
          };
        },
        decentVisit({ mainRoomSurfaceM2: 18 }),
      );
      expect(prepared.candidates).toEqual(expect.arrayContaining(prepared.unitIds));
      const person = { id: prepared.personId, firstName: "Camille", lastName: "Essai" };
      // more flats left out than one page shows
      expect(prepared.excludedTotal).toBeGreaterThan(20);
      const requested: string[] = [];
      page.on("request", (request) =>
        requested.push(new URL(request.url()).pathname + new URL(request.url()).search),
      );

      await page
        .getByRole("navigation", { name: "Navigation principale" })
        .getByRole("link", { name: "Personnes et propositions" })
        .click();
      await page
        .getByRole("link", {
          name: new RegExp(
            `${person!.firstName}.*${person!.lastName}|${person!.lastName}.*${person!.firstName}`,
          ),
        })
        .first()
        .click();
      await waitForMap(page);
      await page.locator("[data-deadline-state]").first().waitFor();

      // the candidates are on the map, as drawn features, and in the list in the same order
      const listed = await page
        .getByRole("list", { name: "Logements candidats, du mieux classé au moins bien" })
        .locator("li.candidate[data-unit-id]")
        .evaluateAll((items) => items.map((item) => item.getAttribute("data-unit-id")));
      expect(listed).toEqual(expect.arrayContaining(prepared.unitIds));
      // the page loads light: the ranked list, the stock of the visible box; never the whole stock
      // nor the excluded flats until asked
      expect(requested.filter((url) => url.startsWith("/api/units"))).toEqual([]);
      expect(requested.filter((url) => url.includes("excluded"))).toEqual([]);
      expect(requested.filter((url) => url.startsWith("/api/map/units.geojson?bbox="))).not.toEqual([]);
      await expect
        .poll(() =>
          page.evaluate(
            () =>
              (window as MapWindow).__map.queryRenderedFeatures({ layers: ["units", "units-clusters"] })
                .length,
          ),
        )
        .toBeGreaterThan(0);
      expect(
        await page.evaluate(
          () => (window as MapWindow).__map.queryRenderedFeatures({ layers: ["overlay-rejected"] }).length,
        ),
      ).toBe(0);
      const drawn = await page.evaluate(() => {
        const map = (window as MapWindow).__map;
        return map
          .queryRenderedFeatures({ layers: ["overlay-candidates"] })
          .map(
            (f: { properties: { id?: string; unitId?: string } }) => f.properties.unitId ?? f.properties.id,
          );
      });
      expect(new Set(drawn)).toEqual(new Set(listed));
      await page.evaluate(() => window.scrollTo(0, 0));
      await browser.current.screenshot("proposal-candidates");

      // the excluded flats, on demand: a first page grouped by constraint, then the next one
      const excludedBox = page.getByTestId("excluded");
      await excludedBox.locator("summary").click();
      const excludedItems = excludedBox.locator("li.candidate.excluded");
      await expect.poll(() => excludedItems.count()).toBe(20);
      expect(requested.filter((url) => url.includes("/matches/excluded"))).toHaveLength(1);
      await expect
        .poll(() => excludedBox.locator("summary").textContent())
        .toContain(`Logements écartés (${prepared.excludedTotal}`);
      await excludedBox.getByRole("button", { name: /Afficher les \d+ suivant/ }).click();
      await expect.poll(() => excludedItems.count()).toBe(Math.min(40, prepared.excludedTotal));
      // greyed on the map, each with the constraint that excludes it
      await expect
        .poll(() =>
          page.evaluate(
            () => (window as MapWindow).__map.queryRenderedFeatures({ layers: ["overlay-rejected"] }).length,
          ),
        )
        .toBeGreaterThan(0);
      await excludedBox.evaluate((box) => box.scrollIntoView({ block: "start" }));
      await browser.current.screenshot("proposal-excluded");
      // one constraint only: every flat shown is left out by it
      await excludedBox.getByLabel("Écartés par").selectOption("typology_choice");
      await expect
        .poll(() =>
          excludedBox
            .locator(".excluded-group")
            .evaluateAll((groups) => groups.map((g) => g.getAttribute("data-constraint"))),
        )
        .toEqual(["typology_choice"]);
      expect(await excludedItems.count()).toBeGreaterThan(0);
      // and at 390 px, the list under the map, nothing wider than the screen
      const wide = page.viewportSize()!;
      await page.setViewportSize({ width: 390, height: 844 });
      await excludedBox.evaluate((box) => box.scrollIntoView({ block: "start" }));
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await browser.current.screenshot("proposal-excluded-390");
      await page.setViewportSize(wide);
      const reasons = await excludedItems.locator(".reasons").allTextContents();
      expect(
        reasons.every((reason) =>
          /Typologie .* (en dessous du minimum|au-dessus du maximum) souhaité/.test(reason),
        ),
      ).toBe(true);

      for (const unitId of listed.slice(0, 3))
        await page.locator(`input[type="checkbox"][value="${unitId}"]`).check();
      await page.getByRole("button", { name: "Créer la proposition" }).click();
      const sheet = page.getByRole("button", { name: "Télécharger la fiche de proposition (PDF)" });
      await sheet.waitFor();
      // the three flats of the panel are outlined on the map
      const picked = await page.evaluate(
        () =>
          new Promise<string[]>((resolve) => {
            const map = (window as MapWindow).__map;
            map.once("idle", () =>
              resolve(
                map
                  .queryRenderedFeatures({ layers: ["overlay-picked"] })
                  .map((f: { properties: { id: string } }) => f.properties.id),
              ),
            );
            map.triggerRepaint();
          }),
      );
      expect(new Set(picked)).toEqual(new Set(listed.slice(0, 3)));
      const [download] = await Promise.all([page.waitForEvent("download"), sheet.click()]);
      expect(download.suggestedFilename()).toMatch(/^fiche-proposition-.+\.pdf$/);
      expect(
        readFileSync((await download.path())!)
          .subarray(0, 5)
          .toString("latin1"),
      ).toBe("%PDF-");
      await browser.current.screenshot("proposal-panel");

      const rows = await server.current.database.db
        .select()
        .from(offers)
        .where(eq(offers.status, "proposed"));
      expect(rows.filter((o) => listed.slice(0, 3).includes(o.unitId))).toHaveLength(3);

      // the person accepts the first flat after the visit
      const firstOffer = page.locator("form.decision-form").first();
      await firstOffer.getByLabel("Date de visite").fill("2026-11-23");
      await firstOffer.getByLabel("Décision").selectOption("accepted");
      await firstOffer.getByRole("button", { name: "Enregistrer" }).click();
      await expect
        .poll(
          async () =>
            (
              await server.current.database.db
                .select()
                .from(offers)
                .where(and(eq(offers.personId, person!.id), eq(offers.status, "accepted")))
            ).length,
        )
        .toBe(1);

      // the lease of the accepted offer, from the leases page
      await page
        .getByRole("navigation", { name: "Navigation principale" })
        .getByRole("link", { name: "Baux et documents" })
        .click();
      const form = page.getByRole("form", { name: `Bail de ${person!.firstName} ${person!.lastName}` });
      await form.waitFor();
      await form.getByLabel("Type de contrat").selectOption("sublease");
      await form.getByRole("button", { name: "Créer le bail" }).click();
      await page.locator("[data-lease-status]").waitFor();
      const [lease] = await server.current.database.db
        .select()
        .from(leases)
        .where(and(eq(leases.personId, person!.id), eq(leases.status, "draft")));
      expect(lease).toBeDefined();
      await page.getByRole("button", { name: "Enregistrer la signature" }).click();
      await expect
        .poll(() => page.locator("[data-lease-status]").getAttribute("data-lease-status"))
        .toBe("signed");
      const documentLink = page
        .getByRole("table", { name: "Documents du contrat" })
        .getByRole("link")
        .first();
      await documentLink.waitFor();
      const [leaseDocument] = await Promise.all([page.waitForEvent("download"), documentLink.click()]);
      expect(
        readFileSync((await leaseDocument.path())!)
          .subarray(0, 5)
          .toString("latin1"),
      ).toBe("%PDF-");
      expect(browser.current.externalRequests).toEqual([]);
    });
  },
);
