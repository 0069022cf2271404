import type { Db } from "../../../db/client";
import { compareDates, type IsoDate, lastDayOfMonth } from "../../lib/dates";
import { actualCostsByCategory, costSummary } from "../costs/costs.service";
import { costCategories, costCategoryLabels } from "../ledger/ledger.accounts";
import { monthStart } from "../ledger/ledger.rules";
import { arrearsByBucket, monthCalls, monthCollections } from "./finance.queries";

/** The finance dashboard of a month. */
export async function financeDashboard(db: Db, organisationId: string, month: string, today: IsoDate) {
  const from = monthStart(month);
  const to = lastDayOfMonth(from);
  const yearStart = `${month.slice(0, 4)}-01-01`;
  const calls = await monthCalls(db, organisationId, from, to);
  const collected = await monthCollections(db, organisationId, from);
  const asOf = compareDates(to, today) < 0 ? to : today;
  const arrears = await arrearsByBucket(db, organisationId, asOf);
  const monthCosts = await actualCostsByCategory(db, organisationId, from, from);
  const yearToDate = await actualCostsByCategory(db, organisationId, yearStart, from);
  const budget = await costSummary(db, organisationId, Number(month.slice(0, 4)));
  const budgetByCategory = new Map(budget.categories.map((c) => [c.category, c.budgetCents]));
  return {
    month,
    vacancy: {
      unitsVacant: calls.unitsVacant,
      vacancyDays: calls.vacancyDays,
      vacancyCostCents: calls.vacancyCostCents,
    },
    rent: {
      calls: calls.calls,
      calledCents: calls.calledCents,
      housingBenefitCalledCents: calls.housingBenefitCalledCents,
      collectedFromTenantsCents: collected.tenantCents,
      collectedFromCafCents: collected.cafCents,
      collectedCents: collected.tenantCents + collected.cafCents,
    },
    // balances are the current ones; buckets age them at the month end (or today)
    arrears: { asOf, ...arrears },
    costs: costCategories.map((category) => ({
      category,
      label: costCategoryLabels[category],
      monthCents: monthCosts[category],
      yearToDateCents: yearToDate[category],
      budgetCents: budgetByCategory.get(category) ?? null,
    })),
  };
}
