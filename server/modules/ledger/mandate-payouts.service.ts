import { formatBasisPoints, formatEuros } from "../../lib/money";
/**
 * Mandate payouts: for every management mandate, each month, the rent and charges
 * collected on its leases are handed over to the landlord minus the management fee, plus what the
 * pack sécurisation guarantee paid, and the net is transferred.
 *
 * Booking: the rent call credited 706/708 like any rent; under a mandate that money is the
 * landlord's, so the settlement moves what was collected from 706/708 to 401-landlord
 * (Dr 706, Dr 708 / Cr 401) and takes the fee (Dr 401 / Cr 7061); the payout is Dr 401 / Cr 512.
 * "Collected" = the month's tenant and CAF receipts and rent complements on the mandate's leases
 * (credits on 411 / 441, net of their reversals), by value date.
 *
 * Subrogation (C. civ. art. 1346): once the pack sécurisation guarantee paid the landlord for the
 * tenant's arrears, the tenant's repayments of those arrears are the programme's: the settlement
 * credits them to 7588 instead of the landlord (guaranteeRecovery), so the landlord is not paid twice.
 */
import type { Db } from "../../../db/client";
import type { leases } from "../../../db/schema";
import { compareDates, type IsoDate, lastDayOfMonth } from "../../lib/dates";
import { formatFrenchMonth } from "../../lib/french-months";
import { AppError } from "../../lib/errors";
import { type PageRequest, pageOfRows } from "../../lib/pagination";
import { refuseFutureDates } from "../../lib/date-bounds";
import { actingUserId, type UseCaseContext } from "../../lib/use-case-context";
import type { AnyActor } from "../auth/actor";
import type { AuditWriter } from "../audit/audit.service";
import { inMoneyTransaction, type OnceOnly } from "./idempotency";
import { chart } from "./ledger.accounts";
import { ensureAccounts, postTransaction } from "./ledger.queries";
import {
  COLLECTION_KINDS,
  findLandlordOf,
  insertMandatePayout,
  type MandatePayoutRow,
  mandateLeases,
  mandatePayoutsPage,
  mandatesInForceBetween,
  mandatesPaidFor,
  recoveredForGuarantee,
  signedMandateOn,
  sumCredits,
} from "./mandate-payouts.queries";
import { monthStart } from "./ledger.rules";
import {
  guaranteeHeadroom,
  guaranteeRecovery,
  settleMandateMonth,
  signedLine,
} from "./mandate-payouts.rules";

export { type MandatePayoutRow, recoveredForGuarantee };

/**
 * The month's payouts of every mandate in force during the month; idempotent (one payout per
 * mandate and month, unique index mandate_payouts_period_uq). Only for a month that is over, paid
 * on a day that is not after today.
 */
export async function runMandatePayouts(
  context: UseCaseContext<AnyActor>,
  input: { month: string; paidOn: IsoDate },
  once?: OnceOnly,
) {
  const today = context.clock.today();
  refuseFutureDates(today, { "json.paidOn": input.paidOn });
  return inMoneyTransaction(context, once, 200, (tx, audit) =>
    mandatePayoutsInTransaction(
      tx,
      context.actor.organisationId,
      { ...input, today },
      actingUserId(context.actor),
      audit,
    ),
  );
}

