import { createRouter, defineRoute } from "../../lib/openapi";
import { PublicConfig } from "./config.schemas";

const configRoute = defineRoute({
  method: "get",
  path: "/api/config",
  tags: ["Système"],
  summary: "Configuration publique de l'application web (fond de carte)",
  permission: "public",
  responses: {
    200: { description: "Configuration publique", content: { "application/json": { schema: PublicConfig } } },
  },
});

export const configRoutes = createRouter().openapi(configRoute, (c) => {
  const { env, clock } = c.get("deps");
  return c.json({ mapStyleUrl: env.MAP_STYLE_URL ?? null, today: clock.today() }, 200);
});
