import { and, desc, eq, gt, isNull, lt, ne, or, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { loginAttempts, sessions, users, userTokens } from "../../../db/schema";

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
  await db
    .update(sessions)
    .set({ revokedAt: at })
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt)));
}

/** The latest failed logins of an account (by lowercased email) or an IP since `since`. */
export async function recentLoginFailures(
  db: Db,
  key: { email: string } | { ip: string },
  since: Date,
  limit: number,
): Promise<Date[]> {
  const match = "email" in key ? eq(loginAttempts.email, key.email) : eq(loginAttempts.ip, key.ip);
  const rows = await db
    .select({ attemptedAt: loginAttempts.attemptedAt })
    .from(loginAttempts)
    .where(and(match, gt(loginAttempts.attemptedAt, since)))
    .orderBy(desc(loginAttempts.attemptedAt))
    .limit(limit);
  return rows.map((row) => row.attemptedAt);
}

/** Records a failed login and forgets this account's and IP's failures that left the window. */
export async function recordLoginFailure(
  db: Db,
  attempt: { email: string; ip: string; at: Date },
  windowStart: Date,
): Promise<void> {
  await db.insert(loginAttempts).values({ email: attempt.email, ip: attempt.ip, attemptedAt: attempt.at });
  await db
    .delete(loginAttempts)
    .where(
      and(
        or(eq(loginAttempts.email, attempt.email), eq(loginAttempts.ip, attempt.ip)),
        lt(loginAttempts.attemptedAt, windowStart),
      ),
    );
}

/** A successful login clears the account's failures (the IP's stay counted). */
export async function clearLoginFailures(db: Db, email: string): Promise<void> {
  await db.delete(loginAttempts).where(eq(loginAttempts.email, email));
}

/** Revokes every live session of a user, except `keepTokenHash` when given. */
export async function revokeUserSessions(
  db: Db,
  user: { organisationId: string; id: string },
  at: Date,
  keepTokenHash?: string,
): Promise<number> {
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
