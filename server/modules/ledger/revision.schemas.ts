import { z } from "@hono/zod-openapi";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "date AAAA-MM-JJ attendue");

/** One published IRL value (INSEE, base 100 au 4e trimestre 1998), in hundredths. */
export const IrlIndexSchema = z
  .object({
    year: z.number().int().min(1998).max(2100),
    quarter: z.number().int().min(1).max(4),
    valueHundredths: z.number().int().positive().max(1_000_000).openapi({ description: "145,17 → 14517" }),
    publishedOn: isoDate,
  })
  .openapi("IrlIndex");

export const IrlUpsertBody = z.object({ indices: z.array(IrlIndexSchema).min(1).max(400) });
