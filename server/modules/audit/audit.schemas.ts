import { z } from "@hono/zod-openapi";
import { IsoDateSchema } from "../../lib/date-schemas";

const isoDate = IsoDateSchema;

export const AuditQuery = z
  .object({
    entityType: z.string().min(1).max(100).optional(),
    entityId: z.string().min(1).max(200).optional(),
    actorUserId: z.uuid().optional(),
    // Europe/Paris calendar dates, both inclusive
    from: isoDate.optional(),
    to: isoDate.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ["to"], message: "La fin précède le début" });

export const AuditEntry = z
  .object({
    sequence: z.number().int(),
    occurredAt: z.iso.datetime(),
    actorUserId: z.uuid().nullable(),
    actorLabel: z.string(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })).nullable(),
    requestId: z.string().nullable(),
    previousHash: z.string(),
    hash: z.string(),
  })
  .openapi("AuditEntry");

export const AuditPage = z
  .object({
    items: z.array(AuditEntry),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  })
  .openapi("AuditPage");

export const AuditVerification = z
  .object({
    organisationId: z.uuid(),
    /** rows of the chain whose links were checked, up to the first broken one */
    checked: z.number().int(),
    broken: z
      .object({
        sequence: z.number().int(),
        reason: z.enum(["previous_hash_mismatch", "hash_mismatch"]),
        expected: z.string(),
        found: z.string(),
      })
      .nullable(),
    /** reads recorded but not chained yet */
    pendingReads: z.number().int(),
  })
  .openapi("AuditVerification");
