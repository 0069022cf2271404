import { randomUUID } from "node:crypto";
import type { Db } from "../../../db/client";
import { buildings, landlords, neighbourhoods, units } from "../../../db/schema";

type Scoped = { organisationId: string };

export async function createLandlord(db: Db, values: Scoped & Partial<typeof landlords.$inferInsert>) {
  const [row] = await db
    .insert(landlords)
    .values({ kind: "private_person", displayName: `Bailleur ${randomUUID().slice(0, 6)}`, ...values })
    .returning();
  return row!;
}

/** A square neighbourhood around (lng, lat) — Dijon centre by default. */
export async function createNeighbourhood(
  db: Db,
  values: Scoped &
    Partial<typeof neighbourhoods.$inferInsert> & { center?: [number, number]; halfSize?: number },
) {
  const { center = [5.0415, 47.322], halfSize = 0.01, ...rest } = values;
  const [lng, lat] = center;
  const ring: [number, number][] = [
    [lng - halfSize, lat - halfSize],
    [lng + halfSize, lat - halfSize],
    [lng + halfSize, lat + halfSize],
    [lng - halfSize, lat + halfSize],
    [lng - halfSize, lat - halfSize],
  ];
  const [row] = await db
    .insert(neighbourhoods)
    .values({
      code: `Q-${randomUUID().slice(0, 6)}`,
      name: "Quartier de test",
      geometry: { type: "Polygon", coordinates: [ring] },
      minLng: lng - halfSize,
      minLat: lat - halfSize,
      maxLng: lng + halfSize,
      maxLat: lat + halfSize,
      ...rest,
    })
    .returning();
  return row!;
}

export async function createBuilding(db: Db, values: Scoped & Partial<typeof buildings.$inferInsert>) {
  const [row] = await db
    .insert(buildings)
    .values({
      street: "12 rue de la Liberté",
      postcode: "21000",
      city: "Dijon",
      inseeCode: "21231",
      lng: 5.0415,
      lat: 47.322,
      totalDwellings: 10,
      ...values,
    })
    .returning();
  return row!;
}

export async function createUnit(
  db: Db,
  values: Scoped & { buildingId: string } & Partial<typeof units.$inferInsert>,
) {
  const [row] = await db
    .insert(units)
    .values({
      floor: 1,
      typology: "T2",
      surfaceM2: 42,
      rooms: 2,
      energyClass: "D",
      energyDiagnosisDate: "2024-06-01",
      rentCents: 52_000,
      chargesCents: 6_000,
      captureFormula: "head_lease",
      status: "available",
      statusSince: "2026-10-01",
      ...values,
    })
    .returning();
  return row!;
}
