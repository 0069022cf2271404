/** Issue 3 §2: idle expiry 30 min, absolute expiry 12 h (both configurable). */
export type SessionPolicy = { idleMinutes: number; absoluteHours: number };

export function sessionExpiry(session: { createdAt: Date; lastSeenAt: Date }, policy: SessionPolicy): Date {
  const idle = session.lastSeenAt.getTime() + policy.idleMinutes * 60_000;
  const absolute = session.createdAt.getTime() + policy.absoluteHours * 3_600_000;
  return new Date(Math.min(idle, absolute));
}

export function isSessionExpired(
  session: { createdAt: Date; lastSeenAt: Date },
  policy: SessionPolicy,
  now: Date,
): boolean {
  return now.getTime() >= sessionExpiry(session, policy).getTime();
}
