import type { BenefitFigure } from "../housing-benefit/housing-benefit.rules";
import type { z } from "@hono/zod-openapi";
import type { Db } from "../../../db/client";
import type { IsoDate } from "../../lib/dates";
import { AppError } from "../../lib/errors";
import { type PageRequest, pageOfRows } from "../../lib/pagination";
import { inUseCaseTransaction, type UseCaseContext } from "../../lib/use-case-context";
import { type AuditWriter, recordRead } from "../audit/audit.service";
import type { Actor } from "../auth/actor";
import { findCandidateUnits } from "../matching/matching.queries";
import { OFFERABLE_STATUSES } from "../matching/matching.rules";
import { evaluateChosenUnits, unitFacts } from "../matching/matching.service";
import { residualRent, totalResources } from "../matching/residual-rent.rules";
import { findPerson, hasOpenPanel, type PersonRow, updatePerson } from "../persons/persons.queries";
import { requireParameters, requirePerson } from "../persons/persons.service";
import { findOrganisationPolicy, lockBuildings } from "../scatter/scatter.queries";
import { buildingCapacity } from "../scatter/scatter.rules";
import { assertScatterAllows } from "../scatter/scatter.service";
import { transitionUnitIfIn } from "../units/units.service";
import {
  countCommittedUnitsByBuilding,
  findOffers,
  findOverduePanels,
  findPanel,
  findUnitBuilding,
  insertOffers,
  insertPanel,
  countPanels,
  listPanels,
  type OfferRow,
  type PanelRow,
  updateOffer,
  updatePanel,
} from "./panels.queries";
import {
  assertDeclineReason,
  assertPanelSize,
  daysWithoutDecision,
  isPanelExpired,
  panelAfterDecline,
  panelExpiresOn,
} from "./panels.rules";
import type { CreatePanelBody, UpdateOfferBody } from "./panels.schemas";

