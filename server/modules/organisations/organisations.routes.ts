import { createRouter, defineRoute, requireActor } from "../../lib/openapi";
import { Organisation, UpdateOrganisationBody } from "./organisations.schemas";
import { getOwnOrganisation, updateOwnOrganisation } from "./organisations.service";

const tags = ["Organisation"];

const getRoute = defineRoute({
  method: "get",
  path: "/api/organisation",
  tags,
  summary: "L'organisation de l'utilisateur et ses paramètres de programme",
  permission: "organisation.read",
  responses: {
    200: { description: "Organisation", content: { "application/json": { schema: Organisation } } },
  },
});

const updateRoute = defineRoute({
  method: "patch",
  path: "/api/organisation",
  tags,
  summary: "Modifier les paramètres de programme",
  permission: "organisation.update",
  request: {
    body: { content: { "application/json": { schema: UpdateOrganisationBody } }, required: true },
  },
  responses: {
    200: { description: "Organisation modifiée", content: { "application/json": { schema: Organisation } } },
  },
});

export const organisationsRoutes = createRouter()
  .openapi(getRoute, async (c) => c.json(await getOwnOrganisation(c.get("deps"), requireActor(c)), 200))
  .openapi(updateRoute, async (c) => {
    const updated = await updateOwnOrganisation(
      c.get("deps"),
      requireActor(c),
      c.get("requestId"),
      c.req.valid("json"),
    );
    return c.json(updated, 200);
  });
