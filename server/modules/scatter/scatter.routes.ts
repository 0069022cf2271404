import { createRouter, defineRoute, z } from "../../lib/openapi";
import { useCaseContext } from "../../lib/use-case-context";
import { scatterReport } from "./scatter.report";

const ScatterReport = z
  .object({
    policy: z.object({
      buildingCapBasisPoints: z.number().int(),
      smallBuildingException: z.boolean(),
      neighbourhoodCap: z.object({
        mode: z.enum(["off", "count", "share"]),
        maxUnits: z.number().int().optional(),
        shareBasisPoints: z.number().int().optional(),
      }),
    }),
    programmeUnits: z.number().int(),
    buildings: z.array(
      z.object({
        buildingId: z.uuid(),
        reference: z.string().nullable(),
        address: z.string(),
        neighbourhoodId: z.uuid().nullable(),
        totalDwellings: z.number().int(),
        programmeUnits: z.number().int(),
        maxProgrammeUnits: z.number().int(),
        headroom: z.number().int(),
        shareBasisPoints: z.number().int(),
        viaSmallBuildingException: z.boolean(),
      }),
    ),
    neighbourhoods: z.array(
      z.object({
        /** null for the buildings outside every contour, grouped by commune */
        neighbourhoodId: z.uuid().nullable(),
        code: z.string().nullable(),
        /** the commune's INSEE code (outside every contour: the area the cap applies to) */
        inseeCode: z.string().nullable(),
        name: z.string(),
        isQpv: z.boolean(),
        programmeUnits: z.number().int(),
        totalDwellings: z.number().int(),
        shareOfDwellingsBasisPoints: z.number().int(),
        shareOfProgrammeBasisPoints: z.number().int(),
        maxProgrammeUnits: z.number().int().nullable(),
        headroom: z.number().int().nullable(),
      }),
    ),
  })
  .openapi("ScatterReport");

const scatterRoute = defineRoute({
  method: "get",
  path: "/api/scatter",
  tags: ["Dispersion"],
  summary: "Logements du programme par immeuble et par quartier : nombre, total, part, marge",
  description:
    "Programme = logements réservés, loués ou en préavis. Part en points de base (2000 = 20 %). " +
    "Les immeubles sont triés par marge croissante (les plus proches du plafond d'abord). " +
    "Les immeubles hors de tout contour de quartier sont regroupés par commune (code INSEE) : le " +
    "plafond de quartier du site s'applique à chaque commune comme à un quartier.",
  permission: "stock.read",
  responses: {
    200: { description: "Dispersion", content: { "application/json": { schema: ScatterReport } } },
  },
});

export const scatterRoutes = createRouter().openapi(scatterRoute, async (c) => {
  const context = useCaseContext(c);
  return c.json(await scatterReport(context.db, context.actor.organisationId), 200);
});
