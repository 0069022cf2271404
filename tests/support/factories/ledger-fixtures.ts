// Minimal stock / person / lease fixtures for the ledger tests (ledger-specific names so that the
// other areas' factories can land without clashes).
import { randomUUID } from "node:crypto";
import type { Db } from "../../../db/client";
import { buildings, landlords, leases, persons, units } from "../../../db/schema";

export async function createLedgerLandlord(
  db: Db,
  organisationId: string,
  overrides: Partial<typeof landlords.$inferInsert> = {},
) {
  const [row] = await db
    .insert(landlords)
    .values({
      organisationId,
      kind: "private_person",
      displayName: `Bailleur ${randomUUID().slice(0, 6)}`,
      ...overrides,
    })
    .returning();
  return row!;
}

export async function createLedgerUnit(
  db: Db,
  organisationId: string,
  overrides: Partial<typeof units.$inferInsert> & { landlordId?: string | null } = {},
) {
  const [building] = await db
    .insert(buildings)
    .values({
      organisationId,
      street: "1 rue de la Liberté",
      postcode: "21000",
      city: "Dijon",
      lng: 5.04,
      lat: 47.32,
      totalDwellings: 20,
      landlordId: overrides.landlordId ?? null,
    })
    .returning();
  const [row] = await db
    .insert(units)
    .values({
      organisationId,
      buildingId: building!.id,
      floor: 1,
      typology: "T2",
      surfaceM2: 40,
      rooms: 2,
      rentCents: 50_000,
      chargesCents: 5_000,
      statusSince: "2024-01-01",
      ...overrides,
    })
    .returning();
  return row!;
}

export async function createLedgerPerson(
  db: Db,
  organisationId: string,
  overrides: Partial<typeof persons.$inferInsert> = {},
) {
  const [row] = await db
    .insert(persons)
    .values({
      organisationId,
      firstName: "Camille",
      lastName: `Martin${randomUUID().slice(0, 4)}`,
      resources: { rsa: 60_000, aah: 0, wages: 0, pension: 0, other: 0 },
      entryDate: "2024-01-01",
      status: "housed",
      ...overrides,
    })
    .returning();
  return row!;
}

export async function createLedgerLease(
  db: Db,
  organisationId: string,
  values: Partial<typeof leases.$inferInsert> & { unitId: string },
) {
  const [row] = await db
    .insert(leases)
    .values({
      organisationId,
      kind: "sublease",
      status: "signed",
      startDate: "2026-01-01",
      durationMonths: 36,
      rentCents: 50_000,
      chargesCents: 5_000,
      housingBenefitCents: 0,
      housingBenefitPaidToOperator: true,
      ...values,
    })
    .returning();
  return row!;
}

/** A person housed in a fresh unit on a signed sub-lease. */
export async function createTenancy(
  db: Db,
  organisationId: string,
  lease: Partial<typeof leases.$inferInsert> = {},
  person: Partial<typeof persons.$inferInsert> = {},
) {
  const landlord = await createLedgerLandlord(db, organisationId);
  const unit = await createLedgerUnit(db, organisationId, { landlordId: landlord.id });
  const tenant = await createLedgerPerson(db, organisationId, person);
  const row = await createLedgerLease(db, organisationId, {
    unitId: unit.id,
    personId: tenant.id,
    landlordId: landlord.id,
    ...lease,
  });
  return { landlord, unit, person: tenant, lease: row };
}
