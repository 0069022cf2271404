// Minimal stock / person / lease fixtures for the ledger tests (ledger-specific names so that the
// other areas' factories can land without clashes).
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { takeNextMandateNumber } from "../../../server/modules/mandates/mandates.queries";
import {
  bankStatementLines,
  bankStatements,
  buildings,
  landlords,
  leases,
  ledgerAccounts,
  ledgerEntries,
  ledgerTransactions,
  mandates,
  persons,
  rentCalls,
  rentReceipts,
  rentRevisions,
  units,
} from "../../../db/schema";

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

/** A balanced transaction (Dr 512 / Cr 471) written directly: a bank receipt to identify. */
export async function createLedgerTransaction(db: Db, organisationId: string, amountCents = 10_000) {
  return db.transaction(async (tx) => {
    const accounts = await tx
      .insert(ledgerAccounts)
      .values([
        { organisationId, code: "512", kind: "bank" as const, name: "Banque" },
        { organisationId, code: "471", kind: "suspense" as const, name: "Encaissements à identifier" },
      ])
      .onConflictDoUpdate({
        target: [ledgerAccounts.organisationId, ledgerAccounts.code],
        set: { name: sql`excluded.name` },
      })
      .returning();
    const bank = accounts.find((a) => a.code === "512")!;
    const suspense = accounts.find((a) => a.code === "471")!;
    const [transaction] = await tx
      .insert(ledgerTransactions)
      .values({ organisationId, kind: "payment", occurredOn: "2026-03-02", label: "Virement reçu" })
      .returning();
    await tx.insert(ledgerEntries).values([
      { organisationId, transactionId: transaction!.id, accountId: bank.id, debitCents: amountCents },
      { organisationId, transactionId: transaction!.id, accountId: suspense.id, creditCents: amountCents },
    ]);
    return transaction!;
  });
}

/** An unmatched bank statement line waiting for review, in its imported statement. */
export async function createUnmatchedBankLine(db: Db, organisationId: string, amountCents = 25_000) {
  const [statement] = await db
    .insert(bankStatements)
    .values({
      organisationId,
      fileHash: randomUUID(),
      fileName: "releve.csv",
      format: "csv",
      encoding: "utf-8",
      lineCount: 1,
      firstBookedOn: "2026-03-03",
      lastBookedOn: "2026-03-03",
    })
    .returning();
  const [row] = await db
    .insert(bankStatementLines)
    .values({
      organisationId,
      importId: statement!.id,
      lineNumber: 1,
      bookedOn: "2026-03-03",
      label: "VIR INCONNU",
      amountCents,
      status: "unmatched",
    })
    .returning();
  return row!;
}

/** A rent revision proposed (not requested yet) on a fresh tenancy. */
export async function createRentRevisionProposal(db: Db, organisationId: string, landlordId?: string) {
  const { lease } = await createTenancy(db, organisationId, {
    startDate: "2025-03-01",
    ...(landlordId ? { landlordId } : {}),
  });
  const [row] = await db
    .insert(rentRevisions)
    .values({
      organisationId,
      leaseId: lease.id,
      anniversaryOn: "2026-03-01",
      previousRentCents: 50_000,
      newRentCents: 50_505,
      irlYear: 2025,
      irlQuarter: 4,
      irlNewHundredths: 14_567,
      irlOldHundredths: 14_422,
    })
    .returning();
  return row!;
}

/** A rent call (and its booking) on a fresh tenancy, with a reçu issued for a partial payment. */
export async function createRentCallWithReceipt(db: Db, organisationId: string, landlordId?: string) {
  const { lease, person } = await createTenancy(db, organisationId, landlordId ? { landlordId } : {});
  const transaction = await createLedgerTransaction(db, organisationId, 55_000);
  const [call] = await db
    .insert(rentCalls)
    .values({
      organisationId,
      leaseId: lease.id,
      leaseKind: lease.kind,
      unitId: lease.unitId,
      personId: person.id,
      landlordId: lease.landlordId,
      periodStart: "2026-03-01",
      periodEnd: "2026-03-31",
      dueOn: "2026-03-01",
      rentCents: 50_000,
      chargesCents: 5_000,
      housingBenefitCents: 0,
      tenantPartCents: 55_000,
      transactionId: transaction.id,
    })
    .returning();
  const [receipt] = await db
    .insert(rentReceipts)
    .values({
      organisationId,
      kind: "recu",
      leaseId: lease.id,
      personId: person.id,
      rentCallId: call!.id,
      periodStart: "2026-03-01",
      periodEnd: "2026-03-31",
      dueCents: 55_000,
      remainingCents: 35_000,
      amountCents: 20_000,
      issuedOn: "2026-03-05",
    })
    .returning();
  return { lease, person, rentCall: call!, receipt: receipt! };
}

/**
 * A signed management mandate (pack sécurisation options given) on a fresh unit of a fresh
 * landlord, and a direct lease signed in the landlord's name for a housed person.
 */
export async function createMandateTenancy(
  db: Db,
  organisationId: string,
  options: {
    managementFeeBasisPoints?: number;
    guarantee?: { ceilingCents: number; months: number } | null;
    lease?: Partial<typeof leases.$inferInsert>;
  } = {},
) {
  const landlord = await createLedgerLandlord(db, organisationId);
  const unit = await createLedgerUnit(db, organisationId, { landlordId: landlord.id });
  const tenant = await createLedgerPerson(db, organisationId);
  const number = await takeNextMandateNumber(db, organisationId);
  const [mandate] = await db
    .insert(mandates)
    .values({
      organisationId,
      number,
      status: "signed",
      landlordId: landlord.id,
      unitId: unit.id,
      startDate: "2025-01-01",
      endDate: "2027-12-31",
      durationMonths: 36,
      managementFeeBasisPoints: options.managementFeeBasisPoints ?? 700,
      scope: ["encaisser les loyers et charges", "délivrer les quittances"],
      guaranteeEnabled: Boolean(options.guarantee),
      guaranteeCeilingCents: options.guarantee?.ceilingCents ?? null,
      guaranteeMonths: options.guarantee?.months ?? null,
      signedAt: new Date("2025-01-01T10:00:00Z"),
      signerName: landlord.displayName,
    })
    .returning();
  const lease = await createLedgerLease(db, organisationId, {
    kind: "direct_lease",
    unitId: unit.id,
    personId: tenant.id,
    landlordId: landlord.id,
    ...options.lease,
  });
  return { landlord, unit, person: tenant, mandate: mandate!, lease };
}