async function mandatePayoutsInTransaction(
  db: Db,
  organisationId: string,
  input: { month: string; paidOn: IsoDate; today: IsoDate },
  actorUserId: string | null,
  audit: AuditWriter,
) {
  const from = monthStart(input.month);
  const to = lastDayOfMonth(from);
  if (compareDates(input.today, to) <= 0 || compareDates(input.paidOn, to) <= 0)
    throw new AppError("PERIOD_NOT_CLOSED", "Le reversement d'un mois se fait une fois le mois terminé", {
      period: input.month,
    });
  const inForce = await mandatesInForceBetween(db, organisationId, from, to);
  const done = await mandatesPaidFor(db, organisationId, from);
  const created: MandatePayoutRow[] = [];
  let alreadyPaid = 0;
  const overlapping: { mandateId: string; number: number; overlapsMandateNumber: number }[] = [];
  // the days of the month each mandate answers for: from its start to the day it ended
  const windowOf = (mandate: (typeof inForce)[number]) => {
    const ends = [to, mandate.endDate, ...(mandate.endedOn ? [mandate.endedOn] : [])].sort(compareDates);
    return { from: compareDates(mandate.startDate, from) > 0 ? mandate.startDate : from, to: ends[0]! };
  };
  // money collected on a flat on a given day is handed over once: a mandate whose days meet those
  // of a mandate already settled on the same flat (an overlap the register should never have
  // accepted) is not paid again
  const settled: { unitId: string; number: number; from: IsoDate; to: IsoDate }[] = inForce
    .filter((m) => done.has(m.id))
    .map((m) => ({ unitId: m.unitId, number: m.number, ...windowOf(m) }));
  for (const mandate of inForce) {
    if (done.has(mandate.id)) {
      alreadyPaid += 1;
      continue;
    }
    const window = windowOf(mandate);
    const clash = settled.find(
      (s) =>
        s.unitId === mandate.unitId &&
        compareDates(s.from, window.to) <= 0 &&
        compareDates(window.from, s.to) <= 0,
    );
    if (clash) {
      overlapping.push({
        mandateId: mandate.id,
        number: mandate.number,
        overlapsMandateNumber: clash.number,
      });
      continue;
    }
    settled.push({ unitId: mandate.unitId, number: mandate.number, ...window });
    const landlord = await findLandlordOf(db, organisationId, mandate.landlordId);
    const covered = await mandateLeases(db, organisationId, mandate);
    const leaseIds = covered.map((l) => l.id);
    const collectedCents = await sumCredits(
      db,
      organisationId,
      leaseIds,
      ["tenant", "housing_benefit"],
      COLLECTION_KINDS,
      window.from,
      window.to,
    );
    const guaranteeCents = await sumCredits(
      db,
      organisationId,
      leaseIds,
      ["landlord"],
      ["guarantee_payout"],
      window.from,
      window.to,
    );
    // subrogation: cumulative called, collected and guaranteed to the month's end
    const guaranteePaidCents = await sumCredits(
      db,
      organisationId,
      leaseIds,
      ["landlord"],
      ["guarantee_payout"],
      null,
      window.to,
    );
    const recoveredCents =
      guaranteePaidCents > 0
        ? guaranteeRecovery({
            calledCents: -(await sumCredits(
              db,
              organisationId,
              leaseIds,
              ["tenant", "housing_benefit"],
              ["rent_call"],
              null,
              window.to,
            )),
            collectedCents: await sumCredits(
              db,
              organisationId,
              leaseIds,
              ["tenant", "housing_benefit"],
              COLLECTION_KINDS,
              null,
              window.to,
            ),
            guaranteePaidCents,
            alreadyRecoveredCents: await recoveredForGuarantee(
              db,
              organisationId,
              { landlordId: mandate.landlordId, unitId: mandate.unitId },
              null,
              window.to,
            ),
            collectedInMonthCents: collectedCents,
          })
        : 0;
    const current = covered.sort((a, b) => compareDates(b.startDate, a.startDate))[0];
    const settlement = settleMandateMonth({
      collectedCents,
      recoveredCents,
      feeBasisPoints: mandate.managementFeeBasisPoints,
      guaranteeCents: Math.max(0, guaranteeCents),
      rentCents: current?.rentCents ?? 1,
      chargesCents: current?.chargesCents ?? 0,
    });
    const accounts = await ensureAccounts(db, organisationId, [
      chart.rentIncome(),
      chart.chargesIncome(),
      chart.managementFees(),
      chart.guaranteeRecovery(),
      chart.bank(),
      chart.landlord(landlord!.id, landlord!.displayName),
    ]);
    const landlordAccount = accounts.get(chart.landlord(landlord!.id, "").code)!;
    const header = {
      occurredOn: to,
      unitId: mandate.unitId,
      landlordId: mandate.landlordId,
      periodStart: from,
      periodEnd: to,
      createdByUserId: actorUserId,
    };
    let settlementTransactionId: string | null = null;
    if (settlement.collectedCents !== 0) {
      settlementTransactionId = await postTransaction(db, organisationId, {
        header: {
          ...header,
          kind: "mandate_settlement",
          label: `Mandat n° ${mandate.number} : loyers encaissés en ${formatFrenchMonth(input.month)}, honoraires ${formatBasisPoints(mandate.managementFeeBasisPoints)}${settlement.recoveredCents > 0 ? `, dont ${formatEuros(settlement.recoveredCents)} rendus à la garantie de loyers (subrogation)` : ""}`,
        },
        lines: [
          signedLine(accounts.get(chart.rentIncome().code)!, settlement.rentPartCents, "debit"),
          signedLine(accounts.get(chart.chargesIncome().code)!, settlement.chargesPartCents, "debit"),
          signedLine(landlordAccount, settlement.collectedCents - settlement.recoveredCents, "credit"),
          signedLine(accounts.get(chart.guaranteeRecovery().code)!, settlement.recoveredCents, "credit"),
          signedLine(landlordAccount, settlement.feeCents, "debit"),
          signedLine(accounts.get(chart.managementFees().code)!, settlement.feeCents, "credit"),
        ],
      });
    }
    let payoutTransactionId: string | null = null;
    if (settlement.netCents > 0) {
      payoutTransactionId = await postTransaction(db, organisationId, {
        header: {
          ...header,
          kind: "landlord_payout",
          occurredOn: input.paidOn,
          label: `Reversement au bailleur ${landlord!.displayName} (mandat n° ${mandate.number}, ${formatFrenchMonth(input.month)})`,
        },
        lines: [
          { accountId: landlordAccount, debitCents: settlement.netCents, creditCents: 0 },
          { accountId: accounts.get(chart.bank().code)!, debitCents: 0, creditCents: settlement.netCents },
        ],
      });
    }
    const row = await insertMandatePayout(db, {
      organisationId,
      mandateId: mandate.id,
      landlordId: mandate.landlordId,
      periodStart: from,
      periodEnd: to,
      collectedCents: settlement.collectedCents,
      feeBasisPoints: mandate.managementFeeBasisPoints,
      feeCents: settlement.feeCents,
      guaranteeCents: settlement.guaranteeCents,
      guaranteeRecoveredCents: settlement.recoveredCents,
      netCents: settlement.netCents,
      settlementTransactionId,
      payoutTransactionId,
      paidOn: input.paidOn,
    });
    created.push(row);
    await audit.record({
      action: "ledger.mandate_payout",
      entityType: "mandate_payout",
      entityId: row.id,
      after: { mandateId: mandate.id, month: input.month, ...settlement },
    });
  }
  return {
    month: input.month,
    created: created.length,
    alreadyPaid,
    /** mandates not paid because their days on the flat were already settled under another mandate */
    overlapping,
    payouts: created.map(payoutView),
  };
}

