import { z } from "@hono/zod-openapi";
import { CostCategorySchema } from "../costs/costs.schemas";
import { AgeingBuckets } from "../ledger/ledger.schemas";

const Cents = z.number().int();

/** A month of the organisation's money: vacancy, rent called and collected, arrears, IML costs. */
export const FinanceDashboard = z
  .object({
    month: z.string(),
    vacancy: z.object({
      unitsVacant: z.number().int(),
      vacancyDays: z.number().int(),
      vacancyCostCents: Cents,
    }),
    rent: z.object({
      calls: z.number().int(),
      calledCents: Cents,
      housingBenefitCalledCents: Cents,
      collectedFromTenantsCents: Cents,
      collectedFromCafCents: Cents,
      collectedCents: Cents,
    }),
    // balances are the current ones; buckets age them at the month end (or today)
    arrears: z.object({
      asOf: z.string(),
      totalCents: Cents,
      leasesInArrears: z.number().int(),
      buckets: AgeingBuckets,
    }),
    costs: z.array(
      z.object({
        category: CostCategorySchema,
        label: z.string(),
        monthCents: Cents,
        yearToDateCents: Cents,
        budgetCents: Cents.nullable(),
      }),
    ),
  })
  .openapi("FinanceDashboard");
