import { type SQL, type SQLWrapper, sql } from "drizzle-orm";

/**
 * Rows handed over as one JSON text. The embedded database (PGlite) decodes every value of a result
 * one by one in JavaScript: a page of 100 candidates of 27 columns took longer to hand over than to
 * compute, where one text is decoded by JSON.parse at once (the map does the same, map.queries.ts).
 * Each row is a JSON array, not an object, so the keys are not repeated on every row (≈ 10% of the
 * ranked page's statement); `decode` puts the keys back.
 *
 * Only for values whose JSON form is what the driver gives for the column: text, uuid, enums,
 * booleans, integers, double precision, counts, and dates (ISO strings) — not timestamps, numerics
 * or jsonb.
 */
export function jsonRecords<T extends Record<string, unknown>>(fields: { [K in keyof T]: SQLWrapper }) {
  const keys = Object.keys(fields);
  return {
    /** json_agg of the rows (an empty array without rows), in the given order */
    agg(orderBy?: SQL): SQL {
      const values = sql.join(
        keys.map((key) => sql`${fields[key]!}`),
        sql`, `,
      );
      return sql`coalesce(json_agg(json_build_array(${values})${orderBy ? sql` order by ${orderBy}` : sql``}), '[]')`;
    },
    decode(text: string): T[] {
      return (JSON.parse(text) as unknown[][]).map(
        (values) => Object.fromEntries(keys.map((key, index) => [key, values[index]])) as T,
      );
    },
  };
}

/** A json expression (e.g. an `agg`, or a scalar subquery giving one) as text, decoded in JavaScript. */
export function decodedJson<T>(json: SQLWrapper, decode: (text: string) => T): SQL<T> {
  return sql`(${json})::text`.mapWith(decode);
}
