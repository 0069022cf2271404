import type { Database } from "../../db/client";
import type { Role } from "../../server/modules/auth/permissions";
import { createTestApp } from "./app";
import {
  createBuilding,
  createLandlord,
  createOrganisation,
  createUser,
  sessionCookieFor,
} from "./factories";

/** A fresh organisation with one logged-in user per role (the landlord speaks for a landlord record). */
export async function organisationWithStaff(
  database: Database,
  overrides: Parameters<typeof createOrganisation>[1] = {},
  /** the test app's clock instant: sessions are opened then, so they have not expired */
  now: string = "2026-11-23T10:00:00+01:00",
) {
  const db = database.db;
  const org = await createOrganisation(db, overrides);
  const landlord = await createLandlord(db, { organisationId: org.id });
  const cookie = async (role: Role) =>
    sessionCookieFor(
      db,
      await createUser(db, {
        organisationId: org.id,
        role,
        landlordId: role === "landlord" ? landlord.id : null,
      }),
      new Date(now),
    );
  return {
    org,
    landlord,
    officer: await cookie("housing_officer"),
    finance: await cookie("finance"),
    admin: await cookie("admin"),
    landlordUser: await cookie("landlord"),
  };
}

/** A fresh organisation with its staff, and the test app over the same database. */
export async function staffWithApp(database: Database) {
  return { ...(await organisationWithStaff(database)), ...createTestApp(database) };
}

/**
 * Two buildings of Dijon for the IRIS contour fixtures (tests/fixtures/contours): `inside` the first
 * IRIS (Liberté, 212310104), `elsewhere` in the commune (INSEE 21231) but outside both contours.
 */
export async function buildingsAroundDijonIris(database: Database, organisationId: string) {
  const inside = await createBuilding(database.db, { organisationId, lng: 5.0378, lat: 47.3222 });
  const elsewhere = await createBuilding(database.db, {
    organisationId,
    lng: 5.06,
    lat: 47.34,
    inseeCode: "21231",
  });
  return { inside, elsewhere };
}
