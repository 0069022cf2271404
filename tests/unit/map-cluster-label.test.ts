import { expression } from "@maplibre/maplibre-gl-style-spec";
import { describe, expect, it } from "vitest";
import { clusterCountLabel } from "../../web/src/map/messages";

/** The expression evaluated by maplibre's own style-spec, as the map's worker evaluates it. */
function label(pointCount: number, units?: number): string {
  const compiled = expression.createExpression(clusterCountLabel, { type: "string" } as never);
  if (compiled.result !== "success") throw new Error(JSON.stringify(compiled.value));
  return String(
    compiled.value.evaluate({ zoom: 12 }, {
      type: "Point",
      properties: units === undefined ? { point_count: pointCount } : { point_count: pointCount, units },
    } as never),
  );
}

describe("a cluster's size written on the map, in French", () => {
  it.each([
    [2, "2"],
    [850, "850"],
    [999, "999"],
    [1000, "1 k"],
    [1249, "1,2 k"],
    [1250, "1,3 k"],
    [12_345, "12,3 k"],
    [100_000, "100 k"],
  ])("%i units → %s", (count, text) => {
    expect(label(count)).toBe(text);
  });
});

describe("a cluster of grid cells counts their units, not the cells", () => {
  it.each([
    [3, 1200, "1,2 k"],
    [1, 850, "850"],
  ])("%i cell(s) of %i units → %s", (cells, units, text) => {
    expect(label(cells, units)).toBe(text);
  });
});
