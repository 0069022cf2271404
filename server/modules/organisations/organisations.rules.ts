/** The programme parameters an organisation tunes (db/schema/organisations.ts). */
export type ProgrammeParameters = {
  kind: "chez_soi_site" | "iml_association" | "social_agency";
  capacity: number;
  buildingCapBasisPoints: number;
  smallBuildingException: boolean;
  neighbourhoodCapMode: "off" | "share" | "count";
  neighbourhoodCapValue: number | null;
  firstOfferDeadlineWeeks: number;
  minimumPanelSize: number;
  residualRentCeilingBasisPoints: number;
  panelExpiryDays: number;
};

export type ParameterProblem = { path: string; message: string };

/**
 * The cross-field rules of a complete set of parameters (ranges of single fields are checked by
 * the request schema). Empty when the set is acceptable.
 */
export function programmeParameterProblems(p: ProgrammeParameters): ParameterProblem[] {
  const problems: ParameterProblem[] = [];
  // cahier des charges §8.1: a site follows 90 to 105 people
  if (p.kind === "chez_soi_site" && (p.capacity < 90 || p.capacity > 105)) {
    problems.push({
      path: "json.capacity",
      message: "Un site Un Chez-soi d'abord accompagne entre 90 et 105 personnes",
    });
  }
  if (p.neighbourhoodCapMode === "off" && p.neighbourhoodCapValue !== null) {
    problems.push({
      path: "json.neighbourhoodCapValue",
      message: "Sans plafond par quartier, aucune valeur n'est attendue",
    });
  }
  if (p.neighbourhoodCapMode === "share") {
    const value = p.neighbourhoodCapValue;
    if (value === null || value < 1 || value > 10_000) {
      problems.push({
        path: "json.neighbourhoodCapValue",
        message: "Plafond en part : une valeur entre 1 et 10000 points de base (10000 = 100 %)",
      });
    }
  }
  if (
    p.neighbourhoodCapMode === "count" &&
    (p.neighbourhoodCapValue === null || p.neighbourhoodCapValue < 1)
  ) {
    problems.push({
      path: "json.neighbourhoodCapValue",
      message: "Plafond en nombre : au moins 1 logement par quartier",
    });
  }
  return problems;
}