/** A PostgreSQL unique violation on one of our partial indexes, whatever the driver's error shape. */
function uniqueViolation(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const candidate = current as {
      code?: string;
      constraint_name?: string;
      constraint?: string;
      message?: string;
    };
    if (candidate.code === "23505")
      return candidate.constraint_name ?? candidate.constraint ?? candidate.message ?? "";
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/** A person may receive a panel while waiting, or while housed with a relocation requested. */
function assertAwaitingOffer(person: PersonRow) {
  if (person.status === "waiting") return;
  if (person.status === "housed" && person.relocationRequested) return;
  throw new AppError(
    "PERSON_NOT_AWAITING_OFFER",
    person.status === "offered"
      ? "Une proposition est déjà en cours pour cette personne"
      : `La personne (statut « ${person.status} ») n'attend pas de proposition`,
    { status: person.status },
  );
}

/**
 * A unit reserved by a panel goes back to the status it had before (available or vacant), and to
 * the date it entered it (the vacancy keeps counting). A unit no longer reserved (a lease was
 * signed on it meanwhile) is left as it is.
 */
async function releaseOfferUnit(
  tx: Db,
  audit: AuditWriter,
  actor: Actor,
  offer: OfferRow,
  today: IsoDate,
  reason: string,
) {
  await transitionUnitIfIn(
    tx,
    audit,
    actor,
    offer.unitId,
    ["reserved"],
    { to: offer.unitStatusBefore, date: today, reason },
    { restoreBeforeReservation: { statusSince: offer.unitStatusSinceBefore } },
  );
}

export async function createPanel(
  ctx: UseCaseContext,
  personId: string,
  body: z.infer<typeof CreatePanelBody>,
) {
  const organisationId = ctx.actor.organisationId;
  const today = ctx.clock.today();
  const startDate = body.intendedStartDate ?? today;
  try {
    return await inUseCaseTransaction(ctx, async (tx, audit) => {
      const person = await requirePerson(tx, organisationId, personId, true);
      assertAwaitingOffer(person);
      if (await hasOpenPanel(tx, organisationId, personId))
        throw new AppError("OPEN_PANEL_EXISTS", "Une proposition est déjà en cours pour cette personne");
      const parameters = await requireParameters(tx, organisationId);
      assertPanelSize(body.unitIds.length, parameters.minimumPanelSize, body.reasonIfFewerThanThree);

      // cahier des charges §9.4: scatter caps, checked with the buildings locked until commit
      await assertScatterAllows(tx, organisationId, body.unitIds, audit);
      const { evaluations } = await evaluateChosenUnits(tx, organisationId, person, body.unitIds, {
        startDate,
        today,
      });
      for (const evaluation of evaluations) {
        const failed = evaluation.constraints.find(
          (entry) =>
            !entry.passed &&
            entry.constraint !== "building_scatter" &&
            entry.constraint !== "neighbourhood_scatter",
        );
        if (!failed) continue;
        const code = failed.constraint === "unit_available" ? "UNIT_NOT_AVAILABLE" : "UNIT_NOT_MATCHING";
        throw new AppError(code, failed.detail, {
          unitId: evaluation.unit.id,
          constraint: failed.constraint,
        });
      }

      const fewer = body.unitIds.length < parameters.minimumPanelSize;
      const panel = await insertPanel(tx, {
        organisationId,
        personId,
        proposedOn: today,
        intendedStartDate: startDate,
        expiresOn: panelExpiresOn(today, parameters.panelExpiryDays),
        reasonIfFewer: fewer ? body.reasonIfFewerThanThree : null,
        reasonDetails: fewer ? (body.reasonDetails ?? null) : null,
        personStatusBefore: person.status,
        createdByUserId: ctx.actor.userId,
      });
      const resourcesCents = totalResources(person.resources);
      const offerRows = await insertOffers(
        tx,
        evaluations.map((evaluation, index) => ({
          organisationId,
          panelId: panel.id,
          personId,
          unitId: evaluation.unit.id,
          position: index + 1,
          unitStatusBefore: evaluation.unit.status as OfferRow["unitStatusBefore"],
          unitStatusSinceBefore: evaluation.unit.statusSince,
          figures: {
            rentCents: evaluation.unit.rentCents,
            chargesCents: evaluation.unit.chargesCents,
            housingBenefitCents: evaluation.benefit.cents,
            housingBenefitBasis: evaluation.benefit.basis,
            housingBenefitUnavailableReason: evaluation.benefit.unavailableReason,
            resourcesCents,
            ceilingBasisPoints: parameters.residualRentCeilingBasisPoints,
          },
        })),
      );
      for (const offer of offerRows) {
        // the scatter caps were checked above for the panel's units together, buildings locked
        const moved = await transitionUnitIfIn(
          tx,
          audit,
          ctx.actor,
          offer.unitId,
          OFFERABLE_STATUSES,
          { to: "reserved", date: today, reason: `panel:${panel.id}`, leaseStartDate: startDate },
          { scatterCheckedByCaller: true },
        );
        if (!moved)
          throw new AppError("UNIT_NOT_AVAILABLE", "Logement déjà réservé", { unitId: offer.unitId });
      }
      if (person.status === "waiting")
        await updatePerson(tx, organisationId, personId, { status: "offered" });
      await audit.record({
        action: "panel.create",
        entityType: "panel",
        entityId: panel.id,
        after: {
          personId,
          unitIds: body.unitIds,
          reasonIfFewer: panel.reasonIfFewer,
          expiresOn: panel.expiresOn,
        },
      });
      return panelView(tx, organisationId, panel, today);
    });
  } catch (error) {
    const constraint = uniqueViolation(error);
    if (constraint?.includes("offers_one_proposed_per_unit"))
      throw new AppError("UNIT_NOT_AVAILABLE", "Un de ces logements est déjà dans une proposition en cours");
    if (constraint?.includes("offer_panels_one_open_per_person"))
      throw new AppError("OPEN_PANEL_EXISTS", "Une proposition est déjà en cours pour cette personne");
    throw error;
  }
}

/**
 * Accepting makes the flat the programme's for good: the building's cap is re-checked against the
 * flats already committed (let, notice given, accepted) with the building row locked, so two
 * acceptances racing for a building's last place are serialised and the second gets
 * SCATTER_CAP_EXCEEDED (a cap lowered, or a building's dwelling count corrected, since the panels
 * were made).
 */
async function assertCommittedScatterAllows(tx: Db, organisationId: string, unitId: string) {
  const place = await findUnitBuilding(tx, organisationId, unitId);
  const policy = await findOrganisationPolicy(tx, organisationId);
  if (!place || !policy) throw AppError.notFound("Logement", unitId);
  const [building] = await lockBuildings(tx, organisationId, [place.buildingId]);
  const committed =
    (await countCommittedUnitsByBuilding(tx, organisationId, [place.buildingId])).get(place.buildingId) ?? 0;
  const capacity = buildingCapacity(building!.totalDwellings, {
    capBasisPoints: policy.buildingCapBasisPoints,
    smallBuildingException: policy.smallBuildingException,
  });
  if (committed + 1 > capacity.maxProgrammeUnits) {
    throw new AppError(
      "SCATTER_CAP_EXCEEDED",
      `L'immeuble compte déjà ${committed} logement(s) du programme attribués sur ${building!.totalDwellings} : ` +
        `le plafond est de ${capacity.maxProgrammeUnits}`,
      {
        scope: "building",
        buildingId: place.buildingId,
        totalDwellings: building!.totalDwellings,
        programmeUnits: committed,
        maxProgrammeUnits: capacity.maxProgrammeUnits,
      },
    );
  }
}

export async function updateOfferOfPanel(
  ctx: UseCaseContext,
  panelId: string,
  offerId: string,
  body: z.infer<typeof UpdateOfferBody>,
) {
  const organisationId = ctx.actor.organisationId;
  const today = ctx.clock.today();
  return inUseCaseTransaction(ctx, async (tx, audit) => {
    const panel = await findPanel(tx, organisationId, panelId, true);
    if (!panel) throw AppError.notFound("Proposition", panelId);
    const offersOfPanel = await findOffers(tx, organisationId, [panelId]);
    const offer = offersOfPanel.find((entry) => entry.id === offerId);
    if (!offer) throw AppError.notFound("Offre", offerId);
    if (panel.status !== "open")
      throw new AppError("PANEL_CLOSED", "La proposition est close", { panelStatus: panel.status });
    if (offer.status !== "proposed")
      throw new AppError("OFFER_ALREADY_DECIDED", "La décision sur ce logement est déjà enregistrée", {
        offerStatus: offer.status,
      });

    const changes: Partial<OfferRow> = {};
    if (body.visitDate !== undefined) changes.visitDate = body.visitDate;
    const decidedOn = body.decidedOn ?? today;

    if (body.decision === "declined") {
      assertDeclineReason(body.declinedBy!, body.declineReason!, body.details);
      Object.assign(changes, {
        status: "declined",
        decidedOn,
        declinedBy: body.declinedBy,
        declineReason: body.declineReason,
        decisionDetails: body.details ?? null,
      });
      const updated = await updateOffer(tx, organisationId, offerId, changes);
      await releaseOfferUnit(tx, audit, ctx.actor, offer, today, `offer.declined:${offerId}`);
      const states = offersOfPanel.map((entry) => (entry.id === offerId ? updated.status : entry.status));
      if (panelAfterDecline(states) === "all_declined") {
        await updatePanel(tx, organisationId, panelId, { status: "all_declined", closedOn: decidedOn });
        // the person waits for a new panel (another offer must be proposed, §8.3.2); history is kept
        await returnPersonAfterPanel(tx, organisationId, panel);
      }
    } else if (body.decision === "accepted") {
      await assertCommittedScatterAllows(tx, organisationId, offer.unitId);
      Object.assign(changes, { status: "accepted", decidedOn, decisionDetails: body.details ?? null });
      await updateOffer(tx, organisationId, offerId, changes);
      for (const other of offersOfPanel) {
        if (other.id === offerId || other.status !== "proposed") continue;
        await updateOffer(tx, organisationId, other.id, { status: "released" });
        await releaseOfferUnit(tx, audit, ctx.actor, other, today, `panel.accepted:${panelId}`);
      }
      await updatePanel(tx, organisationId, panelId, { status: "accepted", closedOn: decidedOn });
      // the flat is chosen; the lease follows. A relocation is fulfilled.
      await updatePerson(tx, organisationId, panel.personId, {
        status: "housed",
        relocationRequested: false,
      });
    } else if (body.details !== undefined) {
      changes.decisionDetails = body.details;
      await updateOffer(tx, organisationId, offerId, changes);
    } else if (Object.keys(changes).length > 0) {
      await updateOffer(tx, organisationId, offerId, changes);
    }

    await audit.record({
      action: body.decision ? `offer.${body.decision}` : "offer.update",
      entityType: "offer",
      entityId: offerId,
      before: { status: offer.status, visitDate: offer.visitDate },
      after: {
        status: changes.status ?? offer.status,
        visitDate: changes.visitDate ?? offer.visitDate,
        declinedBy: changes.declinedBy ?? null,
        declineReason: changes.declineReason ?? null,
      },
      details: { panelId },
    });
    const fresh = await findPanel(tx, organisationId, panelId);
    return panelView(tx, organisationId, fresh!, today);
  });
}

async function returnPersonAfterPanel(tx: Db, organisationId: string, panel: PanelRow) {
  const person = await findPerson(tx, organisationId, panel.personId, true);
  if (person && person.status === "offered")
    await updatePerson(tx, organisationId, panel.personId, { status: panel.personStatusBefore });
}

/**
 * The expiry run (POST /api/panels/expire, or a daily scheduler calling it): every open panel past
 * its last day expires, its undecided offers expire and their units are released.
 */
export async function expireOverduePanels(tx: Db, actor: Actor, today: IsoDate, audit: AuditWriter) {
  const overdue = await findOverduePanels(tx, actor.organisationId, today);
  const released: string[] = [];
  for (const panel of overdue) {
    if (!isPanelExpired(panel.expiresOn, today)) continue;
    for (const offer of await findOffers(tx, actor.organisationId, [panel.id])) {
      if (offer.status !== "proposed") continue;
      await updateOffer(tx, actor.organisationId, offer.id, { status: "expired" });
      await releaseOfferUnit(tx, audit, actor, offer, today, `panel.expired:${panel.id}`);
      released.push(offer.unitId);
    }
    await updatePanel(tx, actor.organisationId, panel.id, { status: "expired", closedOn: today });
    await returnPersonAfterPanel(tx, actor.organisationId, panel);
    await audit.record({
      action: "panel.expire",
      entityType: "panel",
      entityId: panel.id,
      details: { expiresOn: panel.expiresOn },
    });
  }
  return { expiredPanelIds: overdue.map((panel) => panel.id), releasedUnitIds: released };
}

export async function runPanelExpiry(ctx: UseCaseContext) {
  return inUseCaseTransaction(ctx, (tx, audit) =>
    expireOverduePanels(tx, ctx.actor, ctx.clock.today(), audit),
  );
}

/** The panel as the API shows it (also the offer sheet's data, offer-sheet.service.ts). */
export async function readPanelView(db: Db, organisationId: string, panel: PanelRow, today: IsoDate) {
  return panelView(db, organisationId, panel, today);
}

async function panelView(db: Db, organisationId: string, panel: PanelRow, today: IsoDate) {
  const person = await findPerson(db, organisationId, panel.personId);
  const offerRows = await findOffers(db, organisationId, [panel.id]);
  const unitRows = await findCandidateUnits(db, organisationId, {
    unitIds: offerRows.map((offer) => offer.unitId),
  });
  const units = new Map(unitRows.map((row) => [row.id, row]));
  // An open panel follows the CAF's notification as soon as it is recorded; a closed one keeps
  // the figures its offers were made on.
  const notifiedNow = panel.status === "open" && person!.housingBenefitBasis === "notified";
  const benefitOfOffer = (offer: OfferRow): BenefitFigure =>
    notifiedNow
      ? { cents: person!.housingBenefitCents, basis: "notified", unavailableReason: null }
      : {
          cents: offer.figures.housingBenefitCents,
          basis: offer.figures.housingBenefitBasis ?? "notified",
          unavailableReason: offer.figures.housingBenefitUnavailableReason ?? null,
        };
  return {
    id: panel.id,
    status: panel.status,
    proposedOn: panel.proposedOn,
    intendedStartDate: panel.intendedStartDate,
    expiresOn: panel.expiresOn,
    closedOn: panel.closedOn,
    reasonIfFewer: panel.reasonIfFewer,
    reasonDetails: panel.reasonDetails,
    daysWithoutDecision: panel.status === "open" ? daysWithoutDecision(panel.proposedOn, today) : 0,
    overdue: panel.status === "open" && isPanelExpired(panel.expiresOn, today),
    person: {
      id: person!.id,
      firstName: person!.firstName,
      lastName: person!.lastName,
      adults: person!.adults,
      children: person!.children,
      resourcesTotalCents: totalResources(person!.resources),
      housingBenefitCents: person!.housingBenefitCents,
      housingBenefitBasis: person!.housingBenefitBasis,
      housingBenefitPaidToOperator: person!.housingBenefitPaidToOperator,
    },
    offers: offerRows.map((offer) => {
      const row = units.get(offer.unitId)!;
      return {
        id: offer.id,
        position: offer.position,
        status: offer.status,
        visitDate: offer.visitDate,
        decidedOn: offer.decidedOn,
        declinedBy: offer.declinedBy,
        declineReason: offer.declineReason,
        decisionDetails: offer.decisionDetails,
        // the amounts the offer was made on
        unit: {
          ...unitFacts(row),
          rentCents: offer.figures.rentCents,
          chargesCents: offer.figures.chargesCents,
        },
        residualRent: residualRent({
          rentCents: offer.figures.rentCents,
          chargesCents: offer.figures.chargesCents,
          housingBenefitCents: benefitOfOffer(offer).cents,
          resourcesCents: offer.figures.resourcesCents,
          ceilingBasisPoints: offer.figures.ceilingBasisPoints,
        }),
        housingBenefit: benefitOfOffer(offer),
      };
    }),
  };
}

/** Reading a panel shows the person's resources: recorded like opening the person's file. */
export async function readPanel(ctx: UseCaseContext, panelId: string) {
  const panel = await findPanel(ctx.db, ctx.actor.organisationId, panelId);
  if (!panel) throw AppError.notFound("Proposition", panelId);
  const [view] = await Promise.all([
    panelView(ctx.db, ctx.actor.organisationId, panel, ctx.clock.today()),
    recordRead(ctx.db, ctx, { action: "panel.read", entityType: "panel", entityId: panelId }),
  ]);
  return view;
}

export async function listPanelSummaries(
  ctx: UseCaseContext,
  filter: { status?: PanelRow["status"]; personId?: string },
  page: PageRequest,
) {
  const db = ctx.db;
  if (filter.personId) await requirePerson(db, ctx.actor.organisationId, filter.personId);
  const today = ctx.clock.today();
  const [rows, total] = await Promise.all([
    listPanels(db, ctx.actor.organisationId, filter, page),
    countPanels(db, ctx.actor.organisationId, filter),
  ]);
  const items = rows.map(({ panel, firstName, lastName, offerCount }) => ({
    id: panel.id,
    personId: panel.personId,
    personName: `${firstName} ${lastName}`,
    status: panel.status,
    proposedOn: panel.proposedOn,
    expiresOn: panel.expiresOn,
    closedOn: panel.closedOn,
    offerCount,
    reasonIfFewer: panel.reasonIfFewer,
    daysWithoutDecision: panel.status === "open" ? daysWithoutDecision(panel.proposedOn, today) : 0,
  }));
  return pageOfRows(items, total, page);
}
