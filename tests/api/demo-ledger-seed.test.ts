import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { seedDemo } from "../../db/seed";
import { DEMO_LANDLORD_ID, DEMO_ORGANISATION_ID } from "../../db/seed/demo-organisation";
import {
  chargeStatements,
  costBudgets,
  documents,
  irlIndices,
  leases,
  ledgerTransactions,
  rentCalls,
  rentReceipts,
  repaymentPlans,
} from "../../db/schema";
import { fixedClock } from "../../server/lib/clock";
import { costSummary } from "../../server/modules/costs/costs.service";
import { leaseArrears } from "../../server/modules/ledger/arrears.service";
import { trialBalance } from "../../server/modules/ledger/ledger.service";
import { useTestDatabase } from "../support/db";

const db = useTestDatabase();
const clock = fixedClock("2026-11-23T10:00:00+01:00");
const org = DEMO_ORGANISATION_ID;

describe("demo ledger seed", () => {
  it("writes a year on the demo leases: payers, fortnightly, arrears with a plan, vacancy, a guarantee, costs, budget, IRL, relevé", {
    timeout: 120_000,
  }, async () => {
    expect(await seedDemo(db.current, clock)).toBe(true);
    const d = db.current.db;

    const trial = await trialBalance(d, org);
    expect(trial.totalDebitCents).toBe(trial.totalCreditCents);
    expect(trial.totalDebitCents).toBeGreaterThan(0);

    // rent called on every demo tenant lease, for 13 months on the oldest: the year of charges to
    // regularise (the twelve months ending last month) and this month
    const all = await d.select().from(leases).where(eq(leases.organisationId, org));
    const calls = await d.select().from(rentCalls).where(eq(rentCalls.organisationId, org));
    const tenant = all.filter((l) => l.personId);
    // 43 running (40 housed, 3 suspended during their tenancy) and 4 ended when their tenant left
    expect(tenant.length).toBe(47);
    for (const lease of tenant)
      expect(
        calls.some((c) => c.leaseId === lease.id),
        lease.id,
      ).toBe(true);
    expect(new Set(calls.map((c) => c.periodStart.slice(0, 7))).size).toBe(13);

    // the actual charges to regularise: each lease that ran their whole period had its provision
    // called every month of it, so the décompte compares them with a year of provisions
    const [statement] = await d
      .select()
      .from(chargeStatements)
      .where(eq(chargeStatements.organisationId, org));
    expect(statement).toBeDefined();
    const wholePeriod = tenant.filter(
      (l) =>
        l.startDate <= statement!.periodStart &&
        (l.endDate === null || l.endDate >= statement!.periodEnd) &&
        l.paymentFrequency === "monthly",
    );
    expect(wholePeriod.length).toBeGreaterThan(5);
    for (const lease of wholePeriod) {
      const months = calls.filter(
        (c) =>
          c.leaseId === lease.id &&
          c.periodStart >= statement!.periodStart &&
          c.periodEnd <= statement!.periodEnd,
      );
      expect(months.length, lease.id).toBe(12);
    }

    // fortnightly payers: two calls a month, both with their quittance
    // (row order differs between PGlite and PostgreSQL, and the late and irregular payers are drawn
    // among leases ordered by random ids: pick by facts — a fortnightly payer who owes nothing)
    const debtors = new Set(
      (
        await db.current.query<{ lease_key: string }>(
          `select b.lease_key from ledger_balances b join ledger_accounts a on a.organisation_id = b.organisation_id and a.id = b.account_id
            where b.organisation_id = $1 and a.kind = 'tenant' group by b.lease_key having sum(b.debit_cents - b.credit_cents) > 0`,
          [org],
        )
      ).map((r) => r.lease_key),
    );
    const fortnightly = tenant.find(
      (l) =>
        !debtors.has(l.id) &&
        l.paymentFrequency === "fortnightly" &&
        l.status === "signed" &&
        l.startDate < "2026-10-01" &&
        (l.endDate === null || l.endDate >= "2026-10-31"),
    );
    expect(fortnightly).toBeDefined();
    const october = calls
      .filter((c) => c.leaseId === fortnightly!.id && c.periodStart.startsWith("2026-10"))
      .sort((a, b) => a.periodStart.localeCompare(b.periodStart));
    expect(october.map((c) => [c.periodStart, c.periodEnd])).toEqual([
      ["2026-10-01", "2026-10-15"],
      ["2026-10-16", "2026-10-31"],
    ]);
    const receipts = await d.select().from(rentReceipts).where(eq(rentReceipts.organisationId, org));
    for (const call of october)
      expect(receipts.some((r) => r.kind === "quittance" && r.rentCallId === call.id)).toBe(true);
    // normal payers are up to date
    const payments = await d
      .select()
      .from(ledgerTransactions)
      .where(and(eq(ledgerTransactions.organisationId, org), eq(ledgerTransactions.kind, "payment")));
    expect(payments.length).toBeGreaterThan(300);
    // head-lease rent paid to the landlords every month
    const landlordPayouts = await d
      .select()
      .from(ledgerTransactions)
      .where(and(eq(ledgerTransactions.organisationId, org), eq(ledgerTransactions.kind, "landlord_payout")));
    expect(new Set(landlordPayouts.map((t) => t.occurredOn.slice(0, 7))).size).toBe(13);

    // one tenant in arrears above two months, repaying under a plan with a missed instalment
    const plans = await d.select().from(repaymentPlans).where(eq(repaymentPlans.organisationId, org));
    expect(plans).toHaveLength(1);
    const late = tenant.find((l) => l.id === plans[0]!.leaseId)!;
    expect(late.kind).toBe("direct_lease");
    const arrears = await leaseArrears(d, org, late.id, clock.today());
    expect(arrears.repaymentPlan).not.toBeNull();
    expect(arrears.repaymentPlan!.missed).toBeGreaterThan(0);
    // the debt crossed the two-month threshold (CAF report)
    expect(arrears.threshold.reachedOn).not.toBeNull();
    const guarantee = await d
      .select()
      .from(ledgerTransactions)
      .where(
        and(eq(ledgerTransactions.organisationId, org), eq(ledgerTransactions.costCategory, "guarantee")),
      );
    expect(guarantee.length).toBeGreaterThan(0);

    // IML costs in every category (vacancy from the head leases before the occupants moved in)
    const costs = await costSummary(d, org, 2026);
    const previous = await costSummary(d, org, 2025);
    for (const category of costs.categories.map((c) => c.category)) {
      const total =
        costs.categories.find((c) => c.category === category)!.actualCents +
        previous.categories.find((c) => c.category === category)!.actualCents;
      expect(total, category).toBeGreaterThan(0);
    }
    expect(costs.categories.every((c) => c.budgetCents !== null)).toBe(true);
    expect(await d.select().from(costBudgets).where(eq(costBudgets.organisationId, org))).toHaveLength(14);
    expect(
      (await d.select().from(irlIndices).where(eq(irlIndices.organisationId, org))).length,
    ).toBeGreaterThan(15);
    // the demo landlord's relevé de gérance of last month, as a PDF
    const statements = await d
      .select()
      .from(documents)
      .where(and(eq(documents.organisationId, org), eq(documents.templateId, "landlord_statement")));
    expect(statements.map((s) => s.landlordId)).toEqual([DEMO_LANDLORD_ID]);
  });
});
