import type { z } from "@hono/zod-openapi";
import { refuseFutureDates } from "../../lib/date-bounds";
import type { Db } from "../../../db/client";
import { compareDates, type IsoDate } from "../../lib/dates";
import { AppError, type InvalidField } from "../../lib/errors";
import { type PageRequest, pageOfRows } from "../../lib/pagination";
import { cachedJson } from "../../lib/read-cache";
import { inUseCaseTransaction, type UseCaseContext } from "../../lib/use-case-context";
import { type AuditWriter, recordRead } from "../audit/audit.service";
import { totalResources } from "../matching/residual-rent.rules";
import { admissionCapacityWarning } from "../programme/programme.rules";
import {
  type ChoicesRow,
  existingNeighbourhoodIds,
  findChoices,
  findPerson,
  admissionPanelFacts,
  allPanelFacts,
  countFollowed,
  findAdmissions,
  insertAdmission,
  insertAdmissionFacts,
  findProgrammeParameters,
  hasOpenPanel,
  insertPerson,
  listPersons,
  countPersons,
  type PersonRow,
  type ProgrammeParameters,
  updateOpenAdmission,
  updatePerson,
  upsertChoices,
} from "./persons.queries";
import {
  admissionDuties,
  admissionsOf,
  applyStatusChange,
  lastStatusChangeOn,
  offerDuty,
  type PanelFact,
  reentryRightEndsOn,
} from "./persons.rules";
import type {
  ChoicesSchema,
  CreatePersonBody,
  HousingBenefitRightsBody,
  PersonListQuery,
  StatusChangeBody,
  UpdatePersonBody,
} from "./persons.schemas";

type Choices = z.infer<typeof ChoicesSchema>;

export async function requireParameters(db: Db, organisationId: string): Promise<ProgrammeParameters> {
  const parameters = await findProgrammeParameters(db, organisationId);
  if (!parameters) throw AppError.notFound("Organisation", organisationId);
  return parameters;
}

export async function requirePerson(db: Db, organisationId: string, personId: string, forUpdate = false) {
  const person = await findPerson(db, organisationId, personId, forUpdate);
  if (!person) throw AppError.notFound("Personne", personId);
  return person;
}

/** A person is owed an offer while waiting, or housed with a relocation requested. */
export function awaitingOffer(person: Pick<PersonRow, "status" | "relocationRequested">): boolean {
  return person.status === "waiting" || (person.status === "housed" && person.relocationRequested);
}

function deadlineOf(
  person: Pick<PersonRow, "entryDate" | "status" | "relocationRequested" | "leftOn">,
  parameters: ProgrammeParameters,
  today: IsoDate,
  panels: readonly PanelFact[],
) {
  // a person who left: the duty stands as it was on the day the admission ended, no longer counting
  const asOf =
    person.status === "left" && person.leftOn && compareDates(person.leftOn, today) < 0
      ? person.leftOn
      : today;
  return offerDuty({
    entryDate: person.entryDate,
    deadlineWeeks: parameters.firstOfferDeadlineWeeks,
    reofferWeeks: parameters.reofferDeadlineWeeks,
    today: asOf,
    panels,
    awaitingOffer: awaitingOffer(person),
  });
}

function choicesView(row: ChoicesRow | null): Choices | null {
  if (!row) return null;
  return {
    wantedNeighbourhoodIds: row.wantedNeighbourhoodIds,
    excludedNeighbourhoodIds: row.excludedNeighbourhoodIds,
    placesThatMatter: row.placesThatMatter,
    typologyMin: row.typologyMin,
    typologyMax: row.typologyMax,
    highestFloorWithoutLift: row.highestFloorWithoutLift,
    needsWheelchairAccess: row.needsWheelchairAccess,
    needsStepFree: row.needsStepFree,
    wantsFurnished: row.wantsFurnished,
    hasPets: row.hasPets,
    notes: row.notes,
  };
}

/** Each admission of the person with its own 8-week duty, the one under way last. */
function admissionHistory(
  person: PersonRow,
  parameters: ProgrammeParameters,
  today: IsoDate,
  stored: ReturnType<typeof admissionsOf>,
  allPanels: readonly PanelFact[],
) {
  return admissionDuties({
    admissions: admissionsOf(person, stored),
    panels: allPanels,
    deadlineWeeks: parameters.firstOfferDeadlineWeeks,
    reofferWeeks: parameters.reofferDeadlineWeeks,
    today,
    awaitingOffer: awaitingOffer(person),
  }).map((admission) => ({
    sequence: admission.sequence,
    admittedOn: admission.admittedOn,
    endedOn: admission.endedOn,
    outcome: admission.outcome,
    leftReason: admission.leftReason,
    firstOfferDeadline: admission.duty.firstOfferDeadline,
    firstOfferOn: admission.duty.firstOfferOn,
    daysToFirstOffer: admission.daysToFirstOffer,
    state: admission.duty.state,
    daysLate: admission.duty.daysLate,
  }));
}

