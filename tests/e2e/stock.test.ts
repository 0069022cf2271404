import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { buildings, units } from "../../db/schema";
import { describeInBrowser, type MapWindow, waitForMap } from "./support/browser";
import { useServer } from "./support/server";
import { useBrowserAs } from "./support/signed-in";

const server = useServer();

describeInBrowser(
  "the stock editor: a building placed on the map, its unit, the capture pipeline, CSV import",
  () => {
    const browser = useBrowserAs(server, "gestion@demo.fr");

    it("creates a building by clicking its location on the map, then a unit, and walks it to 'agreed'", async () => {
      const { page } = browser.current;
      await page
        .getByRole("navigation", { name: "Navigation principale" })
        .getByRole("link", { name: "Parc de logements" })
        .click();
      await waitForMap(page);
      // a point of the map with no building under it: the map's own projection gives its pixel
      const target = await page.evaluate(() => {
        const map = (window as MapWindow).__map;
        const canvas = map.getCanvas().getBoundingClientRect();
        for (let y = 0.2; y < 0.9; y += 0.05)
          for (let x = 0.2; x < 0.9; x += 0.05) {
            const point = [canvas.width * x, canvas.height * y];
            if (
              map.queryRenderedFeatures(point, { layers: ["buildings", "units", "units-clusters"] })
                .length === 0
            ) {
              const lngLat = map.unproject(point);
              return {
                x: canvas.left + point[0]!,
                y: canvas.top + point[1]!,
                lng: lngLat.lng,
                lat: lngLat.lat,
              };
            }
          }
        throw new Error("no free spot on the map");
      });
      await page.mouse.click(target.x, target.y);
      await expect.poll(() => page.getByLabel("Longitude").inputValue()).not.toBe("");
      // the clicked pixel, within a pixel's width of degrees
      const clickedLng = Number(await page.getByLabel("Longitude").inputValue());
      expect(clickedLng).toBeCloseTo(target.lng, 3);
      expect(Number(await page.getByLabel("Latitude").inputValue())).toBeCloseTo(target.lat, 3);

      // the API's schema speaks before the server: a wrong postcode is shown next to its field
      await page.getByLabel("Adresse (numéro et voie)").fill("12 rue des Essais");
      await page.getByLabel("Code postal").fill("210");
      await page.getByLabel("Nombre total de logements de l'immeuble").fill("10");
      await page.getByRole("button", { name: "Créer l'immeuble" }).click();
      await expect
        .poll(() => page.locator('[data-field="postcode"] .field-error').textContent())
        .toBe("code postal à 5 chiffres");
      await page.getByLabel("Code postal").fill("21000");
      await page.getByRole("button", { name: "Créer l'immeuble" }).click();
      await page.getByRole("heading", { level: 1, name: "12 rue des Essais, 21000 Dijon" }).waitFor();
      const [building] = await server.current.database.db
        .select()
        .from(buildings)
        .where(eq(buildings.street, "12 rue des Essais"));
      expect(building!.lng).toBeCloseTo(clickedLng, 6);
      expect(building!.totalDwellings).toBe(10);
      // 10 dwellings, none in the programme: the cap allows 2
      await expect.poll(() => page.getByTestId("headroom").textContent()).toContain("marge 2");

      await page.getByLabel("Typologie").selectOption("T2");
      await page.getByLabel("Étage (0 : rez-de-chaussée)").fill("2");
      await page.getByLabel("Surface (m²)").fill("41.5");
      await page.getByLabel("Pièces principales").fill("2");
      await page.getByLabel("Loyer hors charges (€ / mois)").fill("455,50");
      await page.getByLabel("Charges (€ / mois)", { exact: true }).fill("40");
      await page.getByLabel("Classe énergie (DPE)").selectOption("D");
      await page.getByLabel("Date du DPE").fill("2025-03-01");
      await page.getByRole("button", { name: "Ajouter le logement" }).click();
      await page.getByRole("heading", { level: 1, name: "T2 — 12 rue des Essais" }).waitFor();
      const [unit] = await server.current.database.db
        .select()
        .from(units)
        .where(and(eq(units.organisationId, building!.organisationId), eq(units.buildingId, building!.id)));
      expect(unit!.rentCents).toBe(45_550);
      expect(unit!.status).toBe("prospect");

      // only the pipeline's next states are offered (GET /api/units/{id} allowedTransitions)
      const offered = async () =>
        (await page.getByLabel("Nouveau statut").locator("option").allTextContents()).filter(
          (t) => t !== "—",
        );
      expect(await offered()).toEqual(["Visite prévue", "Retiré"]);
      await page.getByLabel("Nouveau statut").selectOption("visit_scheduled");
      await page.getByRole("button", { name: "Enregistrer le changement" }).click();
      await expect.poll(() => page.locator("[data-status]").textContent()).toBe("Visite prévue");
      expect(await offered()).toEqual(["Visité", "Prospection", "Retiré"]);

      // "visited" asks for the décence checklist; a 7 m² room under 2,20 m is refused by the server
      await page.getByLabel("Nouveau statut").selectOption("visited");
      await page.getByLabel("Surface de la pièce principale (m²)").fill("7");
      await page.getByLabel("Hauteur sous plafond (m)").fill("2.1");
      await page.getByRole("button", { name: "Enregistrer le changement" }).click();
      const transitionAlert = page.getByRole("form", { name: "Changer le statut" }).locator(".form-alert");
      await transitionAlert.waitFor({ state: "visible" });
      expect(await transitionAlert.textContent()).toContain("décret 2002-120");
      // an attic of 13 m² under 1,60 m: nothing is counted below 1,80 m (CCH R.156-1)
      await page.getByLabel("Surface de la pièce principale (m²)").fill("13");
      await page.getByLabel("Hauteur sous plafond (m)").fill("1.6");
      await page.getByRole("button", { name: "Enregistrer le changement" }).click();
      await expect.poll(() => transitionAlert.textContent()).toContain("1,80 m");
      await page.getByLabel("Surface de la pièce principale (m²)").fill("12");
      await page.getByLabel("Hauteur sous plafond (m)").fill("2.5");
      // the décret's other criteria: unchecked, the visit is refused
      await page.getByRole("button", { name: "Enregistrer le changement" }).click();
      await expect.poll(() => transitionAlert.textContent()).toContain("critère");
      for (const row of await page.locator("[data-criterion]").all()) {
        await row.locator("input[type=checkbox]").check();
        await row.locator("input:not([type=checkbox])").fill("constaté à la visite");
      }
      await page.getByRole("button", { name: "Enregistrer le changement" }).click();
      await expect.poll(() => page.locator("[data-status]").textContent()).toBe("Visité");

      // "agreed" asks for the capture formula
      await page.getByLabel("Nouveau statut").selectOption("agreed");
      expect(await page.getByLabel("Formule de captation").isVisible()).toBe(true);
      expect(await page.getByLabel("Surface de la pièce principale (m²)").isVisible()).toBe(false);
      await page.getByLabel("Formule de captation").selectOption("sliding_lease");
      await page.getByRole("button", { name: "Enregistrer le changement" }).click();
      await expect.poll(() => page.locator("[data-status]").textContent()).toBe("Accord propriétaire");
      const [agreed] = await server.current.database.db.select().from(units).where(eq(units.id, unit!.id));
      expect(agreed!.captureFormula).toBe("sliding_lease");
      expect(
        await page.getByRole("table", { name: "Changements de statut" }).locator("tbody tr").count(),
      ).toBe(4);
      await browser.current.screenshot("stock-unit-agreed");

      // the contract with the landlord agreed, the flat goes on the market: it can be proposed
      await page.getByLabel("Nouveau statut").selectOption("available");
      await page.getByRole("button", { name: "Enregistrer le changement" }).click();
      await expect.poll(() => page.locator("[data-status]").textContent()).toBe("Disponible");
      const [available] = await server.current.database.db.select().from(units).where(eq(units.id, unit!.id));
      expect(available!.status).toBe("available");
    });

    it("imports buildings from CSV: the dry run reports errors by line and column, then the import runs with progress", async () => {
      const { page } = browser.current;
      await page.goto(`${server.current.baseUrl}/parc/import`);
      const header = "reference;street;postcode;city;lng;lat;total_dwellings";
      const bad = `${header}\nIMP-1;3 rue A;21000;Dijon;5.03;47.32;12\nIMP-2;4 rue B;2100;Dijon;5.04;47.33;0\n`;
      await page.getByLabel("Que contient le fichier ?").selectOption("buildings");
      await page
        .getByLabel(/Fichier CSV/)
        .setInputFiles({ name: "immeubles.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
      await page.getByRole("button", { name: "Contrôler le fichier (sans rien écrire)" }).click();
      const errors = page.getByRole("table", { name: "Erreurs par ligne et colonne" });
      await errors.waitFor();
      const cells = await errors
        .locator("tbody tr")
        .evaluateAll((rows) =>
          rows.map((row) => Array.from(row.querySelectorAll("td")).map((td) => td.textContent)),
        );
      expect(cells.map(([line, column]) => `${line}:${column}`)).toEqual(
        expect.arrayContaining(["3:postcode", "3:total_dwellings"]),
      );
      const countBefore = (await server.current.database.db.select().from(buildings)).length;

      const good = `${header}\nIMP-1;3 rue A;21000;Dijon;5.03;47.32;12\nIMP-2;4 rue B;21000;Dijon;5.04;47.33;8\n`;
      await page
        .getByLabel(/Fichier CSV/)
        .setInputFiles({ name: "immeubles.csv", mimeType: "text/csv", buffer: Buffer.from(good) });
      await page.getByRole("button", { name: "Importer" }).click();
      await expect
        .poll(() => page.getByTestId("import-summary").textContent())
        .toContain("2 immeubles importé(s)");
      expect(
        await page.locator("progress").evaluate((p: HTMLProgressElement) => p.value === p.max && p.max >= 2),
      ).toBe(true);
      expect((await server.current.database.db.select().from(buildings)).length).toBe(countBefore + 2);
      await browser.current.screenshot("stock-import");
    });

    it("deletes a flat never captured and an empty building, and explains why a captured flat stays", async () => {
      const { page } = browser.current;
      const base = server.current.baseUrl;
      page.on("dialog", (dialog) => void dialog.accept());
      const [withUnits] = await server.current.database.db
        .select()
        .from(buildings)
        .where(eq(buildings.street, "12 rue des Essais"));
      // the flat walked to "agreed" above is captured: no delete button, the reason instead
      const [agreed] = await server.current.database.db
        .select()
        .from(units)
        .where(eq(units.buildingId, withUnits!.id));
      await page.goto(`${base}/parc/logements/${agreed!.id}`);
      await page.getByText("Modifier ou supprimer le logement").click();
      await page.getByText("Un logement capté ne se supprime pas").waitFor();
      expect(await page.getByRole("button", { name: "Supprimer le logement" }).count()).toBe(0);

      // a second flat, still a prospect, is deleted with its history
      await page.goto(`${base}/parc/immeubles/${withUnits!.id}`);
      await page.getByLabel("Typologie").selectOption("studio");
      await page.getByLabel("Étage (0 : rez-de-chaussée)").fill("0");
      await page.getByLabel("Surface (m²)").fill("19");
      await page.getByLabel("Pièces principales").fill("1");
      await page.getByLabel("Loyer hors charges (€ / mois)").fill("320");
      await page.getByLabel("Charges (€ / mois)", { exact: true }).fill("25");
      await page.getByLabel("Classe énergie (DPE)").selectOption("C");
      await page.getByLabel("Date du DPE").fill("2025-06-01");
      await page.getByRole("button", { name: "Ajouter le logement" }).click();
      await page.getByRole("heading", { level: 1, name: "Studio — 12 rue des Essais" }).waitFor();
      const prospectId = new URL(page.url()).pathname.split("/").pop()!;
      await page.getByText("Modifier ou supprimer le logement").click();
      await page.getByRole("button", { name: "Supprimer le logement" }).click();
      await page.getByRole("heading", { level: 1, name: "12 rue des Essais, 21000 Dijon" }).waitFor();
      expect(await server.current.database.db.select().from(units).where(eq(units.id, prospectId))).toEqual(
        [],
      );
      // this building still has its captured flat: it cannot be deleted
      await page.getByText("Modifier ou supprimer l'immeuble").click();
      await page.getByText("Un immeuble qui a encore des logements ne se supprime pas").waitFor();

      // a building imported without flats is deleted, back to the stock
      const [empty] = await server.current.database.db
        .select()
        .from(buildings)
        .where(eq(buildings.street, "4 rue B"));
      await page.goto(`${base}/parc/immeubles/${empty!.id}`);
      await page.getByText("Modifier ou supprimer l'immeuble").click();
      await page.getByRole("button", { name: "Supprimer l'immeuble" }).click();
      await page.waitForURL(`${base}/parc`);
      expect(
        await server.current.database.db.select().from(buildings).where(eq(buildings.id, empty!.id)),
      ).toEqual([]);
    });
  },
);
