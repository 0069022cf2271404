import { AppError } from "../../lib/errors";
import type { UseCaseContext } from "../../lib/use-case-context";
import { unitsOfLandlord } from "./portal-units.queries";

/** The units of the landlord the portal account speaks for, without any data on their tenants. */
export async function listOwnUnits(context: UseCaseContext) {
  const { landlordId, organisationId } = context.actor;
  if (!landlordId) throw new AppError("FORBIDDEN", "Ce compte n'est rattaché à aucun propriétaire");
  return unitsOfLandlord(context.db, organisationId, landlordId);
}
