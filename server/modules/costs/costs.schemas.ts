import { z } from "@hono/zod-openapi";
import { costCategories } from "../ledger/ledger.accounts";
import { CentsSchema, IsoDateSchema, MonthSchema } from "../ledger/ledger.schemas";

export const CostCategorySchema = z.enum(costCategories as [string, ...string[]]).openapi("IMLCostCategory");

export const CostBody = z
  .object({
    category: CostCategorySchema,
    amountCents: CentsSchema,
    occurredOn: IsoDateSchema,
    label: z.string().min(2).max(300),
    unitId: z.uuid().nullish(),
    personId: z.uuid().nullish(),
    leaseId: z.uuid().nullish(),
  })
  .openapi("IMLCost");

export const TransactionRef = z.object({ transactionId: z.uuid() }).openapi("TransactionRef");

export const BudgetsBody = z
  .object({
    year: z.number().int().min(2000).max(2100),
    budgets: z
      .array(
        z.object({ category: CostCategorySchema, amountCents: z.number().int().min(0).max(100_000_000_00) }),
      )
      .min(1)
      .max(100),
  })
  .openapi("CostBudgets");

// a year is not an object of the organisation: query parameter, not a path segment
export const YearParam = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

export const CostSummary = z
  .object({
    year: z.number().int(),
    categories: z.array(
      z.object({
        category: z.string(),
        label: z.string(),
        actualCents: z.number().int(),
        budgetCents: z.number().int().nullable(),
        remainingCents: z.number().int().nullable(),
        consumedBasisPoints: z.number().int().nullable(),
      }),
    ),
    totalActualCents: z.number().int(),
    totalBudgetCents: z.number().int(),
  })
  .openapi("CostSummary");

export const RentComplementRunBody = z.object({ period: MonthSchema });
export const RentComplementRunResult = z.object({
  month: z.string(),
  created: z.number().int(),
  totalCents: z.number().int(),
  complements: z.array(
    z.object({
      leaseId: z.uuid(),
      personId: z.uuid(),
      residualCents: z.number().int(),
      affordableCents: z.number().int(),
      complementCents: z.number().int(),
      /** days of the month the lease covers: the complement is prorated at entry and exit */
      coveredDays: z.number().int(),
      monthDays: z.number().int(),
    }),
  ),
});
