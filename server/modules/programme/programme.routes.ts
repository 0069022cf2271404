import { createRouter, defineRoute, z } from "../../lib/openapi";
import { pageFromArray, pageOf, pageQuery } from "../../lib/pagination";
import { useCaseContext } from "../../lib/use-case-context";
import { PersonIdParams } from "../persons/persons.schemas";
import {
  ArsNotificationBody,
  ArsNotificationSchema,
  CapacitySchema,
  CaptureProgressSchema,
  ExitReviewBody,
  ExitReviewSchema,
  SuspensionsOverviewSchema,
} from "./programme.schemas";
import {
  capacityOverview,
  captureOverview,
  personExitReviews,
  recordArsNotification,
  saveExitReview,
  suspensionsOverview,
} from "./programme.service";

const tags = ["Obligations du programme"];
const json = <T>(schema: T) => ({ "application/json": { schema } });

const suspensionsRoute = defineRoute({
  method: "get",
  path: "/api/programme/suspensions",
  tags,
  summary: "Accompagnements suspendus, seuil de 10 % de la capacité et information de l'ARS",
  permission: "persons.read",
  responses: { 200: { description: "Suspensions", content: json(SuspensionsOverviewSchema) } },
});

const arsRoute = defineRoute({
  method: "post",
  path: "/api/programme/ars-notifications",
  tags,
  summary: "Enregistrer l'information de l'ARS (suspensions au-delà de 10 % de la capacité)",
  permission: "persons.write",
  request: { body: { content: json(ArsNotificationBody), required: true } },
  responses: {
    201: { description: "Information enregistrée", content: json(ArsNotificationSchema) },
    409: { description: "Le seuil n'est pas dépassé" },
  },
});

const capacityRoute = defineRoute({
  method: "get",
  path: "/api/programme/capacity",
  tags,
  summary: "Capacité, places d'accompagnement et de logement à annoncer à la commission d'orientation",
  permission: "persons.read",
  responses: { 200: { description: "Capacité", content: json(CapacitySchema) } },
});

const captureRoute = defineRoute({
  method: "get",
  path: "/api/programme/capture",
  tags,
  summary:
    "Objectifs de captation (50 logements la première année, 100 à la fin de la deuxième) et entonnoir",
  permission: "stock.read",
  responses: { 200: { description: "Captation", content: json(CaptureProgressSchema) } },
});

const exitReviewsRoute = defineRoute({
  method: "get",
  path: "/api/persons/{id}/exit-reviews",
  tags,
  summary: "Examens de sortie de la personne (critères du cahier des charges)",
  permission: "persons.read",
  request: { params: PersonIdParams, query: z.object(pageQuery()) },
  responses: {
    200: { description: "Examens", content: json(pageOf(ExitReviewSchema).openapi("ExitReviewPage")) },
  },
});

const saveExitReviewRoute = defineRoute({
  method: "put",
  path: "/api/persons/{id}/exit-review",
  tags,
  summary: "Ouvrir ou compléter l'examen de sortie en cours (faits, jamais de notes cliniques)",
  permission: "persons.write",
  request: { params: PersonIdParams, body: { content: json(ExitReviewBody), required: true } },
  responses: { 200: { description: "Examen enregistré", content: json(ExitReviewSchema) } },
});

export const programmeRoutes = createRouter()
  .openapi(suspensionsRoute, async (c) => c.json(await suspensionsOverview(useCaseContext(c)), 200))
  .openapi(arsRoute, async (c) =>
    c.json(await recordArsNotification(useCaseContext(c), c.req.valid("json")), 201),
  )
  .openapi(capacityRoute, async (c) => c.json(await capacityOverview(useCaseContext(c)), 200))
  .openapi(captureRoute, async (c) => c.json(await captureOverview(useCaseContext(c)), 200))
  .openapi(exitReviewsRoute, async (c) =>
    c.json(
      pageFromArray(
        await personExitReviews(useCaseContext(c), c.req.valid("param").id),
        c.req.valid("query"),
      ),
      200,
    ),
  )
  .openapi(saveExitReviewRoute, async (c) =>
    c.json(await saveExitReview(useCaseContext(c), c.req.valid("param").id, c.req.valid("json")), 200),
  );
