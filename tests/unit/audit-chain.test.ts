import { describe, expect, it } from "vitest";
import {
  type AuditContent,
  canonicalJson,
  chainHash,
  changedFields,
  GENESIS_HASH,
} from "../../server/modules/audit/audit.rules";

const content: AuditContent = {
  organisationId: "o",
  occurredAt: "2026-11-23T10:00:00.000Z",
  actorUserId: "u",
  actorLabel: "A",
  action: "unit.update",
  entityType: "unit",
  entityId: "1",
  changes: { rentCents: { before: 50000, after: 52000 } },
  requestId: "r",
};

describe("audit hash chain", () => {
  it("hashes the same content the same, whatever the key order", () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 1, e: 0 }] } })).toBe(
      '{"a":{"c":[3,{"e":0,"f":1}],"d":2},"b":1}',
    );
    const reordered = Object.fromEntries(Object.entries(content).reverse()) as AuditContent;
    expect(chainHash(GENESIS_HASH, reordered)).toBe(chainHash(GENESIS_HASH, content));
  });

  it("changes when the content or the previous hash changes", () => {
    const base = chainHash(GENESIS_HASH, content);
    expect(chainHash(GENESIS_HASH, { ...content, action: "unit.delete" })).not.toBe(base);
    expect(chainHash("f".repeat(64), content)).not.toBe(base);
  });
});

describe("changedFields", () => {
  it("keeps only what changed, ignoring timestamps", () => {
    expect(
      changedFields(
        { rent: 1, charges: 2, updatedAt: new Date(1) },
        { rent: 1, charges: 3, updatedAt: new Date(2) },
      ),
    ).toEqual({ charges: { before: 2, after: 3 } });
  });

  it("records a creation as before = null", () => {
    expect(changedFields(null, { status: "prospect" })).toEqual({
      status: { before: null, after: "prospect" },
    });
  });
});
