import { createRouter, defineRoute } from "../../lib/openapi";
import { splitPage } from "../../lib/pagination";
import { useCaseContext } from "../../lib/use-case-context";
import type { InspectionRow } from "./inspections.service";
import type { LeaseRow } from "./leases.service";
import type { z } from "@hono/zod-openapi";
import { recordInspection, returnDeposit } from "./inspections.service";
import {
  CreateLeaseBody,
  DepositReturnBody,
  DepositReturnResult,
  InspectionBody,
  InspectionResult,
  GlissementBody,
  GlissementResult,
  Lease,
  LeaseDetail,
  LeaseIdParams,
  LeaseList,
  LeaseListQuery,
  LeaseReview,
  NoticeBody,
  NoticeResult,
  RelocationBody,
  RelocationResult,
  ReviewBody,
  SignBody,
  SignResult,
  TerminateBody,
  HeldTightMarketList,
  TightMarketList,
  PaymentTermsBody,
  PaymentTermsResult,
  PrefectInformationBody,
  PrefectInformationResult,
} from "./leases.schemas";
import {
  createLease,
  getLeaseDetail,
  giveNotice,
  leaseWinterTruce,
  listLeasesFor,
  recordReview,
  replaceTightMarketList,
  tightMarketList,
  relocate,
  signLease,
  slideLease,
  changePaymentTerms,
  informPrefect,
  terminateLease,
} from "./leases.service";

export function toLease(row: LeaseRow) {
  const { organisationId: _org, createdAt: _created, updatedAt: _updated, ...rest } = row;
  return rest;
}

function toInspection(row: InspectionRow) {
  const { organisationId: _org, createdAt: _created, updatedAt: _updated, leaseId: _lease, ...rest } = row;
  return rest as typeof rest & z.infer<typeof InspectionBody>;
}

const json = <T>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const body = <T>(schema: T) => ({ body: { content: { "application/json": { schema } }, required: true } });
const tags = ["Baux et contrats"];

