import { latestAppliedMigration } from "../../../db/migrate";
import { createRouter, defineRoute, z } from "../../lib/openapi";

const Health = z
  .object({
    status: z.enum(["ok", "unavailable"]),
    database: z.enum(["embedded", "server"]),
    migration: z.string().nullable(),
  })
  .openapi("Health");

const healthRoute = defineRoute({
  method: "get",
  path: "/api/health",
  tags: ["Système"],
  summary: "État du service et de sa base",
  permission: "public",
  responses: {
    200: { description: "Service disponible", content: { "application/json": { schema: Health } } },
    503: { description: "Base injoignable", content: { "application/json": { schema: Health } } },
  },
});

export const healthRoutes = createRouter().openapi(healthRoute, async (c) => {
  const { database } = c.get("deps");
  try {
    const migration = await latestAppliedMigration(database);
    return c.json({ status: "ok" as const, database: database.kind, migration }, 200);
  } catch (error) {
    c.get("logger").error({ err: error }, "health check: database unreachable");
    return c.json({ status: "unavailable" as const, database: database.kind, migration: null }, 503);
  }
});
