import type { Polygon } from "geojson";
import { shortestPath } from "../../server/modules/units/pipeline-path";
import type { Clock } from "../../server/lib/clock";
import { addDays, addMonths, type IsoDate } from "../../server/lib/dates";
import type { AuditWriter } from "../../server/modules/audit/audit.service";
import { ibanMod97 } from "../../server/modules/landlords/iban.rules";
import { geometryBbox, neighbourhoodContaining } from "../../server/modules/neighbourhoods/geometry.rules";
import { buildingCapacity } from "../../server/modules/scatter/scatter.rules";
import type { UnitStatus } from "../../server/modules/units/pipeline.rules";
import type { Db } from "../client";
import { buildings, landlords, neighbourhoods, units, unitTransitions } from "../schema";

/**
 * The demo stock of the Dijon site: 8 neighbourhoods, 60 buildings, 150 units in every pipeline
 * state, some buildings at their 20% cap, some units blocked by their energy class (DPE).
 *
 * The neighbourhood contours are ILLUSTRATIVE: rough octagons around real districts of Dijon, not
 * the official IRIS or QPV contours (import those from data.gouv.fr with POST /api/neighbourhoods/import).
 * Street names are real Dijon streets; house numbers and positions are generated.
 * Deterministic: a seeded generator (mulberry32), never Math.random.
 */

/** mulberry32: a small seeded generator, so that every seed run writes the same demo. */
function seededRandom(seed: number) {
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
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}

/** Deterministic ids: the demo is the same on every machine (and links stay stable). */
const demoId = (kind: number, index: number) =>
  `00000000-0000-4000-8000-${kind.toString(16).padStart(4, "0")}${index.toString(16).padStart(8, "0")}`;

/** An octagon inside the box (corners cut): illustrative contour of a district. */
function octagon(minLng: number, minLat: number, maxLng: number, maxLat: number): Polygon {
  const cutLng = (maxLng - minLng) * 0.2;
  const cutLat = (maxLat - minLat) * 0.2;
  const ring: [number, number][] = [
    [minLng + cutLng, minLat],
    [maxLng - cutLng, minLat],
    [maxLng, minLat + cutLat],
    [maxLng, maxLat - cutLat],
    [maxLng - cutLng, maxLat],
    [minLng + cutLng, maxLat],
    [minLng, maxLat - cutLat],
    [minLng, minLat + cutLat],
  ];
  const rounded = ring.map(
    ([lng, lat]) => [Number(lng.toFixed(5)), Number(lat.toFixed(5))] as [number, number],
  );
  return { type: "Polygon", coordinates: [[...rounded, rounded[0]!]] };
}

type District = {
  code: string;
  name: string;
  isQpv: boolean;
  box: [number, number, number, number];
  streets: string[];
  /** typical dwelling counts of its buildings */
  dwellings: [number, number];
};

