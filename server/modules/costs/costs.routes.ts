import { refuseFutureDates } from "../../lib/date-bounds";
import { createRouter, defineRoute, requireActor, type z } from "../../lib/openapi";
import { idempotentRequest, runIdempotent, sendIdempotent } from "../ledger/idempotency";
import { writeContext } from "../ledger/ledger.routes";
import { IdempotencyHeaders } from "../ledger/ledger.schemas";
import {
  BudgetsBody,
  CostBody,
  CostSummary,
  RentComplementRunBody,
  RentComplementRunResult,
  TransactionRef,
  YearParam,
} from "./costs.schemas";
import { costSummary, recordCost, runRentComplements, setBudgets } from "./costs.service";
import type { CostCategory } from "../ledger/ledger.accounts";
import { inAuditedTransaction } from "../audit/audit.service";

const tags = ["Coûts IML"];
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { "application/json": { schema } }, required: true },
});

const costRoute = defineRoute({
  method: "post",
  path: "/api/costs",
  tags,
  summary: "Enregistrer un coût IML payé (rattaché à un logement, une personne ou un bail)",
  permission: "costs.write",
  request: { headers: IdempotencyHeaders, ...body(CostBody) },
  responses: { 201: json(TransactionRef, "Coût enregistré") },
});

const budgetsRoute = defineRoute({
  method: "put",
  path: "/api/costs/budgets",
  tags,
  summary: "Fixer le budget annuel par catégorie",
  permission: "costs.write",
  request: body(BudgetsBody),
  responses: { 200: json(CostSummary, "Budget et réalisé") },
});

const summaryRoute = defineRoute({
  method: "get",
  path: "/api/costs/summary",
  tags,
  summary: "Coûts IML réalisés et budget par catégorie",
  permission: "costs.read",
  request: { query: YearParam },
  responses: { 200: json(CostSummary, "Budget et réalisé") },
});

const complementsRoute = defineRoute({
  method: "post",
  path: "/api/costs/rent-complements",
  tags,
  summary: "Calculer les compléments de loyer du mois (règle des 30 %, idempotent)",
  permission: "costs.write",
  request: { headers: IdempotencyHeaders, ...body(RentComplementRunBody) },
  responses: { 200: json(RentComplementRunResult, "Compléments créés") },
});

export const costsRoutes = createRouter()
  .openapi(costRoute, async (c) => {
    const input = c.req.valid("json");
    const { db, ...context } = writeContext(c);
    refuseFutureDates(context.clock.today(), { "json.occurredOn": input.occurredOn });
    const result = await runIdempotent(db, context, idempotentRequest(c, input), async (tx, audit) => ({
      status: 201,
      body: await recordCost(
        tx,
        context.actor.organisationId,
        { ...input, category: input.category as CostCategory },
        context.actor.userId,
        audit,
      ),
    }));
    return sendIdempotent(c, result);
  })
  .openapi(budgetsRoute, async (c) => {
    const input = c.req.valid("json");
    const { db, ...context } = writeContext(c);
    const summary = await inAuditedTransaction(db, context, (tx, audit) =>
      setBudgets(
        tx,
        context.actor.organisationId,
        input.year,
        input.budgets.map((b) => ({ category: b.category as CostCategory, amountCents: b.amountCents })),
        audit,
      ),
    );
    return c.json(summary, 200);
  })
  .openapi(summaryRoute, async (c) => {
    const actor = requireActor(c);
    return c.json(
      await costSummary(c.get("deps").database.db, actor.organisationId, c.req.valid("query").year),
      200,
    );
  })
  .openapi(complementsRoute, async (c) => {
    const input = c.req.valid("json");
    const { db, ...context } = writeContext(c);
    const result = await runIdempotent(db, context, idempotentRequest(c, input), async (tx, audit) => {
      const run = await runRentComplements(
        tx,
        context.actor.organisationId,
        input.period,
        context.actor.userId,
      );
      await audit.record({
        action: "costs.rent_complements.run",
        entityType: "ledger_transaction",
        details: { month: run.month, created: run.created, totalCents: run.totalCents },
      });
      return { status: 200, body: run };
    });
    return sendIdempotent(c, result);
  });
