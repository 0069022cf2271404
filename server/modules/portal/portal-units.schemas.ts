import { z } from "@hono/zod-openapi";
import { CaptureFormula, EnergyClass, Typology, UnitStatus } from "../units/units.schemas";

/** A landlord's own flat as the portal shows it: its facts and status, nothing of its tenant. */
export const PortalUnit = z
  .object({
    id: z.uuid(),
    reference: z.string().nullable(),
    street: z.string(),
    postcode: z.string(),
    city: z.string(),
    floor: z.number().int(),
    typology: Typology,
    surfaceM2: z.number(),
    rooms: z.number().int(),
    furnished: z.boolean(),
    energyClass: EnergyClass.nullable(),
    rentCents: z.number().int(),
    chargesCents: z.number().int(),
    captureFormula: CaptureFormula.nullable(),
    status: UnitStatus,
    statusSince: z.string(),
  })
  .openapi("PortalUnit");
