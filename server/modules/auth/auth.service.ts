import type { Db } from "../../../db/client";
import type { AppDeps } from "../../lib/hono";
import { AppError } from "../../lib/errors";
import { inAuditedTransaction } from "../audit/audit.service";
import type { Actor } from "./actor";
import {
  clearLoginFailures,
  findLiveSession,
  findUsableTokenForUpdate,
  findUserByEmail,
  findUserById,
  insertSession,
  markTokenUsed,
  hasLoggedInFrom,
  lockLoginThrottle,
  recentLoginFailures,
  recordLoginFailure,
  revokeSession,
  revokeUserSessions,
  setPasswordHash,
  touchSession,
} from "./auth.queries";
import { forgetSessions, lookUpSession, rememberedSession } from "./session-cache";
import {
  isSessionExpired,
  KNOWN_SOURCE_DAYS,
  LOGIN_THROTTLE,
  loginAttemptDecision,
  passwordPolicyViolations,
  progressiveDelayDepth,
  type SessionPolicy,
} from "./auth.rules";
import { weakPasswordReasons } from "./password-strength";
import { decoyPasswordHash, hashPassword, verifyPassword } from "./passwords";
import { hashToken, newSecretToken } from "./tokens";

export type LoginInput = {
  email: string;
  password: string;
  ip: string;
  userAgent: string | null;
  requestId: string;
};

function sessionPolicy(deps: AppDeps): SessionPolicy {
  return { idleMinutes: deps.env.SESSION_IDLE_MINUTES, absoluteHours: deps.env.SESSION_ABSOLUTE_HOURS };
}

export function toActor(user: {
  id: string;
  organisationId: string;
  role: Actor["role"];
  landlordId: string | null;
  email: string;
  fullName: string;
}): Actor {
  return {
    kind: "user",
    userId: user.id,
    organisationId: user.organisationId,
    role: user.role,
    landlordId: user.landlordId,
    email: user.email,
    fullName: user.fullName,
  };
}

/** A wait as a French reader says it: «45 s», «3 min». */
function waitInFrench(seconds: number): string {
  return seconds < 60 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
}

/**
 * Reserves one password check for this account from this source, or refuses with 429 (the
 * rules are in LOGIN_THROTTLE). Counting and reserving happen under one lock in one
 * transaction: the reservation is recorded as a failure before the password is checked, so
 * parallel attempts can never check more passwords than the limit. A correct password then
 * clears it (`clearLoginFailures`).
 */
async function reserveLoginAttempt(db: Db, key: { email: string; ip: string }, now: Date): Promise<void> {
  const since = new Date(now.getTime() - LOGIN_THROTTLE.windowMinutes * 60_000);
  const pairSince = new Date(now.getTime() - LOGIN_THROTTLE.pairDelay.memoryHours * 3_600_000);
  const knownSince = new Date(now.getTime() - KNOWN_SOURCE_DAYS * 86_400_000);
  const decision = await db.transaction(async (tx) => {
    const scoped = tx as unknown as Db;
    await lockLoginThrottle(scoped, key);
    const [pairFailures, accountFailures, sourceFailures, knownSource] = await Promise.all([
      recentLoginFailures(scoped, key, pairSince, progressiveDelayDepth(LOGIN_THROTTLE.pairDelay)),
      recentLoginFailures(scoped, { email: key.email }, since, LOGIN_THROTTLE.maxAccountFailures),
      recentLoginFailures(scoped, { ip: key.ip }, since, LOGIN_THROTTLE.maxSourceFailures),
      hasLoggedInFrom(scoped, key, knownSince),
    ]);
    const verdict = loginAttemptDecision({ pairFailures, accountFailures, sourceFailures, knownSource }, now);
    if (verdict.allowed) await recordLoginFailure(scoped, { ...key, at: now }, pairSince);
    return verdict;
  });
  if (!decision.allowed) {
    throw new AppError(
      "TOO_MANY_ATTEMPTS",
      `Trop de tentatives de connexion : réessayez dans ${waitInFrench(decision.retryAfterSeconds)}`,
      { retryAfterSeconds: decision.retryAfterSeconds },
    );
  }
}

/**
 * Checks the password and opens a fresh session (a new random id at every login).
 * An unknown email and a wrong password give the same error after the same work, and both
 * count as a failure of that email and of the IP.
 */
export async function login(deps: AppDeps, input: LoginInput): Promise<{ token: string; actor: Actor }> {
  const { db } = deps.database;
  const key = { email: input.email.trim().toLowerCase(), ip: input.ip };
  await reserveLoginAttempt(db, key, deps.clock.now());
  const user = await findUserByEmail(db, key.email);
  const invalid = new AppError("UNAUTHENTICATED", "Adresse électronique ou mot de passe incorrect");
  if (!user?.passwordHash) {
    await verifyPassword(await decoyPasswordHash(), input.password); // same work as a real check
    throw invalid; // the reservation stays: a failure
  }
  if (!(await verifyPassword(user.passwordHash, input.password)) || user.disabledAt) throw invalid;
  const actor = toActor(user);
  const token = newSecretToken();
  const now = deps.clock.now();
  await inAuditedTransaction(
    db,
    { actor, requestId: input.requestId, clock: deps.clock },
    async (tx, audit) => {
      await clearLoginFailures(tx, key);
      await insertSession(tx, {
        tokenHash: hashToken(token),
        organisationId: user.organisationId,
        userId: user.id,
        createdAt: now,
        lastSeenAt: now,
        ip: input.ip,
        userAgent: input.userAgent,
      });
      await audit.record({ action: "auth.login", entityType: "user", entityId: user.id });
    },
  );
  return { token, actor };
}

