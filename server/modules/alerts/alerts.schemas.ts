import { z } from "@hono/zod-openapi";
import { ALERT_KINDS } from "./alerts.rules";

/** One deadline or programme threshold to act on, with the person or panel it concerns. */
export const AlertSchema = z
  .object({
    kind: z.enum(ALERT_KINDS),
    severity: z.enum(["critical", "warning"]),
    message: z.string(),
    personId: z.uuid().nullable(),
    panelId: z.uuid().nullable(),
    dueDate: z.string().nullable(),
    details: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
  })
  .openapi("Alert");
