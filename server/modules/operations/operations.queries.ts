import { and, count, eq, inArray } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { organisations, persons } from "../../../db/schema";
import { programmeParameterColumns } from "../persons/persons.queries";

/** Every organisation with the programme deadlines its gauges are computed against. */
export async function listOrganisationsForGauges(db: Db) {
  return db
    .select({ id: organisations.id, name: organisations.name, ...programmeParameterColumns })
    .from(organisations)
    .orderBy(organisations.name);
}

/** People by organisation and status: one grouped scan for the whole service. */
export async function countPersonsByStatus(db: Db) {
  return db
    .select({ organisationId: persons.organisationId, status: persons.status, people: count() })
    .from(persons)
    .groupBy(persons.organisationId, persons.status);
}

/** The people of one organisation a first offer may still be owed to, with their day 1. */
export async function findPeopleAwaitingFirstOffer(db: Db, organisationId: string) {
  return db
    .select({ id: persons.id, status: persons.status, entryDate: persons.entryDate })
    .from(persons)
    .where(and(eq(persons.organisationId, organisationId), inArray(persons.status, ["waiting", "offered"])));
}
