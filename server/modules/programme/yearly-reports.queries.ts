import { and, asc, count, eq, inArray, isNotNull, ne } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { leases, offerPanels, offers, persons, pseudonymKeys, relocations } from "../../../db/schema";
import { TENANT_CONTRACT_KINDS } from "../leases/leases.rules";

/**
 * The reads of the yearly reports: the facts of every person, panel, offer, tenant contract and
 * relocation of the organisation (a site follows about a hundred people: the whole history is
 * small). Only the columns the reports need: never a name, contact or note.
 */
export async function findReportPersons(db: Db, organisationId: string) {
  return db
    .select({
      id: persons.id,
      birthDate: persons.birthDate,
      adults: persons.adults,
      children: persons.children,
      entryDate: persons.entryDate,
      leftOn: persons.leftOn,
      leftReason: persons.leftReason,
      status: persons.status,
      suspendedOn: persons.suspendedOn,
      relocationRequested: persons.relocationRequested,
    })
    .from(persons)
    .where(eq(persons.organisationId, organisationId))
    .orderBy(asc(persons.id));
}

/** Every panel with its number of flats. */
export async function findReportPanels(db: Db, organisationId: string) {
  const rows = await db
    .select({
      id: offerPanels.id,
      personId: offerPanels.personId,
      proposedOn: offerPanels.proposedOn,
      status: offerPanels.status,
      closedOn: offerPanels.closedOn,
      reasonIfFewer: offerPanels.reasonIfFewer,
      size: count(offers.id),
    })
    .from(offerPanels)
    .leftJoin(
      offers,
      and(eq(offers.organisationId, offerPanels.organisationId), eq(offers.panelId, offerPanels.id)),
    )
    .where(eq(offerPanels.organisationId, organisationId))
    .groupBy(offerPanels.organisationId, offerPanels.id)
    .orderBy(asc(offerPanels.proposedOn), asc(offerPanels.createdAt));
  return rows.map((row) => ({ ...row, size: Number(row.size) }));
}

/** The declined offers: when, by whom, the coded reason. */
export async function findDeclinedOffers(db: Db, organisationId: string) {
  return db
    .select({
      decidedOn: offers.decidedOn,
      declinedBy: offers.declinedBy,
      declineReason: offers.declineReason,
    })
    .from(offers)
    .where(and(eq(offers.organisationId, organisationId), eq(offers.status, "declined")));
}

/** The tenant contracts that were signed (drafts never housed anyone). */
export async function findReportTenancies(db: Db, organisationId: string) {
  return db
    .select({
      personId: leases.personId,
      kind: leases.kind,
      startDate: leases.startDate,
      endedOn: leases.endedOn,
      endReason: leases.endReason,
    })
    .from(leases)
    .where(
      and(
        eq(leases.organisationId, organisationId),
        inArray(leases.kind, [...TENANT_CONTRACT_KINDS]),
        ne(leases.status, "draft"),
        isNotNull(leases.personId),
      ),
    );
}

export async function findReportRelocations(db: Db, organisationId: string) {
  return db
    .select({
      personId: relocations.personId,
      requestedOn: relocations.requestedOn,
      status: relocations.status,
      closedOn: relocations.closedOn,
      pdalhpdPriorityOn: relocations.pdalhpdPriorityOn,
    })
    .from(relocations)
    .where(eq(relocations.organisationId, organisationId));
}

export async function findPseudonymKey(db: Db, organisationId: string) {
  const [row] = await db
    .select({ key: pseudonymKeys.key })
    .from(pseudonymKeys)
    .where(eq(pseudonymKeys.organisationId, organisationId));
  return row?.key ?? null;
}

/** Keeps the first key drawn: two first exports at once agree on the one stored. */
export async function insertPseudonymKeyIfMissing(db: Db, organisationId: string, key: string) {
  await db.insert(pseudonymKeys).values({ organisationId, key }).onConflictDoNothing();
}
