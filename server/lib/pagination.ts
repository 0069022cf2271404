import { z } from "@hono/zod-openapi";

/**
 * One pagination convention for every list of the API: `?limit=&offset=` in, and
 * `{ items, total, limit, offset }` out, where `total` counts every row the filters match.
 * Offsets fit the back office: lists are read page by page by people, sorted on stable keys
 * (with the id as the last key), and a page jumps straight to "entries 101 to 150 of 320".
 * No list answers more than `MAX_PAGE_LIMIT` rows at once.
 */
export const MAX_PAGE_LIMIT = 500;
export const DEFAULT_PAGE_LIMIT = 50;

export type PageRequest = { limit: number; offset: number };
export type Page<T> = { items: T[]; total: number; limit: number; offset: number };

/** The `limit` and `offset` query parameters, with a default page size of the list's own. */
export function pageQuery(defaultLimit = DEFAULT_PAGE_LIMIT) {
  return {
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(MAX_PAGE_LIMIT)
      .default(defaultLimit)
      .openapi({ description: `taille de la page (au plus ${MAX_PAGE_LIMIT})` }),
    offset: z.coerce
      .number()
      .int()
      .min(0)
      .default(0)
      .openapi({ description: "rang de la première ligne (0 pour la première page)" }),
  };
}

/** The page schema of a list: its items plus the total and the page asked for. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int().openapi({ description: "nombre de lignes répondant aux filtres, toutes pages" }),
    limit: z.number().int(),
    offset: z.number().int(),
  });
}

/** A page cut from rows already in memory (small lists computed whole, e.g. the alerts of today). */
export function pageFromArray<T>(rows: readonly T[], page: PageRequest): Page<T> {
  return {
    items: rows.slice(page.offset, page.offset + page.limit),
    total: rows.length,
    limit: page.limit,
    offset: page.offset,
  };
}

/** Builds the page object from one page of rows and the total. */
export function pageOfRows<T>(items: T[], total: number, page: PageRequest): Page<T> {
  return { items, total, limit: page.limit, offset: page.offset };
}

/** Separates the page from the filters of a validated query: `list(context, ...splitPage(query))`. */
export function splitPage<Q extends PageRequest>(query: Q): [Omit<Q, "limit" | "offset">, PageRequest] {
  const { limit, offset, ...filters } = query;
  return [filters, { limit, offset }];
}
