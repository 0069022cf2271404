import { createRouter, defineRoute, requireActor, z } from "../../lib/openapi";
import { AppError } from "../../lib/errors";
import { pageOf, pageQuery, splitPage } from "../../lib/pagination";
import { useCaseContext } from "../../lib/use-case-context";
import { payGuarantee, payLandlord, writeOffArrears } from "../costs/costs.service";
import { arrearsOverview, createRepaymentPlan, leaseArrears, recordCafReport } from "./arrears.service";
import { idempotentRequest, sendIdempotent } from "./idempotency";
import { landlordStatement } from "./landlord.service";
import { listMandatePayouts, runMandatePayouts } from "./mandate-payouts.service";
import {
  ArrearsOverview,
  CafReportBody,
  CafReportResult,
  LandlordStatement,
  LeaseArrears,
  MandatePayout,
  MandatePayoutRunResult,
  RepaymentPlan,
  CentsSchema,
  GuaranteePayoutBody,
  IdempotencyHeaders,
  IsoDateSchema,
  LandlordPayoutBody,
  LeaseIdParam,
  MandatePayoutRunBody,
  RepaymentPlanBody,
  MonthSchema,
  WriteOffBody,
} from "./ledger.schemas";

const tags = ["Impayés et bailleurs"];
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { "application/json": { schema } }, required: true },
});
const TransactionRef = z.object({ transactionId: z.uuid() });

const overviewRoute = defineRoute({
  method: "get",
  path: "/api/ledger/arrears",
  tags,
  summary: "Impayés : soldes, ancienneté, signalement CAF, plans d'apurement, trêve hivernale",
  permission: "ledger.read",
  responses: { 200: json(ArrearsOverview, "Impayés") },
});

const leaseArrearsRoute = defineRoute({
  method: "get",
  path: "/api/ledger/leases/{leaseId}/arrears",
  tags,
  summary: "Impayé d'un bail",
  permission: "ledger.read",
  request: { params: LeaseIdParam },
  responses: {
    200: json(LeaseArrears, "Impayé du bail"),
    409: { description: "Contrat sans locataire à qui appeler un loyer (LEASE_NOT_BILLABLE)" },
  },
});

const planRoute = defineRoute({
  method: "post",
  path: "/api/ledger/leases/{leaseId}/repayment-plans",
  tags,
  summary: "Créer un plan d'apurement",
  permission: "ledger.write",
  request: {
    params: LeaseIdParam,
    ...body(RepaymentPlanBody),
  },
  responses: { 201: json(RepaymentPlan, "Plan créé") },
});

const cafReportRoute = defineRoute({
  method: "post",
  path: "/api/ledger/leases/{leaseId}/caf-reports",
  tags,
  summary: "Noter le signalement de l'impayé à la CAF",
  permission: "ledger.write",
  request: { params: LeaseIdParam, ...body(CafReportBody) },
  responses: { 201: json(CafReportResult, "Signalement noté") },
});

const writeOffRoute = defineRoute({
  method: "post",
  path: "/api/ledger/leases/{leaseId}/write-offs",
  tags,
  summary: "Passer des loyers impayés en perte (coût IML)",
  permission: "ledger.write",
  request: {
    params: LeaseIdParam,
    headers: IdempotencyHeaders,
    ...body(WriteOffBody),
  },
  responses: { 201: json(TransactionRef, "Perte enregistrée") },
});

const guaranteeRoute = defineRoute({
  method: "post",
  path: "/api/ledger/leases/{leaseId}/guarantee-payouts",
  tags,
  summary: "Verser la garantie de loyers au bailleur (pack sécurisation)",
  permission: "ledger.write",
  request: {
    params: LeaseIdParam,
    headers: IdempotencyHeaders,
    ...body(GuaranteePayoutBody),
  },
  responses: { 201: json(TransactionRef, "Garantie versée") },
});

const landlordPayoutRoute = defineRoute({
  method: "post",
  path: "/api/ledger/landlord-payouts",
  tags,
  summary: "Virer au bailleur ce qui lui est dû",
  permission: "ledger.write",
  request: {
    headers: IdempotencyHeaders,
    ...body(LandlordPayoutBody),
  },
  responses: { 201: json(TransactionRef, "Virement enregistré") },
});

// the month of the statement; the current month when omitted
const StatementQuery = z.object({ period: MonthSchema.optional() });

const statementRoute = defineRoute({
  method: "get",
  path: "/api/ledger/landlords/{landlordId}/statement",
  tags,
  summary: "Relevé de gérance d'un bailleur pour un mois",
  permission: "ledger.read",
  request: { params: z.object({ landlordId: z.uuid() }), query: StatementQuery },
  responses: { 200: json(LandlordStatement, "Relevé") },
});

