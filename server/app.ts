import type { OpenAPIHono } from "@hono/zod-openapi";
import { secureHeaders } from "hono/secure-headers";
import type { AppDeps, AppEnv } from "./lib/hono";
import { createRouter } from "./lib/openapi";
import { handleError, handleNotFound } from "./middleware/errors";
import { requestContext } from "./middleware/request-context";
import { sessionActor } from "./middleware/session";
import { alertsRoutes } from "./modules/alerts/alerts.routes";
import { authRoutes } from "./modules/auth/auth.routes";
import { docsRoutes } from "./modules/docs/docs.routes";
import { healthRoutes } from "./modules/health/health.routes";
import { matchingRoutes } from "./modules/matching/matching.routes";
import { panelsRoutes } from "./modules/panels/panels.routes";
import { personsRoutes } from "./modules/persons/persons.routes";
import { webApp } from "./web-static";

/** Every API area, mounted in one place: the list of what the back office does. */
const apiAreas = [healthRoutes, authRoutes, personsRoutes, matchingRoutes, panelsRoutes, alertsRoutes];

/** Builds the application from injected dependencies (the database, the clock, the env). */
export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = createRouter();
  app.use("*", requestContext(deps));
  app.use("*", secureHeaders({ crossOriginEmbedderPolicy: false, contentSecurityPolicy: undefined }));
  app.use("/api/*", sessionActor());

  for (const area of apiAreas) app.route("/", area);

  app.doc31("/api/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Back office logement — Un Chez-soi d'abord / intermédiation locative",
      version: "0.1.0",
      description: "Captation, propositions, baux et gestion locative. Erreurs en application/problem+json.",
    },
  });
  app.route("/", docsRoutes);
  app.route("/", webApp());

  app.onError(handleError);
  app.notFound(handleNotFound);
  return app;
}
