import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { seedDemoContracts } from "../../db/seed/demo-contracts";
import { DEMO_LEDGER_MONTHS, seedDemoLedger } from "../../db/seed/demo-ledger";
import { costBudgets, documents, irlIndices, leases, rentCalls, repaymentPlans } from "../../db/schema";
import { fixedClock } from "../../server/lib/clock";
import { inAuditedTransaction } from "../../server/modules/audit/audit.service";
import { costSummary } from "../../server/modules/costs/costs.service";
import { leaseArrears } from "../../server/modules/ledger/arrears.service";
import { trialBalance } from "../../server/modules/ledger/ledger.service";
import { useTestDatabase } from "../support/db";
import {
  createBuilding,
  createLandlord,
  createMandateTenancy,
  createOrganisation,
  createPerson,
  createUnit,
} from "../support/factories";

const db = useTestDatabase();
const clock = fixedClock("2026-11-23T10:00:00+01:00");

describe("demo ledger seed", () => {
  it("writes 24 months of calls, payments, arrears with a plan, vacancy, a guarantee and costs of every category", async () => {
    const organisation = await createOrganisation(db.current.db);
    const demoLandlord = await createLandlord(db.current.db, {
      organisationId: organisation.id,
      displayName: "Paul Propriétaire",
      postalAddress: "3 allée des Tilleuls, 21000 Dijon",
    });
    for (let i = 0; i < 8; i++) {
      const building = await createBuilding(db.current.db, {
        organisationId: organisation.id,
        landlordId: demoLandlord.id,
      });
      await createUnit(db.current.db, {
        organisationId: organisation.id,
        buildingId: building.id,
        landlordId: demoLandlord.id,
        status: "let",
        reference: `DEMO-${i}`,
      });
      await createPerson(db.current.db, {
        organisationId: organisation.id,
        status: "housed",
        lastName: `Personne ${i}`,
        resources: { rsa: 60_000, aah: 0, wages: 0, pension: 0, other: 0 },
      });
    }
    // a flat under a mandate with the pack sécurisation, let since 2024
    const mandated = await createMandateTenancy(db.current.db, organisation.id, {
      guarantee: { ceilingCents: 300_000, months: 6 },
      lease: { startDate: "2024-06-01", rentCents: 52_000, chargesCents: 4_000 },
    });
    const context = {
      actor: { kind: "system" as const, organisationId: organisation.id, label: "test" },
      requestId: null,
      clock,
    };
    const options = { organisationId: organisation.id, demoLandlordId: demoLandlord.id };
    const started = performance.now();
    await inAuditedTransaction(db.current.db, context, (tx, audit) =>
      seedDemoContracts(tx, clock, audit, options),
    );
    const contractsDone = performance.now();
    const result = await inAuditedTransaction(db.current.db, context, (tx, audit) =>
      seedDemoLedger(tx, clock, audit, options),
    );
    console.info(
      `demo seed: contracts ${Math.round(contractsDone - started)} ms; ledger ${result.rentCalls} rent calls, ${result.payments} payments in ${Math.round(performance.now() - contractsDone)} ms`,
    );
    expect(result.months).toBe(DEMO_LEDGER_MONTHS);
    const org = organisation.id;

    const trial = await trialBalance(db.current.db, org);
    expect(trial.totalDebitCents).toBe(trial.totalCreditCents);
    expect(trial.totalDebitCents).toBeGreaterThan(0);

    // fortnightly payers: two calls a month
    const rows = await db.current.db.select().from(leases).where(eq(leases.organisationId, org));
    const fortnightly = rows.find(
      (l) => l.paymentFrequency === "fortnightly" && l.personId && (!l.endDate || l.endDate >= "2026-10-31"),
    );
    expect(fortnightly).toBeDefined();
    const calls = await db.current.db
      .select()
      .from(rentCalls)
      .where(and(eq(rentCalls.organisationId, org), eq(rentCalls.leaseId, fortnightly!.id)));
    const october = calls.filter((c) => c.periodStart.startsWith("2026-10"));
    expect(october.map((c) => [c.periodStart, c.periodEnd])).toEqual([
      ["2026-10-01", "2026-10-15"],
      ["2026-10-16", "2026-10-31"],
    ]);

    // the tenant in arrears repays under a plan; the guarantee paid the landlord
    const plans = await db.current.db
      .select()
      .from(repaymentPlans)
      .where(eq(repaymentPlans.organisationId, org));
    expect(plans.map((p) => p.leaseId)).toEqual([mandated.lease.id]);
    const arrears = await leaseArrears(db.current.db, org, mandated.lease.id, clock.today());
    expect(arrears.repaymentPlan).not.toBeNull();

    // IML costs in every category, vacancy from head leases whose sub-tenant moved in later
    const costs = await costSummary(db.current.db, org, 2026);
    const previous = await costSummary(db.current.db, org, 2025);
    for (const category of costs.categories.map((c) => c.category)) {
      const total =
        costs.categories.find((c) => c.category === category)!.actualCents +
        previous.categories.find((c) => c.category === category)!.actualCents;
      expect(total, category).toBeGreaterThan(0);
    }
    expect(costs.categories.every((c) => c.budgetCents !== null)).toBe(true);
    expect(
      await db.current.db.select().from(costBudgets).where(eq(costBudgets.organisationId, org)),
    ).toHaveLength(14);
    expect(
      (await db.current.db.select().from(irlIndices).where(eq(irlIndices.organisationId, org))).length,
    ).toBeGreaterThan(15);
    // the demo landlord's relevé de gérance of last month, as a PDF
    const statements = await db.current.db
      .select()
      .from(documents)
      .where(and(eq(documents.organisationId, org), eq(documents.templateId, "landlord_statement")));
    expect(statements.map((d) => d.landlordId)).toEqual([demoLandlord.id]);
  });
});
