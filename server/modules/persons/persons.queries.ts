import { and, asc, count, eq, gte, inArray, isNull, max, ne, sql } from "drizzle-orm";
import { ACCENTED, searchKey, UNACCENTED } from "./persons.rules";
import type { Db } from "../../../db/client";
import {
  admissions,
  housingChoices,
  neighbourhoods,
  offerPanels,
  organisations,
  persons,
} from "../../../db/schema";
import type { AdmissionFact, PanelFact } from "./persons.rules";
import type { PageRequest } from "../../lib/pagination";

export type PersonRow = typeof persons.$inferSelect;
export type ChoicesRow = typeof housingChoices.$inferSelect;

/** The programme rules the organisation tunes (capacity, deadlines, panel size, 30% ceiling). */
export const programmeParameterColumns = {
  capacity: organisations.capacity,
  firstOfferDeadlineWeeks: organisations.firstOfferDeadlineWeeks,
  minimumPanelSize: organisations.minimumPanelSize,
  residualRentCeilingBasisPoints: organisations.residualRentCeilingBasisPoints,
  panelExpiryDays: organisations.panelExpiryDays,
  reofferDeadlineWeeks: organisations.reofferDeadlineWeeks,
};

export async function findProgrammeParameters(db: Db, organisationId: string) {
  const [row] = await db
    .select(programmeParameterColumns)
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  return row ?? null;
}
export type ProgrammeParameters = NonNullable<Awaited<ReturnType<typeof findProgrammeParameters>>>;

export async function findPerson(db: Db, organisationId: string, personId: string, forUpdate = false) {
  const query = db
    .select()
    .from(persons)
    .where(and(eq(persons.organisationId, organisationId), eq(persons.id, personId)));
  const [row] = forUpdate ? await query.for("update") : await query;
  return row ?? null;
}

export async function findChoices(db: Db, organisationId: string, personId: string) {
  const [row] = await db
    .select()
    .from(housingChoices)
    .where(and(eq(housingChoices.organisationId, organisationId), eq(housingChoices.personId, personId)));
  return row ?? null;
}

/**
 * The panels of each person's current admission (made on or after day 1), oldest first: the
 * 8-week duty and the re-offers are judged on them. A readmission moves day 1, so the panels of
 * an earlier admission drop out.
 */
export async function admissionPanelFacts(db: Db, organisationId: string, personIds?: readonly string[]) {
  const facts = new Map<string, PanelFact[]>();
  if (personIds && personIds.length === 0) return facts;
  const rows = await db
    .select({
      personId: offerPanels.personId,
      proposedOn: offerPanels.proposedOn,
      status: offerPanels.status,
      closedOn: offerPanels.closedOn,
    })
    .from(offerPanels)
    .innerJoin(
      persons,
      and(eq(persons.organisationId, offerPanels.organisationId), eq(persons.id, offerPanels.personId)),
    )
    .where(
      and(
        eq(offerPanels.organisationId, organisationId),
        gte(offerPanels.proposedOn, persons.entryDate),
        personIds ? inArray(offerPanels.personId, [...personIds]) : undefined,
      ),
    )
    .orderBy(asc(offerPanels.proposedOn), asc(offerPanels.createdAt));
  for (const { personId, ...fact } of rows) {
    const list = facts.get(personId) ?? [];
    list.push(fact);
    facts.set(personId, list);
  }
  return facts;
}

/** The date of each person's first offer of the current admission. */
export async function firstOfferDates(db: Db, organisationId: string, personIds?: readonly string[]) {
  const facts = await admissionPanelFacts(db, organisationId, personIds);
  return new Map([...facts].map(([personId, list]) => [personId, list[0]!.proposedOn]));
}

