import { describe, expect, it } from "vitest";
import { timeOrderedUuid } from "../../server/lib/ids";

describe("timeOrderedUuid (RFC 9562 version 7)", () => {
  it("is a version-7, variant-10 UUID whose first 48 bits are the Unix milliseconds", () => {
    const at = Date.UTC(2026, 10, 28, 9, 30, 0, 123);
    const id = timeOrderedUuid(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number.parseInt(id.replace(/-/g, "").slice(0, 12), 16)).toBe(at);
  });

  it("sorts ids of later milliseconds after earlier ones, as text and as uuid", () => {
    const ids = [0, 1, 255, 256, 2 ** 32 - 1, 2 ** 32, Date.UTC(2026, 0, 1), 2 ** 48 - 1].map((ms) =>
      timeOrderedUuid(ms),
    );
    expect([...ids].sort()).toEqual(ids);
  });

  it("differs between ids of the same millisecond (74 random bits)", () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => timeOrderedUuid(1_700_000_000_000)));
    expect(ids.size).toBe(10_000);
  });
});
