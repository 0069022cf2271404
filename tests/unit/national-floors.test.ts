import { describe, expect, it } from "vitest";
import {
  type ProgrammeParameters,
  programmeParameterProblems,
} from "../../server/modules/organisations/organisations.rules";

const site: ProgrammeParameters = {
  kind: "chez_soi_site",
  capacity: 100,
  buildingCapBasisPoints: 2000,
  smallBuildingException: false,
  neighbourhoodCapMode: "off",
  neighbourhoodCapValue: null,
  firstOfferDeadlineWeeks: 8,
  minimumPanelSize: 3,
  residualRentCeilingBasisPoints: 3000,
  panelExpiryDays: 30,
};

describe("national rules of a programme site: stricter allowed, never looser", () => {
  it.each([
    // cahier des charges §9.4: 20 % of a building's flats
    { change: { buildingCapBasisPoints: 1500 }, paths: [] },
    { change: { buildingCapBasisPoints: 2001 }, paths: ["json.buildingCapBasisPoints"] },
    { change: { buildingCapBasisPoints: 5000 }, paths: ["json.buildingCapBasisPoints"] },
    // one flat in a building of fewer than 5 dwellings is more than 20 % of it
    { change: { smallBuildingException: true }, paths: ["json.smallBuildingException"] },
    // cahier des charges §8.11, §9.4: residual rent ≤ 30 % of resources
    { change: { residualRentCeilingBasisPoints: 2500 }, paths: [] },
    { change: { residualRentCeilingBasisPoints: 5000 }, paths: ["json.residualRentCeilingBasisPoints"] },
    // cahier des charges §8.3.2: 8 weeks
    { change: { firstOfferDeadlineWeeks: 6 }, paths: [] },
    { change: { firstOfferDeadlineWeeks: 26 }, paths: ["json.firstOfferDeadlineWeeks"] },
    // cahier des charges footnote 32: at least three flats
    { change: { minimumPanelSize: 4 }, paths: [] },
    { change: { minimumPanelSize: 2 }, paths: ["json.minimumPanelSize"] },
    {
      change: {
        buildingCapBasisPoints: 5000,
        residualRentCeilingBasisPoints: 5000,
        firstOfferDeadlineWeeks: 26,
        minimumPanelSize: 1,
      },
      paths: [
        "json.buildingCapBasisPoints",
        "json.residualRentCeilingBasisPoints",
        "json.firstOfferDeadlineWeeks",
        "json.minimumPanelSize",
      ],
    },
  ])("site with $change → problems on $paths", ({ change, paths }) => {
    expect(programmeParameterProblems({ ...site, ...change }).map((p) => p.path)).toEqual(paths);
  });

  it("leaves operators outside the programme free", () => {
    for (const kind of ["iml_association", "social_agency"] as const) {
      const loose = {
        ...site,
        kind,
        capacity: 40,
        buildingCapBasisPoints: 5000,
        smallBuildingException: true,
        residualRentCeilingBasisPoints: 5000,
        firstOfferDeadlineWeeks: 26,
        minimumPanelSize: 1,
      };
      expect(programmeParameterProblems(loose)).toEqual([]);
    }
  });
});
