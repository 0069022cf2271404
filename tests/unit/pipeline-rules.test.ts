import { describe, expect, it } from "vitest";
import {
  checkMainRoomDecency,
  DECENCY_CRITERIA,
  decencyCriteriaViolations,
} from "../../server/modules/units/decency.rules";
import { shortestPath } from "../../server/modules/units/pipeline-path";
import {
  allowedNextStatuses,
  isTransitionAllowed,
  UNIT_STATUSES,
  type UnitStatus,
} from "../../server/modules/units/pipeline.rules";

// The pipeline written out independently of the implementation's table.
const LEGAL: ReadonlySet<string> = new Set([
  "prospect→visit_scheduled",
  "prospect→withdrawn",
  "visit_scheduled→visited",
  "visit_scheduled→prospect",
  "visit_scheduled→withdrawn",
  "visited→agreed",
  "visited→withdrawn",
  "agreed→available",
  "agreed→withdrawn",
  "available→reserved",
  "available→works",
  "available→withdrawn",
  "reserved→let",
  "reserved→available",
  "let→notice_given",
  "let→vacant",
  "notice_given→vacant",
  "notice_given→let",
  "vacant→reserved",
  "vacant→works",
  "vacant→available",
  "vacant→withdrawn",
  "works→available",
  "works→withdrawn",
  "withdrawn→prospect",
]);

const allPairs = UNIT_STATUSES.flatMap((from) =>
  UNIT_STATUSES.map((to) => [from, to] as [UnitStatus, UnitStatus]),
);

