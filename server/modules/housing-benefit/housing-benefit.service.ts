import type { Db } from "../../../db/client";
import type { IsoDate } from "../../lib/dates";
import { AppError } from "../../lib/errors";
import { type UseCaseContext, inUseCaseTransaction } from "../../lib/use-case-context";
import type { AnyActor } from "../auth/actor";
import {
  type BenefitUpperBound,
  HOUSING_BENEFIT_PARAMETERS,
  type Household,
  type HousingBenefitEstimate,
  type HousingBenefitZone,
  type MonthlyResourcesByKind,
  PARAMETER_KEYS,
  type ParameterRow,
  estimateHousingBenefit,
  estimateUpperBound,
  isParameterKey,
  scaleOn,
} from "./housing-benefit.rules";
import {
  listCommuneZones,
  listParameterRows,
  replaceCommuneZones as replaceZones,
  upsertParameterEntry,
} from "./housing-benefit.queries";
import type { CommuneZoneList, ParameterEntryBody } from "./housing-benefit.schemas";

type ServiceContext = UseCaseContext<AnyActor>;

/** Everything a residual-rent check needs to estimate the benefit of any flat on one date. */
export type BenefitEstimator = {
  estimate(input: {
    rentCents: number;
    inseeCode: string | null;
    household: Household;
    resources: MonthlyResourcesByKind;
  }): HousingBenefitEstimate;
  upperBound(household: Household, resources: MonthlyResourcesByKind): BenefitUpperBound | null;
};

export async function loadBenefitEstimator(
  db: Db,
  organisationId: string,
  onDate: IsoDate,
): Promise<BenefitEstimator> {
  const [{ shipped, own }, zones] = await Promise.all([
    listParameterRows(db, organisationId),
    listCommuneZones(db, organisationId),
  ]);
  const rows: ParameterRow[] = [
    ...shipped.map((row) => ({ ...row, ownRow: false })),
    ...own.map((row) => ({ ...row, ownRow: true })),
  ];
  const { scale, missing } = scaleOn(rows, onDate);
  const zoneOf = new Map<string, HousingBenefitZone>(zones.map((row) => [row.inseeCode, row.zone]));
  return {
    estimate: ({ rentCents, inseeCode, household, resources }) =>
      estimateHousingBenefit(
        { rentCents, zone: inseeCode ? (zoneOf.get(inseeCode) ?? null) : null, household, resources },
        scale,
        missing,
      ),
    upperBound: (household, resources) => estimateUpperBound(household, resources, scale),
  };
}

/** The barème on `onDate` (default today), each parameter with the value in force and every dated row. */
export async function housingBenefitScale(context: ServiceContext, onDate?: IsoDate) {
  const date = onDate ?? context.clock.today();
  const { shipped, own } = await listParameterRows(context.db, context.actor.organisationId);
  const rows: ParameterRow[] = [
    ...shipped.map((row) => ({ ...row, ownRow: false })),
    ...own.map((row) => ({ ...row, ownRow: true })),
  ];
  const { missing } = scaleOn(rows, date);
  const parameters = PARAMETER_KEYS.map((key) => {
    const definition = HOUSING_BENEFIT_PARAMETERS[key];
    const history = [
      ...shipped
        .filter((row) => row.key === key)
        .map((row) => ({
          effectiveFrom: row.effectiveFrom,
          value: row.value,
          source: row.source,
          sourceUrl: row.sourceUrl,
          origin: "shipped" as const,
        })),
      ...own
        .filter((row) => row.key === key)
        .map((row) => ({
          effectiveFrom: row.effectiveFrom,
          value: row.value,
          source: row.source,
          sourceUrl: null,
          origin: "organisation" as const,
        })),
    ].sort((a, b) =>
      a.effectiveFrom === b.effectiveFrom
        ? a.origin === b.origin
          ? 0
          : a.origin === "organisation"
            ? 1
            : -1
        : a.effectiveFrom < b.effectiveFrom
          ? -1
          : 1,
    );
    const inForce = [...history].reverse().find((row) => row.effectiveFrom <= date) ?? null;
    return {
      key,
      label: definition.label,
      unit: definition.unit,
      article: definition.article,
      inForce,
      history,
    };
  });
  return { date, complete: missing.length === 0, missing, parameters };
}

export async function recordParameterEntry(context: ServiceContext, body: ParameterEntryBody) {
  if (!isParameterKey(body.key)) {
    throw AppError.validation([{ path: "key", message: "Paramètre inconnu du barème" }]);
  }
  const unit = HOUSING_BENEFIT_PARAMETERS[body.key].unit;
  if (unit !== "ppm" && body.value < 0) {
    throw AppError.validation([{ path: "value", message: "Un montant du barème est positif ou nul" }]);
  }
  return inUseCaseTransaction(context, async (tx, audit) => {
    const row = await upsertParameterEntry(tx, context.actor.organisationId, {
      key: body.key,
      effectiveFrom: body.effectiveFrom,
      value: body.value,
      source: body.source,
      recordedByUserId: context.actor.kind === "user" ? context.actor.userId : null,
    });
    await audit.record({
      action: "housing_benefit.parameter.record",
      entityType: "organisation",
      entityId: context.actor.organisationId,
      details: { key: row.key, effectiveFrom: row.effectiveFrom, value: row.value, source: row.source },
    });
    return { key: row.key, effectiveFrom: row.effectiveFrom, value: row.value, source: row.source };
  });
}

export async function communeZoneList(context: ServiceContext) {
  const rows = await listCommuneZones(context.db, context.actor.organisationId);
  return {
    source: rows[0]?.source ?? null,
    communes: rows.map(({ inseeCode, name, zone }) => ({ inseeCode, name, zone })),
  };
}

export async function replaceCommuneZoneList(context: ServiceContext, body: CommuneZoneList) {
  const seen = new Set<string>();
  const duplicates = body.communes.flatMap((commune, index) => {
    const duplicate = seen.has(commune.inseeCode);
    seen.add(commune.inseeCode);
    return duplicate
      ? [{ path: `communes.${index}.inseeCode`, message: `Code INSEE ${commune.inseeCode} en double` }]
      : [];
  });
  if (duplicates.length > 0) throw AppError.validation(duplicates);
  return inUseCaseTransaction(context, async (tx, audit) => {
    const rows = await replaceZones(tx, context.actor.organisationId, body.source, body.communes);
    await audit.record({
      action: "housing_benefit.zones.replace",
      entityType: "organisation",
      entityId: context.actor.organisationId,
      details: { source: body.source, count: rows.length },
    });
    return {
      source: body.source,
      communes: rows.map(({ inseeCode, name, zone }) => ({ inseeCode, name, zone })),
    };
  });
}
