import { randomUUID } from "node:crypto";
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Clock } from "../../server/lib/clock";
import { addDays, addMonths, compareDates, type IsoDate } from "../../server/lib/dates";
import type { AuditWriter } from "../../server/modules/audit/audit.service";
import type { SystemActor } from "../../server/modules/auth/actor";
import { generateLeaseDocuments } from "../../server/modules/leases/leases.service";
import {
  contractEndDate,
  hasFixedTerm,
  minimumDurationMonths,
} from "../../server/modules/leases/leases.rules";
import { noticeEndDate, tenantNoticePeriod } from "../../server/modules/leases/notice.rules";
import {
  applyMandateSignature,
  createMandateInTransaction,
} from "../../server/modules/mandates/mandates.service";
import type { Db } from "../client";
import { landlords, leaseReviews, leases, mandates, organisations } from "../schema";
import type { DemoPlan } from "./demo-plan";

/**
 * Contract PDFs are generated for the first lease of each kind (and the head lease of the first
 * sub-lease) and kept out of the rest: each PDF costs a fresh demo start a few hundred milliseconds;
 * the others are rendered when a user acts on the lease.
 */

/**
 * Demo contracts, written after the stock and the people exist, from the plan's tenancies: the flat's
 * capture formula decides the contract — head lease → sub-lease under the operator's head lease (a
 * recent one now and then a respite stay), sliding lease → sliding sub-lease with its reviews,
 * mandate or direct → direct lease; the empty flats under a head lease keep it (the operator pays
 * the landlord while they wait for a tenant). The demo landlords' mandated flats get management
 * mandates, all signed but one left awaiting the demo landlord's signature in the portal.
 */