export function payoutView(row: MandatePayoutRow) {
  return {
    id: row.id,
    mandateId: row.mandateId,
    landlordId: row.landlordId,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    collectedCents: row.collectedCents,
    feeBasisPoints: row.feeBasisPoints,
    feeCents: row.feeCents,
    guaranteeCents: row.guaranteeCents,
    guaranteeRecoveredCents: row.guaranteeRecoveredCents,
    netCents: row.netCents,
    paidOn: row.paidOn,
    settlementTransactionId: row.settlementTransactionId,
    payoutTransactionId: row.payoutTransactionId,
  };
}

/** A page of the payouts of a month, in the order they were made. */
export async function listMandatePayouts(context: UseCaseContext, month: string, page: PageRequest) {
  const { db } = context;
  const { organisationId } = context.actor;
  const { rows, total } = await mandatePayoutsPage(db, organisationId, monthStart(month), page);
  return pageOfRows(rows.map(payoutView), total, page);
}

/**
 * The pack sécurisation of the lease's mandate, and what its guarantee may still pay: only a
 * direct lease under a signed mandate with the guarantee option (a sub-lease's landlord is paid by
 * the organisation whatever the tenant does, so no guarantee applies there).
 */
export async function guaranteeCover(db: Db, organisationId: string, lease: typeof leases.$inferSelect) {
  const refuse = (detail: string) => new AppError("MANDATE_GUARANTEE_NOT_COVERED", detail);
  if (lease.kind !== "direct_lease" || !lease.landlordId)
    throw refuse("La garantie de loyers ne couvre que les baux signés au nom du propriétaire sous mandat");
  const mandate = await signedMandateOn(db, organisationId, lease.unitId, lease.landlordId);
  if (!mandate) throw refuse("Aucun mandat de gestion signé ne couvre ce logement");
  if (!mandate.guaranteeEnabled || !mandate.guaranteeCeilingCents || !mandate.guaranteeMonths)
    throw refuse("Le mandat ne comprend pas la garantie de loyers (pack sécurisation)");
  const covered = await mandateLeases(db, organisationId, mandate);
  const alreadyPaidCents = await sumCredits(
    db,
    organisationId,
    covered.map((l) => l.id),
    ["landlord"],
    ["guarantee_payout"],
    null,
    "9999-12-31",
  );
  return {
    mandate,
    headroomCents: guaranteeHeadroom({
      ceilingCents: mandate.guaranteeCeilingCents,
      months: mandate.guaranteeMonths,
      monthlyRentAndChargesCents: lease.rentCents + lease.chargesCents,
      alreadyPaidCents,
    }),
  };
}
