import { AppError } from "../../lib/errors";
import { createRouter, defineRoute, z } from "../../lib/openapi";
import { useCaseContext } from "../../lib/use-case-context";
import { CaptureFormula, EnergyClass, Typology, UnitStatus } from "../units/units.schemas";
import { unitsOfLandlord } from "./portal-units.queries";

const PortalUnit = z
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

const portalUnitsRoute = defineRoute({
  method: "get",
  path: "/api/portal/units",
  tags: ["Portail propriétaire"],
  summary: "Mes logements et leur état (sans donnée sur les locataires)",
  permission: "portal.read",
  responses: {
    200: {
      description: "Logements du propriétaire",
      content: { "application/json": { schema: z.object({ items: z.array(PortalUnit) }) } },
    },
  },
});

export const portalUnitRoutes = createRouter().openapi(portalUnitsRoute, async (c) => {
  const context = useCaseContext(c);
  const landlordId = context.actor.landlordId;
  if (!landlordId) throw new AppError("FORBIDDEN", "Ce compte n'est rattaché à aucun propriétaire");
  return c.json({ items: await unitsOfLandlord(context.db, context.actor.organisationId, landlordId) }, 200);
});
