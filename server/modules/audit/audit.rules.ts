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

/** Issue 3 §5: each row stores sha256(previous hash ‖ its own canonical content). */
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
