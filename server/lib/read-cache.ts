import { gzipSync } from "node:zlib";
import { eq, sql } from "drizzle-orm";
import type { Context, TypedResponse } from "hono";
import { accepts } from "hono/accepts";
import { LRUCache } from "lru-cache";
import type { Db } from "../../db/client";
import { organisationDataVersions } from "../../db/schema";
import type { Actor } from "../modules/auth/actor";
import { afterPendingInput } from "./event-loop";
import type { UseCaseContext } from "./use-case-context";

/**
 * A kept answer as it is sent: its UTF-8 bytes and, when it is large enough to gain from it, the
 * same bytes gzipped once for the clients that accept it (RFC 9110 §8.4.1.3, §12.5.3).
 */
export type KeptDocument = {
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly gzipped?: Uint8Array<ArrayBuffer>;
};
/** A kept JSON answer, typed by the value it was written from. */
export type JsonText<T> = KeptDocument & { readonly of?: T };

/** Below this size an answer is sent as it is: compressing would gain less than a packet. */
const GZIP_FROM_BYTES = 1400;

/** At most this much text is kept per database (a few hundred pages of the heaviest reads). */
const MAX_BYTES = 32 * 1024 * 1024;
/** An entry no one asked for in this long is dropped, so that personal data does not linger. */
const IDLE_MS = 5 * 60_000;

// Kept as bytes, encoded once: sending a kept answer then copies it to the socket, where a string
// would be encoded again at every request.
const caches = new WeakMap<Db, LRUCache<string, KeptDocument>>();

function cacheOf(db: Db): LRUCache<string, KeptDocument> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new LRUCache<string, KeptDocument>({
      maxSize: MAX_BYTES,
      sizeCalculation: (kept) => Math.max(1, kept.bytes.byteLength + (kept.gzipped?.byteLength ?? 0)),
      ttl: IDLE_MS,
      updateAgeOnGet: true,
    });
    caches.set(db, cache);
  }
  return cache;
}

function prepareVersionLookup(db: Db) {
  return db
    .select({ version: organisationDataVersions.version })
    .from(organisationDataVersions)
    .where(eq(organisationDataVersions.organisationId, sql.placeholder("organisationId")))
    .prepare("organisation_data_version");
}

// built once per database: the lookup runs before every kept answer, and building its SQL again
// each time cost more than running it
const versionLookups = new WeakMap<Db, ReturnType<typeof prepareVersionLookup>>();
/** Per database, the lookups not sent yet, by organisation: requests arriving meanwhile share them. */
const unsentLookups = new WeakMap<Db, Map<string, Promise<number>>>();

async function lookUpVersion(db: Db, organisationId: string): Promise<number> {
  let lookup = versionLookups.get(db);
  if (!lookup) {
    lookup = prepareVersionLookup(db);
    versionLookups.set(db, lookup);
  }
  const [row] = await lookup.execute({ organisationId });
  return row?.version ?? 0;
}

/**
 * How many writes the organisation's data has seen (organisation_data_versions, kept by triggers),
 * as of a moment after this call. Concurrent requests share one lookup, as long as it has not left:
 * it is sent after the requests already received have asked (one turn of the event loop), and a
 * request arriving once it has left waits for the next one. So every answer reflects each write
 * committed before its request asked, at the cost of one lookup per turn instead of one per request.
 */
export function dataVersion(db: Db, organisationId: string): Promise<number> {
  let unsent = unsentLookups.get(db);
  if (!unsent) {
    unsent = new Map();
    unsentLookups.set(db, unsent);
  }
  const shared = unsent.get(organisationId);
  if (shared) return shared;
  const pending = unsent;
  const lookup = afterPendingInput().then(() => {
    // from here on the lookup has left: later requests start their own
    pending.delete(organisationId);
    return lookUpVersion(db, organisationId);
  });
  pending.set(organisationId, lookup);
  return lookup;
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
  return cachedText(context, view, async () => JSON.stringify(await compute()));
}

const encoder = new TextEncoder();

/** `cachedJson` for a read that writes its own JSON text (a GeoJSON document assembled by the database). */
export async function cachedText(
  context: UseCaseContext,
  view: string,
  compute: () => Promise<string>,
): Promise<KeptDocument> {
  const { db, actor, clock } = context;
  const version = await dataVersion(db, actor.organisationId);
  const key = `${actor.organisationId}|${version}|${clock.today()}|${askerKey(actor)}|${view}`;
  const cache = cacheOf(db);
  const kept = cache.get(key);
  if (kept !== undefined) return kept;
  const bytes = encoder.encode(await compute());
  const document: KeptDocument =
    bytes.byteLength >= GZIP_FROM_BYTES
      ? { bytes, gzipped: gzipSync(bytes) as Uint8Array<ArrayBuffer> }
      : { bytes };
  cache.set(key, document);
  return document;
}

/**
 * Sends a kept answer with its content type: gzipped to a client that accepts it (browsers all
 * do), as it is otherwise. `Vary` says the answer depends on that request header.
 */
export function sendKept(c: Context, kept: KeptDocument, contentType: string): Response {
  const headers: Record<string, string> = { "content-type": contentType, vary: "accept-encoding" };
  if (
    kept.gzipped &&
    accepts(c, { header: "Accept-Encoding", supports: ["gzip", "identity"], default: "identity" }) === "gzip"
  ) {
    return c.body(kept.gzipped, 200, { ...headers, "content-encoding": "gzip" });
  }
  return c.body(kept.bytes, 200, headers);
}

/** Sends a kept JSON document as the route's typed 200 answer. */
export function sendJsonText<T>(c: Context, json: JsonText<T>): TypedResponse<T, 200, "json"> {
  return sendKept(c, json, "application/json") as unknown as TypedResponse<T, 200, "json">;
}
