import { formatBasisPoints } from "../../lib/money";
import type { Db } from "../../../db/client";
import { AppError } from "../../lib/errors";
import type { AuditWriter } from "../audit/audit.service";
import {
  countProgrammeUnitsByBuilding,
  countProgrammeUnitsByNeighbourhood,
  countProgrammeUnitsOutsideContoursByCommune,
  findOrganisationPolicy,
  findUnitsWithPlace,
  lockBuildings,
  lockCommunes,
  lockNeighbourhoods,
} from "./scatter.queries";
import {
  buildingCapacity,
  capAreaOf,
  neighbourhoodCapacity,
  neighbourhoodPolicyOf,
  PROGRAMME_STATUSES,
} from "./scatter.rules";

const isProgramme = (status: string) => (PROGRAMME_STATUSES as readonly string[]).includes(status);

/**
 * Checks, inside the caller's transaction, that turning these units into programme units
 * (reserving them in a panel, letting them) keeps every building within its cap
 * (cahier des charges §9.4: ≤ 20% of a building's flats) and every neighbourhood within the
 * site's neighbourhood cap. The buildings' rows (and neighbourhoods' when that cap is on) are
 * locked FOR UPDATE until the transaction ends, so two concurrent reservations in one building
 * are serialised: the second sees the first's units and gets SCATTER_CAP_EXCEEDED.
 *
 * Units already counted as programme units (e.g. reserved → let) add nothing.
 * Call it in the same transaction that then changes the units' status.
 */
export async function assertScatterAllows(
  tx: Db,
  organisationId: string,
  unitIds: readonly string[],
  audit: AuditWriter,
): Promise<void> {
  const policy = await findOrganisationPolicy(tx, organisationId);
  if (!policy) throw AppError.notFound("Organisation", organisationId);
  const targets = await findUnitsWithPlace(tx, organisationId, [...new Set(unitIds)]);
  const foundIds = new Set(targets.map((unit) => unit.id));
  const missing = unitIds.filter((id) => !foundIds.has(id));
  if (missing.length > 0) throw AppError.notFound("Logement", missing[0]);

  const additions = targets.filter((unit) => !isProgramme(unit.status));
  if (additions.length === 0) return;

  const addedByBuilding = new Map<string, number>();
  for (const unit of additions)
    addedByBuilding.set(unit.buildingId, (addedByBuilding.get(unit.buildingId) ?? 0) + 1);
  const buildingIds = [...addedByBuilding.keys()].sort();
  const locked = await lockBuildings(tx, organisationId, buildingIds);
  const current = await countProgrammeUnitsByBuilding(tx, organisationId, buildingIds);

  for (const building of locked) {
    const capacity = buildingCapacity(building.totalDwellings, {
      capBasisPoints: policy.buildingCapBasisPoints,
      smallBuildingException: policy.smallBuildingException,
    });
    const programmeUnits = current.get(building.id) ?? 0;
    const after = programmeUnits + (addedByBuilding.get(building.id) ?? 0);
    if (after > capacity.maxProgrammeUnits) {
      throw new AppError(
        "SCATTER_CAP_EXCEEDED",
        `L'immeuble compte déjà ${programmeUnits} logement(s) du programme sur ${building.totalDwellings} : ` +
          `le plafond est de ${capacity.maxProgrammeUnits} (${formatBasisPoints(policy.buildingCapBasisPoints)} des logements)`,
        {
          scope: "building",
          buildingId: building.id,
          totalDwellings: building.totalDwellings,
          programmeUnits,
          maxProgrammeUnits: capacity.maxProgrammeUnits,
        },
      );
    }
    if (capacity.viaSmallBuildingException) {
      await audit.record({
        action: "scatter.small_building_exception_used",
        entityType: "building",
        entityId: building.id,
        details: { totalDwellings: building.totalDwellings, programmeUnitsAfter: after },
      });
    }
  }

  const neighbourhoodPolicy = neighbourhoodPolicyOf(policy);
  if (neighbourhoodPolicy.mode === "off") return;
  const addedByNeighbourhood = new Map<string, number>();
  const addedByCommune = new Map<string, number>();
  for (const unit of additions) {
    const area = capAreaOf(unit);
    if (area?.kind === "neighbourhood")
      addedByNeighbourhood.set(area.id, (addedByNeighbourhood.get(area.id) ?? 0) + 1);
    else if (area?.kind === "commune")
      addedByCommune.set(area.inseeCode, (addedByCommune.get(area.inseeCode) ?? 0) + 1);
  }
  await lockNeighbourhoods(tx, organisationId, [...addedByNeighbourhood.keys()].sort());
  await lockCommunes(tx, organisationId, [...addedByCommune.keys()]);
  const { byNeighbourhood, total } = await countProgrammeUnitsByNeighbourhood(tx, organisationId);
  const totalAfter = total + additions.length;
  const maxPerNeighbourhood = neighbourhoodCapacity(neighbourhoodPolicy, totalAfter);
  for (const [neighbourhoodId, added] of addedByNeighbourhood) {
    const programmeUnits = byNeighbourhood.get(neighbourhoodId) ?? 0;
    if (programmeUnits + added > maxPerNeighbourhood) {
      throw new AppError(
        "SCATTER_CAP_EXCEEDED",
        `Le quartier compte déjà ${programmeUnits} logement(s) du programme : le plafond du site est de ${maxPerNeighbourhood}`,
        { scope: "neighbourhood", neighbourhoodId, programmeUnits, maxProgrammeUnits: maxPerNeighbourhood },
      );
    }
  }
  if (addedByCommune.size === 0) return;
  const byCommune = await countProgrammeUnitsOutsideContoursByCommune(tx, organisationId);
  for (const [inseeCode, added] of addedByCommune) {
    const programmeUnits = byCommune.get(inseeCode) ?? 0;
    if (programmeUnits + added > maxPerNeighbourhood) {
      throw new AppError(
        "SCATTER_CAP_EXCEEDED",
        `Hors des contours de quartier, la commune ${inseeCode} compte déjà ${programmeUnits} logement(s) du programme : ` +
          `le plafond de quartier du site (${maxPerNeighbourhood}) s'y applique`,
        { scope: "commune", inseeCode, programmeUnits, maxProgrammeUnits: maxPerNeighbourhood },
      );
    }
  }
}
