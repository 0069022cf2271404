import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, isNull, notExists, or } from "drizzle-orm";
import type { Clock } from "../../server/lib/clock";
import { addDays, addMonths, compareDates, type IsoDate } from "../../server/lib/dates";
import type { AuditWriter } from "../../server/modules/audit/audit.service";
import type { SystemActor } from "../../server/modules/auth/actor";
import { generateLeaseDocuments } from "../../server/modules/leases/leases.service";
import { contractEndDate, minimumDurationMonths } from "../../server/modules/leases/leases.rules";
import {
  applyMandateSignature,
  createMandateInTransaction,
} from "../../server/modules/mandates/mandates.service";
import type { Db } from "../client";
import {
  landlords,
  leaseReviews,
  leases,
  mandates,
  offers,
  organisations,
  persons,
  units,
  unitTransitions,
} from "../schema";

/**
 * Contract PDFs are generated for the first leases of the demo (a few of every kind) and kept
 * out of the rest: rendering ~70 PDFs would double the start time of a fresh demo; the others are
 * rendered when a user acts on the lease.
 */
const withDocuments = (index: number) => index < DOCUMENTED_LEASES;
const DOCUMENTED_LEASES = 6;

/**
 * Demo contracts, written after the stock and the people exist: every housed demo
 * person without a contract gets one on a let unit without one — sub-leases under the
 * operator's head lease, sliding leases with reviews (one due within the month), a direct lease
 * and a respite agreement — and the demo landlords' units get management mandates, all signed
 * but one left awaiting the demo landlord's signature in the portal. Idempotent per person and
 * unit: nothing is written twice.
 */
