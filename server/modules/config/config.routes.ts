import { basemapStyleUrl, ignAttribution } from "../../env";
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
  const mapStyleUrl = basemapStyleUrl(env);
  return c.json(
    {
      mapStyleUrl,
      // a style of one's own names its sources' credits itself; IGN's styles get the Licence Ouverte's
      mapAttribution: mapStyleUrl && !env.MAP_STYLE_URL ? ignAttribution : null,
      geocoder: env.GEOCODER_URL !== "",
      today: clock.today(),
    },
    200,
  );
});
