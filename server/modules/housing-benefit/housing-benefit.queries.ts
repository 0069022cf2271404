import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import {
  housingBenefitCommuneZones,
  housingBenefitParameterEntries,
  housingBenefitParameters,
} from "../../../db/schema";
import type { HousingBenefitZone } from "./housing-benefit.rules";

/** The shipped national rows and the organisation's own rows, every date. */
export async function listParameterRows(db: Db, organisationId: string) {
  const [shipped, own] = await Promise.all([
    db
      .select({
        key: housingBenefitParameters.key,
        effectiveFrom: housingBenefitParameters.effectiveFrom,
        value: housingBenefitParameters.value,
        source: housingBenefitParameters.source,
        sourceUrl: housingBenefitParameters.sourceUrl,
      })
      .from(housingBenefitParameters)
      .orderBy(asc(housingBenefitParameters.key), asc(housingBenefitParameters.effectiveFrom)),
    db
      .select({
        key: housingBenefitParameterEntries.key,
        effectiveFrom: housingBenefitParameterEntries.effectiveFrom,
        value: housingBenefitParameterEntries.value,
        source: housingBenefitParameterEntries.source,
        recordedAt: housingBenefitParameterEntries.createdAt,
      })
      .from(housingBenefitParameterEntries)
      .where(eq(housingBenefitParameterEntries.organisationId, organisationId))
      .orderBy(asc(housingBenefitParameterEntries.key), asc(housingBenefitParameterEntries.effectiveFrom)),
  ]);
  return { shipped, own };
}

/** Adds (or, for the same key and date, replaces) an organisation's dated value. */
export async function upsertParameterEntry(
  db: Db,
  organisationId: string,
  values: {
    key: string;
    effectiveFrom: string;
    value: number;
    source: string;
    recordedByUserId: string | null;
  },
) {
  const [row] = await db
    .insert(housingBenefitParameterEntries)
    .values({ organisationId, ...values })
    .onConflictDoUpdate({
      target: [
        housingBenefitParameterEntries.organisationId,
        housingBenefitParameterEntries.key,
        housingBenefitParameterEntries.effectiveFrom,
      ],
      set: {
        value: values.value,
        source: values.source,
        recordedByUserId: values.recordedByUserId,
        updatedAt: new Date(),
      },
    })
    .returning();
  return row!;
}

export async function listCommuneZones(db: Db, organisationId: string) {
  return db
    .select({
      inseeCode: housingBenefitCommuneZones.inseeCode,
      name: housingBenefitCommuneZones.name,
      zone: housingBenefitCommuneZones.zone,
      source: housingBenefitCommuneZones.source,
    })
    .from(housingBenefitCommuneZones)
    .where(eq(housingBenefitCommuneZones.organisationId, organisationId))
    .orderBy(asc(housingBenefitCommuneZones.inseeCode));
}

/** Replaces the organisation's list of communes and their zones. */
export async function replaceCommuneZones(
  db: Db,
  organisationId: string,
  source: string,
  communes: readonly { inseeCode: string; name: string; zone: HousingBenefitZone }[],
) {
  await db
    .delete(housingBenefitCommuneZones)
    .where(eq(housingBenefitCommuneZones.organisationId, organisationId));
  if (communes.length === 0) return [];
  return db
    .insert(housingBenefitCommuneZones)
    .values(communes.map((commune) => ({ organisationId, source, ...commune })))
    .returning();
}

export async function findCommuneZone(db: Db, organisationId: string, inseeCode: string) {
  const [row] = await db
    .select({ zone: housingBenefitCommuneZones.zone })
    .from(housingBenefitCommuneZones)
    .where(
      and(
        eq(housingBenefitCommuneZones.organisationId, organisationId),
        eq(housingBenefitCommuneZones.inseeCode, inseeCode),
      ),
    );
  return row?.zone ?? null;
}