function personView(
  person: PersonRow,
  choices: ChoicesRow | null,
  parameters: ProgrammeParameters,
  today: IsoDate,
  panels: readonly PanelFact[],
  admissions: ReturnType<typeof admissionHistory>,
) {
  return {
    id: person.id,
    firstName: person.firstName,
    lastName: person.lastName,
    birthDate: person.birthDate,
    phone: person.phone,
    email: person.email,
    emailConsent: person.emailConsent,
    adults: person.adults,
    children: person.children,
    resources: person.resources,
    resourcesTotalCents: totalResources(person.resources),
    housingBenefitCents: person.housingBenefitCents,
    housingBenefitPaidToOperator: person.housingBenefitPaidToOperator,
    housingBenefitBasis: person.housingBenefitBasis,
    housingBenefitRightsOpenedOn: person.housingBenefitRightsOpenedOn,
    entryDate: person.entryDate,
    status: person.status,
    suspendedOn: person.suspendedOn,
    reentryRightEndsOn: person.suspendedOn ? reentryRightEndsOn(person.suspendedOn) : null,
    leftOn: person.leftOn,
    leftReason: person.leftReason,
    relocationRequested: person.relocationRequested,
    deadline: deadlineOf(person, parameters, today, panels),
    admissions,
    choices: choicesView(choices),
  };
}
export type PersonView = ReturnType<typeof personView>;

async function loadView(tx: Db, organisationId: string, person: PersonRow, today: IsoDate) {
  const [choices, parameters, firsts, stored, allPanels] = [
    await findChoices(tx, organisationId, person.id),
    await requireParameters(tx, organisationId),
    await admissionPanelFacts(tx, organisationId, [person.id]),
    await findAdmissions(tx, organisationId, [person.id]),
    await allPanelFacts(tx, organisationId, [person.id]),
  ];
  const history = admissionHistory(
    person,
    parameters,
    today,
    stored.get(person.id) ?? [],
    allPanels.get(person.id) ?? [],
  );
  return personView(person, choices, parameters, today, firsts.get(person.id) ?? [], history);
}

/** Neighbourhood ids of the choices must be the organisation's own; a place cannot be wanted and excluded. */
async function validateChoices(tx: Db, organisationId: string, choices: Choices) {
  const errors: InvalidField[] = [];
  const known = await existingNeighbourhoodIds(tx, organisationId, [
    ...choices.wantedNeighbourhoodIds,
    ...choices.excludedNeighbourhoodIds,
  ]);
  choices.wantedNeighbourhoodIds.forEach((id, index) => {
    if (!known.has(id)) errors.push({ path: `wantedNeighbourhoodIds.${index}`, message: "Quartier inconnu" });
    if (choices.excludedNeighbourhoodIds.includes(id))
      errors.push({
        path: `wantedNeighbourhoodIds.${index}`,
        message: "Quartier à la fois souhaité et écarté",
      });
  });
  choices.excludedNeighbourhoodIds.forEach((id, index) => {
    if (!known.has(id))
      errors.push({ path: `excludedNeighbourhoodIds.${index}`, message: "Quartier inconnu" });
  });
  if (new Set(choices.wantedNeighbourhoodIds).size !== choices.wantedNeighbourhoodIds.length)
    errors.push({ path: "wantedNeighbourhoodIds", message: "Un quartier apparaît deux fois" });
  const order = ["studio", "T1", "T2", "T3", "T4", "T5", "T6"];
  if (
    choices.typologyMin &&
    choices.typologyMax &&
    order.indexOf(choices.typologyMin) > order.indexOf(choices.typologyMax)
  )
    errors.push({ path: "typologyMax", message: "La typologie maximale est inférieure à la minimale" });
  if (errors.length > 0) throw AppError.validation(errors);
}

async function saveChoices(tx: Db, organisationId: string, personId: string, choices: Choices) {
  await validateChoices(tx, organisationId, choices);
  return upsertChoices(tx, { organisationId, personId, ...choices });
}

