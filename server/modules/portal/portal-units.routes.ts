import { createRouter, defineRoute, z } from "../../lib/openapi";
import { pageFromArray, pageOf, pageQuery } from "../../lib/pagination";
import { useCaseContext } from "../../lib/use-case-context";
import { PortalUnit } from "./portal-units.schemas";
import { listOwnUnits } from "./portal-units.service";

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
