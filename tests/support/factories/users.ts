import { randomUUID } from "node:crypto";
import type { Db } from "../../../db/client";
import { apiTokens, landlords, sessions, users } from "../../../db/schema";
import { hashPassword } from "../../../server/modules/auth/passwords";
import { type Action, type Role, tokenGrantableActions } from "../../../server/modules/auth/permissions";
import { SESSION_COOKIE } from "../../../server/modules/auth/session-cookie";
import { hashToken, newApiTokenSecret, newSecretToken } from "../../../server/modules/auth/tokens";

export type UserRow = typeof users.$inferSelect;

export type CreateUserOptions = Partial<typeof users.$inferInsert> & {
  organisationId: string;
  role: Role;
  /** hashed with the real argon2 parameters when given (slower: only for login tests) */
  password?: string;
};

/** A user; a landlord account without a landlordId gets a fresh landlord record (the database requires one). */
export async function createUser(db: Db, options: CreateUserOptions): Promise<UserRow> {
  const { password, ...values } = options;
  if (values.role === "landlord" && values.landlordId === undefined) {
    values.landlordId = (await createLandlordRecord(db, { organisationId: values.organisationId })).id;
  }
  const [row] = await db
    .insert(users)
    .values({
      email: `${options.role}-${randomUUID().slice(0, 8)}@test.fr`,
      fullName: `Utilisateur ${options.role}`,
      passwordHash: password ? await hashPassword(password) : null,
      ...values,
    })
    .returning();
  return row!;
}

/** Opens a session directly in the database and returns the Cookie header that carries it. */
export async function sessionCookieFor(db: Db, user: UserRow, at: Date = new Date()): Promise<string> {
  const token = newSecretToken();
  await db.insert(sessions).values({
    tokenHash: hashToken(token),
    organisationId: user.organisationId,
    userId: user.id,
    createdAt: at,
    lastSeenAt: at,
  });
  return `${SESSION_COOKIE}=${token}`;
}

/**
 * Creates an API token directly in the database, made by `user` (by default with every scope the
 * user's role may grant, valid through 2027-06-30), and returns its Authorization header value.
 */
export async function bearerFor(
  db: Db,
  user: UserRow,
  options: { scopes?: Action[]; expiresOn?: string; name?: string } = {},
): Promise<{ authorization: string; secret: string; id: string }> {
  const secret = newApiTokenSecret();
  const [row] = await db
    .insert(apiTokens)
    .values({
      organisationId: user.organisationId,
      name: options.name ?? `Jeton ${randomUUID().slice(0, 8)}`,
      tokenHash: hashToken(secret),
      secretPrefix: secret.slice(0, 12),
      scopes: options.scopes ?? tokenGrantableActions(user.role),
      createdByUserId: user.id,
      createdAt: new Date("2026-11-01T09:00:00Z"),
      expiresOn: options.expiresOn ?? "2027-06-30",
    })
    .returning();
  return { authorization: `Bearer ${secret}`, secret, id: row!.id };
}

/**
 * A bare landlord record, for landlord accounts (role = landlord needs one). The stock area's
 * factories create richer landlords; this one only needs to exist.
 */
export async function createLandlordRecord(
  db: Db,
  options: { organisationId: string; displayName?: string },
): Promise<{ id: string; organisationId: string }> {
  const [row] = await db
    .insert(landlords)
    .values({
      organisationId: options.organisationId,
      kind: "private_person",
      displayName: options.displayName ?? `Propriétaire ${randomUUID().slice(0, 8)}`,
    })
    .returning({ id: landlords.id, organisationId: landlords.organisationId });
  return row!;
}
