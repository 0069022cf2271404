import { formatEuros } from "../../lib/money";
import type { Db } from "../../../db/client";
import { refuseFutureDates } from "../../lib/date-bounds";
import { type IsoDate, lastDayOfMonth } from "../../lib/dates";
import { formatFrenchMonth } from "../../lib/french-months";
import { actingUserId, inUseCaseTransaction, type UseCaseContext } from "../../lib/use-case-context";
import { guaranteeCover } from "../ledger/mandate-payouts.service";
import { AppError } from "../../lib/errors";
import type { AnyActor } from "../auth/actor";
import type { AuditWriter } from "../audit/audit.service";
import { type IdempotentResult, inMoneyTransaction, type OnceOnly } from "../ledger/idempotency";
import { type CostCategory, chart, costCategories, costCategoryLabels } from "../ledger/ledger.accounts";
import {
  ensureAccount,
  ensureAccounts,
  leaseAccountBalance,
  type PostingInput,
  postTransaction,
  postTransactions,
} from "../ledger/ledger.queries";
import { monthStart } from "../ledger/ledger.rules";
import { loadLease, loadTenantLease } from "../ledger/ledger.service";
import {
  budgetsOf,
  costTotalsByCategory,
  findLandlord,
  findOrganisation,
  leasesWithComplementFor,
  subjectExists,
  tenantLeasesRunningBetween,
  upsertBudget,
} from "./costs.queries";
import { budgetConsumption, rentComplementForMonth } from "./costs.rules";

/** What the costs use-cases receive: routes a user, the seed and scheduled runs the system. */
type CostsContext = UseCaseContext<AnyActor>;

async function assertExists(db: Db, organisationId: string, kind: "unit" | "person" | "lease", id: string) {
  if (!(await subjectExists(db, organisationId, kind, id)))
    throw AppError.notFound(kind === "unit" ? "Logement" : kind === "person" ? "Personne" : "Bail", id);
}

export type CostInput = {
  category: CostCategory;
  amountCents: number;
  occurredOn: IsoDate;
  label: string;
  unitId?: string | null;
  personId?: string | null;
  leaseId?: string | null;
};

/** An IML cost paid from the bank (Dr 6xxx / Cr 512), tied to a unit, a person or a lease. */
export async function recordCost(
  context: CostsContext,
  input: CostInput,
  once?: OnceOnly,
): Promise<IdempotentResult<{ transactionId: string }>> {
  refuseFutureDates(context.clock.today(), { "json.occurredOn": input.occurredOn });
  return inMoneyTransaction(context, once, 201, (tx, audit) =>
    recordCostInTransaction(tx, context.actor.organisationId, input, actingUserId(context.actor), audit),
  );
}

async function recordCostInTransaction(
  db: Db,
  organisationId: string,
  input: CostInput,
  actorUserId: string | null,
  audit: AuditWriter,
) {
  if (!input.unitId && !input.personId && !input.leaseId)
    throw new AppError("COST_WITHOUT_SUBJECT", "Rattachez le coût à un logement, une personne ou un bail");
  if (input.unitId) await assertExists(db, organisationId, "unit", input.unitId);
  if (input.personId) await assertExists(db, organisationId, "person", input.personId);
  if (input.leaseId) await assertExists(db, organisationId, "lease", input.leaseId);
  const costAccount = await ensureAccount(db, organisationId, chart.cost(input.category));
  const bank = await ensureAccount(db, organisationId, chart.bank());
  const transactionId = await postTransaction(db, organisationId, {
    header: {
      kind: "cost",
      occurredOn: input.occurredOn,
      label: input.label,
      costCategory: input.category,
      unitId: input.unitId ?? null,
      personId: input.personId ?? null,
      leaseId: input.leaseId ?? null,
      createdByUserId: actorUserId,
    },
    lines: [
      {
        accountId: costAccount,
        debitCents: input.amountCents,
        creditCents: 0,
        leaseId: input.leaseId ?? null,
      },
      { accountId: bank, debitCents: 0, creditCents: input.amountCents },
    ],
  });
  await audit.record({
    action: "costs.record",
    entityType: "ledger_transaction",
    entityId: transactionId,
    after: { ...input },
  });
  return { transactionId };
}

export type WriteOffInput = { leaseId: string; amountCents: number; reason: string };

