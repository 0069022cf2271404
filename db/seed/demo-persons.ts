import { and, eq } from "drizzle-orm";
import { addDays, type IsoDate } from "../../server/lib/dates";
import type { Clock } from "../../server/lib/clock";
import type { AuditWriter } from "../../server/modules/audit/audit.service";
import { OFFERABLE_STATUSES } from "../../server/modules/matching/matching.rules";
import { buildingCapacity, PROGRAMME_STATUSES } from "../../server/modules/scatter/scatter.rules";
import type { Db } from "../client";
import {
  buildings,
  housingChoices,
  neighbourhoods,
  offerPanels,
  offers,
  organisations,
  persons,
  units,
  unitTransitions,
} from "../schema";
import { DEMO_ORGANISATION_ID } from "./demo-organisation";

/** A small deterministic PRNG (mulberry32): the demo is the same on every machine. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}

const FIRST_NAMES = [
  "Karim",
  "Sylvie",
  "Jean-Marc",
  "Nadia",
  "Thierry",
  "Fatoumata",
  "Pascal",
  "Isabelle",
  "Mohamed",
  "Corinne",
  "Didier",
  "Samia",
  "Laurent",
  "Valérie",
  "Youssef",
  "Martine",
  "Franck",
  "Aïcha",
  "Bruno",
  "Sandrine",
  "Hervé",
  "Leïla",
  "Patrick",
  "Nathalie",
  "Rachid",
  "Christine",
  "Olivier",
  "Malika",
  "Stéphane",
  "Brigitte",
];
const LAST_NAMES = [
  "Martin",
  "Bernard",
  "Dubois",
  "Thomas",
  "Robert",
  "Richard",
  "Petit",
  "Durand",
  "Leroy",
  "Moreau",
  "Simon",
  "Laurent",
  "Lefebvre",
  "Michel",
  "Garcia",
  "David",
  "Bertrand",
  "Roux",
  "Vincent",
  "Fournier",
  "Morel",
  "Girard",
  "Andre",
  "Mercier",
  "Dupont",
  "Lambert",
  "Bonnet",
  "François",
  "Martinez",
  "Benali",
];

// monthly amounts in cents (RSA for a single person, AAH at the full rate, April 2025 figures)
const RSA_SINGLE = 64_652;
const AAH_FULL = 103_332;

type Stage = "waiting" | "offered" | "housed" | "suspended" | "left";
const PLAN: [Stage, number][] = [
  ["waiting", 30],
  ["offered", 12],
  ["housed", 40],
  ["suspended", 8],
  ["left", 10],
];

/**
 * ~100 people of the demo site at every stage, with choices spread over the site's neighbourhoods;
 * open panels and accepted offers are drawn from the available units the stock seed created,
 * within the buildings' 20% cap. Call after the stock seed, in the same transaction.
 */
