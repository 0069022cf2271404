import { createRouter, defineRoute, requireActor, type z } from "../../lib/openapi";
import { useCaseContext } from "../../lib/use-case-context";
import { idempotentRequest, sendIdempotent } from "../ledger/idempotency";
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
    const result = await recordCost(
      useCaseContext(c),
      { ...input, category: input.category as CostCategory },
      () => idempotentRequest(c, input),
    );
    return sendIdempotent(c, result);
  })
  .openapi(budgetsRoute, async (c) => {
    const input = c.req.valid("json");
    const summary = await setBudgets(
      useCaseContext(c),
      input.year,
      input.budgets.map((b) => ({ category: b.category as CostCategory, amountCents: b.amountCents })),
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
    const result = await runRentComplements(useCaseContext(c), input.period, () =>
      idempotentRequest(c, input),
    );
    return sendIdempotent(c, result);
  });