const createRoute = defineRoute({
  method: "post",
  path: "/api/leases",
  tags,
  summary:
    "Préparer un contrat (bail principal, sous-location, bail glissant, bail direct, occupation temporaire)",
  permission: "leases.write",
  request: body(CreateLeaseBody),
  responses: { 201: json(Lease, "Contrat en projet") },
});
const listRoute = defineRoute({
  method: "get",
  path: "/api/leases",
  tags,
  summary: "Les contrats (filtrés par logement, personne, propriétaire, état)",
  permission: "leases.read",
  request: { query: LeaseListQuery },
  responses: { 200: json(LeaseList, "Contrats, avec locataire, propriétaire et adresse") },
});
const getRoute = defineRoute({
  method: "get",
  path: "/api/leases/{id}",
  tags,
  summary: "Un contrat, ses revues et ses documents",
  permission: "leases.read",
  request: { params: LeaseIdParams },
  responses: { 200: json(LeaseDetail, "Contrat") },
});
const signRoute = defineRoute({
  method: "post",
  path: "/api/leases/{id}/sign",
  tags,
  summary: "Signer : mentions obligatoires, durée, dépôt, DPE, plafond de 20 % ; le logement devient loué",
  permission: "leases.write",
  request: { params: LeaseIdParams, ...body(SignBody) },
  responses: { 200: json(SignResult, "Contrat signé et ses documents") },
});
const reviewRoute = defineRoute({
  method: "post",
  path: "/api/leases/{id}/reviews",
  tags,
  summary: "Consigner une revue du bail glissant et sa conclusion",
  permission: "leases.write",
  request: { params: LeaseIdParams, ...body(ReviewBody) },
  responses: { 201: json(LeaseReview, "Revue consignée") },
});
const glissementRoute = defineRoute({
  method: "post",
  path: "/api/leases/{id}/glissement",
  tags,
  summary: "Faire glisser le bail : fin de la sous-location, bail direct propriétaire → personne",
  permission: "leases.write",
  request: { params: LeaseIdParams, ...body(GlissementBody) },
  responses: { 200: json(GlissementResult, "Bail glissé") },
});
const prefectInformationRoute = defineRoute({
  method: "post",
  path: "/api/leases/{id}/prefect-information",
  tags,
  summary: "Bail glissant d'un bailleur social : information du préfet et sa lettre (CCH L.442-8-3)",
  permission: "leases.write",
  request: { params: LeaseIdParams, ...body(PrefectInformationBody) },
  responses: { 200: json(PrefectInformationResult, "Information du préfet consignée, lettre produite") },
});
const paymentTermsRoute = defineRoute({
  method: "post",
  path: "/api/leases/{id}/payment-terms",
  tags,
  summary:
    "Changer le rythme des loyers d'un contrat en cours (mensuel ou tous les 15 jours) : effet dès le prochain appel",
  permission: "leases.write",
  request: { params: LeaseIdParams, ...body(PaymentTermsBody) },
  responses: { 200: json(PaymentTermsResult, "Nouveau rythme et premier mois concerné") },
});
const noticeRoute = defineRoute({
  method: "post",
  path: "/api/leases/{id}/notice",
  tags,
  summary:
    "Enregistrer un congé (loi 89-462 art. 15) : préavis du locataire selon le motif et le logement, congé du bailleur pour le terme et motivé ; la lettre est produite",
  permission: "leases.write",
  request: { params: LeaseIdParams, ...body(NoticeBody) },
  responses: { 200: json(NoticeResult, "Congé enregistré, sa lettre et la trêve hivernale applicable") },
});
const tightMarketRoute = defineRoute({
  method: "get",
  path: "/api/tight-market-communes",
  tags,
  summary: "Les communes en zone tendue (préavis d'un mois, loi 89-462 art. 15) et le texte recopié",
  permission: "leases.read",
  responses: {
    200: json(HeldTightMarketList, "Liste"),
  },
});
const replaceTightMarketRoute = defineRoute({
  method: "put",
  path: "/api/tight-market-communes",
  tags,
  summary: "Remplacer la liste des communes en zone tendue (annexe du décret n° 2013-392 modifié)",
  permission: "organisation.update",
  request: body(TightMarketList),
  responses: { 200: json(TightMarketList, "Liste enregistrée") },
});
const terminateRoute = defineRoute({
  method: "post",
  path: "/api/leases/{id}/terminate",
  tags,
  summary: "Mettre fin au contrat (motif) : la vacance commence",
  permission: "leases.write",
  request: { params: LeaseIdParams, ...body(TerminateBody) },
  responses: { 200: json(Lease, "Contrat terminé") },
});
const relocationRoute = defineRoute({
  method: "post",
  path: "/api/leases/{id}/relocation",
  tags,
  summary: "Reloger la personne : fin du contrat, nouveau contrat en projet sur l'autre logement",
  permission: "leases.write",
  request: { params: LeaseIdParams, ...body(RelocationBody) },
  responses: { 200: json(RelocationResult, "Relogement préparé") },
});

const inspectionRoute = defineRoute({
  method: "post",
  path: "/api/leases/{id}/inspections",
  tags,
  summary:
    "Établir l'état des lieux d'entrée ou de sortie (loi 89-462 art. 3-2) : même grille, signé des deux parties ; la sortie est comparée à l'entrée",
  permission: "leases.write",
  request: { params: LeaseIdParams, ...body(InspectionBody) },
  responses: { 201: json(InspectionResult, "État des lieux enregistré et son document") },
});
const depositReturnRoute = defineRoute({
  method: "post",
  path: "/api/leases/{id}/deposit-return",
  tags,
  summary:
    "Restituer le dépôt de garantie (loi 89-462 art. 22) : retenues justifiées, délai d'un ou deux mois, majoration de 10 % par mois commencé en retard",
  permission: "leases.write",
  request: { params: LeaseIdParams, ...body(DepositReturnBody) },
  responses: { 200: json(DepositReturnResult, "Dépôt restitué et son décompte") },
});

