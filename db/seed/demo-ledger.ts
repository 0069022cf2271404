import { TENANT_CONTRACT_KINDS } from "../../server/modules/leases/leases.rules";
import { depositReceiptLines, operatorHoldsDeposit } from "../../server/modules/leases/deposit.rules";
import { and, asc, between, eq, inArray } from "drizzle-orm";
import type { Clock } from "../../server/lib/clock";
import { formatFrenchMonth } from "../../server/lib/french-months";
import { addDays, addMonths, compareDates, type IsoDate, lastDayOfMonth } from "../../server/lib/dates";
import type { AnyActor, SystemActor } from "../../server/modules/auth/actor";
import type { UseCaseContext } from "../../server/lib/use-case-context";
import {
  actualCostsByCategory,
  payGuarantee,
  recordCost,
  runRentComplements,
  setBudgets,
  writeOffArrears,
} from "../../server/modules/costs/costs.service";
import { createRepaymentPlan } from "../../server/modules/ledger/arrears.service";
import { costCategories } from "../../server/modules/ledger/ledger.accounts";
import { landlordStatementDocument } from "../../server/modules/ledger/ledger-documents.service";
import {
  createRentCallsForMonth,
  leaseSettlement,
  loadTenantLease,
  paymentReference,
  recordPayment,
} from "../../server/modules/ledger/ledger.service";
import { guaranteeCover, runMandatePayouts } from "../../server/modules/ledger/mandate-payouts.service";
import {
  debitCandidates,
  insertCollections,
  insertDebitMandate,
} from "../../server/modules/ledger/direct-debit.queries";
import { monthDebitAmount, sequenceTypeFor } from "../../server/modules/ledger/direct-debit.rules";
import { publishedIrl } from "../../server/modules/ledger/revision.rules";
import { upsertIrl } from "../../server/modules/ledger/revision.service";
import type { Db } from "../client";
import { chart } from "../../server/modules/ledger/ledger.accounts";
import {
  ensureAccount,
  type PostingInput,
  postTransaction,
  postTransactions,
} from "../../server/modules/ledger/ledger.queries";
import { landlords, leases, mandates, rentCalls, rentReceipts, units } from "../schema";

/**
 * This month and the twelve before it: the demo's year of charges (the twelve months ending last
 * month, regularised in seedDemoCharges) has its provision called every month of it.
 */
export const DEMO_LEDGER_MONTHS = 13;

/**
 * Tenant behaviours of the demo, by lease: most pay; one stops for five months then repays under a
 * plan; one pays irregularly; one sliding sub-tenant has missed the last two months (their lease
 * cannot slide until the arrears are cleared).
 */
type Profile = "normal" | "late_then_plan" | "irregular" | "behind_recently";

/**
 * 24 months of money for the demo, from whatever leases exist: the IRL table, a
 * budget per category, every month's rent calls (fortnightly leases twice a month; head leases
 * owed to the landlord, the days before a sub-tenant moves in booked as vacancy), CAF bordereaux,
 * tenant payments (normal payers; one tenant stops paying, then repays under a plan d'apurement;
 * one pays irregularly), rent complements, mandate payouts, IML costs in every category (repairs,
 * furnishing, utilities, a write-off, a guarantee payout when a mandate with the pack covers a
 * lease), and the last month's relevé de gérance of the demo landlord. Deterministic; runs once
 * (the demo seed writes nothing when the organisation exists).
 */