export async function listPersonSummaries(
  ctx: UseCaseContext,
  filter: Omit<z.infer<typeof PersonListQuery>, "limit" | "offset">,
  page: PageRequest,
) {
  const db = ctx.db;
  const organisationId = ctx.actor.organisationId;
  const [parameters, rows, total] = await Promise.all([
    requireParameters(db, organisationId),
    listPersons(db, organisationId, filter, page),
    countPersons(db, organisationId, filter),
  ]);
  const panels = await admissionPanelFacts(
    db,
    organisationId,
    rows.map((row) => row.id),
  );
  const today = ctx.clock.today();
  const items = rows.map(({ leftOn, ...row }) => ({
    ...row,
    deadline: deadlineOf({ ...row, leftOn }, parameters, today, panels.get(row.id) ?? []),
  }));
  return pageOfRows(items, total, page);
}

/** Opening a person's file is recorded in the audit log (every read of personal data is attributable). */
export async function readPerson(ctx: UseCaseContext, personId: string) {
  const file = await cachedJson(ctx, `person:${personId}`, async () => {
    const person = await requirePerson(ctx.db, ctx.actor.organisationId, personId);
    return loadView(ctx.db, ctx.actor.organisationId, person, ctx.clock.today());
  });
  // every opening is recorded (committed) before it is answered, the kept ones too
  await recordRead(ctx.db, ctx, { action: "person.read", entityType: "person", entityId: personId });
  return file;
}

const auditable = (person: PersonRow) => ({ ...person, createdAt: undefined, updatedAt: undefined });

export async function createPerson(ctx: UseCaseContext, body: z.infer<typeof CreatePersonBody>) {
  const organisationId = ctx.actor.organisationId;
  refuseFutureDates(ctx.clock.today(), { "json.birthDate": body.birthDate });
  return inUseCaseTransaction(ctx, async (tx, audit) => {
    const { choices, ...fields } = body;
    // an amount given at admission is the CAF's; without one each flat gets an estimate
    const housingBenefitBasis =
      fields.housingBenefitBasis ?? (fields.housingBenefitCents > 0 ? "notified" : "estimate");
    const person = await insertPerson(tx, {
      organisationId,
      ...fields,
      housingBenefitBasis,
      status: "waiting",
    });
    await insertAdmission(tx, { organisationId, personId: person.id, admittedOn: person.entryDate });
    if (choices) await saveChoices(tx, organisationId, person.id, choices);
    await audit.record({
      action: "person.create",
      entityType: "person",
      entityId: person.id,
      after: auditable(person),
    });
    if (choices)
      await audit.record({
        action: "person.choices.update",
        entityType: "person",
        entityId: person.id,
        after: choices,
      });
    const view = await loadView(tx, organisationId, person, ctx.clock.today());
    return { ...view, capacityWarning: await capacityWarningOf(tx, organisationId) };
  });
}

/** cahier des charges §8.1: an admission above the site's capacity is flagged to the officer. */
async function capacityWarningOf(tx: Db, organisationId: string) {
  const parameters = await requireParameters(tx, organisationId);
  return admissionCapacityWarning(parameters.capacity, await countFollowed(tx, organisationId));
}

export async function changePerson(
  ctx: UseCaseContext,
  personId: string,
  body: z.infer<typeof UpdatePersonBody>,
) {
  const organisationId = ctx.actor.organisationId;
  refuseFutureDates(ctx.clock.today(), { "json.birthDate": body.birthDate });
  return inUseCaseTransaction(ctx, async (tx, audit) => {
    const before = await requirePerson(tx, organisationId, personId, true);
    if (before.status === "left" && body.relocationRequested)
      throw new AppError("ILLEGAL_STATUS_CHANGE", "La personne est sortie du programme");
    if (body.relocationRequested && before.status !== "housed")
      throw new AppError("ILLEGAL_STATUS_CHANGE", "Un relogement ne se demande que pour une personne logée");
    // a new amount is the CAF's notification unless the officer says it is not
    const basis =
      body.housingBenefitBasis ??
      (body.housingBenefitCents !== undefined &&
      body.housingBenefitCents > 0 &&
      body.housingBenefitCents !== before.housingBenefitCents
        ? "notified"
        : undefined);
    const after = await updatePerson(tx, organisationId, personId, {
      ...body,
      ...(basis ? { housingBenefitBasis: basis } : {}),
    });
    if (after.entryDate !== before.entryDate)
      await updateOpenAdmission(tx, organisationId, personId, { admittedOn: after.entryDate });
    await audit.record({
      action: "person.update",
      entityType: "person",
      entityId: personId,
      before: auditable(before),
      after: auditable(after),
    });
    return loadView(tx, organisationId, after, ctx.clock.today());
  });
}

