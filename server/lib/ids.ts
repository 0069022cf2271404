import { randomFillSync } from "node:crypto";

/**
 * A time-ordered UUID (version 7, RFC 9562 §5.7): 48 bits of Unix milliseconds, then 74 random
 * bits. Rows written together get neighbouring keys, so a bulk write (the monthly rent-call run:
 * ~11 000 transactions, ~38 000 entries) appends to the right edge of its primary-key indexes
 * instead of touching a random leaf page per row, and the foreign-key and balance checks that
 * follow find those rows in pages just written. Random version-4 ids (gen_random_uuid) stay the
 * default elsewhere; both kinds live side by side in a uuid column.
 *
 * `now` is the wall clock on purpose: the id orders writes, it carries no business date.
 */
export function timeOrderedUuid(now: number = Date.now()): string {
  const bytes = new Uint8Array(16);
  randomFillSync(bytes, 6);
  // 48-bit big-endian timestamp (JavaScript bit operators are 32-bit: split high and low parts)
  const high = Math.floor(now / 2 ** 32);
  const low = now >>> 0;
  bytes[0] = (high >>> 8) & 0xff;
  bytes[1] = high & 0xff;
  bytes[2] = (low >>> 24) & 0xff;
  bytes[3] = (low >>> 16) & 0xff;
  bytes[4] = (low >>> 8) & 0xff;
  bytes[5] = low & 0xff;
  bytes[6] = (bytes[6]! & 0x0f) | 0x70; // version 7
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // variant 10
  const hex = Buffer.from(bytes).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
