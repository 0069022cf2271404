import { createRouter, defineRoute, requireActor, z } from "../../lib/openapi";
import { pageFromArray, pageOf, pageQuery, splitPage } from "../../lib/pagination";
import { AlertSchema } from "./alerts.schemas";
import { listAlerts } from "./alerts.service";

const alertsRoute = defineRoute({
  method: "get",
  path: "/api/alerts",
  tags: ["Alertes"],
  summary:
    "Échéances et seuils du programme : 8 semaines, propositions sans décision, suspensions, taux d'effort",
  permission: "persons.read",
  request: {
    query: z.object({
      panelStaleDays: z.coerce.number().int().min(1).max(365).optional().openapi({
        description: "Signaler les propositions sans décision depuis ce nombre de jours (défaut 14)",
      }),
      ...pageQuery(100),
    }),
  },
  responses: {
    200: {
      description: "Alertes, les plus urgentes d'abord",
      content: { "application/json": { schema: pageOf(AlertSchema).openapi("AlertPage") } },
    },
  },
});

// alerts are computed whole for today (deadlines and thresholds), then cut into pages
export const alertsRoutes = createRouter().openapi(alertsRoute, async (c) => {
  const [options, page] = splitPage(c.req.valid("query"));
  return c.json(pageFromArray(await listAlerts(c.get("deps"), requireActor(c), options), page), 200);
});
