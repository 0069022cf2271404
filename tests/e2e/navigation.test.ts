import { and, desc, eq, gte, lte, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildings, units } from "../../db/schema";
import { DEMO_ACCOUNTS } from "../../db/seed/demo-accounts";
import { loginAs, logout, navigationLabels } from "./support/actions";
import {
  type BrowserSession,
  describeInBrowser,
  type MapWindow,
  openBrowser,
  waitForMap,
} from "./support/browser";
import { useServer } from "./support/server";

const server = useServer();

/** What each role must see in the main navigation (permissions of server/modules/auth/permissions.ts). */
const expectedNavigation: Record<string, string[]> = {
  admin: [
    "Carte du parc",
    "Personnes et propositions",
    "Obligations du programme",
    "Alertes",
    "Parc de logements",
    "Propriétaires et mandats",
    "Baux et documents",
    "Maintien dans le logement",
    "Finances",
    "Utilisateurs",
    "Jetons d'API",
    "Paramètres du programme",
    "Barème des aides au logement",
    "Rapports annuels",
    "Journal d'audit",
    "Courriels envoyés",
  ],
  housing_officer: [
    "Carte du parc",
    "Personnes et propositions",
    "Obligations du programme",
    "Alertes",
    "Parc de logements",
    "Propriétaires et mandats",
    "Baux et documents",
    "Maintien dans le logement",
  ],
  finance: [
    "Carte du parc",
    "Propriétaires et mandats",
    "Baux et documents",
    "Maintien dans le logement",
    "Finances",
  ],
  landlord: ["Mon espace propriétaire"],
};

/** Where each role lands after logging in: its own work, never the map for finance or admin. */
const expectedLanding: Record<string, string> = {
  admin: "/admin/utilisateurs",
  housing_officer: "/personnes",
  finance: "/finances",
  landlord: "/portail",
};