export async function seedDemoContracts(
  tx: Db,
  clock: Clock,
  audit: AuditWriter,
  options: { organisationId: string; demoLandlordId: string },
): Promise<{ leases: number; mandates: number }> {
  const { organisationId } = options;
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

  const tenantKinds = ["sublease", "sliding_sublease", "direct_lease", "temporary_occupancy"] as const;
  // every housed person without a contract, on the unit of the offer they accepted (demo-persons.ts)
  const housed = await tx
    .select({
      person: persons,
      unit: units,
      landlordKind: landlords.kind,
      landlordAddress: landlords.postalAddress,
    })
    .from(persons)
    .innerJoin(
      offers,
      and(
        eq(offers.organisationId, persons.organisationId),
        eq(offers.personId, persons.id),
        eq(offers.status, "accepted"),
      ),
    )
    .innerJoin(units, and(eq(units.organisationId, offers.organisationId), eq(units.id, offers.unitId)))
    .innerJoin(
      landlords,
      and(eq(landlords.organisationId, units.organisationId), eq(landlords.id, units.landlordId)),
    )
    .where(
      and(
        eq(persons.organisationId, organisationId),
        eq(persons.status, "housed"),
        inArray(units.status, ["let", "notice_given"]),
        notExists(
          tx
            .select({ id: leases.id })
            .from(leases)
            .where(
              and(
                eq(leases.organisationId, organisationId),
                or(eq(leases.personId, persons.id), eq(leases.unitId, units.id)),
                inArray(leases.kind, [...tenantKinds]),
              ),
            ),
        ),
      ),
    )
    .orderBy(asc(units.reference), asc(units.id));
  // the day each unit was let: its tenant's lease starts then
  const letRows = housed.length
    ? await tx
        .select({ unitId: unitTransitions.unitId, effectiveDate: unitTransitions.effectiveDate })
        .from(unitTransitions)
        .where(
          and(
            eq(unitTransitions.organisationId, organisationId),
            eq(unitTransitions.toStatus, "let"),
            inArray(
              unitTransitions.unitId,
              housed.map((row) => row.unit.id),
            ),
          ),
        )
    : [];
  const letOn = new Map(letRows.map((row) => [row.unitId, row.effectiveDate as IsoDate]));

  let leaseCount = 0;
  let respite = 0;
  // rows built first, written in three statements (head leases, tenant leases, reviews)
  const headRows: (typeof leases.$inferInsert & { id: string })[] = [];
  const tenantRows: (typeof leases.$inferInsert & { id: string })[] = [];
  const reviewRows: (typeof leaseReviews.$inferInsert)[] = [];
  const documented: string[] = [];
  const signedMandateLeases: { lease: { unitId: string; startDate: IsoDate }; landlordId: string }[] = [];
  for (const [index, { person, unit, landlordKind, landlordAddress }] of housed.entries()) {
    const startDate: IsoDate =
      letOn.get(unit.id) ?? `${addMonths(today, -(6 + (index % 18))).slice(0, 7)}-01`;
    const monthsAgo = Math.round((Date.parse(today) - Date.parse(startDate)) / (30.44 * 86_400_000));
    // the unit's capture formula decides the contract: head lease → sub-lease (a recent one now
    // and then a respite stay), sliding lease → sliding sub-lease, mandate or direct → direct lease
    // (when the landlord's address is known: art. 3 names the lessor's domicile)
    const kind =
      (unit.captureFormula === "management_mandate" || unit.captureFormula === "direct_lease") &&
      landlordAddress
        ? "direct_lease"
        : unit.captureFormula === "sliding_lease"
          ? "sliding_sublease"
          : monthsAgo <= 5 && respite++ % 2 === 0
            ? "temporary_occupancy"
            : "sublease";
    const durationMonths =
      kind === "temporary_occupancy"
        ? 6
        : minimumDurationMonths({ kind, landlordKind, furnished: unit.furnished })!;
    const noticeGiven = unit.status === "notice_given";
    const base = {
      organisationId,
      unitId: unit.id,
      landlordId: unit.landlordId,
      rentCents: unit.rentCents,
      chargesCents: unit.chargesCents,
      irlReferenceQuarter: "T2",
      paymentDay: 5,
      furnished: unit.furnished,
      status: "signed" as const,
    };
    let headLeaseId: string | null = null;
    if (kind !== "direct_lease") {
      // the head lease landlord → organisation starts before the occupant moves in: those days
      // are vacancy, paid by the operator (IML cost)
      const headStart = addDays(startDate, -(10 + (index % 3) * 10));
      const headDuration = minimumDurationMonths({
        kind: "head_lease",
        landlordKind,
        furnished: unit.furnished,
      })!;
      const head = { id: randomUUID() };
      headRows.push({
        ...head,
        ...base,
        kind: "head_lease",
        startDate: headStart,
        durationMonths: headDuration,
        endDate: contractEndDate(headStart, headDuration),
        depositCents: 0,
        signedOn: addDays(headStart, -5),
      });
      if (withDocuments(index)) documented.push(head.id);
      headLeaseId = head.id;
      leaseCount++;
    }
    const lease = { id: randomUUID(), ...base, kind, startDate };
    tenantRows.push({
      ...base,
      id: lease.id,
      kind,
      personId: person.id,
      landlordId: unit.landlordId,
      startDate,
      durationMonths,
      endDate: contractEndDate(startDate, durationMonths),
      depositCents: kind === "temporary_occupancy" ? 0 : unit.rentCents,
      // seed 000: paying every 15 days must be possible at once
      paymentFrequency: index % 4 === 0 ? "fortnightly" : "monthly",
      housingBenefitCents: person.housingBenefitCents,
      housingBenefitPaidToOperator: kind !== "direct_lease" && person.housingBenefitPaidToOperator,
      headLeaseId,
      slidingTargetDate: kind === "sliding_sublease" ? addMonths(startDate, 24) : null,
      slidingConditions:
        kind === "sliding_sublease"
          ? ["paiement régulier du loyer pendant douze mois", "entretien courant du logement assuré"]
          : null,
      signedOn: addDays(startDate, -3),
      // the occupant of a notice-given unit gave notice the day the unit changed state
      ...(noticeGiven ? { status: "notice_given" as const, noticeGivenOn: unit.statusSince } : {}),
    });
    if (kind === "sliding_sublease") {
      // reviews every 6 months: the past ones held, the next one due within the month
      const reviewDates = [6, 12, 18, 24].map((months) => addMonths(startDate, months));
      const firstFuture = reviewDates.findIndex((date) => date >= today);
      const dueSoon = addDays(today, 5 + (index % 20));
      reviewRows.push(
        ...reviewDates.map((scheduledOn, reviewIndex) => {
          const past = scheduledOn < today;
          return {
            organisationId,
            leaseId: lease.id,
            scheduledOn: reviewIndex === firstFuture && dueSoon < scheduledOn ? dueSoon : scheduledOn,
            heldOn: past ? scheduledOn : null,
            outcome: past ? ("favourable" as const) : null,
            notes: past ? "Loyers réglés, logement bien tenu" : null,
          };
        }),
      );
    }
    if (withDocuments(index)) documented.push(lease.id);
    if (kind === "direct_lease" && unit.captureFormula === "management_mandate")
      signedMandateLeases.push({ lease, landlordId: unit.landlordId! });
    leaseCount++;
  }
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
  const [awaitingUnit] = await tx
    .select({ unit: units, landlord: landlords })
    .from(units)
    .innerJoin(
      landlords,
      and(eq(landlords.organisationId, units.organisationId), eq(landlords.id, units.landlordId)),
    )
    .where(
      and(
        eq(units.organisationId, organisationId),
        eq(units.landlordId, options.demoLandlordId),
        inArray(units.status, ["agreed", "available", "vacant"]),
      ),
    )
    .orderBy(asc(units.reference), asc(units.id))
    .limit(1);
  const landlordRows = await tx.select().from(landlords).where(eq(landlords.organisationId, organisationId));
  const landlordById = new Map(landlordRows.map((row) => [row.id, row]));
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
      unitId: awaitingUnit.unit.id,
      landlordId: awaitingUnit.landlord.id,
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
