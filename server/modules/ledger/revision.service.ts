import type { Db } from "../../../db/client";
import type { IsoDate } from "../../lib/dates";
import { AppError } from "../../lib/errors";
import { type PageRequest, pageOfRows } from "../../lib/pagination";
import { inUseCaseTransaction, type UseCaseContext } from "../../lib/use-case-context";
import type { AnyActor } from "../auth/actor";
import type { AuditWriter } from "../audit/audit.service";
import { loadLease } from "./ledger.service";
import {
  findRevision,
  insertRevision,
  type IrlIndexRow,
  irlRows,
  irlRowsPage,
  markRevisionRequested,
  type RentRevisionRow,
  revisionsOfLease,
  unitEnergyClass,
  upsertIrlIndex,
} from "./revision.queries";
import {
  type IrlIndex,
  proposeRevision,
  revisedRent,
  revisionEffectiveFrom,
  revisionSchedule,
} from "./revision.rules";

const irlIndex = (r: IrlIndexRow): IrlIndex => ({
  year: r.year,
  quarter: r.quarter,
  valueHundredths: r.valueHundredths,
  publishedOn: r.publishedOn,
});

/** The whole IRL table, oldest quarter first (a revision looks up any quarter in it). */
export async function listIrl(db: Db, organisationId: string): Promise<IrlIndex[]> {
  return (await irlRows(db, organisationId)).map(irlIndex);
}

/** A page of the IRL table, newest quarter first: the first page tells whether the table is late. */
export async function irlPage(context: UseCaseContext, page: PageRequest) {
  const { db } = context;
  const { organisationId } = context.actor;
  const { rows, total } = await irlRowsPage(db, organisationId, page);
  return pageOfRows(rows.map(irlIndex), total, page);
}

/** Finance keeps the IRL table: insert or correct published values. */
export async function upsertIrl(context: UseCaseContext<AnyActor>, indices: IrlIndex[]) {
  return inUseCaseTransaction(context, (tx, audit) =>
    upsertIrlInTransaction(tx, context.actor.organisationId, indices, audit),
  );
}

async function upsertIrlInTransaction(
  db: Db,
  organisationId: string,
  indices: IrlIndex[],
  audit: AuditWriter,
) {
  for (const index of indices) {
    await upsertIrlIndex(db, organisationId, index);
  }
  await audit.record({ action: "ledger.irl.upsert", entityType: "irl_index", details: { indices } });
  return listIrl(db, organisationId);
}

/** The revision proposal of a lease for its last anniversary (loi 89-462 art. 17-1), as of today. */
export async function proposeLeaseRevision(context: UseCaseContext<AnyActor>, leaseId: string) {
  return inUseCaseTransaction(context, (tx, audit) =>
    proposeInTransaction(tx, context.actor.organisationId, leaseId, context.clock.today(), audit),
  );
}

async function proposeInTransaction(
  db: Db,
  organisationId: string,
  leaseId: string,
  today: IsoDate,
  audit: AuditWriter,
) {
  const lease = await loadLease(db, organisationId, leaseId);
  const energyClass = await unitEnergyClass(db, organisationId, lease.unitId);
  // the anniversary, or 1 January for a social landlord's lease (revision.rules.ts)
  const { revisionOn: anniversaryOn, referenceQuarter } = revisionSchedule(lease, today);
  const proposal = proposeRevision({
    rentCents: lease.rentCents,
    energyClass,
    referenceQuarter,
    anniversaryOn,
    indices: await listIrl(db, organisationId),
  });
  if (proposal.kind === "none" && proposal.reason === "INDEX_MISSING") {
    // never computed from an index that is not in the table (art. 17-1: the published IRL)
    const { year, quarter } = proposal.missing;
    throw new AppError(
      "IRL_INDEX_MISSING",
      `Indice IRL du ${quarter}e trimestre ${year} absent de la table : à saisir depuis la publication de l'INSEE avant de réviser`,
      {
        errors: [
          { path: "irlIndices", code: "irl_index_missing", message: `IRL T${quarter} ${year} manquant` },
        ],
        irlYear: year,
        irlQuarter: quarter,
      },
    );
  }
  if (proposal.kind === "none") {
    const messages = {
      DPE_F_OR_G: "Logement classé F ou G : aucune révision de loyer (loi Climat et résilience)",
      NO_REFERENCE_QUARTER: "Le bail ne précise pas de trimestre de référence IRL",
      INDEX_MISSING: "Indice IRL manquant pour ce trimestre",
      NOT_YET_A_YEAR: "Le bail n'a pas encore un an",
    } as const;
    throw new AppError("REVISION_NOT_APPLICABLE", messages[proposal.reason], { reason: proposal.reason });
  }
  // the rent in force at the anniversary: the previous revision's new rent when there is one
  const previous = await revisionsOfLease(db, organisationId, leaseId);
  const existing = previous.find((r) => r.anniversaryOn === proposal.anniversaryOn);
  if (existing) return revisionView(existing);
  const inForce = previous
    .filter((r) => r.effectiveFrom && r.anniversaryOn < proposal.anniversaryOn)
    .sort((a, b) => (a.anniversaryOn < b.anniversaryOn ? 1 : -1))[0];
  const base = inForce?.newRentCents ?? lease.rentCents;
  const { kind: _kind, ...values } = proposal;
  const row = await insertRevision(db, {
    organisationId,
    leaseId,
    ...values,
    previousRentCents: base,
    newRentCents: revisedRent(base, proposal.irlNewHundredths, proposal.irlOldHundredths),
  });
  await audit.record({
    action: "ledger.revision.propose",
    entityType: "rent_revision",
    entityId: row.id,
    after: row,
  });
  return revisionView(row);
}

/**
 * The landlord asks the tenant for the revision: it takes effect from the request (not
 * retroactively) and is lost when asked more than a year after the anniversary (art. 17-1).
 * Rent calls of periods starting on or after the effective date use the new rent.
 */
export async function requestRevision(
  context: UseCaseContext<AnyActor>,
  input: { revisionId: string; requestedOn: IsoDate },
) {
  return inUseCaseTransaction(context, (tx, audit) =>
    requestInTransaction(tx, context.actor.organisationId, input, audit),
  );
}

async function requestInTransaction(
  db: Db,
  organisationId: string,
  input: { revisionId: string; requestedOn: IsoDate },
  audit: AuditWriter,
) {
  const revision = await findRevision(db, organisationId, input.revisionId);
  if (!revision) throw AppError.notFound("Révision", input.revisionId);
  if (revision.requestedOn) throw new AppError("CONFLICT", "Cette révision a déjà été demandée");
  const effectiveFrom = revisionEffectiveFrom(revision.anniversaryOn, input.requestedOn);
  if (!effectiveFrom)
    throw new AppError(
      "REVISION_TOO_LATE",
      "Révision demandée plus d'un an après sa date : le bailleur est réputé y avoir renoncé (loi 89-462 art. 17-1)",
    );
  const row = await markRevisionRequested(db, organisationId, input.revisionId, {
    requestedOn: input.requestedOn,
    effectiveFrom,
  });
  await audit.record({
    action: "ledger.revision.request",
    entityType: "rent_revision",
    entityId: revision.id,
    before: revision,
    after: row,
  });
  return revisionView(row);
}

/** A revision as the API shows it: no tenant column. */
function revisionView(row: RentRevisionRow) {
  const { organisationId: _tenant, createdAt, ...revision } = row;
  return { ...revision, createdAt: createdAt.toISOString() };
}
