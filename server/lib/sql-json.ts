import { type SQL, type SQLWrapper, sql } from "drizzle-orm";

/**
 * Rows handed over as one JSON text. The embedded database (PGlite) decodes every value of a result
 * one by one in JavaScript: a page of 100 candidates of 27 columns took longer to hand over than to
 * compute (≈ 6 ms against 1.5 ms), where one text is decoded by JSON.parse at once (the map does the
 * same, map.queries.ts). Only for values whose JSON form is what the driver gives for the column:
 * text, uuid, enums, booleans, integers, double precision, counts, and dates (ISO strings) — not
 * timestamps, numerics or jsonb.
 */
export function jsonObject(fields: Record<string, SQLWrapper>): SQL {
  return sql`json_build_object(${sql.join(
    Object.entries(fields).map(([key, value]) => {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new RangeError(`not a plain key: ${key}`);
      return sql`${sql.raw(`'${key}'`)}, ${value}`;
    }),
    sql`, `,
  )})`;
}

/** A json expression (e.g. a json_agg, or a scalar subquery giving one) decoded by JSON.parse; SQL null
 * stays null (include it in T where it can happen). */
export function parsedJson<T>(json: SQLWrapper): SQL<T> {
  return sql`(${json})::text`.mapWith(
    (text: string | null): T => (text === null ? (null as T) : (JSON.parse(text) as T)),
  );
}
