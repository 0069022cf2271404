import type { FeatureCollection } from "geojson";
import * as maplibregl from "maplibre-gl";
import { h, mount } from "../lib/dom";
import { formatEuros, formatPercent, label, typologyLabels, unitStatusLabels } from "../lib/format";
import type { Page } from "../lib/router";
import { can } from "../lib/session";
import { table } from "../lib/ui";
import { type AddressCandidate, addressSearch } from "../map/address-search";
import { loadMapBuildings, loadNeighbourhoods, unitsUrl } from "../map/data";
import { mapLegend } from "../map/legend";
import { bboxOf, createMap } from "../map/map";
import { unitsLoader } from "../map/units-loader";
import { statusColours } from "../map/palette";

/** The stock on the map: units by pipeline status (clustered), buildings against the cap, neighbourhoods. */
export const mapPage: Page = {
  path: "/carte",
  title: "Carte du parc",
  permission: "stock.read",
  async render({ root, config, me }) {
    const notices = h("div", { class: "notices", "aria-live": "polite" });
    const container = h("div", { class: "map", id: "map" });
    const statusBoxes = Object.keys(statusColours).map((status) => {
      const input = h("input", { type: "checkbox", name: "status", value: status, checked: true });
      return h("label", { class: "chip" }, input, unitStatusLabels[status] ?? status);
    });
    const summary = h("p", { "aria-busy": "true" }, "Chargement des quartiers…");
    const filters = h("fieldset", { class: "filters" }, h("legend", null, "Statuts affichés"), statusBoxes);
    let goTo: (candidate: AddressCandidate) => void = () => {};
    const search = addressSearch({
      label: "Aller à une adresse",
      enabled: config.geocoder !== false,
      onChoose: (candidate) => goTo(candidate),
    });
    mount(
      root,
      h("h1", null, "Carte du parc"),
      can(me, "stock.write")
        ? h(
            "p",
            { class: "actions" },
            h(
              "a",
              { href: "/carte/contours", "data-link": true, class: "button" },
              "Importer des contours (IRIS, QPV)",
            ),
            h("a", { href: "/carte/quartiers", "data-link": true, class: "button" }, "Quartiers"),
          )
        : null,
      notices,
      h("div", { class: "map-tools" }, search, filters),
      h("div", { class: "map-layout" }, container, mapLegend()),
      summary,
    );

    const notice = (text: string) => notices.append(h("p", { class: "notice" }, text));
    const appMap = createMap(container, {
      styleUrl: config.mapStyleUrl,
      attribution: config.mapAttribution,
      onBasemapUnavailable: notice,
    });
    const { map } = appMap;
    // the address searched: the map centres on it and marks it (the marker says which address)
    let marker: maplibregl.Marker | null = null;
    goTo = (candidate) => {
      marker?.remove();
      marker = new maplibregl.Marker({ color: "#b45309" })
        .setLngLat([candidate.lng, candidate.lat])
        .setPopup(new maplibregl.Popup({ closeButton: true }).setText(candidate.label))
        .addTo(map);
      marker.getElement().setAttribute("aria-label", `Adresse recherchée : ${candidate.label}`);
      marker.getElement().dataset.testid = "address-marker";
      map.jumpTo({ center: [candidate.lng, candidate.lat], zoom: Math.max(map.getZoom(), 17) });
    };

    // the units are requested at once (the heavy part); neighbourhoods and buildings alongside
    const selectedStatuses = () =>
      statusBoxes
        .map((box) => box.querySelector("input")!)
        .filter((input) => input.checked)
        .map((input) => input.value);
    const loadUnits = unitsLoader(
      appMap,
      (bbox, zoom) => {
        const statuses = selectedStatuses();
        return unitsUrl(bbox, statuses.length === Object.keys(statusColours).length ? [] : statuses, {
          zoom,
        });
      },
      () => notice("Les logements n'ont pas pu être chargés sur la carte."),
    );
    const firstUnits = loadUnits(true);

    const [neighbourhoods, buildings] = await Promise.all([
      loadNeighbourhoods().catch(() => null),
      loadMapBuildings().catch(() => null),
    ]);
    if (neighbourhoods) {
      appMap.setNeighbourhoods(neighbourhoods);
      summary.replaceWith(neighbourhoodTable(neighbourhoods));
    } else {
      notice("Les quartiers n'ont pas pu être chargés.");
      summary.remove();
    }
    if (buildings) appMap.setBuildings(buildings);
    else notice("Les immeubles n'ont pas pu être chargés.");
    await appMap.loaded;
    const extent = (neighbourhoods && bboxOf(neighbourhoods)) || (buildings && bboxOf(buildings));
    if (extent) appMap.fitTo(extent);
    map.on("moveend", () => void loadUnits());
    // the same statuses filter the buildings: a building none of whose units is shown is hidden
    const filterBuildings = () => {
      const statuses = selectedStatuses();
      map.setFilter(
        "buildings",
        statuses.length === Object.keys(statusColours).length
          ? null
          : ([
              "any",
              ...statuses.map((status) => ["in", `,${status},`, ["get", "unitStatuses"]]),
            ] as maplibregl.FilterSpecification),
      );
    };
    filters.addEventListener("change", () => {
      void loadUnits(true);
      filterBuildings();
    });

    attachPopups(map);
    await firstUnits;
    await appMap.idle();
    window.__mapReady = true;
    return () => appMap.remove();
  },
};