/**
 * Unpaid rent passed to loss (Dr 654 / Cr 411): an IML cost "unpaid rent", capped at the debt,
 * dated `on` (today unless said).
 */
export async function writeOffArrears(
  context: CostsContext,
  input: WriteOffInput & { on?: IsoDate },
  once?: OnceOnly,
): Promise<IdempotentResult<{ transactionId: string }>> {
  const organisationId = context.actor.organisationId;
  await loadLease(context.db, organisationId, input.leaseId); // 404 before 428
  const dated = { ...input, on: input.on ?? context.clock.today() };
  return inMoneyTransaction(context, once, 201, (tx, audit) =>
    writeOffInTransaction(tx, organisationId, dated, actingUserId(context.actor), audit),
  );
}

async function writeOffInTransaction(
  db: Db,
  organisationId: string,
  input: WriteOffInput & { on: IsoDate },
  actorUserId: string | null,
  audit: AuditWriter,
) {
  const { lease, person, tenantAccountId } = await loadTenantLease(db, organisationId, input.leaseId);
  const debt = await leaseAccountBalance(db, organisationId, tenantAccountId, lease.id);
  if (input.amountCents > debt)
    throw new AppError("AMOUNT_EXCEEDS_DEBT", "Le montant dépasse la dette du locataire", {
      debtCents: debt,
    });
  const costAccount = await ensureAccount(db, organisationId, chart.cost("unpaid_rent"));
  const transactionId = await postTransaction(db, organisationId, {
    header: {
      kind: "write_off",
      occurredOn: input.on,
      label: `Loyers impayés passés en perte : ${input.reason}`,
      costCategory: "unpaid_rent",
      leaseId: lease.id,
      personId: person.id,
      unitId: lease.unitId,
      createdByUserId: actorUserId,
    },
    lines: [
      { accountId: costAccount, debitCents: input.amountCents, creditCents: 0, leaseId: lease.id },
      { accountId: tenantAccountId, debitCents: 0, creditCents: input.amountCents, leaseId: lease.id },
    ],
  });
  await audit.record({
    action: "ledger.write_off",
    entityType: "ledger_transaction",
    entityId: transactionId,
    after: input,
  });
  return { transactionId };
}

/**
 * Pack sécurisation: when the tenant does not pay, the guarantee pays the landlord (Dr 6582 /
 * Cr 401-landlord), a cost to the organisation; capped at what the tenant owes on the lease.
 */
export async function payGuarantee(
  context: CostsContext,
  input: GuaranteePayoutInput & { on?: IsoDate },
  once?: OnceOnly,
): Promise<IdempotentResult<{ transactionId: string }>> {
  const organisationId = context.actor.organisationId;
  await loadLease(context.db, organisationId, input.leaseId); // 404 before 428
  const dated = { ...input, on: input.on ?? context.clock.today() };
  return inMoneyTransaction(context, once, 201, (tx, audit) =>
    guaranteePayoutInTransaction(tx, organisationId, dated, actingUserId(context.actor), audit),
  );
}

export type GuaranteePayoutInput = { leaseId: string; amountCents: number; reason?: string | null };

async function guaranteePayoutInTransaction(
  db: Db,
  organisationId: string,
  input: GuaranteePayoutInput & { on: IsoDate },
  actorUserId: string | null,
  audit: AuditWriter,
) {
  const { lease, person, tenantAccountId } = await loadTenantLease(db, organisationId, input.leaseId);
  if (!lease.landlordId) throw new AppError("LEASE_NOT_BILLABLE", "Ce bail n'a pas de bailleur à indemniser");
  const debt = await leaseAccountBalance(db, organisationId, tenantAccountId, lease.id);
  if (input.amountCents > debt)
    throw new AppError("AMOUNT_EXCEEDS_DEBT", "La garantie ne couvre que la dette du locataire", {
      debtCents: debt,
    });
  // pack sécurisation: a mandate with the guarantee option, within its ceiling and months of rent
  const cover = await guaranteeCover(db, organisationId, lease);
  if (input.amountCents > cover.headroomCents)
    throw new AppError("MANDATE_GUARANTEE_NOT_COVERED", "Le plafond de la garantie de loyers est atteint", {
      headroomCents: cover.headroomCents,
    });
  const landlord = await findLandlord(db, organisationId, lease.landlordId);
  const accounts = await ensureAccounts(db, organisationId, [
    chart.cost("guarantee"),
    chart.landlord(landlord!.id, landlord!.displayName),
  ]);
  const transactionId = await postTransaction(db, organisationId, {
    header: {
      kind: "guarantee_payout",
      occurredOn: input.on,
      label: `Garantie de loyers versée au bailleur${input.reason ? ` : ${input.reason}` : ""}`,
      costCategory: "guarantee",
      leaseId: lease.id,
      personId: person.id,
      unitId: lease.unitId,
      landlordId: landlord!.id,
      createdByUserId: actorUserId,
    },
    lines: [
      {
        accountId: accounts.get(chart.cost("guarantee").code)!,
        debitCents: input.amountCents,
        creditCents: 0,
        leaseId: lease.id,
      },
      {
        accountId: accounts.get(chart.landlord(landlord!.id, landlord!.displayName).code)!,
        debitCents: 0,
        creditCents: input.amountCents,
        leaseId: lease.id,
      },
    ],
  });
  await audit.record({
    action: "ledger.guarantee_payout",
    entityType: "ledger_transaction",
    entityId: transactionId,
    after: input,
  });
  return { transactionId };
}