const DISTRICTS: District[] = [
  {
    code: "DJ-CENTRE",
    name: "Centre-ville (contour illustratif)",
    isQpv: false,
    box: [5.03, 47.316, 5.05, 47.328],
    streets: [
      "rue de la Liberté",
      "rue des Forges",
      "rue Verrerie",
      "rue Chabot-Charny",
      "rue Musette",
      "rue Berbisey",
      "rue Vauban",
      "rue Jean-Jacques Rousseau",
    ],
    dwellings: [4, 18],
  },
  {
    code: "DJ-MONTCHAPET",
    name: "Montchapet (contour illustratif)",
    isQpv: false,
    box: [5.012, 47.324, 5.03, 47.34],
    streets: [
      "rue de Montchapet",
      "avenue Victor Hugo",
      "rue Jouvence",
      "rue des Marmuzots",
      "boulevard des Valendons",
      "rue Daubenton",
    ],
    dwellings: [3, 24],
  },
  {
    code: "DJ-FONTAINE-OUCHE",
    name: "Fontaine d'Ouche — QPV (contour illustratif)",
    isQpv: true,
    box: [4.99, 47.308, 5.015, 47.324],
    streets: [
      "avenue du Lac",
      "boulevard Gaston Bachelard",
      "allée de Grenoble",
      "rue de Bourges",
      "allée de Dampierre",
    ],
    dwellings: [30, 120],
  },
  {
    code: "DJ-GRESILLES",
    name: "Grésilles — QPV (contour illustratif)",
    isQpv: true,
    box: [5.05, 47.333, 5.072, 47.346],
    streets: [
      "avenue des Grésilles",
      "rue Édouard Branly",
      "boulevard Champollion",
      "rue Castel",
      "rue Honoré de Balzac",
    ],
    dwellings: [24, 96],
  },
  {
    code: "DJ-UNIVERSITE",
    name: "Université (contour illustratif)",
    isQpv: false,
    box: [5.065, 47.305, 5.085, 47.32],
    streets: ["boulevard Gabriel", "avenue Alain Savary", "rue Sully", "esplanade Érasme", "rue de Mirande"],
    dwellings: [12, 60],
  },
  {
    code: "DJ-CHEVREUL-PARC",
    name: "Chevreul-Parc (contour illustratif)",
    isQpv: false,
    box: [5.035, 47.298, 5.06, 47.316],
    streets: ["rue Chevreul", "cours du Parc", "rue Charles Dumont", "boulevard Carnot", "rue d'Auxonne"],
    dwellings: [6, 40],
  },
  {
    code: "DJ-MALADIERE",
    name: "Maladière (contour illustratif)",
    isQpv: false,
    box: [5.05, 47.32, 5.065, 47.333],
    streets: [
      "avenue Aristide Briand",
      "boulevard de Strasbourg",
      "rue de la Maladière",
      "rue Devosge",
      "boulevard Clemenceau",
    ],
    dwellings: [8, 45],
  },
  {
    code: "DJ-PORT-CANAL",
    name: "Port du Canal (contour illustratif)",
    isQpv: false,
    box: [5.015, 47.302, 5.035, 47.316],
    streets: [
      "quai Navier",
      "quai Nicolas Rolin",
      "avenue Jean Jaurès",
      "quai Gauthey",
      "rue du Faubourg Raines",
    ],
    dwellings: [5, 30],
  },
];

const TYPOLOGIES = [
  { typology: "studio", rooms: 1, surface: [18, 28] },
  { typology: "T1", rooms: 1, surface: [25, 34] },
  { typology: "T2", rooms: 2, surface: [38, 52] },
  { typology: "T2", rooms: 2, surface: [40, 55] },
  { typology: "T3", rooms: 3, surface: [55, 72] },
  { typology: "T4", rooms: 4, surface: [74, 90] },
] as const;

/**
 * How many units of the demo sit in each status (150 in all). Every let / notice-given unit is
 * occupied by one of the 40 housed demo people (demo-persons.ts, demo-contracts.ts); reserved
 * units only come from the open panels of the people "offered" (demo-persons.ts), never from here.
 */
export const STATUS_COUNTS: [UnitStatus, number][] = [
  ["let", 34],
  ["notice_given", 6],
  ["available", 50],
  ["prospect", 12],
  ["visit_scheduled", 9],
  ["visited", 9],
  ["agreed", 10],
  ["vacant", 8],
  ["works", 7],
  ["withdrawn", 5],
];

const FORMULAS = ["head_lease", "head_lease", "management_mandate", "sliding_lease", "direct_lease"] as const;

function frenchIban(random: ReturnType<typeof seededRandom>): string {
  const bban = Array.from({ length: 23 }, () => random.int(0, 9)).join("");
  const check = 98 - ibanMod97(`FR00${bban}`);
  return `FR${String(check).padStart(2, "0")}${bban}`;
}