function personListConditions(organisationId: string, filter: { status?: PersonRow["status"]; q?: string }) {
  const key = filter.q ? searchKey(filter.q) : "";
  const pattern = key ? `%${key.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  // "first last first": both "aicha benali" and "benali aicha" match
  const names = sql`lower(${persons.firstName} || ' ' || ${persons.lastName} || ' ' || ${persons.firstName})`;
  const folded = sql`regexp_replace(regexp_replace(translate(${names}, ${ACCENTED}, ${UNACCENTED}), '[œŒ]', 'oe', 'g'), '[æÆ]', 'ae', 'g')`;
  return and(
    eq(persons.organisationId, organisationId),
    filter.status ? eq(persons.status, filter.status) : undefined,
    pattern ? sql`${folded} like ${pattern}` : undefined,
  );
}

export async function listPersons(
  db: Db,
  organisationId: string,
  filter: { status?: PersonRow["status"]; q?: string },
  page: PageRequest,
) {
  return db
    .select({
      id: persons.id,
      firstName: persons.firstName,
      lastName: persons.lastName,
      status: persons.status,
      entryDate: persons.entryDate,
      leftOn: persons.leftOn,
      relocationRequested: persons.relocationRequested,
    })
    .from(persons)
    .where(personListConditions(organisationId, filter))
    .orderBy(asc(persons.lastName), asc(persons.firstName), asc(persons.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countPersons(
  db: Db,
  organisationId: string,
  filter: { status?: PersonRow["status"]; q?: string },
): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(persons)
    .where(personListConditions(organisationId, filter));
  return row?.n ?? 0;
}

export async function insertPerson(db: Db, values: typeof persons.$inferInsert) {
  const [row] = await db.insert(persons).values(values).returning();
  return row!;
}

export async function updatePerson(
  db: Db,
  organisationId: string,
  personId: string,
  values: Partial<typeof persons.$inferInsert>,
) {
  const [row] = await db
    .update(persons)
    .set({ ...values, updatedAt: sql`now()` })
    .where(and(eq(persons.organisationId, organisationId), eq(persons.id, personId)))
    .returning();
  return row!;
}

export async function upsertChoices(db: Db, values: typeof housingChoices.$inferInsert) {
  const { organisationId: _o, personId: _p, ...changes } = values;
  const [row] = await db
    .insert(housingChoices)
    .values(values)
    .onConflictDoUpdate({
      target: [housingChoices.organisationId, housingChoices.personId],
      set: { ...changes, updatedAt: sql`now()` },
    })
    .returning();
  return row!;
}

/** Which of these neighbourhood ids belong to the organisation. */
export async function existingNeighbourhoodIds(db: Db, organisationId: string, ids: readonly string[]) {
  if (ids.length === 0) return new Set<string>();
  const rows = await db
    .select({ id: neighbourhoods.id })
    .from(neighbourhoods)
    .where(and(eq(neighbourhoods.organisationId, organisationId), inArray(neighbourhoods.id, [...ids])));
  return new Set(rows.map((row) => row.id));
}

export async function hasOpenPanel(db: Db, organisationId: string, personId: string) {
  const [row] = await db
    .select({ id: offerPanels.id })
    .from(offerPanels)
    .where(
      and(
        eq(offerPanels.organisationId, organisationId),
        eq(offerPanels.personId, personId),
        eq(offerPanels.status, "open"),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** People the site follows: admitted and not gone (a suspended person keeps a place). */
export async function countFollowed(db: Db, organisationId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(persons)
    .where(and(eq(persons.organisationId, organisationId), ne(persons.status, "left")));
  return Number(row?.n ?? 0);
}

/** Every panel of each person, whatever the admission, oldest first: the admission history splits them. */
export async function allPanelFacts(db: Db, organisationId: string, personIds?: readonly string[]) {
  const facts = new Map<string, PanelFact[]>();
  if (personIds && personIds.length === 0) return facts;
  const rows = await db
    .select({
      personId: offerPanels.personId,
      proposedOn: offerPanels.proposedOn,
      status: offerPanels.status,
      closedOn: offerPanels.closedOn,
    })
    .from(offerPanels)
    .where(
      and(
        eq(offerPanels.organisationId, organisationId),
        personIds ? inArray(offerPanels.personId, [...personIds]) : undefined,
      ),
    )
    .orderBy(asc(offerPanels.proposedOn), asc(offerPanels.createdAt));
  for (const { personId, ...fact } of rows) facts.set(personId, [...(facts.get(personId) ?? []), fact]);
  return facts;
}

/** The stored admissions of each person, oldest first. */
export async function findAdmissions(db: Db, organisationId: string, personIds?: readonly string[]) {
  const byPerson = new Map<string, AdmissionFact[]>();
  if (personIds && personIds.length === 0) return byPerson;
  const rows = await db
    .select({
      personId: admissions.personId,
      sequence: admissions.sequence,
      admittedOn: admissions.admittedOn,
      endedOn: admissions.endedOn,
      outcome: admissions.outcome,
      leftReason: admissions.leftReason,
    })
    .from(admissions)
    .where(
      and(
        eq(admissions.organisationId, organisationId),
        personIds ? inArray(admissions.personId, [...personIds]) : undefined,
      ),
    )
    .orderBy(asc(admissions.personId), asc(admissions.sequence));
  for (const { personId, ...fact } of rows) byPerson.set(personId, [...(byPerson.get(personId) ?? []), fact]);
  return byPerson;
}

/** A new admission, numbered after the person's earlier ones. */
export async function insertAdmission(
  db: Db,
  values: { organisationId: string; personId: string; admittedOn: string },
) {
  const [last] = await db
    .select({ sequence: max(admissions.sequence) })
    .from(admissions)
    .where(
      and(eq(admissions.organisationId, values.organisationId), eq(admissions.personId, values.personId)),
    );
  await db.insert(admissions).values({ ...values, sequence: (last?.sequence ?? 0) + 1 });
}

/**
 * The person's admission under way (none ended yet), if any: its day 1 follows a correction of
 * the person's, or it ends (an exit, or a new admission after a lapsed right).
 */
export async function updateOpenAdmission(
  db: Db,
  organisationId: string,
  personId: string,
  change:
    | { admittedOn: string }
    | { endedOn: string; outcome: "left" | "readmitted"; leftReason: string | null },
) {
  await db
    .update(admissions)
    .set({ ...change, updatedAt: sql`now()` })
    .where(
      and(
        eq(admissions.organisationId, organisationId),
        eq(admissions.personId, personId),
        isNull(admissions.endedOn),
      ),
    );
}

/** Stores admissions as they are (a person loaded in bulk without any gets its current one written). */
export async function insertAdmissionFacts(
  db: Db,
  organisationId: string,
  personId: string,
  facts: readonly AdmissionFact[],
) {
  if (facts.length === 0) return;
  await db.insert(admissions).values(facts.map((fact) => ({ organisationId, personId, ...fact })));
}
