import { describe, expect, it } from "vitest";
import {
  capAreaKey,
  capAreaOf,
  buildingCapacity,
  buildingScatter,
  neighbourhoodCapacity,
  neighbourhoodPolicyOf,
} from "../../server/modules/scatter/scatter.rules";

const strict = { capBasisPoints: 2000, smallBuildingException: false };
const lenient = { capBasisPoints: 2000, smallBuildingException: true };

describe("building cap (cahier des charges §9.4: ≤ 20% of a building's flats)", () => {
  it.each([
    // dwellings, max strict, max with the small-building exception, exception used
    [1, 0, 1, true],
    [4, 0, 1, true],
    [5, 1, 1, false],
    [9, 1, 1, false],
    [10, 2, 2, false],
    [11, 2, 2, false],
    [14, 2, 2, false],
    [15, 3, 3, false],
  ])("%i dwellings → %i strict, %i with the exception", (total, maxStrict, maxLenient, usesException) => {
    expect(buildingCapacity(total, strict)).toEqual({
      maxProgrammeUnits: maxStrict,
      viaSmallBuildingException: false,
    });
    expect(buildingCapacity(total, lenient)).toEqual({
      maxProgrammeUnits: maxLenient,
      viaSmallBuildingException: usesException,
    });
  });

  it("follows the organisation's cap parameter", () => {
    expect(
      buildingCapacity(10, { capBasisPoints: 1000, smallBuildingException: false }).maxProgrammeUnits,
    ).toBe(1);
    expect(
      buildingCapacity(10, { capBasisPoints: 3333, smallBuildingException: false }).maxProgrammeUnits,
    ).toBe(3);
  });

  it("refuses a building without dwellings", () => {
    expect(() => buildingCapacity(0, strict)).toThrow(RangeError);
  });

  it("reports share and headroom", () => {
    expect(buildingScatter(10, 1, strict)).toMatchObject({
      headroom: 1,
      shareBasisPoints: 1000,
      maxProgrammeUnits: 2,
    });
    expect(buildingScatter(3, 1, strict)).toMatchObject({ headroom: -1, shareBasisPoints: 3333 });
  });
});

describe("neighbourhood cap (site parameter, off by default)", () => {
  it.each([
    [{ mode: "off" } as const, 50, Number.POSITIVE_INFINITY],
    [{ mode: "count", maxUnits: 12 } as const, 50, 12],
    [{ mode: "share", shareBasisPoints: 2500 } as const, 40, 10],
    [{ mode: "share", shareBasisPoints: 2500 } as const, 2, 1],
    [{ mode: "share", shareBasisPoints: 2500 } as const, 0, 1],
  ])("%o with %i programme units → at most %d per neighbourhood", (policy, total, expected) => {
    expect(neighbourhoodCapacity(policy, total)).toBe(expected);
  });

  it("reads the organisation's parameters", () => {
    expect(neighbourhoodPolicyOf({ neighbourhoodCapMode: "off", neighbourhoodCapValue: 5 })).toEqual({
      mode: "off",
    });
    expect(neighbourhoodPolicyOf({ neighbourhoodCapMode: "count", neighbourhoodCapValue: 5 })).toEqual({
      mode: "count",
      maxUnits: 5,
    });
    expect(neighbourhoodPolicyOf({ neighbourhoodCapMode: "share", neighbourhoodCapValue: 3000 })).toEqual({
      mode: "share",
      shareBasisPoints: 3000,
    });
  });
});

describe("the area a building counts against for the neighbourhood cap (outside every contour: its commune)", () => {
  it.each([
    [{ neighbourhoodId: "n1", inseeCode: "21231" }, { kind: "neighbourhood", id: "n1" }, "n:n1"],
    [{ neighbourhoodId: null, inseeCode: "21231" }, { kind: "commune", inseeCode: "21231" }, "c:21231"],
    [{ neighbourhoodId: null, inseeCode: "2A004" }, { kind: "commune", inseeCode: "2A004" }, "c:2A004"],
  ] as const)("%o is in %o", (building, area, key) => {
    expect(capAreaOf(building)).toEqual(area);
    expect(capAreaKey(capAreaOf(building)!)).toBe(key);
  });
  it("a building with neither a contour nor an INSEE code is in no area", () => {
    expect(capAreaOf({ neighbourhoodId: null, inseeCode: null })).toBeNull();
  });
});
