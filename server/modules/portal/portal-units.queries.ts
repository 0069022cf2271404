import { and, asc, eq, or, isNull } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { buildings, units } from "../../../db/schema";

/**
 * A landlord's own units: the unit names the landlord, or it names none and its building does.
 * Only what the owner needs: no tenant, no panel, nothing about people (privacy).
 */
export async function unitsOfLandlord(db: Db, organisationId: string, landlordId: string) {
  return db
    .select({
      id: units.id,
      reference: units.reference,
      street: buildings.street,
      postcode: buildings.postcode,
      city: buildings.city,
      floor: units.floor,
      typology: units.typology,
      surfaceM2: units.surfaceM2,
      rooms: units.rooms,
      furnished: units.furnished,
      energyClass: units.energyClass,
      rentCents: units.rentCents,
      chargesCents: units.chargesCents,
      captureFormula: units.captureFormula,
      status: units.status,
      statusSince: units.statusSince,
    })
    .from(units)
    .innerJoin(
      buildings,
      and(eq(buildings.organisationId, units.organisationId), eq(buildings.id, units.buildingId)),
    )
    .where(
      and(
        eq(units.organisationId, organisationId),
        or(
          eq(units.landlordId, landlordId),
          and(isNull(units.landlordId), eq(buildings.landlordId, landlordId)),
        ),
      ),
    )
    .orderBy(asc(buildings.city), asc(buildings.street), asc(units.floor), asc(units.id));
}
