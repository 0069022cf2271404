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
 * Login throttling, in three counts (OWASP Authentication Cheat Sheet, "Account lockout": throttle
 * the pair rather than lock the account, so that an attacker cannot lock a known user out, and
 * prefer an exponentially growing delay to a fixed lock; NIST SP 800-63B §5.2.2: limit
 * consecutive failures on an account, for instance by "requiring the claimant to wait following
 * a failed attempt for a period of time that increases as the account approaches its maximum
 * allowance for consecutive failed attempts (e.g., 30 seconds up to an hour)"):
 *
 * - **pair** (one account from one source): a progressive delay, never a lock. The first
 *   `freeFailures` failures are free; after n of them, the next attempt must wait
 *   30 s × 2^(n − 5) since the latest failure, capped at one hour (5 failures → 30 s, 6 → 1 min,
 *   7 → 2 min … 12 → 1 h). Failures are remembered 24 h or until a correct password clears them,
 *   so a patient guesser from one source gets about 24 guesses a day, while the user who mistyped
 *   waits and then logs in. This is the only limit a user's own usual address can ever meet.
 * - **account** (one account, every source): 10 failures within 15 minutes lock the account for
 *   every source the account has *not* logged in from successfully before. A distributed attack
 *   is slowed to 10 guesses per window, while the staff member at their usual office or home
 *   address still logs in: nobody outside can lock a known account out by failing on purpose.
 * - **source** (one source, every account): 20 failures within 15 minutes lock the source for
 *   every account that has *not* logged in from it before. Password spraying from one address
 *   stops, while the colleagues behind the same office NAT who usually log in from it keep
 *   logging in.
 *
 * A user's known source is therefore held by the pair's delay only; an unknown one by all three.
 */
export type ProgressiveDelayPolicy = {
  freeFailures: number;
  firstDelaySeconds: number;
  maxDelaySeconds: number;
  memoryHours: number;
};

export type LoginThrottlePolicy = {
  windowMinutes: number;
  maxAccountFailures: number;
  maxSourceFailures: number;
  pairDelay: ProgressiveDelayPolicy;
};

export const LOGIN_THROTTLE: LoginThrottlePolicy = {
  windowMinutes: 15,
  maxAccountFailures: 10,
  maxSourceFailures: 20,
  pairDelay: { freeFailures: 5, firstDelaySeconds: 30, maxDelaySeconds: 3600, memoryHours: 24 },
};

/** How long a successful login makes its source a "known source" of the account. */
export const KNOWN_SOURCE_DAYS = 90;

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Decides from the recent failures of one key (an account or a source) whether another attempt
 * may be checked. Blocked while `maxFailures` failures lie inside the sliding window; the wait is
 * until the oldest of the latest `maxFailures` failures leaves the window.
 */
export function loginThrottle(
  failures: readonly Date[],
  now: Date,
  policy: ThrottlePolicy = { maxFailures: LOGIN_THROTTLE.maxAccountFailures, windowMinutes: 15 },
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

/** The wait after `failures` consecutive failures (0 while they are free), in seconds. */
export function progressiveDelaySeconds(failures: number, policy: ProgressiveDelayPolicy): number {
  if (failures < policy.freeFailures) return 0;
  return Math.min(policy.maxDelaySeconds, policy.firstDelaySeconds * 2 ** (failures - policy.freeFailures));
}

/** How many of the latest failures can change the delay: past this count it is at its cap. */
export function progressiveDelayDepth(policy: ProgressiveDelayPolicy): number {
  return policy.freeFailures + Math.ceil(Math.log2(policy.maxDelaySeconds / policy.firstDelaySeconds));
}

/**
 * The pair's progressive delay: whether another attempt may be checked given the failures of
 * one account from one source remembered since the last correct password.
 */
export function progressiveDelay(
  failures: readonly Date[],
  now: Date,
  policy: ProgressiveDelayPolicy = LOGIN_THROTTLE.pairDelay,
): ThrottleDecision {
  const memoryStart = now.getTime() - policy.memoryHours * 3_600_000;
  const recent = failures.map((at) => at.getTime()).filter((at) => at > memoryStart && at <= now.getTime());
  const delaySeconds = progressiveDelaySeconds(recent.length, policy);
  if (delaySeconds === 0) return { allowed: true };
  const freedAt = Math.max(...recent) + delaySeconds * 1000;
  if (now.getTime() >= freedAt) return { allowed: true };
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
  const decisions = [progressiveDelay(facts.pairFailures, now, policy.pairDelay)];
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