export const leasesRoutes = createRouter()
  .openapi(createRoute, async (c) =>
    c.json(toLease(await createLease(useCaseContext(c), c.req.valid("json"))), 201),
  )
  .openapi(listRoute, async (c) => {
    const page = await listLeasesFor(useCaseContext(c), ...splitPage(c.req.valid("query")));
    return c.json(
      {
        ...page,
        items: page.items.map((row) => ({
          ...toLease(row),
          tenantName: row.tenantName,
          landlordName: row.landlordName,
          address: row.address,
          unitReference: row.unitReference,
          unitTypology: row.unitTypology,
        })),
      },
      200,
    );
  })
  .openapi(getRoute, async (c) => {
    const { lease, reviews, documents, noticeTerms, inspections, comparison, deposit, glissement } =
      await getLeaseDetail(useCaseContext(c), c.req.valid("param").id);
    return c.json(
      {
        ...toLease(lease),
        glissement,
        noticeTerms,
        winterTruce: leaseWinterTruce(lease),
        inspections: inspections.map(toInspection),
        comparison,
        deposit,
        reviews: reviews.map(({ id, scheduledOn, heldOn, outcome, notes }) => ({
          id,
          scheduledOn,
          heldOn,
          outcome,
          notes,
        })),
        documents: documents.map((d) => ({
          id: d.id,
          templateId: d.templateId,
          sha256: d.sha256,
          url: `/api/documents/${d.id}.pdf`,
        })),
      },
      200,
    );
  })
  .openapi(signRoute, async (c) => {
    const result = await signLease(useCaseContext(c), c.req.valid("param").id, c.req.valid("json").signedOn);
    return c.json({ lease: toLease(result.lease), documents: result.documents }, 200);
  })
  .openapi(reviewRoute, async (c) => {
    const review = await recordReview(useCaseContext(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json(
      {
        id: review.id,
        scheduledOn: review.scheduledOn,
        heldOn: review.heldOn,
        outcome: review.outcome,
        notes: review.notes,
      },
      201,
    );
  })
  .openapi(glissementRoute, async (c) => {
    const result = await slideLease(useCaseContext(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json(
      {
        endedLease: toLease(result.endedLease),
        directLease: toLease(result.directLease),
        document: result.document,
        depositTransactionId: result.depositTransactionId,
      },
      200,
    );
  })
  .openapi(paymentTermsRoute, async (c) => {
    const result = await changePaymentTerms(useCaseContext(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json(
      { lease: toLease(result.lease), appliesFrom: result.appliesFrom, document: result.document },
      200,
    );
  })
  .openapi(prefectInformationRoute, async (c) => {
    const result = await informPrefect(useCaseContext(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json({ lease: toLease(result.lease), document: result.document }, 200);
  })
  .openapi(noticeRoute, async (c) => {
    const result = await giveNotice(useCaseContext(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json(
      { ...toLease(result.lease), document: result.document, winterTruce: result.winterTruce },
      200,
    );
  })
  .openapi(inspectionRoute, async (c) => {
    const result = await recordInspection(useCaseContext(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json({ ...result, inspection: toInspection(result.inspection) }, 201);
  })
  .openapi(depositReturnRoute, async (c) => {
    const result = await returnDeposit(useCaseContext(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json(
      {
        deposit: result.deposit,
        document: result.document,
        depositTransactionId: result.depositTransactionId,
      },
      200,
    );
  })
  .openapi(tightMarketRoute, async (c) => c.json(await tightMarketList(useCaseContext(c)), 200))
  .openapi(replaceTightMarketRoute, async (c) =>
    c.json(await replaceTightMarketList(useCaseContext(c), c.req.valid("json")), 200),
  )
  .openapi(terminateRoute, async (c) =>
    c.json(
      toLease(await terminateLease(useCaseContext(c), c.req.valid("param").id, c.req.valid("json"))),
      200,
    ),
  )
  .openapi(relocationRoute, async (c) => {
    const result = await relocate(useCaseContext(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json({ endedLease: toLease(result.endedLease), newLease: toLease(result.newLease) }, 200);
  });
