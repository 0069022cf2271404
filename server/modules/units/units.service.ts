import type { z } from "@hono/zod-openapi";
import { sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { compareDates, formatFrenchDate, type IsoDate } from "../../lib/dates";
import { AppError } from "../../lib/errors";
import { type PageRequest, pageOfRows } from "../../lib/pagination";
import { cachedJson } from "../../lib/read-cache";
import type { UseCaseContext } from "../../lib/use-case-context";
import type { AnyActor } from "../auth/actor";
import { type AuditWriter, inAuditedTransaction } from "../audit/audit.service";
import { findLandlord } from "../landlords/landlords.queries";
import { buildingScatterReport, scatterPolicies } from "../scatter/scatter.report";
import { assertScatterAllows } from "../scatter/scatter.service";
import { checkMainRoomDecency, type DecencyChecklist, decencyCriteriaViolations } from "./decency.rules";
import { dpeValidUntil, dpeViolation } from "../leases/leases.rules";
import { energyClassAllowedOn } from "./dpe.rules";
import {
  allowedNextStatuses,
  isDeletableStatus,
  isTransitionAllowed,
  UNIT_STATUS_LABELS,
  type UnitStatus,
} from "./pipeline.rules";
import {
  buildingExists,
  countUnits,
  deleteUnitWithHistory,
  findUnit,
  insertTransition,
  insertUnit,
  listTransitions,
  listUnits,
  lockUnit,
  type TransitionRow,
  type UnitFilter,
  type UnitRow,
  type UnitWithBuilding,
  updateUnit,
} from "./units.queries";
import type { Transition, Unit, UnitInput, UnitPatch } from "./units.schemas";

type CaptureFormula = NonNullable<UnitRow["captureFormula"]>;

async function present(db: Db, organisationId: string, today: IsoDate, rows: UnitWithBuilding[]) {
  const policies = await scatterPolicies(db, organisationId);
  const buildingIds = [...new Set(rows.map((row) => row.unit.buildingId))];
  const scatter = await buildingScatterReport(
    db,
    organisationId,
    policies.building,
    buildingIds.length > 500 ? undefined : buildingIds,
  );
  return rows.map(({ unit, building }): z.infer<typeof Unit> => {
    const { organisationId: _o, createdAt: _c, updatedAt: _u, ...rest } = unit;
    const { neighbourhoodId: _n, ...buildingScatterValues } = scatter.get(unit.buildingId)!;
    const gate = energyClassAllowedOn(unit.energyClass, today);
    return {
      ...rest,
      building: {
        street: building.street,
        postcode: building.postcode,
        city: building.city,
        lng: building.lng,
        lat: building.lat,
        neighbourhoodId: building.neighbourhoodId,
      },
      allowedTransitions: [...allowedNextStatuses(unit.status)],
      buildingScatter: buildingScatterValues,
      energyGate: { allowedForLeaseStartingToday: gate.allowed, message: gate.allowed ? null : gate.message },
    };
  });
}

export function presentTransition(row: TransitionRow): z.infer<typeof Transition> {
  return {
    id: row.id,
    fromStatus: row.fromStatus,
    toStatus: row.toStatus,
    effectiveDate: row.effectiveDate,
    reason: row.reason,
    actorUserId: row.actorUserId,
    recordedAt: row.recordedAt.toISOString(),
  };
}

function assertRentWithinCeiling(rentCents: number, ceiling: number | null | undefined) {
  // Loc'Avantages / ANAH: the agreed rent may not exceed the convention's ceiling
  if (ceiling !== null && ceiling !== undefined && rentCents > ceiling) {
    throw AppError.validation([
      { path: "rentCents", message: "le loyer dépasse le plafond Loc'Avantages/ANAH de la convention" },
    ]);
  }
}

async function assertLandlord(db: Db, organisationId: string, landlordId: string | null | undefined) {
  if (landlordId && !(await findLandlord(db, organisationId, landlordId))) {
    throw AppError.validation([{ path: "landlordId", message: "bailleur inconnu" }]);
  }
}

/** A page of the stock, as JSON kept while the organisation's data and the day stay the same. */
export function listUnitsFor(context: UseCaseContext, filter: UnitFilter, page: PageRequest) {
  const organisationId = context.actor.organisationId;
  return cachedJson(context, `units.list:${JSON.stringify([filter, page])}`, async () => {
    const [rows, total] = await Promise.all([
      listUnits(context.db, organisationId, filter, page),
      countUnits(context.db, organisationId, filter),
    ]);
    return pageOfRows(await present(context.db, organisationId, context.clock.today(), rows), total, page);
  });
}

export async function getUnit(context: UseCaseContext, id: string) {
  const organisationId = context.actor.organisationId;
  const row = await findUnit(context.db, organisationId, id);
  if (!row) throw AppError.notFound("Logement", id);
  const [unit] = await present(context.db, organisationId, context.clock.today(), [row]);
  return unit!;
}

/** A new unit enters the pipeline as a prospect; that first state is recorded as a transition. */
export async function createUnit(context: UseCaseContext, input: z.infer<typeof UnitInput>) {
  const organisationId = context.actor.organisationId;
  assertRentWithinCeiling(input.rentCents, input.rentCeilingCents);
  const id = await inAuditedTransaction(context.db, context, async (tx, audit) => {
    if (!(await buildingExists(tx, organisationId, input.buildingId))) {
      throw AppError.validation([{ path: "buildingId", message: "immeuble inconnu" }]);
    }
    await assertLandlord(tx, organisationId, input.landlordId);
    const today = context.clock.today();
    const created = await insertUnit(tx, {
      ...input,
      organisationId,
      status: "prospect",
      statusSince: today,
    });
    await insertTransition(tx, {
      organisationId,
      unitId: created.id,
      fromStatus: null,
      toStatus: "prospect",
      effectiveDate: today,
      actorUserId: context.actor.userId,
    });
    await audit.record({ action: "unit.create", entityType: "unit", entityId: created.id, after: created });
    return created.id;
  });
  return getUnit(context, id);
}

/** Everything but the status (transitions only) and the building (the 20% check counts per building). */
export async function changeUnit(context: UseCaseContext, id: string, patch: z.infer<typeof UnitPatch>) {
  const organisationId = context.actor.organisationId;
  await inAuditedTransaction(context.db, context, async (tx, audit) => {
    const before = await lockUnit(tx, organisationId, id);
    if (!before) throw AppError.notFound("Logement", id);
    await assertLandlord(tx, organisationId, patch.landlordId);
    assertRentWithinCeiling(
      patch.rentCents ?? before.rentCents,
      patch.rentCeilingCents === undefined ? before.rentCeilingCents : patch.rentCeilingCents,
    );
    const after = await updateUnit(tx, organisationId, id, { ...patch, updatedAt: context.clock.now() });
    await audit.record({ action: "unit.update", entityType: "unit", entityId: id, before, after });
  });
  return getUnit(context, id);
}

export async function removeUnit(context: UseCaseContext, id: string): Promise<void> {
  const organisationId = context.actor.organisationId;
  await inAuditedTransaction(context.db, context, async (tx, audit) => {
    const before = await lockUnit(tx, organisationId, id);
    if (!before) throw AppError.notFound("Logement", id);
    if (!isDeletableStatus(before.status)) {
      throw new AppError(
        "CONFLICT",
        `Un logement au statut « ${UNIT_STATUS_LABELS[before.status]} » a été capté et ne se supprime pas : son historique compte pour la vacance ; passez-le au statut « ${UNIT_STATUS_LABELS.withdrawn} »`,
        { status: before.status },
      );
    }
    await deleteUnitWithHistory(tx, organisationId, id);
    await audit.record({ action: "unit.delete", entityType: "unit", entityId: id, before, after: null });
  });
}

export type TransitionRequest = {
  to: UnitStatus;
  date: IsoDate;
  reason?: string | null;
  /** required to reach "visited" (décret 2002-120) */
  decency?: DecencyChecklist;
  /** the lease start the DPE gate is checked against (default: date) */
  leaseStartDate?: IsoDate;
  /** the capture formula agreed with the landlord (required to reach "agreed" unless already set) */
  captureFormula?: CaptureFormula;
};

function assertDpeValid(unit: UnitRow, onDate: IsoDate) {
  const dpe = dpeViolation(unit.energyDiagnosisDate, onDate);
  if (dpe) {
    throw new AppError("DPE_NOT_VALID", dpe.message, {
      errors: [dpe],
      energyDiagnosisDate: unit.energyDiagnosisDate,
      validUntil: unit.energyDiagnosisDate ? dpeValidUntil(unit.energyDiagnosisDate) : null,
    });
  }
}

function assertEnergyClassAllows(unit: UnitRow, leaseStart: IsoDate) {
  const gate = energyClassAllowedOn(unit.energyClass, leaseStart);
  if (!gate.allowed) {
    throw new AppError("ENERGY_CLASS_NOT_ALLOWED", gate.message, {
      energyClass: unit.energyClass,
      leaseStartDate: leaseStart,
      reason: gate.reason,
      ...(gate.bannedSince ? { bannedSince: gate.bannedSince } : {}),
    });
  }
}

/**
 * How a caller may vary a transition — each variant is explicit, none skips the state machine.
 */
export type TransitionOptions = {
  /**
   * The caller already ran `assertScatterAllows` for a batch of units in this transaction (the
   * buildings are locked until commit): an offer panel checks its units together, and a per-unit
   * re-check would count the batch's earlier reservations again and repeat the exception's audit.
   */
  scatterCheckedByCaller?: boolean;
  /**
   * Undoing a reservation (panel declined, expired, or another offer accepted): the unit goes back
   * from "reserved" to the status it had before (`request.to`: available or vacant — any status
   * from which the pipeline allows "reserved") and to the date it entered it, so the vacancy keeps
   * counting from when it began. Legal only from "reserved".
   */
  restoreBeforeReservation?: { statusSince: IsoDate };
};

function illegalTransition(from: UnitStatus, to: UnitStatus) {
  const allowed = [...allowedNextStatuses(from)];
  return new AppError(
    "ILLEGAL_TRANSITION",
    `Un logement au statut « ${UNIT_STATUS_LABELS[from]} » ne peut pas passer à « ${UNIT_STATUS_LABELS[to]} » ; possibles : ${allowed.map((status) => UNIT_STATUS_LABELS[status]).join(", ") || "aucun"}`,
    { from, to, allowed },
  );
}

/**
 * Moves a unit along the capture pipeline inside the caller's audited transaction. It is the one
 * way a unit's status changes: the units API, the offer panels (reserve, release) and the
 * contracts (signature, notice, termination, relocation) all call it, so every change
 * obeys the table in pipeline.rules.ts and leaves a unit_transitions row and a "unit.transition"
 * audit entry.
 *
 * Guards: the transition table (409 ILLEGAL_TRANSITION with the allowed targets); dates never go
 * back before the current status; "visited" needs a décent main room and an energy class allowed
 * for the intended lease start; "agreed" needs a capture formula; "reserved" and "let" re-check
 * the energy class for a lease starting on `leaseStartDate` (default: the date) and the scatter
 * caps (building rows locked FOR UPDATE, cahier des charges §9.4); "withdrawn" needs a reason.
 */
export async function transitionUnit(
  tx: Db,
  audit: AuditWriter,
  actor: AnyActor,
  unitId: string,
  request: TransitionRequest,
  options: TransitionOptions = {},
): Promise<{ unit: UnitRow; transition: TransitionRow }> {
  const unit = await lockUnit(tx, actor.organisationId, unitId);
  if (!unit) throw AppError.notFound("Logement", unitId);
  return applyToLockedUnit(tx, audit, actor, unit, request, options);
}

/**
 * The same transition, only when the unit (locked) is in one of `fromStatuses`; otherwise nothing
 * changes and the answer is null — for callers racing other writers, e.g. a panel reserving a unit
 * another panel took meanwhile, or releasing a unit a lease was signed on since.
 */
export async function transitionUnitIfIn(
  tx: Db,
  audit: AuditWriter,
  actor: AnyActor,
  unitId: string,
  fromStatuses: readonly UnitStatus[],
  request: TransitionRequest,
  options: TransitionOptions = {},
): Promise<{ unit: UnitRow; transition: TransitionRow } | null> {
  const unit = await lockUnit(tx, actor.organisationId, unitId);
  if (!unit) throw AppError.notFound("Logement", unitId);
  if (!fromStatuses.includes(unit.status)) return null;
  return applyToLockedUnit(tx, audit, actor, unit, request, options);
}

async function applyToLockedUnit(
  tx: Db,
  audit: AuditWriter,
  actor: AnyActor,
  unit: UnitRow,
  request: TransitionRequest,
  options: TransitionOptions,
): Promise<{ unit: UnitRow; transition: TransitionRow }> {
  const organisationId = actor.organisationId;
  const unitId = unit.id;
  const { to, date } = request;
  const restore = options.restoreBeforeReservation;
  if (restore) {
    // the inverse of a legal reservation: from "reserved" back to a status that may be reserved
    if (unit.status !== "reserved" || !isTransitionAllowed(to, "reserved"))
      throw illegalTransition(unit.status, to);
    if (compareDates(restore.statusSince, date) > 0) {
      throw AppError.validation([
        { path: "statusSince", message: "le statut rétabli ne peut commencer après la date du changement" },
      ]);
    }
  } else if (!isTransitionAllowed(unit.status, to)) {
    throw illegalTransition(unit.status, to);
  }
  if (compareDates(date, unit.statusSince) < 0) {
    throw AppError.validation([
      {
        path: "date",
        message: `la date précède le dernier changement de statut (${formatFrenchDate(unit.statusSince)})`,
      },
    ]);
  }

  const statusSince = restore ? restore.statusSince : date;
  const changes: Partial<UnitRow> = { status: to, statusSince };
  switch (to) {
    case "visited": {
      if (!request.decency) {
        throw AppError.validation([
          { path: "decency", message: "la grille de décence de la visite est obligatoire" },
        ]);
      }
      const decency = checkMainRoomDecency(request.decency);
      if (!decency.decent) {
        throw new AppError("DECENCY_NOT_MET", decency.message, {
          errors: [
            { path: "decency.mainRoomSurfaceM2", code: "main_room_too_small", message: decency.message },
          ],
          countedSurfaceM2: decency.countedSurfaceM2,
          habitableVolumeM3: decency.habitableVolumeM3,
        });
      }
      const criteria = decencyCriteriaViolations(request.decency.criteria);
      if (criteria.length > 0) {
        throw new AppError(
          "DECENCY_NOT_MET",
          `Logement non décent ou non vérifié : ${criteria.length} critère(s) du décret 2002-120`,
          { errors: criteria },
        );
      }
      const leaseStart = request.leaseStartDate ?? date;
      assertEnergyClassAllows(unit, leaseStart);
      // the DPE is part of the capture file (loi 89-462 art. 3-3): valid at the visit and still
      // valid when the planned lease starts, so no flat is taken on that could not be let
      assertDpeValid(unit, date);
      if (compareDates(leaseStart, date) > 0) assertDpeValid(unit, leaseStart);
      changes.decencyChecklist = {
        ...request.decency,
        countedSurfaceM2: decency.countedSurfaceM2,
        habitableVolumeM3: decency.habitableVolumeM3,
        decentVia: decency.via,
        energyClass: unit.energyClass,
        leaseStartChecked: leaseStart,
        checkedOn: date,
      };
      break;
    }
    case "agreed": {
      const formula = request.captureFormula ?? unit.captureFormula;
      if (!formula) {
        throw AppError.validation([
          { path: "captureFormula", message: "choisissez la formule de captation" },
        ]);
      }
      changes.captureFormula = formula;
      break;
    }
    case "reserved":
    case "let": {
      assertEnergyClassAllows(unit, request.leaseStartDate ?? date);
      if (!options.scatterCheckedByCaller) await assertScatterAllows(tx, organisationId, [unitId], audit);
      break;
    }
    case "withdrawn": {
      if (!request.reason) {
        throw AppError.validation([
          { path: "reason", message: "indiquez pourquoi le logement est rendu au bailleur" },
        ]);
      }
      break;
    }
  }

  const updated = await updateUnit(tx, organisationId, unitId, {
    ...changes,
    updatedAt: sql`now()` as unknown as Date,
  });
  const transition = await insertTransition(tx, {
    organisationId,
    unitId,
    fromStatus: unit.status,
    toStatus: to,
    effectiveDate: date,
    reason: request.reason ?? null,
    actorUserId: actor.kind === "user" ? actor.userId : null,
  });
  await audit.record({
    action: "unit.transition",
    entityType: "unit",
    entityId: unitId,
    before: { status: unit.status, statusSince: unit.statusSince },
    after: { status: to, statusSince },
    details: { reason: request.reason ?? null, ...(restore ? { restoredBeforeReservation: true } : {}) },
  });
  return { unit: updated, transition };
}

export async function applyTransition(context: UseCaseContext, unitId: string, request: TransitionRequest) {
  const { transition } = await inAuditedTransaction(context.db, context, (tx, audit) =>
    transitionUnit(tx, audit, context.actor, unitId, request),
  );
  return { transition: presentTransition(transition), unit: await getUnit(context, unitId) };
}

export async function unitHistory(context: UseCaseContext, unitId: string) {
  const organisationId = context.actor.organisationId;
  if (!(await findUnit(context.db, organisationId, unitId))) throw AppError.notFound("Logement", unitId);
  return (await listTransitions(context.db, organisationId, unitId)).map(presentTransition);
}
