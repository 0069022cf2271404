import { createRouter, defineRoute, requireActor, z } from "../../lib/openapi";
import { IsoDateSchema } from "../../lib/date-schemas";
import { useCaseContext } from "../../lib/use-case-context";
import { idempotentRequest, sendIdempotent } from "./idempotency";
import {
  HousingBenefitReceiptBody,
  HousingBenefitReceiptResult,
  IdempotencyHeaders,
  IdParam,
  LeaseIdParam,
  LeaseLedger,
  PaymentBody,
  TenantRefundBody,
  TenantRefundResult,
  PaymentResult,
  RentCallRunBody,
  RentCallRunResult,
  ReversalBody,
  ReversalResult,
  TransactionDetail,
  TrialBalance,
} from "./ledger.schemas";
import {
  createRentCallsForMonth,
  leaseLedger,
  recordHousingBenefitReceipt,
  recordPayment,
  refundTenantCredit,
  reverseTransaction,
  transactionDetail,
  trialBalance,
} from "./ledger.service";

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { "application/json": { schema } }, required: true },
});
const tags = ["Comptabilité locative"];

const rentCallRunRoute = defineRoute({
  method: "post",
  path: "/api/ledger/rent-calls",
  tags,
  summary: "Appeler les loyers d'un mois (idempotent)",
  permission: "ledger.write",
  request: { headers: IdempotencyHeaders, ...body(RentCallRunBody) },
  responses: { 200: json(RentCallRunResult, "Appels créés (ceux déjà faits sont ignorés)") },
});

const paymentRoute = defineRoute({
  method: "post",
  path: "/api/ledger/payments",
  tags,
  summary: "Enregistrer un règlement du locataire",
  permission: "ledger.write",
  request: { headers: IdempotencyHeaders, ...body(PaymentBody) },
  responses: { 201: json(PaymentResult, "Règlement enregistré, quittances ou reçu émis") },
});

const housingBenefitRoute = defineRoute({
  method: "post",
  path: "/api/ledger/housing-benefit-receipts",
  tags,
  summary: "Enregistrer un versement de la CAF (tiers payant)",
  permission: "ledger.write",
  request: { headers: IdempotencyHeaders, ...body(HousingBenefitReceiptBody) },
  responses: { 201: json(HousingBenefitReceiptResult, "Versement enregistré") },
});

const reversalRoute = defineRoute({
  method: "post",
  path: "/api/ledger/transactions/{id}/reversal",
  tags,
  summary: "Contre-passer une écriture (correction)",
  permission: "ledger.write",
  request: { params: IdParam, headers: IdempotencyHeaders, ...body(ReversalBody) },
  responses: { 201: json(ReversalResult, "Écriture de contre-passation créée") },
});

const transactionRoute = defineRoute({
  method: "get",
  path: "/api/ledger/transactions/{id}",
  tags,
  summary: "Une écriture et ses lignes",
  permission: "ledger.read",
  request: { params: IdParam },
  responses: { 200: json(TransactionDetail, "Écriture") },
});

const trialBalanceRoute = defineRoute({
  method: "get",
  path: "/api/ledger/trial-balance",
  tags,
  summary: "Balance générale (Σ débits = Σ crédits)",
  permission: "ledger.read",
  request: { query: z.object({ asOf: IsoDateSchema.optional() }) },
  responses: { 200: json(TrialBalance, "Balance") },
});

const tenantRefundRoute = defineRoute({
  method: "post",
  path: "/api/ledger/leases/{leaseId}/refunds",
  tags,
  summary: "Rembourser au locataire son trop-perçu",
  permission: "ledger.write",
  request: { params: LeaseIdParam, headers: IdempotencyHeaders, ...body(TenantRefundBody) },
  responses: { 201: json(TenantRefundResult, "Remboursement enregistré") },
});

const leaseLedgerRoute = defineRoute({
  method: "get",
  path: "/api/ledger/leases/{leaseId}",
  tags,
  summary: "Compte locataire d'un bail : échéances, règlements, quittances",
  permission: "ledger.read",
  request: { params: LeaseIdParam },
  responses: {
    200: json(LeaseLedger, "Compte du bail"),
    409: { description: "Contrat sans locataire à qui appeler un loyer (LEASE_NOT_BILLABLE)" },
  },
});

export const ledgerRoutes = createRouter()
  .openapi(rentCallRunRoute, async (c) => {
    const input = c.req.valid("json");
    const result = await createRentCallsForMonth(useCaseContext(c), input.period, () =>
      idempotentRequest(c, input),
    );
    return sendIdempotent(c, result);
  })
  .openapi(paymentRoute, async (c) => {
    const input = c.req.valid("json");
    return sendIdempotent(
      c,
      await recordPayment(useCaseContext(c), input, () => idempotentRequest(c, input)),
    );
  })
  .openapi(tenantRefundRoute, async (c) => {
    const { leaseId } = c.req.valid("param");
    const input = c.req.valid("json");
    return sendIdempotent(
      c,
      await refundTenantCredit(useCaseContext(c), { leaseId, ...input }, () => idempotentRequest(c, input)),
    );
  })
  .openapi(housingBenefitRoute, async (c) => {
    const input = c.req.valid("json");
    const result = await recordHousingBenefitReceipt(useCaseContext(c), input, () =>
      idempotentRequest(c, input),
    );
    return sendIdempotent(c, result);
  })
  .openapi(reversalRoute, async (c) => {
    const { id } = c.req.valid("param");
    const input = c.req.valid("json");
    const result = await reverseTransaction(
      useCaseContext(c),
      { transactionId: id, reason: input.reason },
      () => idempotentRequest(c, input),
    );
    return sendIdempotent(c, result);
  })
  .openapi(transactionRoute, async (c) =>
    c.json(await transactionDetail(useCaseContext(c), c.req.valid("param").id), 200),
  )
  .openapi(trialBalanceRoute, async (c) => {
    const actor = requireActor(c);
    const { asOf } = c.req.valid("query");
    return c.json(await trialBalance(c.get("deps").database.db, actor.organisationId, asOf), 200);
  })
  .openapi(leaseLedgerRoute, async (c) => {
    const actor = requireActor(c);
    return c.json(
      await leaseLedger(c.get("deps").database.db, actor.organisationId, c.req.valid("param").leaseId),
      200,
    );
  });
