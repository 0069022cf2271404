import type { Db } from "../../../db/client";
import { AppError } from "../../lib/errors";
import { findLandlord, findUnitWithBuilding } from "./leases.queries";

/**
 * The unit a contract or a mandate is made on, its building, and the landlord it is made with: the
 * one named, else the unit's owner, else the building's. An unknown unit or landlord → 404; no
 * landlord at all → `landlord: null` (the caller says whether its contract needs one).
 */
export async function findContractPlace(
  tx: Db,
  organisationId: string,
  unitId: string,
  landlordId: string | null | undefined,
) {
  const place = await findUnitWithBuilding(tx, organisationId, unitId);
  if (!place) throw AppError.notFound("Logement", unitId);
  const resolvedId = landlordId ?? place.unit.landlordId ?? place.building.landlordId ?? null;
  const landlord = resolvedId ? await findLandlord(tx, organisationId, resolvedId) : null;
  if (resolvedId && !landlord) throw AppError.notFound("Propriétaire", resolvedId);
  return { ...place, landlord };
}
