import { and, count, eq, inArray, isNull, lte, notInArray, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { buildings, neighbourhoods, offers, organisations, units } from "../../../db/schema";
import { PROGRAMME_STATUSES } from "../scatter/scatter.rules";

/**
 * The candidate units of an organisation with their building and neighbourhood, and the number of
 * programme units (reserved, let, notice given) already in each building: one SQL query.
 * `unitIds` restricts to those units (panel creation), whatever their status.
 */
/**
 * A narrowing of the candidates done by the database for the ranked list (not for the excluded
 * list): it mirrors the hard constraints of matching.rules.ts, which re-checks every row anyway,
 * so a mismatch here can only hide a unit, never propose a wrong one.
 */
export type CandidatePrefilter = {
  startDate: string;
  bannedEnergyClasses: readonly string[];
  excludedNeighbourhoodIds: readonly string[];
  typologies: readonly string[] | null;
  needsWheelchairAccess: boolean;
  needsStepFree: boolean;
  highestFloorWithoutLift: number | null;
  buildingCapBasisPoints: number;
  smallBuildingException: boolean;
  declinedUnitIds: readonly string[];
};

export async function findCandidateUnits(
  db: Db,
  organisationId: string,
  filter: { statuses?: readonly string[]; unitIds?: readonly string[]; prefilter?: CandidatePrefilter },
) {
  const programme = db
    .select({ buildingId: units.buildingId, programmeUnits: count().as("programme_units") })
    .from(units)
    .where(and(eq(units.organisationId, organisationId), inArray(units.status, [...PROGRAMME_STATUSES])))
    .groupBy(units.buildingId)
    .as("programme");
  return db
    .select({
      id: units.id,
      reference: units.reference,
      status: units.status,
      statusSince: units.statusSince,
      availableFrom: units.availableFrom,
      buildingId: units.buildingId,
      floor: units.floor,
      typology: units.typology,
      rooms: units.rooms,
      surfaceM2: units.surfaceM2,
      furnished: units.furnished,
      wheelchairAccessible: units.wheelchairAccessible,
      stepFree: units.stepFree,
      energyClass: units.energyClass,
      rentCents: units.rentCents,
      chargesCents: units.chargesCents,
      neighbourhoodId: buildings.neighbourhoodId,
      neighbourhoodName: neighbourhoods.name,
      street: buildings.street,
      postcode: buildings.postcode,
      city: buildings.city,
      lng: buildings.lng,
      lat: buildings.lat,
      hasElevator: buildings.hasElevator,
      totalDwellings: buildings.totalDwellings,
      programmeUnits: sql<number>`coalesce(${programme.programmeUnits}, 0)`.mapWith(Number),
    })
    .from(units)
    .innerJoin(
      buildings,
      and(eq(buildings.organisationId, units.organisationId), eq(buildings.id, units.buildingId)),
    )
    .leftJoin(
      neighbourhoods,
      and(
        eq(neighbourhoods.organisationId, buildings.organisationId),
        eq(neighbourhoods.id, buildings.neighbourhoodId),
      ),
    )
    .leftJoin(programme, eq(programme.buildingId, units.buildingId))
    .where(
      and(
        ...(filter.prefilter
          ? prefilterConditions(filter.prefilter, sql`coalesce(${programme.programmeUnits}, 0)`)
          : []),
        eq(units.organisationId, organisationId),
        filter.statuses
          ? inArray(units.status, [...filter.statuses] as (typeof units.status.enumValues)[number][])
          : undefined,
        filter.unitIds ? inArray(units.id, [...filter.unitIds]) : undefined,
      ),
    );
}
export type CandidateRow = Awaited<ReturnType<typeof findCandidateUnits>>[number];

function prefilterConditions(pre: CandidatePrefilter, programmeUnits: SQL): (SQL | undefined)[] {
  type EnergyClassValue = (typeof units.energyClass.enumValues)[number];
  type TypologyValue = (typeof units.typology.enumValues)[number];
  const allowedClasses = units.energyClass.enumValues.filter(
    (value) => !pre.bannedEnergyClasses.includes(value),
  );
  return [
    or(isNull(units.availableFrom), lte(units.availableFrom, pre.startDate)),
    inArray(units.energyClass, allowedClasses as EnergyClassValue[]),
    pre.excludedNeighbourhoodIds.length > 0
      ? or(
          isNull(buildings.neighbourhoodId),
          notInArray(buildings.neighbourhoodId, [...pre.excludedNeighbourhoodIds]),
        )
      : undefined,
    pre.typologies ? inArray(units.typology, [...pre.typologies] as TypologyValue[]) : undefined,
    pre.needsWheelchairAccess ? eq(units.wheelchairAccessible, true) : undefined,
    pre.needsStepFree ? or(eq(units.stepFree, true), eq(units.wheelchairAccessible, true)) : undefined,
    pre.highestFloorWithoutLift !== null
      ? or(eq(buildings.hasElevator, true), lte(units.floor, pre.highestFloorWithoutLift))
      : undefined,
    pre.declinedUnitIds.length > 0 ? notInArray(units.id, [...pre.declinedUnitIds]) : undefined,
    // cahier des charges §9.4: room for one more programme flat in the building
    pre.smallBuildingException
      ? sql`((${buildings.totalDwellings} * ${pre.buildingCapBasisPoints}) / 10000 - ${programmeUnits} >= 1
             or (${buildings.totalDwellings} < 5 and ${programmeUnits} = 0))`
      : sql`(${buildings.totalDwellings} * ${pre.buildingCapBasisPoints}) / 10000 - ${programmeUnits} >= 1`,
  ];
}

export async function findScatterPolicy(db: Db, organisationId: string) {
  const [row] = await db
    .select({
      buildingCapBasisPoints: organisations.buildingCapBasisPoints,
      smallBuildingException: organisations.smallBuildingException,
      neighbourhoodCapMode: organisations.neighbourhoodCapMode,
      neighbourhoodCapValue: organisations.neighbourhoodCapValue,
    })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  return row ?? null;
}

/** Units this person declined, or that the landlord refused for this person. */
export async function findDeclinedUnits(db: Db, organisationId: string, personId: string) {
  const rows = await db
    .select({ unitId: offers.unitId, declinedBy: offers.declinedBy })
    .from(offers)
    .where(
      and(
        eq(offers.organisationId, organisationId),
        eq(offers.personId, personId),
        eq(offers.status, "declined"),
        inArray(offers.declinedBy, ["person", "landlord"]),
      ),
    );
  const declined = new Map<string, "person" | "landlord">();
  for (const row of rows) {
    if (row.declinedBy === "person" || (row.declinedBy === "landlord" && !declined.has(row.unitId)))
      declined.set(row.unitId, row.declinedBy);
  }
  return declined;
}
