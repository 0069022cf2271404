import { and, count, desc, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { irlIndices, rentRevisions, units } from "../../../db/schema";
import type { IsoDate } from "../../lib/dates";
import { AppError } from "../../lib/errors";
import { type PageRequest, pageOfRows } from "../../lib/pagination";
import { inUseCaseTransaction, type UseCaseContext } from "../../lib/use-case-context";
import type { AnyActor } from "../auth/actor";
import type { AuditWriter } from "../audit/audit.service";
import { loadLease } from "./ledger.service";
import {
  type IrlIndex,
  proposeRevision,
  revisedRent,
  revisionEffectiveFrom,
  revisionSchedule,
} from "./revision.rules";

const irlIndex = (r: typeof irlIndices.$inferSelect): IrlIndex => ({
  year: r.year,
  quarter: r.quarter,
  valueHundredths: r.valueHundredths,
  publishedOn: r.publishedOn,
});

/** The whole IRL table, oldest quarter first (a revision looks up any quarter in it). */
export async function listIrl(db: Db, organisationId: string): Promise<IrlIndex[]> {
  const rows = await db
    .select()
    .from(irlIndices)
    .where(eq(irlIndices.organisationId, organisationId))
    .orderBy(irlIndices.year, irlIndices.quarter);
  return rows.map(irlIndex);
}

/** A page of the IRL table, newest quarter first: the first page tells whether the table is late. */
export async function irlPage(db: Db, organisationId: string, page: PageRequest) {
  const ofOrganisation = eq(irlIndices.organisationId, organisationId);
  const [rows, [counted]] = await Promise.all([
    db
      .select()
      .from(irlIndices)
      .where(ofOrganisation)
      .orderBy(desc(irlIndices.year), desc(irlIndices.quarter))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(irlIndices).where(ofOrganisation),
  ]);
  return pageOfRows(rows.map(irlIndex), counted?.n ?? 0, page);
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
    await db
      .insert(irlIndices)
      .values({ organisationId, ...index })
      .onConflictDoUpdate({
        target: [irlIndices.organisationId, irlIndices.year, irlIndices.quarter],
        set: { valueHundredths: index.valueHundredths, publishedOn: index.publishedOn },
      });
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
  const [unit] = await db
    .select({ energyClass: units.energyClass })
    .from(units)
    .where(and(eq(units.organisationId, organisationId), eq(units.id, lease.unitId)));
  // the anniversary, or 1 January for a social landlord's lease (revision.rules.ts)
  const { revisionOn: anniversaryOn, referenceQuarter } = revisionSchedule(lease, today);
  const proposal = proposeRevision({
    rentCents: lease.rentCents,
    energyClass: unit?.energyClass ?? null,
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
  const previous = await db
    .select()
    .from(rentRevisions)
    .where(and(eq(rentRevisions.organisationId, organisationId), eq(rentRevisions.leaseId, leaseId)));
  const existing = previous.find((r) => r.anniversaryOn === proposal.anniversaryOn);
  if (existing) return revisionView(existing);
  const inForce = previous
    .filter((r) => r.effectiveFrom && r.anniversaryOn < proposal.anniversaryOn)
    .sort((a, b) => (a.anniversaryOn < b.anniversaryOn ? 1 : -1))[0];
  const base = inForce?.newRentCents ?? lease.rentCents;
  const { kind: _kind, ...values } = proposal;
  const [row] = await db
    .insert(rentRevisions)
    .values({
      organisationId,
      leaseId,
      ...values,
      previousRentCents: base,
      newRentCents: revisedRent(base, proposal.irlNewHundredths, proposal.irlOldHundredths),
    })
    .returning();
  await audit.record({
    action: "ledger.revision.propose",
    entityType: "rent_revision",
    entityId: row!.id,
    after: row,
  });
  return revisionView(row!);
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
  const [revision] = await db
    .select()
    .from(rentRevisions)
    .where(and(eq(rentRevisions.organisationId, organisationId), eq(rentRevisions.id, input.revisionId)));
  if (!revision) throw AppError.notFound("Révision", input.revisionId);
  if (revision.requestedOn) throw new AppError("CONFLICT", "Cette révision a déjà été demandée");
  const effectiveFrom = revisionEffectiveFrom(revision.anniversaryOn, input.requestedOn);
  if (!effectiveFrom)
    throw new AppError(
      "REVISION_TOO_LATE",
      "Révision demandée plus d'un an après sa date : le bailleur est réputé y avoir renoncé (loi 89-462 art. 17-1)",
    );
  const [row] = await db
    .update(rentRevisions)
    .set({ requestedOn: input.requestedOn, effectiveFrom })
    .where(and(eq(rentRevisions.organisationId, organisationId), eq(rentRevisions.id, input.revisionId)))
    .returning();
  await audit.record({
    action: "ledger.revision.request",
    entityType: "rent_revision",
    entityId: revision.id,
    before: revision,
    after: row,
  });
  return revisionView(row!);
}

/** A revision as the API shows it: no tenant column. */
function revisionView(row: typeof rentRevisions.$inferSelect) {
  const { organisationId: _tenant, createdAt, ...revision } = row;
  return { ...revision, createdAt: createdAt.toISOString() };
}
