import type { MultiPolygon, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import {
  geometryBbox,
  type NeighbourhoodShape,
  neighbourhoodContaining,
  parseNeighbourhoodGeoJson,
} from "../../server/modules/neighbourhoods/geometry.rules";

const square = (minLng: number, minLat: number, size: number): number[][] => [
  [minLng, minLat],
  [minLng + size, minLat],
  [minLng + size, minLat + size],
  [minLng, minLat + size],
  [minLng, minLat],
];

function shape(id: string, geometry: Polygon | MultiPolygon, code = id): NeighbourhoodShape {
  return { id, code, geometry, ...geometryBbox(geometry) };
}

// West (5.00–5.02) and East (5.02–5.04) share the border lng = 5.02.
const west = shape("west", { type: "Polygon", coordinates: [square(5.0, 47.3, 0.02)] }, "A-WEST");
const east = shape("east", { type: "Polygon", coordinates: [square(5.02, 47.3, 0.02)] }, "B-EAST");
// A ring with a hole (a park that belongs to no neighbourhood) between 5.10 and 5.14.
const ringed = shape("ringed", {
  type: "Polygon",
  coordinates: [square(5.1, 47.3, 0.04), square(5.115, 47.315, 0.01)],
});
// Two separate islands forming one neighbourhood.
const islands = shape("islands", {
  type: "MultiPolygon",
  coordinates: [[square(5.2, 47.3, 0.01)], [square(5.25, 47.35, 0.01)]],
});
const all = [east, west, ringed, islands];

describe("neighbourhood of a point", () => {
  it.each([
    [{ lng: 5.01, lat: 47.31 }, "west"],
    [{ lng: 5.03, lat: 47.31 }, "east"],
    [{ lng: 5.205, lat: 47.305 }, "islands"], // first polygon of the multipolygon
    [{ lng: 5.255, lat: 47.355 }, "islands"], // second polygon
    [{ lng: 5.23, lat: 47.33 }, null], // between the islands: inside the bbox, outside both
    [{ lng: 5.105, lat: 47.305 }, "ringed"], // in the ring, outside the hole
    [{ lng: 5.12, lat: 47.32 }, null], // in the hole
    [{ lng: 5.115, lat: 47.32 }, "ringed"], // on the hole's edge: the edge belongs to the polygon
    [{ lng: 5.1, lat: 47.32 }, "ringed"], // on the outer border
    [{ lng: 5.0, lat: 47.3 }, "west"], // on a corner
    [{ lng: 4.9, lat: 47.3 }, null], // nowhere
  ])("%o → %s", (location, expected) => {
    expect(neighbourhoodContaining(location, all)).toBe(expected);
  });

  it("gives a point on a shared border to the neighbourhood whose code sorts first, whatever the order", () => {
    const onBorder = { lng: 5.02, lat: 47.31 };
    expect(neighbourhoodContaining(onBorder, [east, west])).toBe("west");
    expect(neighbourhoodContaining(onBorder, [west, east])).toBe("west");
    const renamed = [{ ...east, code: "0-EAST" }, west];
    expect(neighbourhoodContaining(onBorder, renamed)).toBe("east");
  });
});

describe("GeoJSON import validation", () => {
  const feature = (
    geometry: unknown,
    properties: Record<string, unknown> = { code: "Q1", name: "Quartier" },
  ) => ({
    type: "Feature",
    properties,
    geometry,
  });

  it("reads a FeatureCollection of polygons and multipolygons with the QPV flag and bbox", () => {
    const { features, errors } = parseNeighbourhoodGeoJson({
      type: "FeatureCollection",
      features: [
        feature({ type: "Polygon", coordinates: [square(5, 47, 1)] }, { code: "Q1", name: "Un", qpv: true }),
        feature(islands.geometry, { code: "Q2", nom: "Deux" }),
      ],
    });
    expect(errors).toEqual([]);
    expect(features.map((f) => [f.code, f.name, f.isQpv])).toEqual([
      ["Q1", "Un", true],
      ["Q2", "Deux", false],
    ]);
    expect(features[1]!.bbox).toEqual({ minLng: 5.2, minLat: 47.3, maxLng: 5.26, maxLat: 47.36 });
  });

  it("reads a bare Feature and a bare geometry", () => {
    expect(
      parseNeighbourhoodGeoJson(feature({ type: "Polygon", coordinates: [square(5, 47, 1)] })).features,
    ).toHaveLength(1);
    const bare = parseNeighbourhoodGeoJson({ type: "Polygon", coordinates: [square(5, 47, 1)] }, {});
    expect(bare.errors.map((e) => e.path)).toEqual(["properties.code", "properties.name"]);
  });

  it("reports each broken feature with its index and the path at fault", () => {
    const open = square(5, 47, 1).slice(0, 4);
    const { features, errors } = parseNeighbourhoodGeoJson({
      type: "FeatureCollection",
      features: [
        feature({ type: "Polygon", coordinates: [square(5, 47, 1)] }, { code: "OK", name: "Valide" }),
        feature({ type: "Polygon", coordinates: [open] }, { code: "OPEN", name: "Ouvert" }),
        feature(
          {
            type: "Polygon",
            coordinates: [
              [
                [5, 47],
                [6, 47],
                [5, 47],
              ],
            ],
          },
          { code: "SHORT", name: "Court" },
        ),
        feature({ type: "Polygon", coordinates: [square(200, 47, 1)] }, { code: "LNG", name: "Hors bornes" }),
        feature({ type: "Point", coordinates: [5, 47] }, { code: "PT", name: "Point" }),
        feature(
          {
            type: "Polygon",
            coordinates: [
              [
                [5, 47],
                [6, 48],
                [6, 47],
                [5, 48],
                [5, 47],
              ],
            ],
          },
          { code: "BOW", name: "Nœud" },
        ),
        feature({ type: "Polygon", coordinates: [square(5, 47, 1)] }, { code: "OK", name: "Doublon" }),
        feature(
          {
            type: "Polygon",
            coordinates: [
              [
                [5, 47],
                [6, "47"],
                [6, 48],
                [5, 47],
              ],
            ],
          },
          { name: "Sans code" },
        ),
      ],
    });
    expect(features.map((f) => f.code)).toEqual(["OK"]);
    const byFeature = (index: number) => errors.filter((e) => e.feature === index);
    expect(byFeature(1)).toEqual([
      { feature: 1, path: "geometry.coordinates.0", message: expect.stringContaining("pas fermé") },
    ]);
    expect(byFeature(2)[0]).toMatchObject({
      path: "geometry.coordinates.0",
      message: expect.stringContaining("au moins 4"),
    });
    expect(
      byFeature(3)
        .map((e) => e.message)
        .join(),
    ).toContain("longitude hors de [-180, 180] : 200");
    expect(byFeature(4)[0]).toMatchObject({ path: "geometry.type" });
    expect(byFeature(5)[0]).toMatchObject({
      path: "geometry",
      message: expect.stringContaining("se recoupe"),
    });
    expect(byFeature(6)[0]).toMatchObject({
      path: "properties.code",
      message: expect.stringContaining("feature 0"),
    });
    expect(byFeature(7).map((e) => e.path)).toEqual(["properties.code", "geometry.coordinates.0.1"]);
    expect(errors.every((e) => e.feature !== 0)).toBe(true);
  });

  it("refuses what is not GeoJSON at all, or an empty collection", () => {
    expect(parseNeighbourhoodGeoJson({ hello: 1 }).errors[0]).toMatchObject({ feature: -1, path: "type" });
    expect(parseNeighbourhoodGeoJson({ type: "FeatureCollection", features: [] }).errors[0]).toMatchObject({
      path: "features",
    });
  });
});