export type LandlordPayoutInput = {
  landlordId: string;
  amountCents: number;
  paidOn: IsoDate;
  reference?: string | null;
};

/** Pays a landlord what the organisation owes (Dr 401 / Cr 512). */
export async function payLandlord(
  context: CostsContext,
  input: LandlordPayoutInput,
  once?: OnceOnly,
): Promise<IdempotentResult<{ transactionId: string }>> {
  refuseFutureDates(context.clock.today(), { "json.paidOn": input.paidOn });
  return inMoneyTransaction(context, once, 201, (tx, audit) =>
    landlordPayoutInTransaction(tx, context.actor.organisationId, input, actingUserId(context.actor), audit),
  );
}

async function landlordPayoutInTransaction(
  db: Db,
  organisationId: string,
  input: LandlordPayoutInput,
  actorUserId: string | null,
  audit: AuditWriter,
) {
  const landlord = await findLandlord(db, organisationId, input.landlordId);
  if (!landlord) throw AppError.notFound("Bailleur", input.landlordId);
  const landlordAccount = await ensureAccount(
    db,
    organisationId,
    chart.landlord(landlord.id, landlord.displayName),
  );
  const bank = await ensureAccount(db, organisationId, chart.bank());
  const transactionId = await postTransaction(db, organisationId, {
    header: {
      kind: "landlord_payout",
      occurredOn: input.paidOn,
      label: `Virement au bailleur ${landlord.displayName}`,
      landlordId: landlord.id,
      externalReference: input.reference ?? null,
      createdByUserId: actorUserId,
    },
    lines: [
      { accountId: landlordAccount, debitCents: input.amountCents, creditCents: 0 },
      { accountId: bank, debitCents: 0, creditCents: input.amountCents },
    ],
  });
  await audit.record({
    action: "ledger.landlord_payout",
    entityType: "ledger_transaction",
    entityId: transactionId,
    after: input,
  });
  return { transactionId };
}

/**
 * Monthly rent complements (cahier des charges §8.11): for each housed person's lease active in
 * the month, the programme pays max(0, residual − 30 % of resources), credited to the tenant
 * account (Dr 6581 / Cr 411). Idempotent: one complement per lease and month.
 */
export async function runRentComplements(context: CostsContext, month: string, once?: OnceOnly) {
  return inMoneyTransaction(context, once, 200, async (tx, audit) => {
    const run = await rentComplementsInTransaction(
      tx,
      context.actor.organisationId,
      month,
      actingUserId(context.actor),
    );
    await audit.record({
      action: "costs.rent_complements.run",
      entityType: "ledger_transaction",
      details: { month: run.month, created: run.created, totalCents: run.totalCents },
    });
    return run;
  });
}

