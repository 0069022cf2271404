import { randomUUID } from "node:crypto";
import type { Db } from "../../../db/client";
import { buildings, landlords, units } from "../../../db/schema";

export type LandlordRow = typeof landlords.$inferSelect;
export type BuildingRow = typeof buildings.$inferSelect;
export type UnitRow = typeof units.$inferSelect;

export async function createLandlord(
  db: Db,
  options: Partial<typeof landlords.$inferInsert> & { organisationId: string },
): Promise<LandlordRow> {
  const suffix = randomUUID().slice(0, 6);
  const [row] = await db
    .insert(landlords)
    .values({
      kind: "private_person",
      displayName: `Propriétaire ${suffix}`,
      firstName: "Paul",
      lastName: `Propriétaire ${suffix}`,
      postalAddress: "3 allée des Tilleuls, 21000 Dijon",
      ...options,
    })
    .returning();
  return row!;
}

export async function createBuilding(
  db: Db,
  options: Partial<typeof buildings.$inferInsert> & { organisationId: string },
): Promise<BuildingRow> {
  const [row] = await db
    .insert(buildings)
    .values({
      street: `${Math.floor(Math.random() * 90) + 1} rue Chabot-Charny`,
      postcode: "21000",
      city: "Dijon",
      lng: 5.0415,
      lat: 47.322,
      totalDwellings: 10,
      ...options,
    })
    .returning();
  return row!;
}

/** A unit (and its building unless buildingId is given), available by default. */
export async function createUnit(
  db: Db,
  options: Partial<typeof units.$inferInsert> & { organisationId: string },
): Promise<UnitRow> {
  const buildingId =
    options.buildingId ??
    (
      await createBuilding(db, {
        organisationId: options.organisationId,
        landlordId: options.landlordId ?? null,
      })
    ).id;
  const [row] = await db
    .insert(units)
    .values({
      floor: 2,
      typology: "T2",
      surfaceM2: 42.5,
      rooms: 2,
      energyClass: "D",
      rentCents: 52_000,
      chargesCents: 4_500,
      status: "available",
      statusSince: "2026-11-01",
      reference: `U-${randomUUID().slice(0, 6)}`,
      ...options,
      buildingId,
    })
    .returning();
  return row!;
}