export async function seedDemoStock(
  tx: Db,
  clock: Clock,
  audit: AuditWriter,
  organisationId: string,
  demoLandlordId: string,
): Promise<void> {
  const random = seededRandom(21231); // Dijon's INSEE code
  const today = clock.today();

  // landlords: the demo landlord (already there) and twelve others
  const landlordRows = [
    { kind: "private_person", displayName: "Mme Hélène Bonnard", firstName: "Hélène", lastName: "Bonnard" },
    { kind: "private_person", displayName: "M. Karim Haddad", firstName: "Karim", lastName: "Haddad" },
    { kind: "private_person", displayName: "Mme Odile Perrin", firstName: "Odile", lastName: "Perrin" },
    { kind: "private_person", displayName: "M. Julien Marchand", firstName: "Julien", lastName: "Marchand" },
    { kind: "private_person", displayName: "Mme Sophie Lambert", firstName: "Sophie", lastName: "Lambert" },
    { kind: "sci", displayName: "SCI Les Ducs" },
    { kind: "sci", displayName: "SCI Clos de Vougeot" },
    { kind: "sci", displayName: "SCI du Canal" },
    { kind: "company", displayName: "Foncière Bourgogne Patrimoine" },
    { kind: "company", displayName: "Immobilière de la Côte-d'Or" },
    { kind: "social_landlord", displayName: "Grand Dijon Habitat (démo)" },
    { kind: "social_landlord", displayName: "Orvitis (démo)" },
  ] as const;
  const landlordIds: string[] = [demoLandlordId];
  await tx.insert(landlords).values(
    landlordRows.map((row, index) => {
      const id = demoId(0xb, index + 2);
      landlordIds.push(id);
      return {
        ...row,
        id,
        organisationId,
        reference: `PROP-${String(index + 2).padStart(3, "0")}`,
        email: `proprietaire${index + 2}@exemple.fr`,
        // loi 89-462 art. 3: a direct lease names the lessor's domicile
        postalAddress: `${10 + index} boulevard de Sévigné, 21000 Dijon`,
        iban: frenchIban(random),
      };
    }),
  );

  const neighbourhoodRows = DISTRICTS.map((district, index) => {
    const geometry = octagon(...district.box);
    return {
      id: demoId(0xa, index + 1),
      organisationId,
      code: district.code,
      name: district.name,
      isQpv: district.isQpv,
      geometry,
      ...geometryBbox(geometry),
    };
  });
  await tx.insert(neighbourhoods).values(neighbourhoodRows);

  // 60 buildings, 7 or 8 per district, placed inside the district's octagon
  const buildingRows: (typeof buildings.$inferInsert & { id: string; totalDwellings: number })[] = [];
  DISTRICTS.forEach((district, districtIndex) => {
    const count = districtIndex < 4 ? 8 : 7;
    const [minLng, minLat, maxLng, maxLat] = district.box;
    for (let i = 0; i < count; i++) {
      const lng = minLng + (maxLng - minLng) * (0.25 + 0.5 * random.next());
      const lat = minLat + (maxLat - minLat) * (0.25 + 0.5 * random.next());
      // a few small houses (2–4 dwellings: no programme unit under the strict 20% rule)
      const small = !district.isQpv && i === count - 1;
      const totalDwellings = small ? random.int(2, 4) : random.int(...district.dwellings);
      const index = buildingRows.length + 1;
      buildingRows.push({
        id: demoId(0xc, index),
        organisationId,
        reference: `IMM-${String(index).padStart(3, "0")}`,
        landlordId: district.isQpv
          ? landlordIds[11 + (i % 2)]!
          : i % 3 === 0
            ? landlordIds[6 + (i % 4)]!
            : null,
        street: `${random.int(1, 80)} ${district.streets[i % district.streets.length]}`,
        postcode: "21000",
        city: "Dijon",
        inseeCode: "21231",
        lng: Number(lng.toFixed(6)),
        lat: Number(lat.toFixed(6)),
        neighbourhoodId: neighbourhoodContaining({ lng, lat }, neighbourhoodRows),
        totalDwellings,
        hasElevator: totalDwellings > 15,
        yearBuilt: district.isQpv ? random.int(1960, 1975) : random.int(1860, 2015),
      });
    }
  });
  await tx.insert(buildings).values(buildingRows);

  // where programme units may go: each building's room under the strict 20% cap
  const room = new Map(
    buildingRows.map((b) => [
      b.id,
      buildingCapacity(b.totalDwellings, { capBasisPoints: 2000, smallBuildingException: false })
        .maxProgrammeUnits,
    ]),
  );
  const unitsIn = new Map<string, number>(buildingRows.map((b) => [b.id, 0]));
  // fill the first building of each district with room to its cap: the map shows them full
  const fillFirst = new Set(
    DISTRICTS.map(
      (_, d) =>
        buildingRows
          .filter((b) => b.neighbourhoodId === neighbourhoodRows[d]!.id)
          .find((b) => room.get(b.id)! >= 2)?.id,
    ).filter(Boolean),
  );

  function placeProgrammeUnit(): string {
    for (const id of fillFirst) if (room.get(id!)! > 0) return id!;
    const candidates = buildingRows.filter(
      (b) => room.get(b.id)! > 0 && unitsIn.get(b.id)! < b.totalDwellings,
    );
    return random.pick(candidates).id;
  }
  function placeOtherUnit(): string {
    const candidates = buildingRows.filter(
      (b) => unitsIn.get(b.id)! < Math.max(1, Math.floor(b.totalDwellings / 2)),
    );
    return random.pick(candidates).id;
  }

  type UnitSeed = typeof units.$inferInsert & { id: string; status: UnitStatus; statusSince: IsoDate };
  const unitRows: UnitSeed[] = [];
  // the date an occupied unit was let (its tenant lease starts then, on the 1st of a month)
  const letSince = new Map<string, IsoDate>();
  // owners of the flats of buildings without a single landlord (co-ownerships): the private
  // landlords and the SCIs in turn, the demo landlord every ninth flat
  const coOwners = landlordIds.slice(1, 9);
  let occupied = 0;
  let blockedByDpe = 0;
  for (const [status, count] of STATUS_COUNTS) {
    for (let i = 0; i < count; i++) {
      const programme = status === "reserved" || status === "let" || status === "notice_given";
      const buildingId = programme ? placeProgrammeUnit() : placeOtherUnit();
      if (programme) room.set(buildingId, room.get(buildingId)! - 1);
      unitsIn.set(buildingId, unitsIn.get(buildingId)! + 1);
      const shape = random.pick(TYPOLOGIES);
      const surfaceM2 = random.int(shape.surface[0], shape.surface[1]) + random.int(0, 9) / 10;
      // a few available/vacant flats rated G (not décent for a lease since 1 Jan 2025: blocked),
      // some F (blocked from 2028), the rest A–E
      let energyClass: "A" | "B" | "C" | "D" | "E" | "F" | "G" = random.pick([
        "B",
        "C",
        "C",
        "D",
        "D",
        "D",
        "E",
        "E",
      ]);
      if ((status === "available" || status === "vacant") && i % 6 === 2) {
        energyClass = "G";
        blockedByDpe++;
      } else if (status === "works" && i % 2 === 0)
        energyClass = "G"; // renovation under way
      else if (!programme && i % 7 === 3) energyClass = "F";
      const captured = !["prospect", "visit_scheduled", "visited"].includes(status);
      let statusSince = addDays(today, -random.int(3, 120));
      const index = unitRows.length + 1;
      if (status === "let" || status === "notice_given") {
        // let on the 1st of a month, 1 to 30 months ago (every span of the 24-month ledger)
        const since = `${addMonths(today, -(1 + ((occupied * 7) % 30))).slice(0, 7)}-01` as IsoDate;
        occupied++;
        letSince.set(demoId(0xd, index), since);
        statusSince = status === "let" ? since : addDays(today, -random.int(3, 40));
      }
      const building = buildingRows.find((b) => b.id === buildingId)!;
      // every unit has its landlord: the building's, or one of the co-owners
      const landlordId =
        building.landlordId ?? (index % 9 === 1 ? demoLandlordId : coOwners[index % coOwners.length]!);
      unitRows.push({
        id: demoId(0xd, index),
        organisationId,
        buildingId,
        landlordId,
        reference: `LOG-${String(index).padStart(3, "0")}`,
        floor: random.int(0, 6),
        typology: shape.typology,
        surfaceM2,
        rooms: shape.rooms,
        furnished: random.next() < 0.2,
        wheelchairAccessible: random.next() < 0.08,
        stepFree: random.next() < 0.2,
        energyClass,
        // made after 1 July 2021: still valid (décret 2020-1610), a lease may be signed on it
        energyDiagnosisDate: addDays(today, -random.int(60, 1900)),
        // Dijon private rents: roughly 10–13 €/m² excluding charges
        rentCents: Math.round((surfaceM2 * random.int(1000, 1300)) / 100) * 100,
        chargesCents: random.int(3, 12) * 1000,
        // the demo landlord entrusts their flats under management mandates
        captureFormula: captured
          ? landlordId === demoLandlordId
            ? "management_mandate"
            : random.pick(FORMULAS)
          : null,
        locAvantagesLevel: captured && i % 5 === 0 ? "loc2" : null,
        availableFrom: captured ? addDays(statusSince, random.int(0, 30)) : null,
        status,
        statusSince,
        decencyChecklist:
          captured || status === "visited"
            ? {
                mainRoomSurfaceM2: Math.min(surfaceM2 - 4, 28),
                ceilingHeightM: 2.5,
                decentVia: "surface_and_height",
                checkedOn: statusSince,
              }
            : null,
      });
    }
  }
  for (const unit of unitRows) {
    if (unit.locAvantagesLevel) unit.rentCeilingCents = unit.rentCents + 5_000;
  }
  await tx.insert(units).values(unitRows);

  // each unit's history: the shortest path from prospect to its state, spread over the past
  const transitions: (typeof unitTransitions.$inferInsert)[] = [];
  for (const unit of unitRows) {
    const path = shortestPath("prospect", unit.status);
    let date = addDays(letSince.get(unit.id) ?? unit.statusSince, -14 * (path.length - 1) - 7);
    transitions.push({
      organisationId,
      unitId: unit.id,
      fromStatus: null,
      toStatus: "prospect",
      effectiveDate: date,
      reason: "données de démonstration",
    });
    path.slice(1).forEach((status, step) => {
      const letOn = letSince.get(unit.id);
      date =
        status === "let" && letOn ? letOn : step === path.length - 2 ? unit.statusSince : addDays(date, 14);
      transitions.push({
        organisationId,
        unitId: unit.id,
        fromStatus: path[step]!,
        toStatus: status,
        effectiveDate: date,
        reason: status === "withdrawn" ? "le propriétaire reprend son logement" : null,
      });
    });
  }
  for (let start = 0; start < transitions.length; start += 500) {
    await tx.insert(unitTransitions).values(transitions.slice(start, start + 500));
  }

  await audit.record({
    action: "demo.seed.stock",
    entityType: "organisation",
    entityId: organisationId,
    details: {
      landlords: landlordRows.length,
      neighbourhoods: neighbourhoodRows.length,
      buildings: buildingRows.length,
      units: unitRows.length,
      buildingsAtCap: [...room.entries()].filter(
        ([id, left]) =>
          left === 0 && unitsIn.get(id)! > 0 && buildingRows.find((b) => b.id === id)!.totalDwellings >= 5,
      ).length,
      unitsBlockedByEnergyClass: blockedByDpe,
    },
  });
}
