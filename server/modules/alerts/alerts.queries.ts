import { and, desc, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { landlords, leases, offerPanels, offers, persons } from "../../../db/schema";
import { TENANT_CONTRACT_KINDS } from "../leases/leases.rules";

export async function findActivePersons(db: Db, organisationId: string) {
  return db
    .select({
      id: persons.id,
      firstName: persons.firstName,
      lastName: persons.lastName,
      status: persons.status,
      entryDate: persons.entryDate,
      suspendedOn: persons.suspendedOn,
      relocationRequested: persons.relocationRequested,
      resources: persons.resources,
      housingBenefitCents: persons.housingBenefitCents,
      housingBenefitBasis: persons.housingBenefitBasis,
    })
    .from(persons)
    .where(and(eq(persons.organisationId, organisationId), ne(persons.status, "left")));
}

export async function findOpenPanels(db: Db, organisationId: string) {
  return db
    .select()
    .from(offerPanels)
    .where(and(eq(offerPanels.organisationId, organisationId), eq(offerPanels.status, "open")));
}

/** The tenant-side leases in force of these people (newest first). */
export async function findLeasesInForce(db: Db, organisationId: string, personIds: readonly string[]) {
  if (personIds.length === 0) return [];
  return db
    .select({
      personId: leases.personId,
      rentCents: leases.rentCents,
      chargesCents: leases.chargesCents,
      housingBenefitCents: leases.housingBenefitCents,
    })
    .from(leases)
    .where(
      and(
        eq(leases.organisationId, organisationId),
        inArray(leases.personId, [...personIds]),
        inArray(leases.status, ["signed", "notice_given"]),
        inArray(leases.kind, [...TENANT_CONTRACT_KINDS]),
      ),
    )
    .orderBy(desc(leases.startDate));
}

/** The accepted offers of these people (newest first): the flat they chose, before the lease exists. */
export async function findAcceptedOffers(db: Db, organisationId: string, personIds: readonly string[]) {
  if (personIds.length === 0) return [];
  return db
    .select({ personId: offers.personId, figures: offers.figures })
    .from(offers)
    .where(
      and(
        eq(offers.organisationId, organisationId),
        inArray(offers.personId, [...personIds]),
        eq(offers.status, "accepted"),
      ),
    )
    .orderBy(desc(offers.decidedOn));
}

/** Sliding sub-leases in force whose landlord is a social landlord, with their tenant's name. */
export async function findSocialSlidingLeases(db: Db, organisationId: string) {
  return db
    .select({
      leaseId: leases.id,
      personId: leases.personId,
      firstName: persons.firstName,
      lastName: persons.lastName,
      targetDate: leases.slidingTargetDate,
      prefectInformedOn: leases.prefectInformedOn,
    })
    .from(leases)
    .innerJoin(
      landlords,
      and(eq(landlords.organisationId, leases.organisationId), eq(landlords.id, leases.landlordId)),
    )
    .leftJoin(
      persons,
      and(eq(persons.organisationId, leases.organisationId), eq(persons.id, leases.personId)),
    )
    .where(
      and(
        eq(leases.organisationId, organisationId),
        eq(leases.kind, "sliding_sublease"),
        eq(leases.status, "signed"),
        eq(landlords.kind, "social_landlord"),
      ),
    );
}
