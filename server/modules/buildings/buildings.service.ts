import type { z } from "@hono/zod-openapi";
import type { Db } from "../../../db/client";
import { type PageRequest, pageOfRows } from "../../lib/pagination";
import { AppError } from "../../lib/errors";
import type { UseCaseContext } from "../../lib/use-case-context";
import { inAuditedTransaction } from "../audit/audit.service";
import { findLandlord } from "../landlords/landlords.queries";
import { locateNeighbourhood } from "../neighbourhoods/neighbourhoods.queries";
import { buildingScatterReport, scatterPolicies } from "../scatter/scatter.report";
import { buildingScatter } from "../scatter/scatter.rules";
import {
  countUnitsInBuilding,
  deleteBuilding,
  findBuilding,
  insertBuilding,
  countBuildings,
  listBuildings,
  lockBuilding,
  updateBuilding,
} from "./buildings.queries";
import type { Building, BuildingInput, BuildingPatch } from "./buildings.schemas";

type Loaded = NonNullable<Awaited<ReturnType<typeof findBuilding>>>;

async function present(db: Db, organisationId: string, rows: Loaded[]): Promise<z.infer<typeof Building>[]> {
  const policies = await scatterPolicies(db, organisationId);
  const scatter = await buildingScatterReport(
    db,
    organisationId,
    policies.building,
    rows.length > 200 ? undefined : rows.map((row) => row.building.id),
  );
  return rows.map(({ building, neighbourhood }) => {
    const { organisationId: _o, neighbourhoodId: _n, createdAt: _c, updatedAt: _u, ...rest } = building;
    const { neighbourhoodId: _, ...buildingScatterValues } = scatter.get(building.id) ?? {
      ...buildingScatter(building.totalDwellings, 0, policies.building),
      neighbourhoodId: null,
    };
    return { ...rest, neighbourhood, scatter: buildingScatterValues };
  });
}

async function assertLandlordExists(db: Db, organisationId: string, landlordId: string | null | undefined) {
  if (landlordId && !(await findLandlord(db, organisationId, landlordId))) {
    throw AppError.validation([{ path: "landlordId", message: "bailleur inconnu" }]);
  }
}

export async function listBuildingsFor(
  context: UseCaseContext,
  filter: { neighbourhoodId?: string },
  page: PageRequest,
) {
  const organisationId = context.actor.organisationId;
  const [rows, total] = await Promise.all([
    listBuildings(context.db, organisationId, filter, page),
    countBuildings(context.db, organisationId, filter),
  ]);
  return pageOfRows(await present(context.db, organisationId, rows), total, page);
}

export async function getBuilding(context: UseCaseContext, id: string) {
  const organisationId = context.actor.organisationId;
  const row = await findBuilding(context.db, organisationId, id);
  if (!row) throw AppError.notFound("Immeuble", id);
  const [building] = await present(context.db, organisationId, [row]);
  return building!;
}

export async function createBuilding(context: UseCaseContext, input: z.infer<typeof BuildingInput>) {
  const organisationId = context.actor.organisationId;
  const id = await inAuditedTransaction(context.db, context, async (tx, audit) => {
    await assertLandlordExists(tx, organisationId, input.landlordId);
    const neighbourhoodId = await locateNeighbourhood(tx, organisationId, input);
    const created = await insertBuilding(tx, { ...input, organisationId, neighbourhoodId });
    await audit.record({
      action: "building.create",
      entityType: "building",
      entityId: created.id,
      after: created,
    });
    return created.id;
  });
  return getBuilding(context, id);
}

/**
 * Moving the building re-assigns its neighbourhood. Lowering its dwelling count below what its
 * programme units need is refused: the 20% rule would be broken after the fact.
 */
export async function changeBuilding(
  context: UseCaseContext,
  id: string,
  patch: z.infer<typeof BuildingPatch>,
) {
  const organisationId = context.actor.organisationId;
  await inAuditedTransaction(context.db, context, async (tx, audit) => {
    const before = await lockBuilding(tx, organisationId, id);
    if (!before) throw AppError.notFound("Immeuble", id);
    await assertLandlordExists(tx, organisationId, patch.landlordId);
    const location = { lng: patch.lng ?? before.lng, lat: patch.lat ?? before.lat };
    const moved = location.lng !== before.lng || location.lat !== before.lat;
    const neighbourhoodId = moved
      ? await locateNeighbourhood(tx, organisationId, location)
      : before.neighbourhoodId;
    if (patch.totalDwellings !== undefined && patch.totalDwellings < before.totalDwellings) {
      const policies = await scatterPolicies(tx, organisationId);
      const current = (await buildingScatterReport(tx, organisationId, policies.building, [id])).get(id)!;
      const after = buildingScatter(patch.totalDwellings, current.programmeUnits, policies.building);
      if (after.headroom < 0) {
        throw new AppError(
          "SCATTER_CAP_EXCEEDED",
          `L'immeuble compte ${current.programmeUnits} logement(s) du programme : avec ${patch.totalDwellings} logements le plafond serait de ${after.maxProgrammeUnits}`,
          {
            scope: "building",
            buildingId: id,
            programmeUnits: current.programmeUnits,
            maxProgrammeUnits: after.maxProgrammeUnits,
          },
        );
      }
    }
    const after = await updateBuilding(tx, organisationId, id, {
      ...patch,
      neighbourhoodId,
      updatedAt: context.clock.now(),
    });
    await audit.record({ action: "building.update", entityType: "building", entityId: id, before, after });
  });
  return getBuilding(context, id);
}

export async function removeBuilding(context: UseCaseContext, id: string): Promise<void> {
  const organisationId = context.actor.organisationId;
  await inAuditedTransaction(context.db, context, async (tx, audit) => {
    const before = await lockBuilding(tx, organisationId, id);
    if (!before) throw AppError.notFound("Immeuble", id);
    const unitCount = await countUnitsInBuilding(tx, organisationId, id);
    if (unitCount > 0) {
      throw new AppError(
        "CONFLICT",
        `L'immeuble a encore ${unitCount} logement(s) : supprimez-les ou retirez-les d'abord`,
        {
          units: unitCount,
        },
      );
    }
    await deleteBuilding(tx, organisationId, id);
    await audit.record({
      action: "building.delete",
      entityType: "building",
      entityId: id,
      before,
      after: null,
    });
  });
}
