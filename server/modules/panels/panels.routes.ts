import { contentDisposition } from "../../lib/download-response";
import { createRouter, defineRoute, z } from "../../lib/openapi";
import { splitPage } from "../../lib/pagination";
import { useCaseContext } from "../../lib/use-case-context";
import { PersonIdParams } from "../persons/persons.schemas";
import {
  CreatePanelBody,
  ExpireResponse,
  OfferParams,
  PanelIdParams,
  PanelListQuery,
  PersonPanelsQuery,
  PanelSchema,
  PanelSummaryPage,
  UpdateOfferBody,
} from "./panels.schemas";
import { offerSheetPdf } from "./offer-sheet.service";
import {
  createPanel,
  listPanelSummaries,
  readPanel,
  runPanelExpiry,
  updateOfferOfPanel,
} from "./panels.service";

const tags = ["Propositions de logement"];
const json = <T>(schema: T) => ({ "application/json": { schema } });
const offerSheetRoute = defineRoute({
  method: "get",
  path: "/api/panels/{id}/offer-sheet.pdf",
  tags,
  summary: "La fiche de proposition (PDF), produite une fois puis servie telle qu'enregistrée",
  permission: "persons.read",
  request: { params: PanelIdParams },
  responses: {
    200: {
      description: "La fiche de proposition",
      content: { "application/pdf": { schema: { type: "string", format: "binary" } } },
    },
  },
});
const panelList = {
  description: "Propositions",
  content: json(PanelSummaryPage),
};

const createPanelRoute = defineRoute({
  method: "post",
  path: "/api/persons/{id}/panels",
  tags,
  summary: "Proposer un panel d'au moins trois logements (réservés jusqu'à la décision)",
  permission: "panels.write",
  request: { params: PersonIdParams, body: { content: json(CreatePanelBody), required: true } },
  responses: {
    201: { description: "Proposition créée", content: json(PanelSchema) },
    409: { description: "Logement non disponible, plafond de dispersion atteint, proposition déjà en cours" },
  },
});

const personPanelsRoute = defineRoute({
  method: "get",
  path: "/api/persons/{id}/panels",
  tags,
  summary: "Historique des propositions faites à la personne",
  permission: "persons.read",
  request: { params: PersonIdParams, query: PersonPanelsQuery },
  responses: { 200: panelList },
});

const listRoute = defineRoute({
  method: "get",
  path: "/api/panels",
  tags,
  summary: "Propositions du site",
  permission: "persons.read",
  request: { query: PanelListQuery },
  responses: { 200: panelList },
});

const readRoute = defineRoute({
  method: "get",
  path: "/api/panels/{id}",
  tags,
  summary: "Détail d'une proposition : logements, loyers, aide au logement, reste à charge, taux d'effort",
  permission: "persons.read",
  request: { params: PanelIdParams },
  responses: { 200: { description: "Proposition", content: json(PanelSchema) } },
});

const offerRoute = defineRoute({
  method: "patch",
  path: "/api/panels/{id}/offers/{offerId}",
  tags,
  summary: "Enregistrer la visite ou la décision (acceptation, refus codé par qui refuse)",
  permission: "panels.write",
  request: { params: OfferParams, body: { content: json(UpdateOfferBody), required: true } },
  responses: {
    200: { description: "Proposition mise à jour", content: json(PanelSchema) },
    409: { description: "Proposition close, décision déjà prise, plafond de dispersion atteint" },
  },
});

const expireRoute = defineRoute({
  method: "post",
  path: "/api/panels/expire",
  tags,
  summary: "Expirer les propositions restées sans décision au-delà du délai du site",
  permission: "panels.write",
  responses: {
    200: { description: "Propositions expirées, logements libérés", content: json(ExpireResponse) },
  },
});

export const panelsRoutes = createRouter()
  .openapi(createPanelRoute, async (c) =>
    c.json(await createPanel(useCaseContext(c), c.req.valid("param").id, c.req.valid("json")), 201),
  )
  .openapi(personPanelsRoute, async (c) =>
    c.json(
      await listPanelSummaries(
        useCaseContext(c),
        { personId: c.req.valid("param").id },
        c.req.valid("query"),
      ),
      200,
    ),
  )
  .openapi(listRoute, async (c) =>
    c.json(await listPanelSummaries(useCaseContext(c), ...splitPage(c.req.valid("query"))), 200),
  )
  .openapi(offerSheetRoute, async (c) => {
    const id = c.req.valid("param").id;
    const { id: documentId, pdf, fileName } = await offerSheetPdf(useCaseContext(c), id);
    return c.body(new Uint8Array(pdf), 200, {
      "Content-Type": "application/pdf",
      "Content-Disposition": contentDisposition(fileName),
      "X-Document-Id": documentId,
      "Cache-Control": "private, no-store",
    });
  })
  .openapi(expireRoute, async (c) => c.json(await runPanelExpiry(useCaseContext(c)), 200))
  .openapi(readRoute, async (c) => c.json(await readPanel(useCaseContext(c), c.req.valid("param").id), 200))
  .openapi(offerRoute, async (c) => {
    const { id, offerId } = c.req.valid("param");
    return c.json(await updateOfferOfPanel(useCaseContext(c), id, offerId, c.req.valid("json")), 200);
  });