export async function seedDemoLedger(
  tx: Db,
  clock: Clock,
  options: { organisationId: string; demoLandlordId: string },
): Promise<{ months: number; rentCalls: number; payments: number }> {
  const { organisationId } = options;
  const actor: SystemActor = { kind: "system", organisationId, label: "données de démonstration" };
  // the use-cases open their own transaction: inside the seed's, a savepoint
  const context: UseCaseContext<AnyActor> = { db: tx, clock, actor, requestId: null };
  const today = clock.today();
  const thisMonth = today.slice(0, 7);
  const months = Array.from({ length: DEMO_LEDGER_MONTHS }, (_, i) =>
    addMonths(`${thisMonth}-01`, i - DEMO_LEDGER_MONTHS + 1).slice(0, 7),
  );
  const year = Number(thisMonth.slice(0, 4));

  await upsertIrl(context, [...publishedIrl]);
  // programme 177 budget of the year, per category (cahier des charges: IML costs)
  const budget: Record<(typeof costCategories)[number], number> = {
    repairs: 1_500_000,
    vacancy: 600_000,
    unpaid_rent: 300_000,
    furnishing: 800_000,
    utilities: 150_000,
    rent_complement: 400_000,
    guarantee: 200_000,
  };
  for (const y of [year - 1, year])
    await setBudgets(
      context,
      y,
      costCategories.map((category) => ({ category, amountCents: budget[category] })),
    );

  const tenantLeases = await tx
    .select()
    .from(leases)
    .where(
      and(
        eq(leases.organisationId, organisationId),
        inArray(leases.kind, [...TENANT_CONTRACT_KINDS]),
        inArray(leases.status, ["signed", "notice_given", "ended"]),
      ),
    )
    .orderBy(asc(leases.startDate), asc(leases.id));
  // direct leases under a signed mandate with the pack sécurisation: the guarantee can pay there
  const guaranteed = await tx
    .select({ id: leases.id })
    .from(leases)
    .innerJoin(
      mandates,
      and(
        eq(mandates.organisationId, leases.organisationId),
        eq(mandates.unitId, leases.unitId),
        eq(mandates.landlordId, leases.landlordId),
        eq(mandates.status, "signed"),
        eq(mandates.guaranteeEnabled, true),
      ),
    )
    .where(and(eq(leases.organisationId, organisationId), eq(leases.kind, "direct_lease")));
  const lateId = guaranteed[0]?.id ?? tenantLeases[1]?.id;
  const running = tenantLeases.filter((l) => l.status !== "ended" && l.id !== lateId);
  const irregularId = running.find((l, i) => i >= 3 && l.kind === "sublease")?.id;
  // a sliding sub-tenant behind on rent — not the one whose target date is near (that one slides)
  const slidingSoon = addDays(today, 60);
  const behindId = running.find(
    (l) =>
      l.kind === "sliding_sublease" &&
      l.slidingTargetDate !== null &&
      compareDates(l.slidingTargetDate, slidingSoon) > 0 &&
      compareDates(l.startDate, addMonths(today, -3)) < 0,
  )?.id;
  const profileOf = new Map<string, Profile>(
    tenantLeases.map((lease) => [
      lease.id,
      lease.id === lateId
        ? "late_then_plan"
        : lease.id === irregularId
          ? "irregular"
          : lease.id === behindId
            ? "behind_recently"
            : "normal",
    ]),
  );
  // each tenant lease with its tenant and accounts, loaded once (the bulk postings below need them)
  const tenantOf = new Map<string, Awaited<ReturnType<typeof loadTenantLease>>>();
  for (const lease of tenantLeases)
    tenantOf.set(lease.id, await loadTenantLease(tx, organisationId, lease.id));
  const bankAccountId = await ensureAccount(tx, organisationId, chart.bank());
  const landlordNames = new Map(
    (
      await tx
        .select({ id: landlords.id, displayName: landlords.displayName })
        .from(landlords)
        .where(eq(landlords.organisationId, organisationId))
    ).map((l) => [l.id, l.displayName]),
  );
  const nameOf = (landlordId: string) => landlordNames.get(landlordId) ?? "";
  // the deposits the operator holds, received at each signature (loi 89-462 art. 22; as signLease)
  const depositAccountId = await ensureAccount(tx, organisationId, chart.deposits());
  const depositPostings = tenantLeases
    .filter((lease) => lease.signedOn && operatorHoldsDeposit(lease.kind))
    .map((lease) => ({
      header: {
        kind: "deposit_received" as const,
        occurredOn: lease.signedOn!,
        label: "Dépôt de garantie reçu à la signature",
        leaseId: lease.id,
        personId: lease.personId,
        unitId: lease.unitId,
        method: "transfer" as const,
      },
      lines: depositReceiptLines({
        amountCents: lease.depositCents,
        depositAccountId,
        bankAccountId,
        leaseId: lease.id,
      }),
    }))
    .filter((posting) => posting.lines.length > 0);
  if (depositPostings.length > 0) await postTransactions(tx, organisationId, depositPostings);
  const cafAccountId = await ensureAccount(tx, organisationId, chart.housingBenefit());
  const unitRows = await tx
    .select({ id: units.id })
    .from(units)
    .where(eq(units.organisationId, organisationId))
    .orderBy(asc(units.reference), asc(units.id))
    .limit(6);

  let callCount = 0;
  let payments = 0;
  for (const [m, month] of months.entries()) {
    const from = `${month}-01` as IsoDate;
    const to = lastDayOfMonth(from);
    const { body: run } = await createRentCallsForMonth(context, month);
    callCount += run.created;

    // what the month called, per lease (payments below settle exactly that: no settlement replay)
    const monthCalls = await tx
      .select()
      .from(rentCalls)
      .where(and(eq(rentCalls.organisationId, organisationId), between(rentCalls.periodStart, from, to)))
      .orderBy(asc(rentCalls.periodStart));
    const callsOf = (leaseId: string) => monthCalls.filter((c) => c.leaseId === leaseId);

    // the CAF pays the month's benefit on the 5th (one bordereau for every lease, tiers payant)
    const cafLines = tenantLeases
      .filter((lease) => lease.housingBenefitPaidToOperator)
      .map((lease) => ({
        leaseId: lease.id,
        amountCents: callsOf(lease.id).reduce((sum, c) => sum + c.housingBenefitCents, 0),
      }))
      .filter((line) => line.amountCents > 0);
    // posted directly (one balanced transaction, as recordHousingBenefitReceipt does): paid before
    // the tenants' parts, the bordereau completes no period, so it issues no quittance
    let cafTransactionId: string | null = null;
    if (cafLines.length > 0 && compareDates(addDays(from, 4), today) <= 0) {
      const total = cafLines.reduce((sum, line) => sum + line.amountCents, 0);
      cafTransactionId = await postTransaction(tx, organisationId, {
        header: {
          kind: "housing_benefit_receipt",
          occurredOn: addDays(from, 4),
          label: "Versement CAF (aides au logement)",
          method: "housing_benefit",
          externalReference: `CAF-${month}`,
          leaseId: null,
          createdByUserId: null,
        },
        lines: [
          { accountId: bankAccountId, debitCents: total, creditCents: 0 },
          ...cafLines.map((line) => ({
            accountId: cafAccountId,
            debitCents: 0,
            creditCents: line.amountCents,
            leaseId: line.leaseId,
          })),
        ],
      });
    }
    // the normal payers' payments of the month, posted in bulk with the quittances they complete
    const bulkPayments: PostingInput[] = [];
    const bulkQuittances: (typeof rentReceipts.$inferInsert & { postingIndex: number | null })[] = [];

    // the programme's rent complements of the month (30 % rule) are credited before the tenant pays
    const complements = new Map<string, number>();
    if (tenantLeases.length > 0) {
      const { body: run } = await runRentComplements(context, month);
      for (const c of run.complements) complements.set(c.leaseId, c.complementCents);
    }
    for (const lease of tenantLeases) {
      const ofMonth = callsOf(lease.id);
      if (ofMonth.length === 0) continue;
      const stored = profileOf.get(lease.id)!;
      // the sliding sub-tenant behind on rent: paid like the others until two months ago
      const profile: Profile =
        stored === "behind_recently" ? (m >= DEMO_LEDGER_MONTHS - 2 ? "behind_recently" : "normal") : stored;
      if (profile === "behind_recently") continue;
      const complement = complements.get(lease.id) ?? 0;
      const tenantDue = Math.max(0, ofMonth.reduce((sum, c) => sum + c.tenantPartCents, 0) - complement);
      let amounts: { on: IsoDate; cents: number }[] = [];
      if (profile === "normal") {
        // fortnightly payers pay each half-month on its first days, the others on the 5th
        // the complement is shared over the month's periods (the first takes the odd cent)
        amounts = ofMonth.map((c, k) => ({
          on: addDays(c.periodStart, 2),
          cents:
            c.tenantPartCents -
            Math.floor(complement / ofMonth.length) -
            (k === 0 ? complement % ofMonth.length : 0),
        }));
      } else if (profile === "late_then_plan") {
        // pays, stops for 5 months (the debt crosses the CAF threshold), then pays the rent again
        const behind = m >= DEMO_LEDGER_MONTHS - 9 && m < DEMO_LEDGER_MONTHS - 4;
        if (!behind) amounts = [{ on: addDays(from, 9), cents: tenantDue }];
      } else {
        // pays three quarters on the 12th and catches up every third month counted back from this
        // one (reçus, then quittances), never ahead in the first month
        const part = Math.floor((tenantDue * 3) / 4);
        amounts = [
          {
            on: addDays(from, 11),
            cents:
              m > 0 && (DEMO_LEDGER_MONTHS - 1 - m) % 3 === 0 ? tenantDue + 2 * (tenantDue - part) : part,
          },
        ];
      }
      if (profile === "normal") {
        // every period of a normal payer is paid in full: the payment (or, when the complement and
        // the benefit leave nothing to pay, the CAF bordereau) completes it — a quittance (art. 21)
        const { person, tenantAccountId } = tenantOf.get(lease.id)!;
        ofMonth.forEach((call, k) => {
          const { on, cents } = amounts[k]!;
          if (compareDates(on, today) > 0) return;
          let postingIndex: number | null = null;
          if (cents > 0) {
            postingIndex = bulkPayments.length;
            bulkPayments.push({
              header: {
                kind: "payment",
                occurredOn: on,
                label: `Règlement ${person.lastName.toUpperCase()} ${person.firstName}`,
                leaseId: lease.id,
                personId: person.id,
                unitId: lease.unitId,
                method: m % 4 === 0 ? "direct_debit" : "transfer",
                externalReference: null,
                createdByUserId: null,
              },
              lines: [
                { accountId: bankAccountId, debitCents: cents, creditCents: 0, leaseId: lease.id },
                { accountId: tenantAccountId, debitCents: 0, creditCents: cents, leaseId: lease.id },
              ],
            });
            payments++;
          } else if (call.housingBenefitCents > 0 && !cafTransactionId) return;
          bulkQuittances.push({
            organisationId,
            kind: "quittance",
            leaseId: lease.id,
            personId: person.id,
            rentCallId: call.id,
            transactionId: cafTransactionId,
            periodStart: call.periodStart,
            periodEnd: call.periodEnd,
            rentCents: call.rentCents,
            chargesCents: call.chargesCents,
            amountCents: call.rentCents + call.chargesCents,
            issuedOn: cents > 0 ? on : addDays(from, 4),
            postingIndex,
          });
        });
        continue;
      }
      for (const { on, cents } of amounts) {
        if (cents <= 0 || compareDates(on, today) > 0) continue;
        await recordPayment(context, {
          leaseId: lease.id,
          amountCents: cents,
          method: m % 4 === 0 ? "direct_debit" : "transfer",
          receivedOn: on,
        });
        payments++;
      }
      const tenantLease = profile === "late_then_plan" ? tenantOf.get(lease.id)! : null;
      // a small part of the irregular payer's debt passed to loss (IML cost "loyers impayés")
      if (profile === "irregular" && m === DEMO_LEDGER_MONTHS - 2) {
        const { tenantBalance } = await leaseSettlement(tx, organisationId, tenantOf.get(lease.id)!);
        if (tenantBalance > 0)
          await writeOffArrears(context, {
            leaseId: lease.id,
            amountCents: Math.min(tenantBalance, 5_000),
            reason: "reliquat irrécouvrable",
            on: addDays(from, 20),
          });
      }
      // the guarantee pays the landlord the first unpaid month (pack sécurisation)
      if (profile === "late_then_plan" && m === DEMO_LEDGER_MONTHS - 6 && guaranteed[0]?.id === lease.id) {
        const { tenantBalance } = await leaseSettlement(tx, organisationId, tenantLease!);
        const { headroomCents } = await guaranteeCover(tx, organisationId, lease);
        const amountCents = Math.min(tenantBalance, lease.rentCents + lease.chargesCents, headroomCents);
        if (amountCents > 0)
          await payGuarantee(context, {
            leaseId: lease.id,
            amountCents,
            on: addDays(from, 24),
            reason: "loyer impayé",
          });
      }
      // the plan d'apurement: agreed 4 months ago over 6 monthly instalments
      if (profile === "late_then_plan" && m === DEMO_LEDGER_MONTHS - 4) {
        const { tenantBalance } = await leaseSettlement(tx, organisationId, tenantLease!);
        if (tenantBalance > 0) {
          const instalment = Math.floor(tenantBalance / 8);
          await createRepaymentPlan(context, {
            leaseId: lease.id,
            startOn: from,
            instalments: Array.from({ length: 6 }, (_, k) => ({
              dueOn: addDays(addMonths(from, k), 19),
              amountCents: instalment,
            })),
          });
        }
      }
      // the instalments of the plan, paid on the 20th — but last month's, missed (an alert)
      if (profile === "late_then_plan" && m > DEMO_LEDGER_MONTHS - 4 && m !== DEMO_LEDGER_MONTHS - 2) {
        const on = addDays(from, 19);
        if (compareDates(on, today) <= 0) {
          const { tenantBalance } = await leaseSettlement(tx, organisationId, tenantLease!);
          const instalment = Math.min(tenantBalance, Math.floor(tenantBalance / 6));
          if (instalment > 0) {
            await recordPayment(context, {
              leaseId: lease.id,
              amountCents: instalment,
              method: "transfer",
              receivedOn: on,
              reference: "Plan",
            });
            payments++;
          }
        }
      }
    }

    if (bulkPayments.length > 0) {
      const ids = await postTransactions(tx, organisationId, bulkPayments);
      await tx.insert(rentReceipts).values(
        bulkQuittances.map(({ postingIndex, ...row }) => ({
          ...row,
          transactionId: postingIndex === null ? row.transactionId : ids[postingIndex]!,
        })),
      );
    }

    // head-lease rent paid to each landlord on the 5th, for every month of the head lease — empty
    // days included (the operator pays whether the flat is occupied or not)
    const paidOn = addDays(from, 4);
    if (compareDates(paidOn, today) <= 0) {
      const owed = new Map<string, number>();
      for (const call of monthCalls)
        if (call.leaseKind === "head_lease" && call.landlordId)
          owed.set(call.landlordId, (owed.get(call.landlordId) ?? 0) + call.rentCents + call.chargesCents);
      const headPayouts: PostingInput[] = [];
      for (const [landlordId, cents] of [...owed.entries()].sort()) {
        if (cents <= 0) continue;
        const landlordAccountId = await ensureAccount(
          tx,
          organisationId,
          chart.landlord(landlordId, nameOf(landlordId)),
        );
        headPayouts.push({
          header: {
            kind: "landlord_payout",
            occurredOn: paidOn,
            label: `Loyer du bail principal, ${formatFrenchMonth(month)} (virement au bailleur)`,
            landlordId,
            periodStart: from,
            periodEnd: to,
            method: "transfer",
            createdByUserId: null,
          },
          lines: [
            { accountId: landlordAccountId, debitCents: cents, creditCents: 0 },
            { accountId: bankAccountId, debitCents: 0, creditCents: cents },
          ],
        });
      }
      if (headPayouts.length > 0) await postTransactions(tx, organisationId, headPayouts);
    }

    // the previous month's mandate payouts, on the 5th
    if (m >= 1) {
      const paidOn = addDays(from, 4);
      if (compareDates(paidOn, today) <= 0)
        await runMandatePayouts(context, { month: months[m - 1]!, paidOn });
    }

    // IML costs spread over the months, each tied to a unit or a lease
    const unit = unitRows[m % Math.max(1, unitRows.length)];
    const on = addDays(from, 14);
    // money is booked on the day it moved: this month's cost waits for its day
    if (unit && compareDates(on, today) <= 0) {
      if (m % 3 === 0)
        await recordCost(context, {
          category: "repairs",
          amountCents: 85_000 + m * 1_250,
          occurredOn: on,
          label: "Remise en état (peinture, sols)",
          unitId: unit.id,
        });
      if (m % 4 === 1)
        await recordCost(context, {
          category: "furnishing",
          amountCents: 60_000,
          occurredOn: on,
          label: "Forfait aménagement (entrée dans les lieux)",
          unitId: unit.id,
        });
      if (m % 6 === 2)
        await recordCost(context, {
          category: "utilities",
          amountCents: 14_500,
          occurredOn: on,
          label: "Fluides (régularisation, sous-location)",
          unitId: unit.id,
        });
    }
  }

  // vacancy between two occupants is booked by the head-lease rent calls; without any head lease
  // yet, the turnover of a flat left empty between two tenancies is booked directly
  const vacancy = await actualCostsByCategory(tx, organisationId, `${months[0]!}-01`, `${months.at(-1)!}-01`);
  if (vacancy.vacancy === 0 && unitRows[0])
    await recordCost(context, {
      category: "vacancy",
      amountCents: 41_000,
      occurredOn: addDays(`${months.at(-3)!}-01`, 20),
      label: "Vacance entre deux occupants (loyer du mois sans locataire)",
      unitId: unitRows[0].id,
    });
  // a tenant who pays by SEPA direct debit: the mandate signed three months ago, last month's
  // collection made (FRST) and this month's prepared (RCUR), so the avis d'échéance offers the
  // direct debit to this tenant only
  // the one who has the most left to pay after the housing benefit: a debit with an amount
  const debitLease = running
    .filter((l) => profileOf.get(l.id) === "normal" && compareDates(l.startDate, addMonths(today, -3)) < 0)
    .sort(
      (a, b) =>
        b.rentCents +
        b.chargesCents -
        b.housingBenefitCents -
        (a.rentCents + a.chargesCents - a.housingBenefitCents),
    )[0];
  if (debitLease) {
    const { person } = tenantOf.get(debitLease.id)!;
    const mandate = await insertDebitMandate(tx, {
      organisationId,
      leaseId: debitLease.id,
      personId: person.id,
      reference: `${paymentReference(debitLease.id)}-1`,
      signedOn: addMonths(today, -3),
      debtorName: `${person.firstName} ${person.lastName}`,
      iban: "FR7630004000031234567890143",
      bic: "BNPAFRPP",
    });
    const collections = [];
    for (const [k, month] of [months.at(-2)!, months.at(-1)!].entries()) {
      const from = `${month}-01`;
      const candidate = (await debitCandidates(tx, organisationId, from, lastDayOfMonth(from))).find(
        (c) => c.mandateId === mandate.id,
      );
      const amountCents = candidate
        ? monthDebitAmount(candidate.tenantPartsCents, candidate.complementCents)
        : 0;
      if (amountCents > 0)
        collections.push({
          organisationId,
          mandateId: mandate.id,
          leaseId: debitLease.id,
          periodStart: from,
          amountCents,
          sequenceType: sequenceTypeFor(k),
          collectionDate: addDays(from, 4),
        });
    }
    await insertCollections(tx, collections);
  }
  // the demo landlord's last relevé de gérance, readable in the portal
  await landlordStatementDocument(context, options.demoLandlordId, months.at(-2)!);
  return { months: months.length, rentCalls: callCount, payments };
}