function attachPopups(map: maplibregl.Map): void {
  let popup: maplibregl.Popup | null = null;
  const show = async (lngLat: maplibregl.LngLatLike, content: HTMLElement) => {
    popup?.remove();
    popup = new maplibregl.Popup({ closeButton: true, maxWidth: "320px" })
      .setLngLat(lngLat)
      .setDOMContent(content)
      .addTo(map);
  };
  map.on("click", "units-clusters", async (event) => {
    const feature = event.features?.[0];
    if (!feature) return;
    const source = map.getSource("units") as maplibregl.GeoJSONSource;
    // a cluster of the map's worker opens at the zoom that splits it; a grid cell of the database
    // two levels closer, where it is read again finer
    const clusterId = feature.properties.cluster_id as number | undefined;
    const zoom =
      clusterId === undefined ? map.getZoom() + 2 : await source.getClusterExpansionZoom(clusterId);
    map.easeTo({ center: (feature.geometry as GeoJSON.Point).coordinates as [number, number], zoom });
  });
  map.on("click", "units", (event) => {
    const feature = event.features?.[0];
    if (!feature) return;
    const p = feature.properties as Record<string, unknown>;
    void show(
      event.lngLat,
      h(
        "div",
        { class: "popup" },
        h(
          "strong",
          null,
          `${label(typologyLabels, p.typology as string)} — ${label(unitStatusLabels, p.status as string)}`,
        ),
        h(
          "dl",
          null,
          h("dt", null, "Loyer + charges"),
          h(
            "dd",
            null,
            typeof p.rentCents === "number"
              ? `${formatEuros(p.rentCents)} + ${formatEuros((p.chargesCents as number) ?? 0)}`
              : "—",
          ),
          h("dt", null, "Part du programme dans l'immeuble"),
          h(
            "dd",
            null,
            `${p.buildingProgrammeUnits} sur ${p.buildingTotalDwellings} (${formatPercent(
              Number(p.buildingShareBasisPoints) / 10_000,
            )})`,
          ),
          h("dt", null, "Marge avant plafond (20 %)"),
          h("dd", null, p.buildingHeadroom === undefined ? "—" : `${p.buildingHeadroom} logement(s)`),
        ),
        h(
          "a",
          { href: `/parc/logements/${encodeURIComponent(String(p.id))}`, "data-link": true },
          "Ouvrir la fiche",
        ),
      ),
    );
  });
  map.on("click", "buildings", (event) => {
    // a unit drawn over its building wins: both layers hear the click, only the unit answers
    if (map.queryRenderedFeatures(event.point, { layers: ["units", "units-clusters"] }).length > 0) return;
    const feature = event.features?.[0];
    if (!feature) return;
    const p = feature.properties as Record<string, unknown>;
    void show(
      event.lngLat,
      h(
        "div",
        { class: "popup" },
        h("strong", null, String(p.address ?? "Immeuble")),
        h(
          "dl",
          null,
          h("dt", null, "Logements du programme"),
          h("dd", null, `${p.programmeUnits} sur ${p.totalDwellings} (${formatPercent(p.share as number)})`),
          h("dt", null, "Plafond (20 %)"),
          h("dd", null, `${p.maxProgrammeUnits} logement(s)`),
          h("dt", null, "Marge avant plafond"),
          h("dd", null, `${p.headroom} logement(s)`),
        ),
        h(
          "a",
          { href: `/parc/immeubles/${encodeURIComponent(String(p.id))}`, "data-link": true },
          "Ouvrir l'immeuble",
        ),
      ),
    );
  });
  // a cluster's size is written on it; hovering tells how many of them can be proposed now
  let hover: maplibregl.Popup | null = null;
  map.on("mousemove", "units-clusters", (event) => {
    const p = event.features?.[0]?.properties;
    if (!p) return;
    hover ??= new maplibregl.Popup({ closeButton: false, closeOnClick: false, className: "cluster-tip" });
    hover
      .setLngLat(event.lngLat)
      .setDOMContent(
        h("span", null, `${p.units ?? p.point_count} logement(s), dont ${p.available ?? 0} disponible(s)`),
      )
      .addTo(map);
  });
  map.on("mouseleave", "units-clusters", () => {
    hover?.remove();
  });
  map.on("click", "neighbourhoods-fill", (event) => {
    // a click on a unit or a building above the polygon shows that one instead
    const above = map.queryRenderedFeatures(event.point, {
      layers: ["units", "units-clusters", "buildings"],
    });
    const feature = event.features?.[0];
    if (above.length > 0 || !feature) return;
    const p = feature.properties as Record<string, unknown>;
    void show(
      event.lngLat,
      h(
        "div",
        { class: "popup" },
        h("strong", null, `${p.name}${p.isQpv ? " (QPV)" : ""}`),
        h(
          "dl",
          null,
          h("dt", null, "Logements du programme"),
          h(
            "dd",
            null,
            `${p.programmeUnits} sur ${p.totalDwellings} (${formatPercent(p.programmeShare as number)})`,
          ),
          h("dt", null, "Marge dans le quartier"),
          h(
            "dd",
            null,
            p.headroom === null || p.headroom === undefined ? "sans plafond" : `${p.headroom} logement(s)`,
          ),
        ),
      ),
    );
  });
  for (const layer of ["units", "units-clusters", "buildings"]) {
    map.on("mouseenter", layer, () => {
      map.getCanvas().style.cursor = "pointer";
    });
    map.on("mouseleave", layer, () => {
      map.getCanvas().style.cursor = "";
    });
  }
}

/** The neighbourhoods' figures as a table: what the shading shows, readable without the map. */
function neighbourhoodTable(collection: FeatureCollection): HTMLElement {
  const rows = collection.features.map((feature) => feature.properties as Record<string, unknown>);
  rows.sort((a, b) => String(a.name).localeCompare(String(b.name), "fr"));
  return table<Record<string, unknown>>(
    "Part du programme par quartier",
    [
      { header: "Quartier", cell: (p) => `${p.name}${p.isQpv ? " (QPV)" : ""}` },
      { header: "Logements du programme", cell: (p) => String(p.programmeUnits), numeric: true },
      { header: "Logements du quartier", cell: (p) => String(p.totalDwellings), numeric: true },
      { header: "Part", cell: (p) => formatPercent(p.programmeShare as number), numeric: true },
      {
        header: "Marge",
        cell: (p) => (p.headroom === null || p.headroom === undefined ? "—" : String(p.headroom)),
        numeric: true,
      },
    ],
    rows,
  );
}
