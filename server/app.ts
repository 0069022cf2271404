import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppDeps, AppEnv } from "./lib/hono";
import { createRouter } from "./lib/openapi";
import { serveOpenApiDocument } from "./lib/openapi-document";
import { requestBodyLimit } from "./middleware/body-limit";
import { csrfProtection } from "./middleware/csrf";
import { handleError, handleNotFound } from "./middleware/errors";
import { requestContext } from "./middleware/request-context";
import { noStoreApiResponses, securityHeaders } from "./middleware/security-headers";
import { sessionActor } from "./middleware/session";
import { apiTokensRoutes } from "./modules/api-tokens/api-tokens.routes";
import { auditRoutes } from "./modules/audit/audit.routes";
import { alertsRoutes } from "./modules/alerts/alerts.routes";
import { authRoutes } from "./modules/auth/auth.routes";
import { configRoutes } from "./modules/config/config.routes";
import { docsRoutes } from "./modules/docs/docs.routes";
import { documentsRoutes } from "./modules/documents/documents.routes";
import { healthRoutes } from "./modules/health/health.routes";
import { leasesRoutes } from "./modules/leases/leases.routes";
import { mailRoutes } from "./modules/mail/mail.routes";
import { mandatesRoutes } from "./modules/mandates/mandates.routes";
import { mandatesPortalRoutes } from "./modules/mandates/mandates.portal.routes";
import { createMetrics } from "./modules/operations/operations.metrics";
import { operationsRoutes } from "./modules/operations/operations.routes";
import { organisationsRoutes } from "./modules/organisations/organisations.routes";
import { usersRoutes } from "./modules/users/users.routes";
import { buildingRoutes } from "./modules/buildings/buildings.routes";
import { landlordRoutes } from "./modules/landlords/landlords.routes";
import { geocodingRoutes } from "./modules/geocoding/geocoding.routes";
import { mapRoutes } from "./modules/map/map.routes";
import { neighbourhoodRoutes } from "./modules/neighbourhoods/neighbourhoods.routes";
import { portalUnitRoutes } from "./modules/portal/portal-units.routes";
import { scatterRoutes } from "./modules/scatter/scatter.routes";
import { stockImportRoutes } from "./modules/stock-import/stock-import.routes";
import { unitRoutes } from "./modules/units/units.routes";
import { ledgerRoutes } from "./modules/ledger/ledger.routes";
import { arrearsRoutes } from "./modules/ledger/arrears.routes";
import { costsRoutes } from "./modules/costs/costs.routes";
import { revisionRoutes } from "./modules/ledger/revision.routes";
import { bankImportRoutes } from "./modules/ledger/bank-import.routes";
import { ledgerDocumentRoutes } from "./modules/ledger/ledger-documents.routes";
import { directDebitRoutes } from "./modules/ledger/direct-debit.routes";
import { sepaRoutes } from "./modules/ledger/sepa.routes";
import { chargesRoutes } from "./modules/charges/charges.routes";
import { financeRoutes } from "./modules/reports/finance.routes";
import { matchingRoutes } from "./modules/matching/matching.routes";
import { panelsRoutes } from "./modules/panels/panels.routes";
import { personsRoutes } from "./modules/persons/persons.routes";
import { keepingRoutes } from "./modules/keeping/keeping.routes";
import { programmeRoutes } from "./modules/programme/programme.routes";
import { yearlyReportsRoutes } from "./modules/programme/yearly-reports.routes";
import { webApp } from "./web-static";

/** Every API area, mounted in one place: the list of what the back office does. */
const apiAreas = [
  // system and accounts
  healthRoutes,
  configRoutes,
  authRoutes,
  usersRoutes,
  apiTokensRoutes,
  organisationsRoutes,
  auditRoutes,
  mailRoutes,
  // housing stock
  landlordRoutes,
  neighbourhoodRoutes,
  buildingRoutes,
  unitRoutes,
  scatterRoutes,
  mapRoutes,
  geocodingRoutes,
  stockImportRoutes,
  portalUnitRoutes,
  // people, matching and panels
  personsRoutes,
  matchingRoutes,
  panelsRoutes,
  alertsRoutes,
  programmeRoutes,
  yearlyReportsRoutes,
  // contracts and documents
  documentsRoutes,
  leasesRoutes,
  mandatesRoutes,
  mandatesPortalRoutes,
  keepingRoutes,
  // money
  ledgerRoutes,
  arrearsRoutes,
  costsRoutes,
  revisionRoutes,
  financeRoutes,
  bankImportRoutes,
  ledgerDocumentRoutes,
  sepaRoutes,
  chargesRoutes,
  directDebitRoutes,
];

/** Builds the application from injected dependencies (the database, the clock, the env). */
export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = createRouter();
  const metrics = createMetrics(deps);
  app.use("*", metrics.middleware);
  app.use("*", requestContext(deps));
  app.use("*", securityHeaders(deps.env));
  app.use("/api/*", noStoreApiResponses());
  app.use("/api/*", requestBodyLimit());
  app.use("/api/*", csrfProtection());
  app.use("/api/*", sessionActor());

  for (const area of apiAreas) app.route("/", area);

  serveOpenApiDocument(app, deps.env);
  app.route("/", docsRoutes);
  app.route("/", operationsRoutes(metrics));
  app.route("/", webApp());

  app.onError(handleError);
  app.notFound(handleNotFound);
  return app;
}
