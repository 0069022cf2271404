import { and, desc, eq, gt, isNull, lt, ne, or, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { loginAttempts, sessions, users, userTokens } from "../../../db/schema";
import { forgetSessions } from "./session-cache";

export async function findUserByEmail(db: Db, email: string) {
  const [user] = await db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`).limit(1);
  return user ?? null;
}

export async function insertSession(db: Db, values: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(values);
}

/** The live (not revoked) session of a token hash, with its user. */
export async function findLiveSession(db: Db, tokenHash: string) {
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, and(eq(users.organisationId, sessions.organisationId), eq(users.id, sessions.userId)))
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt)))
    .limit(1);
  return row ?? null;
}

export async function touchSession(db: Db, tokenHash: string, at: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.tokenHash, tokenHash));
}

export async function revokeSession(db: Db, tokenHash: string, at: Date): Promise<void> {
  forgetSessions();
  await db
    .update(sessions)
    .set({ revokedAt: at })
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt)));
}

/**
 * Serialises the throttling of one account and one source for the rest of the transaction, so
 * that counting the failures and reserving the next attempt are one step: parallel attempts
 * queue here and each sees the reservations of those before it. Account first, then source,
 * always in that order (no deadlock between two attempts).
 */
export async function lockLoginThrottle(db: Db, key: { email: string; ip: string }): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`login-account:${key.email}`}, 0))`);
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`login-source:${key.ip}`}, 0))`);
}

/** The latest failed logins of an account (by lowercased email), a source, or the pair, since `since`. */
export async function recentLoginFailures(
  db: Db,
  key: { email: string; ip?: undefined } | { ip: string; email?: undefined } | { email: string; ip: string },
  since: Date,
  limit: number,
): Promise<Date[]> {
  const rows = await db
    .select({ attemptedAt: loginAttempts.attemptedAt })
    .from(loginAttempts)
    .where(
      and(
        key.email !== undefined ? eq(loginAttempts.email, key.email) : undefined,
        key.ip !== undefined ? eq(loginAttempts.ip, key.ip) : undefined,
        gt(loginAttempts.attemptedAt, since),
      ),
    )
    .orderBy(desc(loginAttempts.attemptedAt))
    .limit(limit);
  return rows.map((row) => row.attemptedAt);
}

/** Whether the account of this email opened a session from this source since `since`. */
export async function hasLoggedInFrom(
  db: Db,
  key: { email: string; ip: string },
  since: Date,
): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(sessions)
    .innerJoin(users, and(eq(users.organisationId, sessions.organisationId), eq(users.id, sessions.userId)))
    .where(
      and(sql`lower(${users.email}) = ${key.email}`, eq(sessions.ip, key.ip), gt(sessions.createdAt, since)),
    )
    .limit(1);
  return row !== undefined;
}

/**
 * Records an attempt as failed before its password is checked (the reservation); a correct
 * password deletes it again. Also forgets this account's and source's failures older than
 * `forgetBefore` (the longest any count remembers them).
 */
export async function recordLoginFailure(
  db: Db,
  attempt: { email: string; ip: string; at: Date },
  forgetBefore: Date,
): Promise<void> {
  await db.insert(loginAttempts).values({ email: attempt.email, ip: attempt.ip, attemptedAt: attempt.at });
  await db
    .delete(loginAttempts)
    .where(
      and(
        or(eq(loginAttempts.email, attempt.email), eq(loginAttempts.ip, attempt.ip)),
        lt(loginAttempts.attemptedAt, forgetBefore),
      ),
    );
}

/**
 * A successful login clears the failures of the account from this source (its own reservation
 * included). Those from other sources stay counted: an attacker elsewhere keeps being slowed.
 */
export async function clearLoginFailures(db: Db, key: { email: string; ip: string }): Promise<void> {
  await db.delete(loginAttempts).where(and(eq(loginAttempts.email, key.email), eq(loginAttempts.ip, key.ip)));
}

/** Revokes every live session of a user, except `keepTokenHash` when given. */
export async function revokeUserSessions(
  db: Db,
  user: { organisationId: string; id: string },
  at: Date,
  keepTokenHash?: string,
): Promise<number> {
  forgetSessions();
  const revoked = await db
    .update(sessions)
    .set({ revokedAt: at })
    .where(
      and(
        eq(sessions.organisationId, user.organisationId),
        eq(sessions.userId, user.id),
        isNull(sessions.revokedAt),
        keepTokenHash ? ne(sessions.tokenHash, keepTokenHash) : undefined,
      ),
    )
    .returning({ tokenHash: sessions.tokenHash });
  return revoked.length;
}

export async function findUserById(db: Db, organisationId: string, userId: string) {
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.organisationId, organisationId), eq(users.id, userId)))
    .limit(1);
  return user ?? null;
}

export async function setPasswordHash(
  db: Db,
  user: { organisationId: string; id: string },
  passwordHash: string,
  at: Date,
): Promise<void> {
  await db
    .update(users)
    .set({ passwordHash, updatedAt: at })
    .where(and(eq(users.organisationId, user.organisationId), eq(users.id, user.id)));
}

/** The unused token of a hash with its user, locked for the rest of the transaction (used once). */
export async function findUsableTokenForUpdate(db: Db, tokenHash: string) {
  const [row] = await db
    .select({ token: userTokens, user: users })
    .from(userTokens)
    .innerJoin(
      users,
      and(eq(users.organisationId, userTokens.organisationId), eq(users.id, userTokens.userId)),
    )
    .where(and(eq(userTokens.tokenHash, tokenHash), isNull(userTokens.usedAt)))
    .limit(1)
    .for("update", { of: userTokens });
  return row ?? null;
}

export async function markTokenUsed(db: Db, tokenHash: string, at: Date): Promise<void> {
  await db.update(userTokens).set({ usedAt: at }).where(eq(userTokens.tokenHash, tokenHash));
}
