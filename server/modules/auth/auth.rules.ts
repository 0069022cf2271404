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

/** A sliding-window limit: at most `maxFailures` failures within `windowMinutes`. */
export type ThrottlePolicy = { maxFailures: number; windowMinutes: number };

/**
 * Login throttling, in three counts over one 15-minute sliding window (OWASP Authentication
 * Cheat Sheet, "Account lockout": lock on the pair, not the account, so that an attacker cannot
 * lock a known user out; NIST SP 800-63B §5.2.2: at most 100 consecutive failures per account):
 *
 * - **pair** (one account from one source): 10 failures lock that source out of that account.
 *   This is the brute-force limit, and the only one a user's own usual address can ever hit.
 * - **account** (one account, every source): 10 failures lock the account for every source the
 *   account has *not* logged in from successfully before. A distributed attack is slowed to
 *   10 guesses per window, while the staff member at their usual office or home address still
 *   logs in: nobody outside can lock a known account out by failing on purpose.
 * - **source** (one source, every account): 20 failures lock the source for every account that
 *   has *not* logged in from it before. Password spraying from one address stops, while the
 *   colleagues behind the same office NAT who usually log in from it keep logging in.
 *
 * A user's known source is therefore limited by the pair count only; an unknown one by all three.
 */
export type LoginThrottlePolicy = {
  windowMinutes: number;
  maxPairFailures: number;
  maxAccountFailures: number;
  maxSourceFailures: number;
};

export const LOGIN_THROTTLE: LoginThrottlePolicy = {
  windowMinutes: 15,
  maxPairFailures: 10,
  maxAccountFailures: 10,
  maxSourceFailures: 20,
};

/** How long a successful login makes its source a "known source" of the account. */
export const KNOWN_SOURCE_DAYS = 90;

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Decides from the recent failures of one key (an account, a source or the pair) whether another
 * attempt may be checked. Blocked while `maxFailures` failures lie inside the sliding window; the
 * wait is until the oldest of the latest `maxFailures` failures leaves the window.
 */
export function loginThrottle(
  failures: readonly Date[],
  now: Date,
  policy: ThrottlePolicy = { maxFailures: LOGIN_THROTTLE.maxPairFailures, windowMinutes: 15 },
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

/** The recent failures an attempt is judged on, and whether the account logged in from this source before. */
export type LoginAttemptFacts = {
  pairFailures: readonly Date[];
  accountFailures: readonly Date[];
  sourceFailures: readonly Date[];
  knownSource: boolean;
};

/** Whether one more password check may run for this account from this source (see LOGIN_THROTTLE). */
export function loginAttemptDecision(
  facts: LoginAttemptFacts,
  now: Date,
  policy: LoginThrottlePolicy = LOGIN_THROTTLE,
): ThrottleDecision {
  const limit = (failures: readonly Date[], maxFailures: number) =>
    loginThrottle(failures, now, { maxFailures, windowMinutes: policy.windowMinutes });
  const decisions = [limit(facts.pairFailures, policy.maxPairFailures)];
  if (!facts.knownSource) {
    decisions.push(limit(facts.accountFailures, policy.maxAccountFailures));
    decisions.push(limit(facts.sourceFailures, policy.maxSourceFailures));
  }
  return strictestThrottle(decisions);
}

/** The stricter of several decisions (pair, account and source are throttled independently). */
export function strictestThrottle(decisions: readonly ThrottleDecision[]): ThrottleDecision {
  let blocked: ThrottleDecision = { allowed: true };
  for (const decision of decisions) {
    if (decision.allowed) continue;
    if (blocked.allowed || decision.retryAfterSeconds > blocked.retryAfterSeconds) blocked = decision;
  }
  return blocked;
}

/**
 * Password length. ANSSI, MonServiceSécurisé, measure «Fixer des contraintes de longueur et de
 * complexité des mots de passe»: 12 characters at least for users, 16 for administrators; CNIL,
 * délibération n° 2022-100 du 21 juillet 2022: 12 characters when a password alone protects the
 * account (OWASP ASVS 2.1.1 agrees). Instead of composition rules (upper case, digits…), which
 * the same texts accept as one way to reach the strength, the password's guessability is
 * estimated (password-strength.ts); long passphrases are allowed (ASVS 2.1.2).
 */
export const PASSWORD_MIN_LENGTH = 12;
export const ADMIN_PASSWORD_MIN_LENGTH = 16;
export const PASSWORD_MAX_LENGTH = 256;

/** The least length of a role's password. */
export function minimumPasswordLength(role: string | undefined): number {
  return role === "admin" ? ADMIN_PASSWORD_MIN_LENGTH : PASSWORD_MIN_LENGTH;
}

/** The reasons a new password is refused on its form alone, in French, empty when it is acceptable. */
export function passwordPolicyViolations(
  password: string,
  context: { email?: string; role?: string } = {},
): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  const minimum = minimumPasswordLength(context.role);
  if (length < minimum)
    problems.push(
      context.role === "admin"
        ? `Le mot de passe d'un administrateur doit compter au moins ${minimum} caractères`
        : `Le mot de passe doit compter au moins ${minimum} caractères`,
    );
  if (length > PASSWORD_MAX_LENGTH)
    problems.push(`Le mot de passe doit compter au plus ${PASSWORD_MAX_LENGTH} caractères`);
  if (length > 0 && new Set(password).size === 1)
    problems.push("Le mot de passe ne peut pas répéter un seul caractère");
  if (context.email && password.trim().toLowerCase() === context.email.trim().toLowerCase())
    problems.push("Le mot de passe ne peut pas être l'adresse électronique");
  return problems;
}
