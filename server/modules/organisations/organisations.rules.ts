import { formatBasisPoints } from "../../lib/money";
import { checkIban } from "../landlords/iban.rules";
import { checkCreditorIdentifier, isBic } from "../ledger/sepa.rules";

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

/**
 * The national rules of the "Un Chez-soi d'abord" programme. A site may make them stricter
 * (a lower cap, a lower ceiling, a shorter delay, a larger panel), never looser. Operators
 * outside the programme (IML associations, social agencies) set their own parameters.
 */
export const NATIONAL_FLOORS = {
  // cahier des charges §9.4: no more than 20 % of the flats of one building
  buildingCapBasisPoints: 2000,
  // cahier des charges §8.11, §9.4: residual rent at most 30 % of the resources
  residualRentCeilingBasisPoints: 3000,
  // cahier des charges §8.3.2: a first offer within 8 weeks of day 1
  firstOfferDeadlineWeeks: 8,
  // cahier des charges footnote 32: a panel of at least three captured flats
  minimumPanelSize: 3,
} as const;

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
  if (p.kind === "chez_soi_site") problems.push(...nationalFloorProblems(p));
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
        message: "Plafond en part : une valeur entre 0,01 % et 100 %",
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

/** The parameters of a programme site that would loosen a national rule. */
export function nationalFloorProblems(p: ProgrammeParameters): ParameterProblem[] {
  const problems: ParameterProblem[] = [];
  if (p.buildingCapBasisPoints > NATIONAL_FLOORS.buildingCapBasisPoints)
    problems.push({
      path: "json.buildingCapBasisPoints",
      message: `Au plus ${formatBasisPoints(NATIONAL_FLOORS.buildingCapBasisPoints)} des logements d'un immeuble (règle nationale du programme) : un site peut être plus strict, jamais moins`,
    });
  if (p.smallBuildingException)
    problems.push({
      path: "json.smallBuildingException",
      message: `Un logement dans un immeuble de moins de 5 logements dépasse ${formatBasisPoints(NATIONAL_FLOORS.buildingCapBasisPoints)} de l'immeuble : exception impossible pour un site du programme`,
    });
  if (p.residualRentCeilingBasisPoints > NATIONAL_FLOORS.residualRentCeilingBasisPoints)
    problems.push({
      path: "json.residualRentCeilingBasisPoints",
      message: `Reste à charge au plus ${formatBasisPoints(NATIONAL_FLOORS.residualRentCeilingBasisPoints)} des ressources (règle nationale du programme) : un site peut être plus strict, jamais moins`,
    });
  if (p.firstOfferDeadlineWeeks > NATIONAL_FLOORS.firstOfferDeadlineWeeks)
    problems.push({
      path: "json.firstOfferDeadlineWeeks",
      message: `Première proposition dans les ${NATIONAL_FLOORS.firstOfferDeadlineWeeks} semaines au plus (règle nationale du programme)`,
    });
  if (p.minimumPanelSize < NATIONAL_FLOORS.minimumPanelSize)
    problems.push({
      path: "json.minimumPanelSize",
      message: `Un choix entre au moins ${NATIONAL_FLOORS.minimumPanelSize} logements (règle nationale du programme) : un engagement local comme « deux logements correspondant aux choix » s'inscrit comme engagement local, pas comme minimum`,
    });
  return problems;
}

export type BankDetails = {
  bankIban: string | null;
  bankBic: string | null;
  sepaCreditorIdentifier: string | null;
};

/**
 * The organisation's bank details as stored: IBAN (ISO 13616, checksum), BIC (ISO 9362) and SEPA
 * creditor identifier (EPC262-08 check digits) normalised to capitals without spaces, or the
 * problems found. An empty text clears the field.
 */
export function normaliseBankDetails(change: Partial<BankDetails>): {
  value: Partial<BankDetails>;
  problems: ParameterProblem[];
} {
  const problems: ParameterProblem[] = [];
  const value: Partial<BankDetails> = {};
  const compact = (text: string) => text.replace(/[\s-]/g, "").toUpperCase();
  if (change.bankIban !== undefined) {
    if (change.bankIban === null || change.bankIban.trim() === "") value.bankIban = null;
    else {
      const checked = checkIban(change.bankIban);
      if (checked.valid) value.bankIban = checked.iban;
      else problems.push({ path: "json.bankIban", message: "IBAN invalide (ISO 13616)" });
    }
  }
  if (change.bankBic !== undefined) {
    const bic = change.bankBic === null ? "" : compact(change.bankBic);
    if (bic === "") value.bankBic = null;
    else if (isBic(bic)) value.bankBic = bic;
    else problems.push({ path: "json.bankBic", message: "BIC invalide : 8 ou 11 caractères (ISO 9362)" });
  }
  if (change.sepaCreditorIdentifier !== undefined) {
    const ics = change.sepaCreditorIdentifier === null ? "" : compact(change.sepaCreditorIdentifier);
    if (ics === "") value.sepaCreditorIdentifier = null;
    else if (checkCreditorIdentifier(ics)) value.sepaCreditorIdentifier = ics;
    else
      problems.push({
        path: "json.sepaCreditorIdentifier",
        message: "Identifiant créancier SEPA invalide (clé de contrôle ou format, ex. FR72ZZZ123456)",
      });
  }
  return { value, problems };
}
