import type { Database } from "../../db/client";
import type { landlords, persons, units } from "../../db/schema";
import type { Role } from "../../server/modules/auth/permissions";
import { createTestApp } from "./app";
import {
  createBuilding,
  createLandlord,
  createOrganisation,
  createPerson,
  createUnit,
  createUser,
  sessionCookieFor,
  type UserRow,
} from "./factories";

export type LeaseFixtureOptions = {
  /** "today" of the app's stopped clock */
  now?: string;
  landlordKind?: (typeof landlords.$inferInsert)["kind"];
  landlord?: Partial<Pick<typeof landlords.$inferInsert, "displayName" | "postalAddress">>;
  energyClass?: (typeof units.$inferInsert)["energyClass"];
  unit?: Partial<Pick<typeof units.$inferInsert, "rentCents" | "chargesCents">>;
  /** a null birth date leaves it out of the person's file */
  person?: Partial<Pick<typeof persons.$inferInsert, "firstName" | "lastName" | "birthDate">>;
  /** the day the flat became available and the person entered the programme */
  since?: string;
};

/**
 * What a contract is drafted from: an approved operator, a landlord's flat (52 € + 4,50 € of
 * charges, energy class D by default), a person it is offered to, and a housing officer with a
 * session (`cookie`).
 */
export async function leaseFixture(database: Database, options: LeaseFixtureOptions = {}) {
  const { db } = database;
  const since = options.since ?? "2026-10-01";
  const { call, clock } = createTestApp(database, { now: options.now ?? "2026-11-23T10:00:00+01:00" });
  const organisation = await createOrganisation(db, {
    postalAddress: "12 rue de la Liberté, 21000 Dijon",
    approvalReference: "Agrément IML n° 21-2024-003",
  });
  const landlord = await createLandlord(db, {
    organisationId: organisation.id,
    kind: options.landlordKind ?? "private_person",
    displayName: "Paul Propriétaire",
    postalAddress: "3 allée des Tilleuls, 21000 Dijon",
    ...options.landlord,
  });
  const building = await createBuilding(db, {
    organisationId: organisation.id,
    landlordId: landlord.id,
    totalDwellings: 10,
  });
  const unit = await createUnit(db, {
    organisationId: organisation.id,
    buildingId: building.id,
    landlordId: landlord.id,
    energyClass: options.energyClass ?? "D",
    rentCents: 52_000,
    chargesCents: 4_500,
    statusSince: since,
    ...options.unit,
  });
  const person = await createPerson(db, {
    organisationId: organisation.id,
    firstName: "Jeanne",
    lastName: "Dupont",
    birthDate: "1980-04-12",
    status: "offered",
    resources: { rsa: 0, aah: 98_000, wages: 0, pension: 0, other: 0 },
    entryDate: since,
    ...options.person,
  });
  const officer = await createUser(db, { organisationId: organisation.id, role: "housing_officer" });
  const cookie = await sessionCookieFor(db, officer, clock.now());
  /** Another member of the organisation's staff (finance, admin…). */
  const createStaff = (role: Role) => createUser(db, { organisationId: organisation.id, role });
  /** Calls as `user` with a session opened at the clock's time (the clock may have moved since). */
  const callAs =
    (user: UserRow) =>
    async (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
      call(method, path, { cookie: await sessionCookieFor(db, user, clock.now()), body, headers });
  return {
    call,
    clock,
    organisation,
    landlord,
    building,
    unit,
    person,
    officer,
    cookie,
    createStaff,
    callAs,
  };
}

/** A sub-lease of the fixture's flat at its rent, paid fortnightly, as the officer drafts it. */
export const subleaseBody = (unitId: string, personId: string, extra: Record<string, unknown> = {}) => ({
  kind: "sublease",
  unitId,
  personId,
  startDate: "2026-12-01",
  rentCents: 52_000,
  chargesCents: 4_500,
  depositCents: 52_000,
  paymentFrequency: "fortnightly",
  paymentDay: 5,
  housingBenefitCents: 28_000,
  irlReferenceQuarter: "T2",
  ...extra,
});
