import { createRouter, defineRoute, z } from "../../lib/openapi";
import { pageFromArray, pageOf, pageQuery } from "../../lib/pagination";
import { useCaseContext } from "../../lib/use-case-context";
import { CaptureFormula, EnergyClass, Typology, UnitStatus } from "../units/units.schemas";
import { listOwnUnits } from "./portal-units.service";

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
  request: { query: z.object(pageQuery()) },
  responses: {
    200: {
      description: "Logements du propriétaire",
      content: { "application/json": { schema: pageOf(PortalUnit).openapi("PortalUnitPage") } },
    },
  },
});

export const portalUnitRoutes = createRouter().openapi(portalUnitsRoute, async (c) =>
  c.json(pageFromArray(await listOwnUnits(useCaseContext(c)), c.req.valid("query")), 200),
);
