import type { findLiveSession } from "./auth.queries";

export type LiveSession = NonNullable<Awaited<ReturnType<typeof findLiveSession>>>;

/**
 * How long a resolved session is remembered. Every request carries the session cookie, and its
 * lookup was one query in every read's three to six; remembered a moment, a burst of requests of
 * one person (a page and its parallel reads) costs it once. Expiry and disabling are still checked
 * at each request on the remembered row; a revocation or a change of the account by this process
 * forgets every remembered session at once (`forgetSessions`), one made by another process (the
 * CLI, a second server on PostgreSQL) is seen at most this late.
 */
export const SESSION_CACHE_MS = 2_000;
const MAX_ENTRIES = 10_000;

type Entry = { session: LiveSession; until: number };

const remembered = new Map<string, Entry>();
/** Bumped by every forgetting: a lookup that started before it must not be remembered. */
let generation = 0;

/** The clock of the cache: monotonic, apart from the business clock (which tests stop). */
const monotonicNow = () => performance.now();

/** The session of a token hash as looked up less than SESSION_CACHE_MS ago, if any. */
export function rememberedSession(tokenHash: string): LiveSession | undefined {
  const entry = remembered.get(tokenHash);
  if (!entry) return undefined;
  if (entry.until <= monotonicNow()) {
    remembered.delete(tokenHash);
    return undefined;
  }
  return entry.session;
}

/**
 * Looks the session up through `lookup`, remembering what it found unless something was forgotten
 * meanwhile (the lookup may have read the row just before a revocation committed).
 */
export async function lookUpSession(
  tokenHash: string,
  lookup: () => Promise<LiveSession | null>,
): Promise<LiveSession | null> {
  const startedAt = generation;
  const found = await lookup();
  if (found && startedAt === generation) {
    if (remembered.size >= MAX_ENTRIES) remembered.clear();
    remembered.set(tokenHash, { session: found, until: monotonicNow() + SESSION_CACHE_MS });
  }
  return found;
}

/**
 * Forgets every remembered session: called when a session is revoked or an account changes
 * (role, landlord, name, disabling), once when the change is written and once it is committed.
 */
export function forgetSessions(): void {
  generation++;
  remembered.clear();
}