export async function seedDemoPersons(
  tx: Db,
  clock: Clock,
  audit: AuditWriter,
  organisationId: string = DEMO_ORGANISATION_ID,
): Promise<{ persons: number; panels: number }> {
  const random = seededRandom(20_260_329);
  const today = clock.today();
  const [organisation] = await tx.select().from(organisations).where(eq(organisations.id, organisationId));
  if (!organisation) throw new Error(`organisation ${organisationId} missing`);
  const areas = await tx
    .select({
      id: neighbourhoods.id,
      minLng: neighbourhoods.minLng,
      maxLng: neighbourhoods.maxLng,
      minLat: neighbourhoods.minLat,
      maxLat: neighbourhoods.maxLat,
    })
    .from(neighbourhoods)
    .where(eq(neighbourhoods.organisationId, organisationId))
    .orderBy(neighbourhoods.code);
  const stock = await tx
    .select({
      id: units.id,
      status: units.status,
      statusSince: units.statusSince,
      rentCents: units.rentCents,
      chargesCents: units.chargesCents,
      energyClass: units.energyClass,
      buildingId: units.buildingId,
      totalDwellings: buildings.totalDwellings,
    })
    .from(units)
    .innerJoin(
      buildings,
      and(eq(buildings.organisationId, units.organisationId), eq(buildings.id, units.buildingId)),
    )
    .where(eq(units.organisationId, organisationId))
    .orderBy(units.id);

  // the buildings' room under the 20% cap, kept up to date as units are reserved
  const room = new Map<string, number>();
  for (const unit of stock) {
    if (!room.has(unit.buildingId)) {
      room.set(
        unit.buildingId,
        buildingCapacity(unit.totalDwellings, {
          capBasisPoints: organisation.buildingCapBasisPoints,
          smallBuildingException: organisation.smallBuildingException,
        }).maxProgrammeUnits,
      );
    }
    if ((PROGRAMME_STATUSES as readonly string[]).includes(unit.status))
      room.set(unit.buildingId, room.get(unit.buildingId)! - 1);
  }
  // the occupied units (let, notice given) with the date they were let: one per housed person
  const letRows = await tx
    .select({ unitId: unitTransitions.unitId, effectiveDate: unitTransitions.effectiveDate })
    .from(unitTransitions)
    .where(and(eq(unitTransitions.organisationId, organisationId), eq(unitTransitions.toStatus, "let")));
  const letOn = new Map(letRows.map((row) => [row.unitId, row.effectiveDate as IsoDate]));
  const occupied = stock.filter((unit) => unit.status === "let" || unit.status === "notice_given");
  const free = stock.filter(
    (unit) =>
      (OFFERABLE_STATUSES as readonly string[]).includes(unit.status) &&
      unit.energyClass !== "G" &&
      unit.energyClass !== null,
  );
  const takeUnit = () => {
    const index = free.findIndex((unit) => (room.get(unit.buildingId) ?? 0) > 0);
    if (index < 0) return null;
    const [unit] = free.splice(index, 1);
    room.set(unit!.buildingId, room.get(unit!.buildingId)! - 1);
    return unit!;
  };

  const reserve = async (unit: (typeof stock)[number], on: IsoDate, reason: string) => {
    await tx
      .update(units)
      .set({ status: "reserved", statusSince: on })
      .where(and(eq(units.organisationId, organisationId), eq(units.id, unit.id)));
    await tx.insert(unitTransitions).values({
      organisationId,
      unitId: unit.id,
      fromStatus: unit.status,
      toStatus: "reserved",
      effectiveDate: on,
      reason,
    });
  };

  let personCount = 0;
  let panelCount = 0;
  for (const [stage, count] of PLAN) {
    for (let i = 0; i < count; i++) {
      personCount++;
      const household = random.chance(0.8)
        ? { adults: 1, children: 0 }
        : { adults: random.int(1, 2), children: random.int(1, 3) };
      const onAah = random.chance(0.45);
      const resources = {
        rsa: onAah ? 0 : RSA_SINGLE,
        aah: onAah ? AAH_FULL : 0,
        wages: random.chance(0.15) ? random.int(20, 60) * 1_000 : 0,
        pension: 0,
        other: random.chance(0.1) ? random.int(5, 15) * 1_000 : 0,
      };
      // a housed person moved into an occupied unit on the day it was let (panel 3–6 weeks before)
      const home = stage === "housed" ? occupied.shift() : undefined;
      const homeOn = home ? (letOn.get(home.id) ?? home.statusSince) : undefined;
      const acceptedPanelOn = homeOn ? addDays(homeOn, -random.int(21, 45)) : undefined;
      // day 1: waiting people spread over the last 10 weeks (some past the 8-week deadline)
      const entryDate = acceptedPanelOn
        ? addDays(acceptedPanelOn, -random.int(15, 120))
        : stage === "waiting"
          ? addDays(today, -random.int(0, 70))
          : addDays(today, -random.int(60, 700));
      const [person] = await tx
        .insert(persons)
        .values({
          organisationId,
          firstName: random.pick(FIRST_NAMES),
          lastName: random.pick(LAST_NAMES),
          birthDate: addDays("1960-01-01", random.int(0, 365 * 38)),
          phone: `06 ${String(random.int(10, 99))} ${String(random.int(10, 99))} ${String(random.int(10, 99))} ${String(random.int(10, 99))}`,
          adults: household.adults,
          children: household.children,
          resources,
          housingBenefitCents: random.int(22, 36) * 1_000 + household.children * 4_000,
          housingBenefitPaidToOperator: random.chance(0.85),
          entryDate,
          status: stage === "offered" ? "waiting" : stage,
          suspendedOn: stage === "suspended" ? addDays(today, -random.int(20, 175)) : null,
          // suspended while waiting (a formerly housed person would still have a lease)
          statusBeforeSuspension: stage === "suspended" ? "waiting" : null,
          leftOn: stage === "left" ? addDays(today, -random.int(5, 200)) : null,
          leftReason:
            stage === "left"
              ? random.pick([
                  "direct_lease",
                  "sliding_lease_completed",
                  "moved_away",
                  "no_contact_six_months",
                ])
              : null,
        })
        .returning();

      if (areas.length > 0) {
        const shuffled = [...areas].sort(() => random.next() - 0.5);
        const wanted = shuffled.slice(0, random.int(1, Math.min(3, areas.length)));
        const excluded = areas.length > 4 && random.chance(0.4) ? [shuffled[shuffled.length - 1]!] : [];
        const place = random.pick(areas);
        await tx.insert(housingChoices).values({
          organisationId,
          personId: person!.id,
          wantedNeighbourhoodIds: wanted.map((area) => area.id),
          excludedNeighbourhoodIds: excluded.map((area) => area.id),
          placesThatMatter: random.chance(0.6)
            ? [
                {
                  label: random.pick(["Famille", "Travail", "Centre de soins", "Association", "Ami·e"]),
                  lng: Math.round(((place.minLng + place.maxLng) / 2) * 1e5) / 1e5,
                  lat: Math.round(((place.minLat + place.maxLat) / 2) * 1e5) / 1e5,
                  maxDistanceKm: random.pick([1, 2, 3, 5]),
                },
              ]
            : [],
          typologyMin: household.children > 0 ? "T2" : null,
          typologyMax: household.children > 0 ? null : random.pick([null, "T2", "T3"] as const),
          highestFloorWithoutLift: random.chance(0.3) ? random.int(0, 3) : null,
          needsStepFree: random.chance(0.08),
          wantsFurnished: random.pick([null, null, true, false] as const),
          hasPets: random.chance(0.2),
        });
      }

      const panelUnits = (n: number) => {
        const taken = [];
        for (let k = 0; k < n; k++) {
          const unit = takeUnit();
          if (unit) taken.push(unit);
        }
        return taken;
      };
      const makePanel = async (
        status: "open" | "accepted",
        proposedOn: IsoDate,
        chosen: (typeof stock)[number][],
      ) => {
        const [panel] = await tx
          .insert(offerPanels)
          .values({
            organisationId,
            personId: person!.id,
            status,
            proposedOn,
            intendedStartDate: status === "accepted" && homeOn ? homeOn : proposedOn,
            expiresOn: addDays(proposedOn, organisation.panelExpiryDays),
            closedOn: status === "accepted" ? addDays(proposedOn, 10) : null,
            reasonIfFewer: chosen.length < organisation.minimumPanelSize ? "not_enough_matching_stock" : null,
            personStatusBefore: "waiting",
          })
          .returning();
        await tx.insert(offers).values(
          chosen.map((unit, index) => ({
            organisationId,
            panelId: panel!.id,
            personId: person!.id,
            unitId: unit.id,
            position: index + 1,
            status: status === "open" ? ("proposed" as const) : ("accepted" as const),
            visitDate:
              status === "accepted" || random.chance(0.5) ? addDays(proposedOn, random.int(1, 6)) : null,
            decidedOn: status === "accepted" ? addDays(proposedOn, 10) : null,
            unitStatusBefore: status === "open" ? unit.status : ("available" as const),
            unitStatusSinceBefore: status === "open" ? unit.statusSince : addDays(proposedOn, -30),
            figures: {
              rentCents: unit.rentCents,
              chargesCents: unit.chargesCents,
              housingBenefitCents: person!.housingBenefitCents,
              resourcesCents: Object.values(resources).reduce((sum, value) => sum + value, 0),
              ceilingBasisPoints: organisation.residualRentCeilingBasisPoints,
            },
          })),
        );
        // an open panel reserves its units; an accepted one led to the lease (the unit is let already)
        if (status === "open")
          for (const unit of chosen) await reserve(unit, proposedOn, `panel:${panel!.id}`);
        panelCount++;
      };

      if (stage === "offered") {
        const chosen = panelUnits(organisation.minimumPanelSize);
        if (chosen.length > 0) {
          await makePanel("open", addDays(today, -random.int(1, 25)), chosen);
          await tx.update(persons).set({ status: "offered" }).where(eq(persons.id, person!.id));
        }
      } else if (home && acceptedPanelOn) {
        // the panel history of the housed person: the offer they accepted (demo-contracts.ts
        // writes the lease on that unit)
        await makePanel("accepted", acceptedPanelOn, [home]);
      }
    }
  }

  await audit.record({
    action: "demo.seed.persons",
    entityType: "organisation",
    entityId: organisationId,
    details: { persons: personCount, panels: panelCount },
  });
  return { persons: personCount, panels: panelCount };
}

/** The demo people of an organisation, for checks. */
export async function countPersonsByStatus(tx: Db, organisationId: string) {
  const rows = await tx
    .select({ status: persons.status })
    .from(persons)
    .where(eq(persons.organisationId, organisationId));
  const counts: Record<string, number> = {};
  for (const row of rows) counts[row.status] = (counts[row.status] ?? 0) + 1;
  return counts;
}