const portalStatementRoute = defineRoute({
  method: "get",
  path: "/api/portal/statement",
  tags: ["Portail bailleur"],
  summary: "Mon relevé de gérance du mois",
  permission: "portal.read",
  request: { query: StatementQuery },
  responses: { 200: json(LandlordStatement, "Relevé") },
});

const mandatePayoutRunRoute = defineRoute({
  method: "post",
  path: "/api/ledger/mandate-payouts",
  tags,
  summary: "Reverser aux propriétaires sous mandat les loyers encaissés du mois, honoraires déduits",
  permission: "ledger.write",
  request: {
    headers: IdempotencyHeaders,
    ...body(MandatePayoutRunBody),
  },
  responses: { 200: json(MandatePayoutRunResult, "Reversements créés (ceux déjà faits sont ignorés)") },
});

const mandatePayoutListRoute = defineRoute({
  method: "get",
  path: "/api/ledger/mandate-payouts",
  tags,
  summary: "Les reversements d'un mois",
  permission: "ledger.read",
  request: { query: z.object({ period: MonthSchema, ...pageQuery() }) },
  responses: { 200: json(pageOf(MandatePayout), "Reversements") },
});

export const arrearsRoutes = createRouter()
  .openapi(overviewRoute, async (c) => c.json(await arrearsOverview(useCaseContext(c)), 200))
  .openapi(leaseArrearsRoute, async (c) => {
    const actor = requireActor(c);
    const deps = c.get("deps");
    return c.json(
      await leaseArrears(
        deps.database.db,
        actor.organisationId,
        c.req.valid("param").leaseId,
        deps.clock.today(),
      ),
      200,
    );
  })
  .openapi(planRoute, async (c) => {
    const { leaseId } = c.req.valid("param");
    const plan = await createRepaymentPlan(useCaseContext(c), { leaseId, ...c.req.valid("json") });
    return c.json(plan, 201);
  })
  .openapi(cafReportRoute, async (c) => {
    const { leaseId } = c.req.valid("param");
    return c.json(await recordCafReport(useCaseContext(c), { leaseId, ...c.req.valid("json") }), 201);
  })
  .openapi(writeOffRoute, async (c) => {
    const { leaseId } = c.req.valid("param");
    const input = c.req.valid("json");
    const result = await writeOffArrears(useCaseContext(c), { leaseId, ...input }, () =>
      idempotentRequest(c, input),
    );
    return sendIdempotent(c, result);
  })
  .openapi(guaranteeRoute, async (c) => {
    const { leaseId } = c.req.valid("param");
    const input = c.req.valid("json");
    const result = await payGuarantee(useCaseContext(c), { leaseId, ...input }, () =>
      idempotentRequest(c, input),
    );
    return sendIdempotent(c, result);
  })
  .openapi(landlordPayoutRoute, async (c) => {
    const input = c.req.valid("json");
    return sendIdempotent(c, await payLandlord(useCaseContext(c), input, () => idempotentRequest(c, input)));
  })
  .openapi(mandatePayoutRunRoute, async (c) => {
    const input = c.req.valid("json");
    const result = await runMandatePayouts(
      useCaseContext(c),
      { month: input.period, paidOn: input.paidOn },
      () => idempotentRequest(c, input),
    );
    return sendIdempotent(c, result);
  })
  .openapi(mandatePayoutListRoute, async (c) => {
    const [{ period }, page] = splitPage(c.req.valid("query"));
    return c.json(await listMandatePayouts(useCaseContext(c), period, page), 200);
  })
  .openapi(statementRoute, async (c) => {
    const actor = requireActor(c);
    const { landlordId } = c.req.valid("param");
    return c.json(
      await landlordStatement(
        c.get("deps").database.db,
        actor.organisationId,
        landlordId,
        c.req.valid("query").period ?? c.get("deps").clock.today().slice(0, 7),
      ),
      200,
    );
  })
  .openapi(portalStatementRoute, async (c) => {
    const actor = requireActor(c);
    // privacy: a landlord sees their own money only, never a tenant's history
    if (!actor.landlordId) throw new AppError("FORBIDDEN", "Ce compte ne représente aucun bailleur");
    return c.json(
      await landlordStatement(
        c.get("deps").database.db,
        actor.organisationId,
        actor.landlordId,
        c.req.valid("query").period ?? c.get("deps").clock.today().slice(0, 7),
      ),
      200,
    );
  });
