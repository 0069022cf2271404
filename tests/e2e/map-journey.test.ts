import { eq } from "drizzle-orm";
import type { Locator } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildings, neighbourhoods } from "../../db/schema";
import { basemapHandler } from "../support/basemap-fixture";
import { type GeoServices, startGeoServices } from "../support/geo-services";
import { loginAs } from "./support/actions";
import {
  type BrowserSession,
  describeInBrowser,
  type MapWindow,
  openBrowser,
  waitForMap,
} from "./support/browser";
import { type RunningServer, startServer } from "./support/server";

/**
 * The officer's journey on the demo, with the basemap and the BAN served locally: an address
 * searched, a building placed there, a Lambert-93 IRIS file imported, the building in its IRIS.
 */
let geo: GeoServices;
let server: RunningServer & { close(): Promise<void> };
const irisFile = new URL("../fixtures/contours/iris-dijon-lambert93.geojson", import.meta.url).pathname;
const irisZip = new URL("../fixtures/contours/iris-dijon-lambert93.zip", import.meta.url).pathname;

describeInBrowser("an address, a building placed there, official contours, the building in its IRIS", () => {
  let browser: BrowserSession;
  beforeAll(async () => {
    geo = await startGeoServices();
    const basemap = basemapHandler(geo.baseUrl);
    geo.route(basemap.handler);
    server = await startServer({ env: { MAP_STYLE_URL: basemap.styleUrl, GEOCODER_URL: geo.geocoderUrl } });
    browser = await openBrowser(server.baseUrl);
    await loginAs(browser.page, server.baseUrl, "gestion@demo.fr");
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await geo?.close();
  });

  it("walks the whole path in Chromium", async () => {
    const { page } = browser;
    // the screenshots of docs/ at 1280 px; each step also at 390 px in test-results/e2e/
    await page.setViewportSize({ width: 1280, height: 900 });
    // the step's subject scrolled into view (the stock page below it is long)
    const narrow = async (name: string, subject?: Locator) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await subject?.evaluate((element) => element.scrollIntoView({ block: "start" }));
      await browser.screenshot(`${name}-390`);
      await page.setViewportSize({ width: 1280, height: 900 });
    };
    await page.goto(`${server.baseUrl}/parc`);
    await waitForMap(page);
    const search = page.getByRole("combobox", { name: "Rechercher l'adresse (BAN)" });
    await search.fill("12 rue de la liberte dijon");
    const option = page.getByRole("option", { name: /12 Rue de la Liberté 21000 Dijon/ });
    await option.waitFor();
    // the search and its suggestions in view
    const newBuilding = page.getByRole("heading", { name: "Nouvel immeuble" });
    await newBuilding.evaluate((element) => element.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: "docs/screenshots/journey-1-address-search.png" });
    await narrow("journey-1-address-search", newBuilding);
    await search.press("ArrowDown");
    await search.press("Enter");
    expect(await page.getByLabel("Adresse (numéro et voie)").inputValue()).toBe("12 Rue de la Liberté");
    expect(await page.getByLabel("Code postal").inputValue()).toBe("21000");
    expect(Number(await page.getByLabel("Longitude").inputValue())).toBeCloseTo(5.0378, 5);
    await page.getByLabel("Nombre total de logements de l'immeuble").fill("8");
    await page.getByRole("button", { name: "Créer l'immeuble" }).click();
    await page.getByRole("heading", { level: 1, name: "12 Rue de la Liberté, 21000 Dijon" }).waitFor();
    const [building] = await server.database.db
      .select()
      .from(buildings)
      .where(eq(buildings.street, "12 Rue de la Liberté"));
    if (!building) throw new Error("the building was not created");
    expect(building.inseeCode).toBe("21231");
    await page.screenshot({ path: "docs/screenshots/journey-2-building-placed.png" });
    await narrow("journey-2-building-placed", page.getByRole("heading", { level: 1 }));

    await page.goto(`${server.baseUrl}/carte/contours`);
    await page.getByLabel("Fichier de contours (GeoJSON ou shapefile zippé)").setInputFiles(irisFile);
    await expect.poll(() => page.getByTestId("contours-summary").textContent()).toContain("Lambert-93");
    expect(await page.getByLabel("Champ du code").inputValue()).toBe("CODE_IRIS");
    expect(await page.getByLabel("Champ du nom").inputValue()).toBe("NOM_IRIS");
    await page.screenshot({ path: "docs/screenshots/journey-3-contours-preview.png", fullPage: true });
    await narrow("journey-3-contours-preview", page.getByTestId("contours-summary"));
    await page.getByRole("button", { name: "Importer les contours" }).click();
    await expect
      .poll(() => page.getByTestId("contours-result").textContent())
      .toContain("reprojetés depuis le Lambert-93");
    const moved = page.getByRole("table", { name: "Immeubles réaffectés" });
    const row = moved.getByRole("row", { name: /12 Rue de la Liberté/ });
    expect(await row.textContent()).toContain("Liberté (extrait de test) (212310104)");
    await page.screenshot({ path: "docs/screenshots/journey-4-contours-imported.png", fullPage: true });
    await narrow("journey-4-contours-imported", page.getByTestId("contours-result"));

    const [iris] = await server.database.db
      .select()
      .from(neighbourhoods)
      .where(eq(neighbourhoods.code, "212310104"));
    const [after] = await server.database.db.select().from(buildings).where(eq(buildings.id, building.id));
    expect(after?.neighbourhoodId).toBe(iris?.id);
    expect(iris?.inseeCode).toBe("21231");
    await page.goto(`${server.baseUrl}/parc/immeubles/${building.id}`);
    await expect.poll(() => page.locator("body").textContent()).toContain("Liberté (extrait de test)");
    // on the map: the address searched again, the building drawn inside its IRIS
    await page.goto(`${server.baseUrl}/carte`);
    await waitForMap(page);
    const goTo = page.getByRole("combobox", { name: "Aller à une adresse" });
    await goTo.fill("12 rue de la liberte dijon");
    await page.getByRole("option", { name: /12 Rue de la Liberté 21000 Dijon/ }).waitFor();
    await goTo.press("ArrowDown");
    await goTo.press("Enter");
    await page.getByTestId("address-marker").waitFor();
    const drawn = await page.evaluate(async () => {
      const map = (window as unknown as MapWindow).__map;
      // idle already, or once it is
      await new Promise<void>((resolve) => {
        if (map.loaded() && map.areTilesLoaded() && !map.isMoving()) resolve();
        else map.once("idle", () => resolve());
      });
      const point = map.project([5.0378, 47.3222]);
      return map
        .queryRenderedFeatures(point, { layers: ["neighbourhoods-fill"] })
        .map((feature: { properties: Record<string, unknown> }) => feature.properties.code);
    });
    // drawn over the demo's illustrative octagon; the building belongs to the IRIS (checked above)
    expect(drawn).toContain("212310104");
    // zoomed out with the map's own (French) button until the whole IRIS shows around the marker
    // one step at a time: a second click during the first animation zooms out from where the
    // animation has got to, which on a slow machine is barely a level
    for (let step = 0; step < 2; step++) {
      await page.getByRole("button", { name: "Zoom arrière" }).click();
      await page.waitForFunction(() => !(window as unknown as MapWindow).__map.isMoving());
    }
    await page.waitForFunction(() => {
      const map = (window as unknown as MapWindow).__map;
      return !map.isMoving() && map.loaded() && map.getZoom() <= 15.5;
    });
    await page.locator("#map").evaluate((element) => element.scrollIntoView({ block: "center" }));
    await page.screenshot({ path: "docs/screenshots/journey-5-map-with-iris.png" });
    await narrow("journey-5-map-with-iris");
  });

  it("imports the same IRIS as a zipped shapefile: previewed, fields mapped, contours replaced", async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${server.baseUrl}/carte/contours`);
    await page.getByLabel("Fichier de contours (GeoJSON ou shapefile zippé)").setInputFiles(irisZip);
    // read in the browser: its fields offered, IGN's preselected, the projection the .prj's
    await expect
      .poll(() => page.getByTestId("contours-summary").textContent())
      .toContain("Shapefile zippé « iris-dijon-lambert93.zip » : 2 contour(s)");
    expect(await page.getByLabel("Champ du code").inputValue()).toBe("CODE_IRIS");
    expect(await page.getByLabel("Champ du nom").inputValue()).toBe("NOM_IRIS");
    expect(await page.getByLabel("Projection").isVisible()).toBe(false);
    const previewed = page.getByRole("table", { name: "Aperçu des premiers contours" });
    expect(await previewed.textContent()).toContain("Liberté (extrait de test)");
    await page.screenshot({ path: "docs/screenshots/journey-7-shapefile-preview.png", fullPage: true });
    await page.getByRole("button", { name: "Importer les contours" }).click();
    await expect
      .poll(() => page.getByTestId("contours-result").textContent())
      .toContain("0 contour(s) créé(s), 2 mis à jour (reprojetés depuis le Lambert-93)");
    const imported = page.getByRole("table", { name: "Quartiers importés" });
    expect(await imported.getByRole("row", { name: /212310104/ }).textContent()).toContain(
      "Liberté (extrait de test)",
    );
    // nothing moved: the shapefile's contours are the GeoJSON's, reprojected the same way
    expect(await page.locator("main").textContent()).toContain("Aucun immeuble n'a changé de quartier.");
    await page.screenshot({ path: "docs/screenshots/journey-8-shapefile-imported.png", fullPage: true });
  });

  it("geocodes a CSV of buildings without coordinates, and imports it once the uncertain address is reviewed", async () => {
    const { page } = browser;
    await page.goto(`${server.baseUrl}/parc/import`);
    const csv = [
      "reference;street;postcode;city;lng;lat;total_dwellings",
      "BAN-1;5 avenue du Drapeau;21000;Dijon;;;20",
      "BAN-2;12 rue de la Liberté;21240;Talant;;;8",
    ].join("\n");
    await page.getByLabel("Que contient le fichier ?").selectOption("buildings");
    await page
      .getByLabel(/Fichier CSV/)
      .setInputFiles({ name: "immeubles.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "Contrôler le fichier (sans rien écrire)" }).click();
    await expect
      .poll(() => page.getByTestId("import-summary").textContent())
      .toContain("1 adresse(s) à vérifier");
    const scores = page.getByRole("table", { name: "Score de chaque adresse géocodée" });
    expect(await scores.getByRole("row", { name: /5 avenue du Drapeau/ }).textContent()).toContain("0,95");
    expect(await scores.getByRole("row", { name: /Talant/ }).textContent()).toContain("à vérifier");
    // the import refuses the unchecked address
    await page.getByRole("button", { name: "Importer", exact: true }).click();
    await expect.poll(() => page.locator("body").textContent()).toContain("adresse incertaine");
    expect(await server.database.db.select().from(buildings).where(eq(buildings.reference, "BAN-1"))).toEqual(
      [],
    );
    await page.getByRole("button", { name: "Contrôler le fichier (sans rien écrire)" }).click();
    const review = page.getByRole("group", { name: /Ligne 3/ });
    await review.getByLabel(/12 Rue de la Liberté 21240 Talant \(score 0,61\)/).check();
    await page.screenshot({ path: "docs/screenshots/journey-6-address-review.png", fullPage: true });
    await page.getByRole("button", { name: "Confirmer ces adresses et recontrôler" }).click();
    await expect
      .poll(() => page.getByTestId("import-summary").textContent())
      .toContain("2 ligne(s) prête(s)");
    await page.getByRole("button", { name: "Importer", exact: true }).click();
    await expect
      .poll(() => page.getByTestId("import-summary").textContent())
      .toContain("2 immeubles importé(s)");
    const [talant] = await server.database.db
      .select()
      .from(buildings)
      .where(eq(buildings.reference, "BAN-2"));
    expect(talant).toMatchObject({ inseeCode: "21617", banId: "21617_0120_00012", lng: 5.0062 });
  });
});
