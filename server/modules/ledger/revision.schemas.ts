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

/** A proposed (then requested) annual rent revision of a lease (loi 89-462 art. 17-1). */
export const RentRevision = z
  .object({
    id: z.uuid(),
    leaseId: z.uuid(),
    anniversaryOn: z.string(),
    previousRentCents: z.number().int(),
    newRentCents: z.number().int(),
    irlYear: z.number().int(),
    irlQuarter: z.number().int(),
    irlNewHundredths: z.number().int(),
    irlOldHundredths: z.number().int(),
    requestedOn: z.string().nullable(),
    effectiveFrom: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("RentRevision");