async function rentComplementsInTransaction(
  db: Db,
  organisationId: string,
  month: string,
  actorUserId: string | null,
) {
  const from = monthStart(month);
  const to = lastDayOfMonth(from);
  const organisation = await findOrganisation(db, organisationId);
  const rows = await tenantLeasesRunningBetween(db, organisationId, from, to);
  const done = await leasesWithComplementFor(db, organisationId, from);
  const specs = [
    chart.cost("rent_complement"),
    ...rows.map((r) => chart.tenant(r.person.id, `${r.person.lastName.toUpperCase()} ${r.person.firstName}`)),
  ];
  const accounts = await ensureAccounts(db, organisationId, specs);
  const costAccount = accounts.get(chart.cost("rent_complement").code)!;
  const postings: PostingInput[] = [];
  const details: {
    leaseId: string;
    personId: string;
    residualCents: number;
    affordableCents: number;
    complementCents: number;
    coveredDays: number;
    monthDays: number;
  }[] = [];
  for (const { lease, person } of rows) {
    if (done.has(lease.id)) continue;
    const computed = rentComplementForMonth({
      month,
      leaseStart: lease.startDate,
      leaseEnd: lease.endDate,
      rentCents: lease.rentCents,
      chargesCents: lease.chargesCents,
      housingBenefitCents: lease.housingBenefitCents,
      resources: person.resources,
      ceilingBasisPoints: organisation!.residualRentCeilingBasisPoints,
    });
    if (computed.complementCents <= 0) continue;
    details.push({ leaseId: lease.id, personId: person.id, ...computed });
    postings.push({
      header: {
        kind: "rent_complement",
        occurredOn: from,
        label: `Complément de loyer ${formatFrenchMonth(month)}${computed.coveredDays < computed.monthDays ? ` (${computed.coveredDays} jours sur ${computed.monthDays})` : ""} (reste à charge ${formatEuros(computed.residualCents)} au-delà du plafond de ${formatEuros(computed.affordableCents)})`,
        costCategory: "rent_complement",
        leaseId: lease.id,
        personId: person.id,
        unitId: lease.unitId,
        periodStart: from,
        periodEnd: to,
        createdByUserId: actorUserId,
      },
      lines: [
        { accountId: costAccount, debitCents: computed.complementCents, creditCents: 0, leaseId: lease.id },
        {
          accountId: accounts.get(chart.tenant(person.id, "").code)!,
          debitCents: 0,
          creditCents: computed.complementCents,
          leaseId: lease.id,
        },
      ],
    });
  }
  await postTransactions(db, organisationId, postings);
  return {
    month,
    created: postings.length,
    totalCents: details.reduce((s, d) => s + d.complementCents, 0),
    complements: details,
  };
}

/** Sets the year's budget of each category given (the others keep theirs). */
export async function setBudgets(
  context: CostsContext,
  year: number,
  budgets: { category: CostCategory; amountCents: number }[],
) {
  const organisationId = context.actor.organisationId;
  return inUseCaseTransaction(context, async (tx, audit) => {
    for (const b of budgets) await upsertBudget(tx, organisationId, year, b);
    await audit.record({
      action: "costs.budgets.set",
      entityType: "cost_budget",
      entityId: String(year),
      after: { year, budgets },
    });
    return costSummary(tx, organisationId, year);
  });
}

/**
 * Actual IML costs per category (cost accounts, reversals included) from the first month to the
 * last, both given by their first day and included. Read from the month totals the database
 * maintains with every entry (ledger_month_totals), not from the entries themselves.
 */
export async function actualCostsByCategory(
  db: Db,
  organisationId: string,
  fromMonth: IsoDate,
  toMonth: IsoDate,
) {
  if (!fromMonth.endsWith("-01") || !toMonth.endsWith("-01"))
    throw new RangeError(`months are given by their first day: ${fromMonth}, ${toMonth}`);
  const rows = await costTotalsByCategory(db, organisationId, fromMonth, toMonth);
  const actual = Object.fromEntries(costCategories.map((c) => [c, 0])) as Record<CostCategory, number>;
  for (const r of rows) actual[r.category] = Number(r.amount);
  return actual;
}

export async function costSummary(db: Db, organisationId: string, year: number) {
  const actual = await actualCostsByCategory(db, organisationId, `${year}-01-01`, `${year}-12-01`);
  const budgetRows = await budgetsOf(db, organisationId, year);
  const budget = new Map(budgetRows.map((b) => [b.category, b.amountCents]));
  const categories = costCategories.map((category) => ({
    category,
    label: costCategoryLabels[category],
    ...budgetConsumption(actual[category], budget.get(category) ?? null),
  }));
  return {
    year,
    categories,
    totalActualCents: categories.reduce((s, c) => s + c.actualCents, 0),
    totalBudgetCents: categories.reduce((s, c) => s + (c.budgetCents ?? 0), 0),
  };
}
