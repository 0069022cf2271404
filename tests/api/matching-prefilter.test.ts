import { describe, expect, it } from "vitest";
import { buildings, housingBenefitCommuneZones, units } from "../../db/schema";
import { seededRandom } from "../../db/seed/demo-persons";
import { evaluateUnit, rankUnits } from "../../server/modules/matching/matching.rules";
import { findRankedCandidates } from "../../server/modules/matching/matching.queries";
import {
  excludedUnitsForPerson,
  loadMatchInputs,
  matchUnitsForPerson,
  scoreBoundFor,
} from "../../server/modules/matching/matching.service";
import { useTestDatabase } from "../support/db";
import { createChoices, createNeighbourhood, createOrganisation, createPerson } from "../support/factories";

const db = useTestDatabase();
const TODAY = "2026-11-23";

/**
 * The matching rules (matching.rules.ts) are the single source of truth for the hard constraints;
 * the database's pre-filter and score bound only make the ranked list fast. On generated stock and
 * people, the pre-filtered set must equal the rule-filtered set, the bound must never be below the
 * exact score, and the fast ranked list must equal the head of the full in-memory ranking.
 */
describe("matching: SQL pre-filter and score bound against the pure rules", () => {
  it.each([
    ["no neighbourhood cap", "off" as const, null],
    ["a neighbourhood cap of 24 programme units (some neighbourhoods full)", "count" as const, 24],
  ])("generated stock, %s", async (_label, mode, value) => {
    const random = seededRandom(mode === "off" ? 7 : 11);
    const org = await createOrganisation(db.current.db, {
      neighbourhoodCapMode: mode,
      neighbourhoodCapValue: value,
    });
    const o = { organisationId: org.id };
    // three zones (the estimate's plafond differs), and Talant (21617) left without one
    await db.current.db.insert(housingBenefitCommuneZones).values(
      [
        { inseeCode: "21231", name: "Dijon", zone: "II" as const },
        { inseeCode: "21054", name: "Beaune", zone: "III" as const },
        { inseeCode: "75056", name: "Paris", zone: "I" as const },
      ].map((commune) => ({ ...o, ...commune, source: "Arrêté du 17 mars 1978 modifié" })),
    );
    const areas: Awaited<ReturnType<typeof createNeighbourhood>>[] = [];
    for (let i = 0; i < 5; i++)
      areas.push(
        await createNeighbourhood(db.current.db, {
          ...o,
          name: `Q${i}`,
          center: [5 + i * 0.02, 47.3 + i * 0.01],
        }),
      );
    const buildingRows = await db.current.db
      .insert(buildings)
      .values(
        Array.from({ length: 40 }, (_, i) => ({
          ...o,
          street: `${i} rue du Test`,
          postcode: "21000",
          city: "Dijon",
          lng: 4.98 + random.next() * 0.12,
          lat: 47.29 + random.next() * 0.06,
          // outside every contour: in a commune (its cap area) or, once, with no INSEE code
          neighbourhoodId: i % 9 === 0 ? null : random.pick(areas).id,
          inseeCode:
            i === 9 ? null : (["21231", "21617", "21054", "21231", "75056", "21617"] as const)[i % 6],
          totalDwellings: 3 + Math.floor(random.next() * 20),
          hasElevator: random.next() < 0.4,
        })),
      )
      .returning();
    const statuses = [
      "available",
      "available",
      "available",
      "vacant",
      "reserved",
      "let",
      "notice_given",
    ] as const;
    const typologies = ["studio", "T1", "T2", "T3", "T4", "T5"] as const;
    const classes = ["A", "C", "D", "E", "F", "G", null] as const;
    await db.current.db.insert(units).values(
      Array.from({ length: 300 }, (_, i) => {
        const rooms = 1 + Math.floor(random.next() * 5);
        return {
          ...o,
          buildingId: random.pick(buildingRows).id,
          floor: Math.floor(random.next() * 7) - 1,
          typology: random.pick([...typologies]),
          surfaceM2: Math.round((12 + random.next() * 80) * 10) / 10,
          rooms,
          furnished: random.next() < 0.3,
          wheelchairAccessible: random.next() < 0.15,
          stepFree: random.next() < 0.3,
          energyClass: random.pick([...classes]),
          rentCents: 25_000 + Math.floor(random.next() * 60_000),
          chargesCents: Math.floor(random.next() * 10_000),
          status: random.pick([...statuses]),
          statusSince: `2026-${String(1 + Math.floor(random.next() * 10)).padStart(2, "0")}-15`,
          availableFrom: i % 11 === 0 ? "2027-03-01" : null,
        };
      }),
    );

    // outside every contour in Talant (21617), a large building whose commune is at the cap of 24
    // with its own programme flats; its two available flats may not be proposed
    const [outsideAtCap] = await db.current.db
      .insert(buildings)
      .values({
        ...o,
        street: "1 rue hors contour",
        postcode: "21240",
        city: "Talant",
        lng: 4.99,
        lat: 47.335,
        neighbourhoodId: null,
        inseeCode: "21617",
        totalDwellings: 200,
        hasElevator: true,
      })
      .returning();
    const atCap = await db.current.db
      .insert(units)
      .values(
        Array.from({ length: 26 }, (_, i) => ({
          ...o,
          buildingId: outsideAtCap!.id,
          floor: 1,
          typology: "T2" as const,
          surfaceM2: 45,
          rooms: 2,
          energyClass: "C" as const,
          rentCents: 40_000,
          chargesCents: 5_000,
          status: i < 24 ? ("let" as const) : ("available" as const),
          statusSince: "2026-06-15",
        })),
      )
      .returning();
    const offeredAtCap = atCap.filter((unit) => unit.status === "available").map((unit) => unit.id);

    let compared = 0;
    let withoutZone = 0;
    let excludedByCommuneCap = 0;
    let excludedByNeighbourhoodCap = 0;
    let excludedReasons = 0;
    for (let p = 0; p < 12; p++) {
      const person = await createPerson(db.current.db, {
        ...o,
        adults: 1 + (p % 3 === 0 ? 1 : 0),
        children: p % 4,
        resources: { rsa: p === 5 ? 0 : 50_000 + p * 8_000, aah: 0, wages: 0, pension: 0, other: 0 },
        // p = 1, 3, 7, 10, 11: no CAF notification, each flat gets the barème's estimate (its
        // commune's zone, none in 21617): the SQL bound then uses the bound of each flat's estimate
        housingBenefitCents: p % 4 === 3 || p === 1 || p === 10 ? 0 : p === 9 ? 90_000 : 20_000 + p * 2_000,
      });
      if (p % 6 !== 5) {
        await createChoices(db.current.db, {
          ...o,
          personId: person.id,
          wantedNeighbourhoodIds: [areas[p % 5]!.id, areas[(p + 2) % 5]!.id],
          excludedNeighbourhoodIds: p % 2 === 0 ? [areas[(p + 1) % 5]!.id] : [],
          placesThatMatter:
            p % 3 === 2 ? [] : [{ label: "Famille", lng: 5.03, lat: 47.32, maxDistanceKm: 1 + (p % 4) * 2 }],
          typologyMin: p % 5 === 1 ? "T1" : null,
          typologyMax: p % 5 === 2 ? "T3" : null,
          highestFloorWithoutLift: p % 3 === 0 ? 2 : null,
          needsWheelchairAccess: p === 4,
          needsStepFree: p === 7,
          wantsFurnished: p % 4 === 0 ? true : p % 4 === 1 ? false : null,
        });
      }
      const startDate = p % 2 === 0 ? TODAY : "2028-02-01"; // F banned from 2028
      const options = { startDate, today: TODAY };

      // the rules alone, over every offerable unit
      const all = await loadMatchInputs(db.current.db, org.id, person, { ...options, sqlPrefilter: false });
      const byRules = rankUnits(all.units, all.profile, all.context);
      excludedByNeighbourhoodCap += byRules.excluded.filter(
        (evaluation) => evaluation.excludedBy === "neighbourhood_scatter",
      ).length;
      const capOfCommune = byRules.excluded.filter(
        (evaluation) =>
          offeredAtCap.includes(evaluation.unit.id) && evaluation.excludedBy === "neighbourhood_scatter",
      );
      excludedByCommuneCap += capOfCommune.length;
      if (mode === "off") expect(capOfCommune).toEqual([]);
      // the database's pre-filter
      const prefiltered = await loadMatchInputs(db.current.db, org.id, person, options);
      expect(prefiltered.units.map((unit) => unit.id).sort(), `person ${p}: SQL pre-filter ≠ rules`).toEqual(
        byRules.eligible.map((evaluation) => evaluation.unit.id).sort(),
      );

      // the database's classification of the excluded flats: the rules' excludedBy, unit by unit
      const withReserved = await loadMatchInputs(db.current.db, org.id, person, {
        ...options,
        includeExcluded: true,
      });
      const leftOut = rankUnits(withReserved.units, withReserved.profile, withReserved.context).excluded;
      const sqlExcluded = await excludedUnitsForPerson(db.current.db, org.id, person, {
        ...options,
        page: { limit: 500, offset: 0 },
      });
      const reasons = (list: { id: string; excludedBy: string | null }[]) =>
        Object.fromEntries(list.map((entry) => [entry.id, entry.excludedBy]));
      expect(reasons(sqlExcluded.rows), `person ${p}: SQL exclusion ≠ rules`).toEqual(
        reasons(leftOut.map((evaluation) => ({ id: evaluation.unit.id, excludedBy: evaluation.excludedBy }))),
      );
      expect(sqlExcluded.evaluations).toHaveLength(leftOut.length);
      expect(sqlExcluded.total).toBe(leftOut.length);
      excludedReasons += new Set(leftOut.map((evaluation) => evaluation.excludedBy)).size;

      // the bound is never below the exact score
      const { rows } = await findRankedCandidates(
        db.current.db,
        org.id,
        { statuses: ["available", "vacant"] },
        { bound: scoreBoundFor(all.profile, all.context), limit: 1000, offset: 0 },
      );
      const unitsById = new Map(all.units.map((unit) => [unit.id, unit]));
      for (const row of rows) {
        const evaluation = evaluateUnit(unitsById.get(row.id)!, all.profile, all.context);
        if (!evaluation.eligible) continue;
        expect(row.upperBound, `person ${p}, unit ${row.id}`).toBeGreaterThanOrEqual(evaluation.score);
        compared++;
        // without a zone there is no estimate: the bound counts no benefit either, and stays within
        // its margins (0.5 for rounding, 10 m of the places) of the exact score
        const inseeCode = unitsById.get(row.id)!.inseeCode;
        if (all.profile.benefitFor !== undefined && (inseeCode === null || inseeCode === "21617")) {
          expect(row.upperBound - evaluation.score, `person ${p}, unit ${row.id}`).toBeLessThan(1);
          withoutZone++;
        }
      }

      // the fast ranked list is the head of the full ranking, in the same order
      for (const [limit, pageSize] of [
        [1, 1],
        [5, 2],
        [50, undefined],
      ] as const) {
        const fast = await matchUnitsForPerson(db.current.db, org.id, person, {
          ...options,
          limit,
          pageSize,
        });
        expect(fast.eligibleCount).toBe(byRules.eligible.length);
        expect(fast.eligible.map((evaluation) => evaluation.unit.id)).toEqual(
          byRules.eligible.slice(0, limit).map((evaluation) => evaluation.unit.id),
        );
        // the same evaluations too, every fact of the unit included (the page comes as one JSON text,
        // the full list as rows: the two hand-overs must give the same values)
        expect(
          fast.eligible.map((evaluation) => ({
            ...evaluation,
            unit: { ...evaluation.unit, upperBound: undefined },
          })),
        ).toEqual(byRules.eligible.slice(0, limit));
      }
    }
    // the generated data exercise both sides (not everything excluded, not everything kept)
    expect(compared).toBeGreaterThan(30);
    expect(withoutZone).toBeGreaterThan(2);
    expect(excludedReasons).toBeGreaterThan(12 * 3);
    if (mode === "count") expect(excludedByNeighbourhoodCap).toBeGreaterThan(0);
    // the commune at its cap kept its two flats out, for each person they would otherwise suit
    if (mode === "count") expect(excludedByCommuneCap).toBeGreaterThan(4);
  });
});
