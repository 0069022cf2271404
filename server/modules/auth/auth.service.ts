import type { AppDeps } from "../../lib/hono";
import { AppError } from "../../lib/errors";
import { inAuditedTransaction } from "../audit/audit.service";
import type { Actor } from "./actor";
import { findLiveSession, findUserByEmail, insertSession, revokeSession, touchSession } from "./auth.queries";
import { isSessionExpired, type SessionPolicy } from "./auth.rules";
import { decoyPasswordHash, verifyPassword } from "./passwords";
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

/**
 * Checks the password and opens a fresh session (a new random id at every login).
 * An unknown email and a wrong password give the same error after the same work.
 */
export async function login(deps: AppDeps, input: LoginInput): Promise<{ token: string; actor: Actor }> {
  const { db } = deps.database;
  const user = await findUserByEmail(db, input.email);
  const invalid = new AppError("UNAUTHENTICATED", "Adresse électronique ou mot de passe incorrect");
  if (!user?.passwordHash) {
    await verifyPassword(await decoyPasswordHash(), input.password); // same work as a real check
    throw invalid;
  }
  if (!(await verifyPassword(user.passwordHash, input.password)) || user.disabledAt) throw invalid;
  const actor = toActor(user);
  const token = newSecretToken();
  const now = deps.clock.now();
  await inAuditedTransaction(
    db,
    { actor, requestId: input.requestId, clock: deps.clock },
    async (tx, audit) => {
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
  const row = await findLiveSession(db, tokenHash);
  if (!row || row.user.disabledAt) return null;
  const now = deps.clock.now();
  if (isSessionExpired(row.session, sessionPolicy(deps), now)) return null;
  // sliding idle window; write at most once a minute
  if (now.getTime() - row.session.lastSeenAt.getTime() > 60_000) await touchSession(db, tokenHash, now);
  return toActor(row.user);
}

export async function logout(deps: AppDeps, token: string, actor: Actor, requestId: string): Promise<void> {
  await inAuditedTransaction(deps.database.db, { actor, requestId, clock: deps.clock }, async (tx, audit) => {
    await revokeSession(tx, hashToken(token), deps.clock.now());
    await audit.record({ action: "auth.logout", entityType: "user", entityId: actor.userId });
  });
}
