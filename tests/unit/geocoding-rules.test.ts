import { describe, expect, it } from "vitest";
import { addressQuery, needsReview, parseBanAnswer } from "../../server/modules/geocoding/geocoding.rules";

const feature = (properties: Record<string, unknown>, coordinates: unknown = [5.0378, 47.3222]) => ({
  type: "Feature",
  geometry: { type: "Point", coordinates },
  properties,
});

describe("parseBanAnswer (the BAN's GeoJSON answer)", () => {
  it.each([
    [
      "a house number",
      { type: "housenumber", housenumber: "12", street: "Rue de la Liberté", name: "12 Rue de la Liberté" },
      "12 Rue de la Liberté",
    ],
    ["a street: its name", { type: "street", name: "Rue de la Liberté" }, "Rue de la Liberté"],
    ["a municipality: its name", { type: "municipality", name: "Dijon" }, "Dijon"],
  ])("reads %s as the street line", (_, properties, street) => {
    const [candidate] =
      parseBanAnswer({
        type: "FeatureCollection",
        features: [
          feature({
            label: "x",
            score: 0.9,
            postcode: "21000",
            citycode: "21231",
            city: "Dijon",
            id: "k",
            ...properties,
          }),
        ],
      }) ?? [];
    expect(candidate?.street).toBe(street);
    expect(candidate?.inseeCode).toBe("21231");
    expect(candidate?.banId).toBe("k");
  });

  it("sorts by score, drops features without a point or a label, clamps the score", () => {
    const candidates = parseBanAnswer({
      type: "FeatureCollection",
      features: [
        feature({ label: "faible", score: 0.3, type: "street", name: "a" }),
        feature({ label: "fort", score: 1.4, type: "street", name: "b" }),
        feature({ score: 0.9 }),
        feature({ label: "hors bornes", score: 0.9 }, [853_000, 6_696_000]),
        { type: "Feature", geometry: null, properties: { label: "sans point" } },
      ],
    });
    expect(candidates?.map((c) => [c.label, c.score])).toEqual([
      ["fort", 1],
      ["faible", 0.3],
    ]);
  });

  it("gives null for anything but a FeatureCollection", () => {
    expect(parseBanAnswer(null)).toBeNull();
    expect(parseBanAnswer({ type: "Feature" })).toBeNull();
    expect(parseBanAnswer("<html>")).toBeNull();
  });
});

describe("needsReview", () => {
  it.each([
    [{ score: 0.95, kind: "housenumber" as const }, false],
    [{ score: 0.69, kind: "housenumber" as const }, true],
    [{ score: 0.95, kind: "street" as const }, true], // the street, not the door: placed at the street's middle
    [null, true],
  ])("%j → %s", (candidate, expected) => {
    expect(needsReview(candidate)).toBe(expected);
  });

  it("asks the whole address as one question", () => {
    expect(addressQuery({ street: " 12 rue de la Liberté ", postcode: "21000", city: "Dijon" })).toBe(
      "12 rue de la Liberté 21000 Dijon",
    );
    expect(addressQuery({ street: "12 rue X", postcode: null, city: "" })).toBe("12 rue X");
  });
});
