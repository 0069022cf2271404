import { and, asc, eq, inArray, isNull, notExists } from "drizzle-orm";
import type { Clock } from "../../server/lib/clock";
import { addDays, addMonths, type IsoDate } from "../../server/lib/dates";
import type { AuditWriter } from "../../server/modules/audit/audit.service";
import type { SystemActor } from "../../server/modules/auth/actor";
import { generateLeaseDocuments } from "../../server/modules/leases/leases.service";
import { contractEndDate, minimumDurationMonths } from "../../server/modules/leases/leases.rules";
import {
  applyMandateSignature,
  createMandateInTransaction,
} from "../../server/modules/mandates/mandates.service";
import type { Db } from "../client";
import { landlords, leaseReviews, leases, mandates, organisations, persons, units } from "../schema";

/**
 * Demo contracts (issue 6 §6), written after the stock and the people exist: every housed demo
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
  const housed = await tx
    .select()
    .from(persons)
    .where(
      and(
        eq(persons.organisationId, organisationId),
        eq(persons.status, "housed"),
        notExists(
          tx
            .select({ id: leases.id })
            .from(leases)
            .where(and(eq(leases.organisationId, organisationId), eq(leases.personId, persons.id))),
        ),
      ),
    )
    .orderBy(asc(persons.lastName), asc(persons.id));
  const letUnits = await tx
    .select({ unit: units, landlordKind: landlords.kind, landlordAddress: landlords.postalAddress })
    .from(units)
    .innerJoin(
      landlords,
      and(eq(landlords.organisationId, units.organisationId), eq(landlords.id, units.landlordId)),
    )
    .where(
      and(
        eq(units.organisationId, organisationId),
        eq(units.status, "let"),
        notExists(
          tx
            .select({ id: leases.id })
            .from(leases)
            .where(
              and(
                eq(leases.organisationId, organisationId),
                eq(leases.unitId, units.id),
                inArray(leases.kind, [...tenantKinds]),
              ),
            ),
        ),
      ),
    )
    .orderBy(asc(units.reference), asc(units.id));

  let leaseCount = 0;
  const pairs = Math.min(housed.length, letUnits.length);
  for (let index = 0; index < pairs; index++) {
    const person = housed[index]!;
    const { unit, landlordKind, landlordAddress } = letUnits[index]!;
    // mostly sub-leases and sliding leases; every 5th a direct lease, every 7th a respite stay
    // mostly sub-leases and sliding leases; every 5th a direct lease (when the landlord's address
    // is known: art. 3 names the lessor's domicile), every 7th a respite stay
    const kind =
      index % 7 === 6
        ? "temporary_occupancy"
        : index % 5 === 4 && landlordAddress
          ? "direct_lease"
          : index % 2 === 1
            ? "sliding_sublease"
            : "sublease";
    const startDate: IsoDate = `${addMonths(today, -(6 + (index % 18))).slice(0, 7)}-01`;
    const durationMonths =
      kind === "temporary_occupancy"
        ? 6
        : minimumDurationMonths({ kind, landlordKind, furnished: unit.furnished })!;
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
    if (kind === "sublease" || kind === "sliding_sublease") {
      const headDuration = minimumDurationMonths({
        kind: "head_lease",
        landlordKind,
        furnished: unit.furnished,
      })!;
      const [head] = await tx
        .insert(leases)
        .values({
          ...base,
          kind: "head_lease",
          startDate: addDays(startDate, -15),
          durationMonths: headDuration,
          endDate: contractEndDate(addDays(startDate, -15), headDuration),
          depositCents: 0,
          signedOn: addDays(startDate, -20),
        })
        .returning();
      await generateLeaseDocuments(tx, context, audit, head!);
      headLeaseId = head!.id;
      leaseCount++;
    }
    const [lease] = await tx
      .insert(leases)
      .values({
        ...base,
        kind,
        personId: person.id,
        landlordId: kind === "direct_lease" ? unit.landlordId : base.landlordId,
        startDate,
        durationMonths,
        endDate: contractEndDate(startDate, durationMonths),
        depositCents: kind === "temporary_occupancy" ? 0 : unit.rentCents,
        // seed 000: paying every 15 days must be possible at once
        paymentFrequency: index % 3 === 0 ? "fortnightly" : "monthly",
        housingBenefitCents: person.housingBenefitCents,
        housingBenefitPaidToOperator: kind !== "direct_lease" && person.housingBenefitPaidToOperator,
        headLeaseId,
        slidingTargetDate: kind === "sliding_sublease" ? addMonths(startDate, 24) : null,
        slidingConditions:
          kind === "sliding_sublease"
            ? ["paiement régulier du loyer pendant douze mois", "entretien courant du logement assuré"]
            : null,
        signedOn: addDays(startDate, -3),
      })
      .returning();
    if (kind === "sliding_sublease") {
      // reviews every 6 months: the past ones held, the next one due within the month
      const reviewDates = [6, 12, 18].map((months) => addMonths(startDate, months));
      const firstFuture = reviewDates.findIndex((date) => date >= today);
      const dueSoon = addDays(today, 10 + (index % 15));
      await tx.insert(leaseReviews).values(
        reviewDates.map((scheduledOn, reviewIndex) => {
          const past = scheduledOn < today;
          return {
            organisationId,
            leaseId: lease!.id,
            scheduledOn: reviewIndex === firstFuture && dueSoon < scheduledOn ? dueSoon : scheduledOn,
            heldOn: past ? scheduledOn : null,
            outcome: past ? ("favourable" as const) : null,
            notes: past ? "Loyers réglés, logement bien tenu" : null,
          };
        }),
      );
    }
    await generateLeaseDocuments(tx, context, audit, lease!);
    leaseCount++;
  }

  // management mandates, once: the demo landlords' units (none when the register has begun)
  const [anyMandate] = await tx
    .select({ id: mandates.id })
    .from(mandates)
    .where(eq(mandates.organisationId, organisationId))
    .limit(1);
  if (anyMandate) return { leases: leaseCount, mandates: 0 };
  const mandateUnits = await tx
    .select({ unit: units, landlord: landlords })
    .from(units)
    .innerJoin(
      landlords,
      and(eq(landlords.organisationId, units.organisationId), eq(landlords.id, units.landlordId)),
    )
    .where(
      and(
        eq(units.organisationId, organisationId),
        notExists(
          tx
            .select({ id: mandates.id })
            .from(mandates)
            .where(and(eq(mandates.organisationId, organisationId), eq(mandates.unitId, units.id))),
        ),
      ),
    )
    .orderBy(asc(units.reference), asc(units.id));
  const chosen = [
    ...mandateUnits.filter((row) => row.landlord.id === options.demoLandlordId).slice(0, 3),
    ...mandateUnits.filter((row) => row.landlord.id !== options.demoLandlordId).slice(0, 3),
  ];
  let mandateCount = 0;
  let awaitingLeft = false;
  for (const [index, { unit, landlord }] of chosen.entries()) {
    const mandate = await createMandateInTransaction(tx, context, audit, {
      unitId: unit.id,
      landlordId: landlord.id,
      startDate: `${addMonths(today, -index).slice(0, 7)}-01`,
      durationMonths: 36,
      managementFeeBasisPoints: 700 + 50 * (index % 3),
      pack: {
        unpaidRentGuarantee: index % 2 === 0 ? { ceilingCents: 90_000 * 12, months: 12 } : null,
        repairAid: { ceilingCents: 150_000 },
        socialWatch: true,
      },
    });
    mandateCount++;
    // the demo landlord's most recent mandate waits for their signature in the portal
    if (landlord.id === options.demoLandlordId && !awaitingLeft) {
      awaitingLeft = true;
      continue;
    }
    await applyMandateSignature(tx, context, audit, mandate, {
      signerName: landlord.displayName,
      landlordName: landlord.displayName,
      ip: "127.0.0.1",
      userAgent: "données de démonstration",
    });
  }
  return { leases: leaseCount, mandates: mandateCount };
}
