import type { IsoDate } from "../../lib/dates";

/** The longest wait between two attempts: a message queued for a day still goes out within hours of the fix. */
export const MAX_RETRY_DELAY_SECONDS = 6 * 60 * 60;

/** How long a claimed message stays out of other workers' reach while it is being sent. */
export const CLAIM_LEASE_SECONDS = 5 * 60;

/** Exponential backoff: base after the first failure, twice as long after each next one, capped. */
export function retryDelaySeconds(attemptsMade: number, baseSeconds: number): number {
  const exponent = Math.max(0, attemptsMade - 1);
  return Math.min(MAX_RETRY_DELAY_SECONDS, baseSeconds * 2 ** exponent);
}

export type SendFailure = { responseCode?: number; code?: string; message: string };

/**
 * What a failed attempt means. RFC 5321 §4.2.1: a 5yz reply is a permanent negative completion
 * (the same message will be refused again); a 4yz reply or a connection that could not be made
 * is transient. A transient failure is retried until maxAttempts attempts were made.
 */
export function afterFailure(
  failure: SendFailure,
  attemptsMade: number,
  maxAttempts: number,
): "retry" | "give_up" {
  const code = failure.responseCode;
  if (code !== undefined && code >= 500 && code < 600) return "give_up";
  return attemptsMade >= maxAttempts ? "give_up" : "retry";
}

/** The error as the admin screen shows it: the server's reply, without the message text. */
export function describeFailure(failure: SendFailure): string {
  const text = failure.message.replace(/\s+/g, " ").trim().slice(0, 300);
  return failure.responseCode ? `${failure.responseCode} ${text}` : text;
}

/** "j•••@exemple.fr": enough for an admin to tell messages apart, not a list of addresses. */
export function maskRecipient(address: string): string {
  const at = address.lastIndexOf("@");
  if (at <= 0) return "•••";
  const local = address.slice(0, at);
  return `${local[0]}${"•".repeat(Math.min(3, Math.max(1, local.length - 1)))}${address.slice(at)}`;
}

/**
 * Is today's digest due? From the configured hour (Europe/Paris) on, once per calendar day: the
 * worker may look many times, the day's key makes the sending idempotent.
 */
export function digestDue(parisHour: number, digestHour: number): boolean {
  return parisHour >= digestHour;
}

/** The key that makes one user's digest of one day unique in the outbox. */
export function digestKey(userId: string, day: IsoDate): string {
  return `alerts_digest:${userId}:${day}`;
}

const parisHourFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Paris",
  hour: "2-digit",
  hourCycle: "h23",
});

/** The hour of the day in Europe/Paris (0–23) of an instant. */
export function parisHourOf(instant: Date): number {
  const parts = parisHourFormat.formatToParts(instant);
  return Number(parts.find((part) => part.type === "hour")?.value);
}