describe("capture pipeline state machine", () => {
  it.each(allPairs.filter(([from, to]) => LEGAL.has(`${from}→${to}`)))("allows %s → %s", (from, to) => {
    expect(isTransitionAllowed(from, to)).toBe(true);
    expect(allowedNextStatuses(from)).toContain(to);
  });

  const illegal = allPairs.filter(([from, to]) => !LEGAL.has(`${from}→${to}`));
  it("has 96 illegal pairs out of 121", () => expect(illegal).toHaveLength(121 - LEGAL.size));

  it.each(illegal)("refuses %s → %s", (from, to) => {
    expect(isTransitionAllowed(from, to)).toBe(false);
    expect(allowedNextStatuses(from)).not.toContain(to);
  });

  it("never lets a let unit, or one under notice, be withdrawn while a tenant lives there", () => {
    expect(isTransitionAllowed("let", "withdrawn")).toBe(false);
    expect(isTransitionAllowed("notice_given", "withdrawn")).toBe(false);
    expect(isTransitionAllowed("reserved", "withdrawn")).toBe(false);
  });

  it("reaches every status from prospect", () => {
    const seen = new Set<UnitStatus>(["prospect"]);
    const queue: UnitStatus[] = ["prospect"];
    while (queue.length > 0) {
      for (const next of allowedNextStatuses(queue.shift()!)) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    expect([...seen].sort()).toEqual([...UNIT_STATUSES].sort());
  });
});

describe("main room décence (décret 2002-120)", () => {
  it.each([
    [{ mainRoomSurfaceM2: 9, ceilingHeightM: 2.2 }, true, "surface_and_height"],
    [{ mainRoomSurfaceM2: 8.99, ceilingHeightM: 2.5 }, true, "volume"], // 22.5 m³
    [{ mainRoomSurfaceM2: 8, ceilingHeightM: 2.5 }, true, "volume"], // exactly 20 m³
    [{ mainRoomSurfaceM2: 8.5, ceilingHeightM: 2.3 }, false, undefined], // 19.55 m³
    [{ mainRoomSurfaceM2: 12, ceilingHeightM: 2.19 }, true, "volume"], // 26.28 m³
    [{ mainRoomSurfaceM2: 9, ceilingHeightM: 2.19 }, false, undefined], // 19.71 m³
    // a measured volume is kept only when it is the smaller figure (7 × 2.19 = 15.33 m³)
    [{ mainRoomSurfaceM2: 7, ceilingHeightM: 2.19, habitableVolumeM3: 21 }, false, undefined],
    [{ mainRoomSurfaceM2: 10, ceilingHeightM: 2.3, habitableVolumeM3: 21 }, true, "surface_and_height"],
    [{ mainRoomSurfaceM2: 8.5, ceilingHeightM: 2.6, habitableVolumeM3: 20.5 }, true, "volume"],
    [{ mainRoomSurfaceM2: 8.5, ceilingHeightM: 2.6, habitableVolumeM3: 19.5 }, false, undefined],
    [{ mainRoomSurfaceM2: 10, ceilingHeightM: 1.9, habitableVolumeM3: 19 }, false, undefined],
    // CCH R.156-1: parts under 1.80 m are not counted, neither in the surface nor in the volume
    [{ mainRoomSurfaceM2: 13, ceilingHeightM: 1.6 }, false, undefined], // an attic: 0 m² counted, not 20.8 m³
    [{ mainRoomSurfaceM2: 13, ceilingHeightM: 1.6, habitableVolumeM3: 21 }, false, undefined],
    [{ mainRoomSurfaceM2: 12, ceilingHeightM: 1.8 }, true, "volume"], // 21.6 m³, all of it ≥ 1.80 m
    [{ mainRoomSurfaceM2: 12, ceilingHeightM: 2.4, surfaceUnder180M2: 4 }, false, undefined], // 8 m², 19.2 m³
    [{ mainRoomSurfaceM2: 12, ceilingHeightM: 2.5, surfaceUnder180M2: 3 }, true, "surface_and_height"], // 9 m²
  ])("%o → décent %s", (checklist, decent, via) => {
    const result = checkMainRoomDecency(checklist);
    expect(result.decent).toBe(decent);
    if (result.decent) expect(result.via).toBe(via);
    else expect(result.message).toContain("décret 2002-120");
  });
});

describe("shortest legal path (demo histories)", () => {
  it.each([
    ["prospect", "prospect", ["prospect"]],
    ["prospect", "let", ["prospect", "visit_scheduled", "visited", "agreed", "available", "reserved", "let"]],
    ["let", "available", ["let", "vacant", "available"]],
    ["withdrawn", "visited", ["withdrawn", "prospect", "visit_scheduled", "visited"]],
  ] as [UnitStatus, UnitStatus, UnitStatus[]][])("%s → %s", (from, to, path) => {
    expect(shortestPath(from, to)).toEqual(path);
    for (let i = 1; i < path.length; i++) expect(isTransitionAllowed(path[i - 1]!, path[i]!)).toBe(true);
  });
});

describe("the other criteria of décret 2002-120 (art. 2, 3) at the visit", () => {
  const allMet = Object.fromEntries(
    DECENCY_CRITERIA.map((criterion) => [criterion, { met: true, evidence: "constaté à la visite" }]),
  );
  it.each([
    ["every criterion met with its evidence", allMet, []],
    [
      "nothing answered: no criterion is presumed met",
      undefined,
      DECENCY_CRITERIA.map(() => "criterion_not_checked"),
    ],
    [
      "no WC inside (art. 3, 5°)",
      { ...allMet, sanitary: { met: false, evidence: "WC sur le palier" } },
      ["criterion_not_met"],
    ],
    [
      "heating said met without evidence (art. 3, 1°)",
      { ...allMet, heating: { met: true, evidence: " " } },
      ["evidence_missing"],
    ],
    [
      "ventilation not checked (art. 2, 5°)",
      { ...allMet, ventilation: undefined },
      ["criterion_not_checked"],
    ],
  ] as const)("%s", (_label, criteria, codes) => {
    expect(decencyCriteriaViolations(criteria).map((violation) => violation.code)).toEqual(codes);
  });

  it("names the field at fault", () => {
    const [violation] = decencyCriteriaViolations({ ...allMet, kitchen: { met: false } });
    expect(violation).toMatchObject({ path: "decency.criteria.kitchen", code: "criterion_not_met" });
    expect(violation!.message).toContain("art. 3, 4°");
  });
});
