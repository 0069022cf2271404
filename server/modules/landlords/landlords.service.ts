import type { z } from "@hono/zod-openapi";
import { AppError } from "../../lib/errors";
import { type PageRequest, pageOfRows } from "../../lib/pagination";
import type { UseCaseContext } from "../../lib/use-case-context";
import type { Actor } from "../auth/actor";
import { can } from "../auth/permissions";
import { inAuditedTransaction } from "../audit/audit.service";
import { checkIban, maskIban } from "./iban.rules";
import {
  deleteLandlord,
  findLandlord,
  insertLandlord,
  type LandlordRow,
  countLandlords,
  type LandlordFilter,
  listLandlords,
  updateLandlord,
} from "./landlords.queries";
import type { Landlord, LandlordInput, LandlordPatch } from "./landlords.schemas";

/** The landlord as a reader may see it: the IBAN in clear only with landlords.readBankDetails. */
export function presentLandlord(row: LandlordRow, actor: Actor): z.infer<typeof Landlord> {
  const { organisationId: _org, iban, createdAt, updatedAt, ...rest } = row;
  return {
    ...rest,
    hasIban: iban !== null,
    ibanMasked: iban ? maskIban(iban) : null,
    iban: iban && can(actor.role, "landlords.readBankDetails") ? iban : null,
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}

/** The audit trail keeps the IBAN masked: the log is read more widely than bank details. */
function auditSnapshot(row: LandlordRow): Record<string, unknown> {
  return { ...row, iban: row.iban ? maskIban(row.iban) : null };
}

function normalizedIban(iban: string | null | undefined): string | null | undefined {
  if (iban === undefined || iban === null || iban.trim() === "") return iban === undefined ? undefined : null;
  const check = checkIban(iban);
  if (!check.valid) throw AppError.validation([{ path: "iban", message: check.message, code: check.reason }]);
  return check.iban;
}

export async function listLandlordsFor(context: UseCaseContext, filter: LandlordFilter, page: PageRequest) {
  const organisationId = context.actor.organisationId;
  const [rows, total] = await Promise.all([
    listLandlords(context.db, organisationId, filter, page),
    countLandlords(context.db, organisationId, filter),
  ]);
  return pageOfRows(
    rows.map((row) => presentLandlord(row, context.actor)),
    total,
    page,
  );
}

export async function getLandlord(context: UseCaseContext, id: string) {
  const row = await findLandlord(context.db, context.actor.organisationId, id);
  if (!row) throw AppError.notFound("Bailleur", id);
  return presentLandlord(row, context.actor);
}

export async function createLandlord(context: UseCaseContext, input: z.infer<typeof LandlordInput>) {
  const iban = normalizedIban(input.iban);
  const row = await inAuditedTransaction(context.db, context, async (tx, audit) => {
    const created = await insertLandlord(tx, {
      ...input,
      iban: iban ?? null,
      organisationId: context.actor.organisationId,
    });
    await audit.record({
      action: "landlord.create",
      entityType: "landlord",
      entityId: created.id,
      after: auditSnapshot(created),
    });
    return created;
  });
  return presentLandlord(row, context.actor);
}

export async function changeLandlord(
  context: UseCaseContext,
  id: string,
  patch: z.infer<typeof LandlordPatch>,
) {
  const iban = normalizedIban(patch.iban);
  const row = await inAuditedTransaction(context.db, context, async (tx, audit) => {
    const before = await findLandlord(tx, context.actor.organisationId, id);
    if (!before) throw AppError.notFound("Bailleur", id);
    const after = await updateLandlord(tx, context.actor.organisationId, id, {
      ...patch,
      ...(iban !== undefined ? { iban } : {}),
      updatedAt: context.clock.now(),
    });
    await audit.record({
      action: "landlord.update",
      entityType: "landlord",
      entityId: id,
      before: auditSnapshot(before),
      after: auditSnapshot(after),
    });
    return after;
  });
  return presentLandlord(row, context.actor);
}

/** Refused (409) while buildings, units or contracts still point at the landlord. */
export async function removeLandlord(context: UseCaseContext, id: string): Promise<void> {
  await inAuditedTransaction(context.db, context, async (tx, audit) => {
    const before = await findLandlord(tx, context.actor.organisationId, id);
    if (!before) throw AppError.notFound("Bailleur", id);
    await deleteLandlord(tx, context.actor.organisationId, id);
    await audit.record({
      action: "landlord.delete",
      entityType: "landlord",
      entityId: id,
      before: auditSnapshot(before),
      after: null,
    });
  });
}
