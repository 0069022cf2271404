import { describe, expect, it } from "vitest";
import {
  type AuditContent,
  canonicalJson,
  chainHash,
  changedFields,
  describeBrokenLink,
  GENESIS_HASH,
  type StoredAuditRow,
  verifyChain,
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

describe("verifyChain", () => {
  function chainOf(n: number): StoredAuditRow[] {
    const rows: StoredAuditRow[] = [];
    let previous = GENESIS_HASH;
    for (let i = 1; i <= n; i++) {
      const row = { ...content, action: `step.${i}` };
      const hash = chainHash(previous, row);
      rows.push({ ...row, sequence: i * 3, previousHash: previous, hash });
      previous = hash;
    }
    return rows;
  }

  it("accepts an intact chain, whole or in batches", () => {
    const rows = chainOf(5);
    const whole = verifyChain(rows);
    expect(whole).toEqual({ ok: true, checked: 5, lastHash: rows[4]!.hash });
    const first = verifyChain(rows.slice(0, 2));
    expect(first.ok && verifyChain(rows.slice(2), first.lastHash)).toMatchObject({ ok: true, checked: 3 });
    expect(verifyChain([])).toEqual({ ok: true, checked: 0, lastHash: GENESIS_HASH });
  });

  it("finds an edited row by its hash", () => {
    const rows = chainOf(5);
    rows[2] = { ...rows[2]!, actorLabel: "quelqu'un d'autre" };
    const verdict = verifyChain(rows);
    expect(verdict).toMatchObject({
      ok: false,
      checked: 2,
      broken: { sequence: 9, reason: "hash_mismatch" },
    });
  });

  it("finds a deleted row at the next row's previous hash", () => {
    const rows = chainOf(5);
    rows.splice(1, 1);
    expect(verifyChain(rows)).toMatchObject({
      ok: false,
      broken: { sequence: 9, reason: "previous_hash_mismatch", expected: rows[0]!.hash },
    });
  });

  it("finds a deleted first row", () => {
    expect(verifyChain(chainOf(3).slice(1))).toMatchObject({
      ok: false,
      broken: { sequence: 6, reason: "previous_hash_mismatch", expected: GENESIS_HASH },
    });
  });

  it("finds a row re-hashed after an edit by the next link", () => {
    const rows = chainOf(4);
    const edited = { ...rows[1]!, action: "forged" };
    const { sequence: _s, previousHash, hash: _h, ...rest } = edited;
    rows[1] = { ...edited, hash: chainHash(previousHash, rest) };
    expect(verifyChain(rows)).toMatchObject({
      ok: false,
      broken: { sequence: 9, reason: "previous_hash_mismatch" },
    });
  });

  it("describes a break for a person", () => {
    const verdict = verifyChain(chainOf(2).slice(1));
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(describeBrokenLink(verdict.broken)).toContain("ligne 6");
  });
});
