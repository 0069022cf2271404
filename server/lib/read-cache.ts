import { eq } from "drizzle-orm";
import type { Context, TypedResponse } from "hono";
import { LRUCache } from "lru-cache";
import type { Db } from "../../db/client";
import { organisationDataVersions } from "../../db/schema";
import type { Actor } from "../modules/auth/actor";
import type { UseCaseContext } from "./use-case-context";

/** A JSON document as it is sent: its text, typed by the value it was written from. */
export type JsonText<T> = { readonly text: string; readonly of?: T };

/** At most this much text is kept per database (a few hundred pages of the heaviest reads). */
const MAX_BYTES = 32 * 1024 * 1024;
/** An entry no one asked for in this long is dropped, so that personal data does not linger. */
const IDLE_MS = 5 * 60_000;

const caches = new WeakMap<Db, LRUCache<string, string>>();

function cacheOf(db: Db): LRUCache<string, string> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new LRUCache<string, string>({
      maxSize: MAX_BYTES,
      // two bytes a character: the most a JavaScript string may take
      sizeCalculation: (text) => Math.max(1, text.length * 2),
      ttl: IDLE_MS,
      updateAgeOnGet: true,
    });
    caches.set(db, cache);
  }
  return cache;
}

/** How many writes the organisation's data has seen (organisation_data_versions, kept by triggers). */
export async function dataVersion(db: Db, organisationId: string): Promise<number> {
  const [row] = await db
    .select({ version: organisationDataVersions.version })
    .from(organisationDataVersions)
    .where(eq(organisationDataVersions.organisationId, organisationId));
  return row?.version ?? 0;
}

/** What a view may depend on about who asks: the account, its role, its landlord, a token's scopes. */
function askerKey(actor: Actor): string {
  const scopes = actor.apiToken ? `${actor.apiToken.id}:${actor.apiToken.scopes.join(",")}` : "";
  return `${actor.userId}:${actor.role}:${actor.landlordId ?? ""}:${scopes}`;
}

/**
 * The JSON of a read that depends only on the organisation's data, the day (Europe/Paris) and who
 * asks: written once, then sent again while none of these has changed. The organisation's data
 * version is read first, so an entry is always at least as new as the version it is filed under;
 * any write to the organisation's data, by any process, moves the version and leaves the entry
 * unused. `view` names the read and its parameters (the route and its query, say).
 *
 * Only for reads whose answer is the same for the same data, day and asker: nothing that depends on
 * the hour, on a random value, or on a table that does not count as data (sessions, logs, outbox).
 * A read that must be recorded (a person's file) records it at every request, outside the compute.
 */
export async function cachedJson<T>(
  context: UseCaseContext,
  view: string,
  compute: () => Promise<T>,
): Promise<JsonText<T>> {
  return { text: await cachedText(context, view, async () => JSON.stringify(await compute())) };
}

/** `cachedJson` for a read that writes its own text (a GeoJSON document assembled by the database). */
export async function cachedText(
  context: UseCaseContext,
  view: string,
  compute: () => Promise<string>,
): Promise<string> {
  const { db, actor, clock } = context;
  const version = await dataVersion(db, actor.organisationId);
  const key = `${actor.organisationId}|${version}|${clock.today()}|${askerKey(actor)}|${view}`;
  const cache = cacheOf(db);
  const kept = cache.get(key);
  if (kept !== undefined) return kept;
  const text = await compute();
  cache.set(key, text);
  return text;
}

/** Sends a kept JSON text as the route's typed 200 answer (the text is the value's JSON). */
export function sendJsonText<T>(c: Context, json: JsonText<T>): TypedResponse<T, 200, "json"> {
  return c.body(json.text, 200, { "content-type": "application/json" }) as unknown as TypedResponse<
    T,
    200,
    "json"
  >;
}