export async function replaceChoices(ctx: UseCaseContext, personId: string, choices: Choices) {
  const organisationId = ctx.actor.organisationId;
  return inUseCaseTransaction(ctx, async (tx, audit) => {
    const person = await requirePerson(tx, organisationId, personId, true);
    const before = choicesView(await findChoices(tx, organisationId, personId));
    await saveChoices(tx, organisationId, personId, choices);
    await audit.record({
      action: "person.choices.update",
      entityType: "person",
      entityId: personId,
      before,
      after: choices,
    });
    return loadView(tx, organisationId, person, ctx.clock.today());
  });
}

export async function recordStatusChange(
  ctx: UseCaseContext,
  personId: string,
  body: z.infer<typeof StatusChangeBody>,
) {
  const organisationId = ctx.actor.organisationId;
  const today = ctx.clock.today();
  return inUseCaseTransaction(ctx, async (tx, audit: AuditWriter) => {
    const before = await requirePerson(tx, organisationId, personId, true);
    const change =
      body.action === "readmit"
        ? body
        : body.action === "leave"
          ? { ...body, date: body.date ?? today }
          : { ...body, date: body.date ?? today };
    const panels = (await admissionPanelFacts(tx, organisationId, [personId])).get(personId) ?? [];
    const update = applyStatusChange(before, change, await hasOpenPanel(tx, organisationId, personId), {
      lastChangeOn: lastStatusChangeOn(before, panels),
      today,
    });
    const relocation = update.status === "housed" ? {} : { relocationRequested: false };
    const after = await updatePerson(tx, organisationId, personId, { ...update, ...relocation });
    // the admission history: an exit ends the admission; a readmission ends the one left under
    // way (a lapsed suspension) and opens the next with its own day 1
    if (change.action === "leave" || change.action === "readmit") {
      const stored = (await findAdmissions(tx, organisationId, [personId])).get(personId) ?? [];
      if (stored.length === 0)
        await insertAdmissionFacts(tx, organisationId, personId, admissionsOf(before, []));
    }
    if (change.action === "leave")
      await updateOpenAdmission(tx, organisationId, personId, {
        endedOn: change.date,
        outcome: "left",
        leftReason: change.reason,
      });
    if (change.action === "readmit") {
      await updateOpenAdmission(tx, organisationId, personId, {
        endedOn: change.entryDate,
        outcome: "readmitted",
        leftReason: null,
      });
      await insertAdmission(tx, { organisationId, personId, admittedOn: change.entryDate });
    }
    await audit.record({
      action: `person.${body.action}`,
      entityType: "person",
      entityId: personId,
      before: auditable(before),
      after: auditable(after),
    });
    const view = await loadView(tx, organisationId, after, today);
    return body.action === "readmit"
      ? { ...view, capacityWarning: await capacityWarningOf(tx, organisationId) }
      : view;
  });
}

/**
 * «Ouvrir les droits APL» (cahier des charges §9.4): the CAF's notification is recorded, its
 * amount replaces the barème's estimate in every residual-rent check from now on.
 */
export async function recordHousingBenefitRights(
  ctx: UseCaseContext,
  personId: string,
  body: z.infer<typeof HousingBenefitRightsBody>,
) {
  const organisationId = ctx.actor.organisationId;
  const today = ctx.clock.today();
  refuseFutureDates(today, { "json.openedOn": body.openedOn });
  return inUseCaseTransaction(ctx, async (tx, audit) => {
    const before = await requirePerson(tx, organisationId, personId, true);
    if (before.status === "left")
      throw new AppError("ILLEGAL_STATUS_CHANGE", "La personne est sortie du programme");
    const after = await updatePerson(tx, organisationId, personId, {
      housingBenefitCents: body.monthlyAmountCents,
      housingBenefitBasis: "notified",
      housingBenefitRightsOpenedOn: body.openedOn,
      ...(body.paidToOperator === undefined ? {} : { housingBenefitPaidToOperator: body.paidToOperator }),
    });
    await audit.record({
      action: "person.housing_benefit_rights",
      entityType: "person",
      entityId: personId,
      before: auditable(before),
      after: auditable(after),
    });
    return loadView(tx, organisationId, after, today);
  });
}