/** The actor behind a session token, or null when the session is unknown, revoked or expired. */
export async function resolveSession(deps: AppDeps, token: string): Promise<Actor | null> {
  const { db } = deps.database;
  const tokenHash = hashToken(token);
  const row =
    rememberedSession(tokenHash) ?? (await lookUpSession(tokenHash, () => findLiveSession(db, tokenHash)));
  if (!row || row.user.disabledAt) return null;
  const now = deps.clock.now();
  if (isSessionExpired(row.session, sessionPolicy(deps), now)) return null;
  // sliding idle window; write at most once a minute
  if (now.getTime() - row.session.lastSeenAt.getTime() > 60_000) {
    await touchSession(db, tokenHash, now);
    row.session.lastSeenAt = now;
  }
  return toActor(row.user);
}

export async function logout(deps: AppDeps, token: string, actor: Actor, requestId: string): Promise<void> {
  await inAuditedTransaction(deps.database.db, { actor, requestId, clock: deps.clock }, async (tx, audit) => {
    await revokeSession(tx, hashToken(token), deps.clock.now());
    await audit.record({ action: "auth.logout", entityType: "user", entityId: actor.userId });
  });
  forgetSessions();
}

/**
 * Refuses a new password that is too short for the user's role or too easy to guess
 * (422 PASSWORD_TOO_WEAK, the reasons in French at the field).
 */
function refuseWeakPassword(
  password: string,
  user: { email: string; fullName: string; role: string },
  field: string,
): void {
  const problems = passwordPolicyViolations(password, user);
  if (problems.length === 0) problems.push(...weakPasswordReasons(password, user));
  if (problems.length > 0) {
    throw new AppError("PASSWORD_TOO_WEAK", problems[0], {
      errors: problems.map((message) => ({ path: field, message })),
    });
  }
}

/**
 * Sets a password from a one-time invitation or reset token (public: the link is the proof).
 * The token is used once; every session of the user is revoked.
 */
export async function setPasswordWithToken(
  deps: AppDeps,
  input: { token: string; password: string; requestId: string },
): Promise<void> {
  const { db } = deps.database;
  const tokenHash = hashToken(input.token);
  const invalid = new AppError("INVALID_TOKEN", "Ce lien n'est plus valable : demandez-en un nouveau");
  const found = await findUsableTokenForUpdate(db, tokenHash);
  const now = deps.clock.now();
  if (!found || found.user.disabledAt || found.token.expiresAt.getTime() <= now.getTime()) throw invalid;
  refuseWeakPassword(input.password, found.user, "json.password");
  const passwordHash = await hashPassword(input.password);
  const actor = toActor(found.user);
  await inAuditedTransaction(
    db,
    { actor, requestId: input.requestId, clock: deps.clock },
    async (tx, audit) => {
      // re-read under lock: two uses of one link race to here, only the first passes
      const locked = await findUsableTokenForUpdate(tx, tokenHash);
      if (!locked) throw invalid;
      await markTokenUsed(tx, tokenHash, now);
      await setPasswordHash(tx, found.user, passwordHash, now);
      const revoked = await revokeUserSessions(tx, found.user, now);
      await audit.record({
        action: locked.token.purpose === "invitation" ? "user.invitation_accepted" : "user.password_reset",
        entityType: "user",
        entityId: found.user.id,
        details: { sessionsRevoked: revoked },
      });
    },
  );
  forgetSessions();
}

/**
 * Changes the logged-in user's password after checking the current one (a wrong one counts as a
 * failed login of the account). The user's other sessions are revoked; this one stays open.
 */
export async function changePassword(
  deps: AppDeps,
  actor: Actor,
  input: {
    currentPassword: string;
    newPassword: string;
    sessionToken: string;
    ip: string;
    requestId: string;
  },
): Promise<void> {
  const { db } = deps.database;
  const user = await findUserById(db, actor.organisationId, actor.userId);
  if (!user) throw new AppError("UNAUTHENTICATED");
  const key = { email: user.email.toLowerCase(), ip: input.ip };
  await reserveLoginAttempt(db, key, deps.clock.now());
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError("CURRENT_PASSWORD_INCORRECT", "Le mot de passe actuel est incorrect", {
      errors: [{ path: "json.currentPassword", message: "Mot de passe actuel incorrect" }],
    });
  }
  await clearLoginFailures(db, key);
  refuseWeakPassword(input.newPassword, user, "json.newPassword");
  const passwordHash = await hashPassword(input.newPassword);
  const now = deps.clock.now();
  await inAuditedTransaction(
    db,
    { actor, requestId: input.requestId, clock: deps.clock },
    async (tx, audit) => {
      await setPasswordHash(tx, user, passwordHash, now);
      const revoked = await revokeUserSessions(tx, user, now, hashToken(input.sessionToken));
      await audit.record({
        action: "user.password_changed",
        entityType: "user",
        entityId: user.id,
        details: { sessionsRevoked: revoked },
      });
    },
  );
  forgetSessions();
}
