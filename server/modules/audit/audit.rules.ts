import { createHash } from "node:crypto";

/** The hash of the first link of every organisation's chain. */
export const GENESIS_HASH = "0".repeat(64);

export type AuditContent = {
  organisationId: string;
  occurredAt: string; // ISO instant
  actorUserId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  changes: Record<string, { before: unknown; after: unknown }> | null;
  requestId: string | null;
};

/** JSON with object keys sorted at every depth, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** The audit chain: each row stores sha256(previous hash ‖ its own canonical content). */
export function chainHash(previousHash: string, content: AuditContent): string {
  return createHash("sha256").update(previousHash).update(canonicalJson(content)).digest("hex");
}

function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  return value;
}

/**
 * The fields that differ between two versions of a record, as {before, after}.
 * A creation has before = null, a deletion after = null. Unchanged fields are left out;
 * `updatedAt`/`createdAt` are noise and never recorded.
 */
export function changedFields(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): Record<string, { before: unknown; after: unknown }> {
  const ignored = new Set(["updatedAt", "createdAt"]);
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const key of keys) {
    if (ignored.has(key)) continue;
    const b = normalise(before?.[key]) ?? null;
    const a = normalise(after?.[key]) ?? null;
    if (canonicalJson(b) !== canonicalJson(a)) changes[key] = { before: b, after: a };
  }
  return changes;
}

/** An audit row as stored, the input of the chain walk. */
export type StoredAuditRow = AuditContent & { sequence: number; previousHash: string; hash: string };

export type BrokenLink = {
  organisationId: string;
  sequence: number;
  /**
   * - previous_hash_mismatch: the row does not point at the row before it (a row was deleted,
   *   inserted or reordered just before this one);
   * - hash_mismatch: the row's content no longer matches its hash (the row was edited).
   */
  reason: "previous_hash_mismatch" | "hash_mismatch";
  expected: string;
  found: string;
};

export type ChainVerdict =
  | { ok: true; checked: number; lastHash: string }
  | { ok: false; checked: number; broken: BrokenLink };

/**
 * Walks one organisation's rows in sequence order and returns the first broken link.
 * `startHash` lets a long chain be walked in batches: pass the previous batch's lastHash.
 * The deletion of the newest rows leaves no trace in the chain itself: compare the head
 * (count, last hash) with a copy kept elsewhere to detect it.
 */
export function verifyChain(rows: Iterable<StoredAuditRow>, startHash: string = GENESIS_HASH): ChainVerdict {
  let previous = startHash;
  let checked = 0;
  for (const row of rows) {
    if (row.previousHash !== previous) {
      return {
        ok: false,
        checked,
        broken: {
          organisationId: row.organisationId,
          sequence: row.sequence,
          reason: "previous_hash_mismatch",
          expected: previous,
          found: row.previousHash,
        },
      };
    }
    const { sequence: _sequence, previousHash: _previousHash, hash, ...content } = row;
    const recomputed = chainHash(previous, content);
    if (recomputed !== hash) {
      return {
        ok: false,
        checked,
        broken: {
          organisationId: row.organisationId,
          sequence: row.sequence,
          reason: "hash_mismatch",
          expected: recomputed,
          found: hash,
        },
      };
    }
    previous = hash;
    checked++;
  }
  return { ok: true, checked, lastHash: previous };
}

/** One line for a person reading the CLI's output. */
export function describeBrokenLink(broken: BrokenLink): string {
  const what =
    broken.reason === "hash_mismatch"
      ? "contenu modifié (l'empreinte ne correspond plus)"
      : "maillon manquant ou déplacé (l'empreinte précédente ne correspond pas)";
  return `organisation ${broken.organisationId}, ligne ${broken.sequence} : ${what} — attendu ${broken.expected}, trouvé ${broken.found}`;
}