describeInBrowser("the shell in a real browser: login, navigation by role, the map", () => {
  let browser: BrowserSession;
  beforeAll(async () => {
    browser = await openBrowser(server.current.baseUrl);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("validates the login form with the API's schema and shows the server's refusal", async () => {
    const { page } = browser;
    await page.goto(`${server.current.baseUrl}/`);
    await page.getByLabel("Adresse électronique").fill("pas-une-adresse");
    await page.getByRole("button", { name: "Se connecter" }).click();
    const emailField = page.locator('[data-field="email"]');
    await expect
      .poll(() => emailField.locator(".field-error").textContent())
      .toBe("Adresse électronique invalide");
    expect(await page.getByLabel("Adresse électronique").getAttribute("aria-invalid")).toBe("true");

    await page.getByLabel("Adresse électronique").fill("gestion@demo.fr");
    await page.getByLabel("Mot de passe").fill("mauvais-mot-de-passe");
    await page.getByRole("button", { name: "Se connecter" }).click();
    const alert = page.locator(".form-alert");
    await alert.waitFor({ state: "visible" });
    expect((await alert.textContent())?.length).toBeGreaterThan(5);
    await browser.screenshot("login-refused");
  });

  for (const account of DEMO_ACCOUNTS) {
    it(`${account.email} (${account.role}) sees the navigation of the role`, async () => {
      const { page } = browser;
      await loginAs(page, server.current.baseUrl, account.email);
      expect(await navigationLabels(page)).toEqual(expectedNavigation[account.role]);
      await expect.poll(() => new URL(page.url()).pathname).toBe(expectedLanding[account.role]);
      await expect.poll(() => page.locator(".who-name").textContent()).toBe(account.fullName);
      await browser.screenshot(`home-${account.role}`);
      await logout(page);
    });
  }

  it("a landlord cannot reach officer pages (the page is refused, the menu does not offer it)", async () => {
    const { page } = browser;
    await loginAs(page, server.current.baseUrl, "proprietaire@demo.fr");
    for (const path of ["/personnes", "/parc", "/carte", "/finances"]) {
      await page.goto(`${server.current.baseUrl}${path}`);
      await page.getByRole("heading", { level: 1, name: "Accès refusé" }).waitFor();
    }
    expect(await navigationLabels(page)).toEqual(["Mon espace propriétaire"]);
    await browser.screenshot("landlord-refused");
    await logout(page);
  });

  it("renders the map offline: style loaded, the app's layers drawn, no external request", async () => {
    const { page } = browser;
    await loginAs(page, server.current.baseUrl, "gestion@demo.fr");
    await page.getByRole("link", { name: "Carte du parc" }).click();
    await waitForMap(page);
    const state = await page.evaluate(() => {
      const map = (window as MapWindow).__map;
      return {
        styleLoaded: map.isStyleLoaded(),
        layers: map.getStyle().layers.map((layer: { id: string }) => layer.id),
        glyphs: map.getStyle().glyphs ?? null,
        sprite: map.getStyle().sprite ?? null,
        canvas: map.getCanvas().width > 0,
      };
    });
    expect(state.styleLoaded).toBe(true);
    expect(state.layers).toEqual(
      expect.arrayContaining(["background", "neighbourhoods-fill", "buildings", "units-clusters", "units"]),
    );
    expect(state.glyphs).toBeNull();
    expect(state.sprite).toBeNull();
    expect(state.canvas).toBe(true);
    await expect
      .poll(() => page.getByRole("complementary", { name: "Légende de la carte" }).isVisible())
      .toBe(true);
    await browser.screenshot("map-officer");
    expect(browser.externalRequests).toEqual([]);
  });

  it("draws the seeded stock: every unit of the view in a cluster or a point, buildings against the cap, neighbourhoods shaded", async () => {
    const { page } = browser;
    await page.goto(`${server.current.baseUrl}/carte`);
    await waitForMap(page);
    const drawn = await page.evaluate(() => {
      const map = (window as MapWindow).__map;
      const bounds = map.getBounds();
      const unitFeatures = map.queryRenderedFeatures({ layers: ["units-clusters", "units"] });
      const clusters = unitFeatures.filter(
        (f: { properties: Record<string, unknown> }) => f.properties.cluster,
      );
      const points = unitFeatures.filter(
        (f: { properties: Record<string, unknown> }) => !f.properties.cluster,
      );
      const unique = (layer: string, key: string) => {
        const byId = new Map<string, Record<string, unknown>>();
        for (const feature of map.queryRenderedFeatures({ layers: [layer] }))
          byId.set(String(feature.properties[key]), feature.properties);
        return [...byId.values()];
      };
      return {
        bounds: [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()] as number[],
        clusteredUnits: clusters.reduce(
          (sum: number, f: { properties: Record<string, unknown> }) => sum + Number(f.properties.point_count),
          0,
        ),
        pointUnits: points.length,
        buildings: unique("buildings", "id"),
        neighbourhoods: unique("neighbourhoods-fill", "id"),
      };
    });
    // what the database holds inside the drawn view
    const [west, south, east, north] = drawn.bounds as [number, number, number, number];
    const rows = await server.current.database.db
      .select({ buildingId: buildings.id, units: sql<number>`count(${units.id})::int` })
      .from(buildings)
      .leftJoin(
        units,
        and(eq(units.organisationId, buildings.organisationId), eq(units.buildingId, buildings.id)),
      )
      .where(
        and(
          gte(buildings.lng, west),
          lte(buildings.lng, east),
          gte(buildings.lat, south),
          lte(buildings.lat, north),
        ),
      )
      .groupBy(buildings.id);
    const expectedUnits = rows.reduce((sum, row) => sum + row.units, 0);
    expect(rows.length).toBeGreaterThan(50); // the demo's 60 buildings, fitted in the view
    expect(drawn.clusteredUnits + drawn.pointUnits).toBe(expectedUnits);
    expect(drawn.buildings.map((b) => b.id).sort()).toEqual(rows.map((row) => row.buildingId).sort());
    // the 20% rule: full buildings are drawn as such (shareOfCap ≥ 1), and none is over
    const full = drawn.buildings.filter((b) => Number(b.headroom) <= 0);
    expect(full.length).toBeGreaterThan(0);
    for (const b of full) expect(b.shareOfCap).toBe(1);
    for (const b of drawn.buildings)
      expect(Number(b.programmeUnits)).toBeLessThanOrEqual(Math.max(Number(b.maxProgrammeUnits), 0));
    // neighbourhoods: the 8 demo polygons, shaded by the programme's share of their dwellings
    expect(drawn.neighbourhoods).toHaveLength(8);
    expect(drawn.neighbourhoods.some((n) => Number(n.programmeShare) > 0)).toBe(true);
    for (const n of drawn.neighbourhoods)
      expect(n.programmeShare).toBeCloseTo(Number(n.shareOfDwellingsBasisPoints) / 10_000, 6);
    await expect
      .poll(() =>
        page.getByRole("table", { name: "Part du programme par quartier" }).locator("tbody tr").count(),
      )
      .toBe(8);
  });

  it("colours each unit by its pipeline status once zoomed past the clusters", async () => {
    const { page } = browser;
    // the building with the most units: zoomed in, its units are points carrying their status
    const [target] = await server.current.database.db
      .select({ id: buildings.id, lng: buildings.lng, lat: buildings.lat, n: sql<number>`count(*)::int` })
      .from(buildings)
      .innerJoin(
        units,
        and(eq(units.organisationId, buildings.organisationId), eq(units.buildingId, buildings.id)),
      )
      .groupBy(buildings.organisationId, buildings.id)
      .orderBy(desc(sql`count(*)`))
      .limit(1);
    const expected = await server.current.database.db
      .select({ id: units.id, status: units.status })
      .from(units)
      .where(eq(units.buildingId, target!.id));
    const rendered = await page.evaluate(
      ({ lng, lat }) =>
        new Promise<{ units: { id: string; status: string }[]; colour: unknown }>((resolve) => {
          const map = (window as MapWindow).__map;
          map.once("idle", () => {
            const features = map.queryRenderedFeatures({ layers: ["units"] });
            resolve({
              units: features.map((f: { properties: Record<string, string> }) => ({
                id: f.properties.id,
                status: f.properties.status,
              })),
              colour: map.getPaintProperty("units", "circle-color"),
            });
          });
          map.jumpTo({ center: [lng, lat], zoom: 17 });
        }),
      { lng: target!.lng, lat: target!.lat },
    );
    const mine = rendered.units.filter((f) => expected.some((u) => u.id === f.id));
    expect(mine.map((f) => `${f.id}:${f.status}`).sort()).toEqual(
      expected.map((u) => `${u.id}:${u.status}`).sort(),
    );
    // the colour is a match on the status, with a colour for each status present
    const colour = rendered.colour as unknown[];
    expect(colour.slice(0, 2)).toEqual(["match", ["get", "status"]]);
    for (const unit of mine) expect(colour).toContain(unit.status);
    await browser.screenshot("map-units-zoomed");
  });
});
