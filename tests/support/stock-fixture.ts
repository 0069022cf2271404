import type { Database } from "../../db/client";
import type { Role } from "../../server/modules/auth/permissions";
import { createLandlord, createOrganisation, createUser, sessionCookieFor } from "./factories";

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