export async function seedDemoContracts(
  tx: Db,
  clock: Clock,
  audit: AuditWriter,
  options: { organisationId: string; demoLandlordId: string; plan: DemoPlan },
): Promise<{ leases: number; mandates: number }> {
  const { organisationId, plan } = options;
  const actor: SystemActor = { kind: "system", organisationId, label: "données de démonstration" };
  const context = { db: tx, actor, requestId: null, clock };
  const today = clock.today();

  await tx
    .update(organisations)
    .set({
      postalAddress: "2 rue des Corroyeurs, 21000 Dijon",
      approvalReference: "Agrément IML (démonstration)",
    })
    .where(and(eq(organisations.id, organisationId), isNull(organisations.postalAddress)));

  const landlordRows = await tx.select().from(landlords).where(eq(landlords.organisationId, organisationId));
  const landlordById = new Map(landlordRows.map((row) => [row.id, row]));
  const unitById = new Map(plan.units.map((u) => [u.id, u]));
  const personById = new Map(plan.persons.map((p) => [p.id, p]));

  let leaseCount = 0;
  let respite = 0;
  // rows built first, written in three statements (head leases, tenant leases, reviews)
  const headRows: (typeof leases.$inferInsert & { id: string })[] = [];
  const tenantRows: (typeof leases.$inferInsert & { id: string })[] = [];
  const reviewRows: (typeof leaseReviews.$inferInsert)[] = [];
  const documented: string[] = [];
  const documentedKinds = new Set<string>();
  const signedMandateLeases: { lease: { unitId: string; startDate: IsoDate }; landlordId: string }[] = [];
  const headLeaseOf = (unit: DemoPlan["units"][number], startDate: IsoDate, documentHead: boolean) => {
    const landlord = landlordById.get(unit.landlordId)!;
    const headDuration = minimumDurationMonths({
      kind: "head_lease",
      landlordKind: landlord.kind,
      furnished: unit.furnished ?? false,
    })!;
    const head = {
      id: randomUUID(),
      organisationId,
      unitId: unit.id,
      landlordId: unit.landlordId,
      rentCents: unit.rentCents,
      chargesCents: unit.chargesCents,
      irlReferenceQuarter: "T2",
      paymentDay: 5,
      furnished: unit.furnished ?? false,
      status: "signed" as const,
      kind: "head_lease" as const,
      startDate,
      durationMonths: headDuration,
      endDate: contractEndDate(startDate, headDuration),
      depositCents: 0,
      // the operator pays the head-lease rent whether the flat is occupied or not
      paysRentDuringVacancy: true,
      signedOn: addDays(startDate, -5),
    };
    headRows.push(head);
    if (documentHead) documented.push(head.id);
    leaseCount++;
    return head.id;
  };

  // the sliding sub-leases: the oldest one reaches its target date within weeks (ready to slide),
  // the others later; reviews every six months
  const slidingStarts = plan.tenancies
    .filter((t) => unitById.get(t.unitId)!.captureFormula === "sliding_lease" && t.status !== "ended")
    .map((t) => t.startDate)
    .sort(compareDates);
  for (const [index, tenancy] of plan.tenancies.entries()) {
    const unit = unitById.get(tenancy.unitId)!;
    const person = personById.get(tenancy.personId)!;
    const landlord = landlordById.get(unit.landlordId)!;
    const { startDate } = tenancy;
    const monthsAgo = Math.round((Date.parse(today) - Date.parse(startDate)) / (30.44 * 86_400_000));
    const kind: "direct_lease" | "sliding_sublease" | "temporary_occupancy" | "sublease" =
      unit.captureFormula === "management_mandate" || unit.captureFormula === "direct_lease"
        ? "direct_lease"
        : unit.captureFormula === "sliding_lease"
          ? "sliding_sublease"
          : tenancy.status === "signed" && monthsAgo <= 4 && respite++ % 2 === 0
            ? "temporary_occupancy"
            : "sublease";
    const furnished = unit.furnished ?? false;
    const durationMonths =
      kind === "temporary_occupancy"
        ? 6
        : minimumDurationMonths({ kind, landlordKind: landlord.kind, furnished })!;
    // the head lease landlord → organisation starts a little before the occupant moves in: those
    // days are vacancy, paid by the operator (IML cost)
    const headLeaseId =
      kind === "direct_lease"
        ? null
        : headLeaseOf(
            unit,
            addDays(startDate, -(10 + (index % 3) * 5)),
            kind === "sublease" && !documentedKinds.has("sublease"),
          );
    // a social landlord's own lease has no term (loi 89-462 art. 40): no end date until a notice
    const fixedTerm = hasFixedTerm({ kind, landlordKind: landlord.kind });
    const slidingRank = slidingStarts.indexOf(startDate);
    const slidingTarget =
      kind === "sliding_sublease"
        ? slidingRank === 0
          ? // the first sliding lease slides soon: its target date is weeks away
            addDays(today, 20)
          : addMonths(startDate, 24)
        : null;
    // the demo's tenants give notice without a reduced-notice reason: 3 months, 1 furnished
    const noticeMonths = tenantNoticePeriod({
      furnished,
      tightMarket: false,
      reason: "none",
      justificationReceived: false,
    }).months;
    const lease = {
      id: randomUUID(),
      organisationId,
      unitId: unit.id,
      landlordId: unit.landlordId,
      personId: person.id,
      kind,
      rentCents: unit.rentCents,
      chargesCents: unit.chargesCents,
      irlReferenceQuarter: "T2",
      paymentDay: 5,
      furnished,
      startDate,
      durationMonths,
      // a tenant's notice ends the lease at the end of its period (art. 15), whatever the term
      endDate:
        tenancy.endedOn ??
        (tenancy.noticeGivenOn
          ? noticeEndDate(tenancy.noticeGivenOn, noticeMonths)
          : fixedTerm
            ? contractEndDate(startDate, durationMonths)
            : null),
      fixedTerm,
      depositCents: kind === "temporary_occupancy" ? 0 : unit.rentCents,
      // seed 000: paying every 15 days must be possible at once
      paymentFrequency: index % 4 === 0 ? ("fortnightly" as const) : ("monthly" as const),
      housingBenefitCents: person.housingBenefitCents ?? 0,
      housingBenefitPaidToOperator: kind !== "direct_lease" && (person.housingBenefitPaidToOperator ?? true),
      headLeaseId,
      slidingTargetDate: slidingTarget,
      slidingConditions:
        kind === "sliding_sublease"
          ? ["paiement régulier du loyer pendant douze mois", "entretien courant du logement assuré"]
          : null,
      // the payment condition the ledger is read against: twelve months, no overdue debt
      slidingObservationMonths: kind === "sliding_sublease" ? 12 : null,
      slidingArrearsToleranceCents: kind === "sliding_sublease" ? 0 : null,
      signedOn: addDays(startDate, -3),
      status: tenancy.status,
      noticeGivenOn: tenancy.noticeGivenOn,
      noticeGivenBy: tenancy.noticeGivenOn ? ("tenant" as const) : null,
      noticeReason: tenancy.noticeGivenOn ? "none" : null,
      noticeJustificationReceived: tenancy.noticeGivenOn ? false : null,
      noticePeriodMonths: tenancy.noticeGivenOn ? noticeMonths : null,
      endedOn: tenancy.endedOn,
      endReason: tenancy.endedOn ? ("departure" as const) : null,
    };
    tenantRows.push(lease);
    if (kind === "sliding_sublease" && slidingTarget) {
      // reviews every six months until the target: the past ones held and favourable, the next one to come
      for (let months = 6; ; months += 6) {
        const scheduledOn = addMonths(startDate, months);
        if (compareDates(scheduledOn, slidingTarget) >= 0) {
          reviewRows.push({ organisationId, leaseId: lease.id, scheduledOn: addDays(slidingTarget, -7) });
          break;
        }
        const past = compareDates(scheduledOn, today) < 0;
        reviewRows.push({
          organisationId,
          leaseId: lease.id,
          scheduledOn,
          heldOn: past ? scheduledOn : null,
          outcome: past ? ("favourable" as const) : null,
          notes: past ? "Loyers réglés, logement bien tenu" : null,
        });
      }
    }
    if (!documentedKinds.has(kind)) {
      documentedKinds.add(kind);
      documented.push(lease.id);
    }
    if (kind === "direct_lease" && unit.captureFormula === "management_mandate")
      signedMandateLeases.push({ lease, landlordId: unit.landlordId });
    leaseCount++;
  }
  // empty flats under a head lease since their capture (or since the last tenant left)
  for (const empty of plan.headLeasedEmpty) headLeaseOf(unitById.get(empty.unitId)!, empty.startDate, false);
  if (headRows.length > 0) await tx.insert(leases).values(headRows);
  if (tenantRows.length > 0) await tx.insert(leases).values(tenantRows);
  if (reviewRows.length > 0) await tx.insert(leaseReviews).values(reviewRows);
  if (documented.length > 0) {
    const rows = await tx
      .select()
      .from(leases)
      .where(and(eq(leases.organisationId, organisationId), inArray(leases.id, documented)));
    for (const row of rows) await generateLeaseDocuments(tx, context, audit, row);
  }

  // management mandates, once: the demo landlords' units (none when the register has begun)
  const [anyMandate] = await tx
    .select({ id: mandates.id })
    .from(mandates)
    .where(eq(mandates.organisationId, organisationId))
    .limit(1);
  if (anyMandate) return { leases: leaseCount, mandates: 0 };
  // signed mandates on the units let by direct lease under a management mandate (in the order of
  // their start: the register is chronological), then the demo landlord's newest mandate, on a flat
  // not let yet, left awaiting their signature in the portal
  const awaitingUnit = unitById.get(plan.pendingMandateUnitId)!;
  signedMandateLeases.sort((a, b) => compareDates(a.lease.startDate, b.lease.startDate));
  let mandateCount = 0;
  for (const [index, { lease, landlordId }] of signedMandateLeases.entries()) {
    const landlord = landlordById.get(landlordId)!;
    const mandate = await createMandateInTransaction(tx, context, audit, {
      unitId: lease.unitId,
      landlordId,
      startDate: addDays(lease.startDate, -10),
      durationMonths: 36,
      managementFeeBasisPoints: 700 + 50 * (index % 3),
      pack: {
        // the pack sécurisation: the unpaid-rent guarantee on every other mandate
        unpaidRentGuarantee: index % 2 === 0 ? { ceilingCents: 90_000 * 12, months: 12 } : null,
        repairAid: { ceilingCents: 150_000 },
        socialWatch: true,
      },
    });
    mandateCount++;
    await applyMandateSignature(tx, context, audit, mandate, {
      signerName: landlord.displayName,
      landlordName: landlord.displayName,
      ip: "127.0.0.1",
      userAgent: "données de démonstration",
    });
  }
  if (awaitingUnit) {
    await createMandateInTransaction(tx, context, audit, {
      unitId: awaitingUnit.id,
      landlordId: awaitingUnit.landlordId,
      startDate: `${addMonths(today, 1).slice(0, 7)}-01`,
      durationMonths: 36,
      managementFeeBasisPoints: 750,
      pack: {
        unpaidRentGuarantee: { ceilingCents: 90_000 * 12, months: 12 },
        repairAid: { ceilingCents: 150_000 },
        socialWatch: true,
      },
    });
    mandateCount++;
  }
  return { leases: leaseCount, mandates: mandateCount };
}
