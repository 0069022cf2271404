import { z } from "@hono/zod-openapi";
import { IsoDateSchema } from "../../lib/date-schemas";

/** One published IRL value (INSEE, base 100 au 4e trimestre 1998), in hundredths. */
export const IrlIndexSchema = z
  .object({
    year: z.number().int().min(1998).max(2100),
    quarter: z.number().int().min(1).max(4),
    valueHundredths: z.number().int().positive().max(1_000_000).openapi({ description: "145,17 → 14517" }),
    publishedOn: IsoDateSchema,
  })
  .openapi("IrlIndex");

export const IrlUpsertBody = z.object({ indices: z.array(IrlIndexSchema).min(1).max(400) });

/** The day the landlord's request for the revision reached the tenant (it takes effect from then). */
export const RevisionRequestBody = z.object({ requestedOn: IsoDateSchema }).openapi("RevisionRequest");
