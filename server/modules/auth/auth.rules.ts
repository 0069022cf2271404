/** Session lifetime: idle expiry 30 min, absolute expiry 12 h (both configurable). */
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

/** Lockout: after 10 failed attempts for one account or one IP within 15 minutes, refuse (429). */
export type ThrottlePolicy = { maxFailures: number; windowMinutes: number };

export const LOGIN_THROTTLE: ThrottlePolicy = { maxFailures: 10, windowMinutes: 15 };

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Decides from the recent failures of one key (an account or an IP) whether another attempt may
 * be checked. Blocked while `maxFailures` failures lie inside the sliding window; the wait is until
 * the oldest of the latest `maxFailures` failures leaves the window.
 */
export function loginThrottle(
  failures: readonly Date[],
  now: Date,
  policy: ThrottlePolicy = LOGIN_THROTTLE,
): ThrottleDecision {
  const windowMs = policy.windowMinutes * 60_000;
  const recent = failures
    .map((at) => at.getTime())
    .filter((at) => at > now.getTime() - windowMs && at <= now.getTime())
    .sort((a, b) => b - a);
  if (recent.length < policy.maxFailures) return { allowed: true };
  const freedAt = recent[policy.maxFailures - 1]! + windowMs;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((freedAt - now.getTime()) / 1000)) };
}

/** The stricter of several decisions (account and IP are throttled independently). */
export function strictestThrottle(decisions: readonly ThrottleDecision[]): ThrottleDecision {
  let blocked: ThrottleDecision = { allowed: true };
  for (const decision of decisions) {
    if (decision.allowed) continue;
    if (blocked.allowed || decision.retryAfterSeconds > blocked.retryAfterSeconds) blocked = decision;
  }
  return blocked;
}

/** Password policy (OWASP ASVS 2.1.1: at least 12 characters; 2.1.2: long passphrases allowed). */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** The reasons a new password is refused, in French, empty when it is acceptable. */
export function passwordPolicyViolations(password: string, context: { email?: string } = {}): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH)
    problems.push(`Le mot de passe doit compter au moins ${PASSWORD_MIN_LENGTH} caractères`);
  if (length > PASSWORD_MAX_LENGTH)
    problems.push(`Le mot de passe doit compter au plus ${PASSWORD_MAX_LENGTH} caractères`);
  if (length > 0 && new Set(password).size === 1)
    problems.push("Le mot de passe ne peut pas répéter un seul caractère");
  if (context.email && password.trim().toLowerCase() === context.email.trim().toLowerCase())
    problems.push("Le mot de passe ne peut pas être l'adresse électronique");
  return problems;
}
