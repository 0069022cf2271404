import type { Polygon } from "geojson";
import { addDays, addMonths, compareDates, daysBetween, type IsoDate } from "../../server/lib/dates";
import { ibanMod97 } from "../../server/modules/landlords/iban.rules";
import {
  checkHardConstraints,
  type MatchChoices,
  type MatchPerson,
  type MatchUnit,
  minimumRooms,
  minimumSurfaceM2,
  type Typology,
} from "../../server/modules/matching/matching.rules";
import { residualRent } from "../../server/modules/matching/residual-rent.rules";
import { geometryBbox, neighbourhoodContaining } from "../../server/modules/neighbourhoods/geometry.rules";
import type { DeclinedBy } from "../../server/modules/panels/panels.rules";
import { buildingCapacity } from "../../server/modules/scatter/scatter.rules";
import { isTransitionAllowed, type UnitStatus } from "../../server/modules/units/pipeline.rules";
import type {
  admissions,
  buildings,
  housingChoices,
  landlords,
  neighbourhoods,
  offerPanels,
  offers,
  persons,
  units,
  unitTransitions,
} from "../schema";
import { demoId, type SeededRandom, seededRandom } from "./demo-random";

/**
 * The demo site planned in memory, then written in a few bulk statements: a year in the life of the
 * Dijon site of "Un Chez-soi d'abord", every date counted back from the day it is seeded.
 *
 * What holds whatever that day is (checked by the demo-invariants test at several dates):
 * - every offerable flat (available, vacant) can be let today: energy class A to E, a DPE under ten
 *   years old and made after 1 July 2021, décence recorded, in a building with room under the 20 % cap
 *   even once every open panel is counted; buildings of 2 to 4 dwellings (cap 0) hold no captured flat;
 * - almost every waiting person has at least three flats passing every hard constraint of the
 *   matching (checked here with the matching rules themselves, then through the API by the test);
 * - resources, housing benefit and rent fit together: the benefit never exceeds rent + charges,
 *   most tenants pay at most 30 % of their resources, a few get a small rent complement;
 * - panels hold three flats, declines are coded by who declined, a wholly declined panel is followed
 *   by another one; a few first offers came after the 8 weeks;
 * - a suspension comes after the entry and after the last status change, with the status before it.
 *
 * The neighbourhood contours are ILLUSTRATIVE: rough octagons around real districts of Dijon, not the
 * official IRIS or QPV contours (import those with POST /api/neighbourhoods/import). Street names are
 * real Dijon streets; house numbers and positions are generated. Deterministic (seeded generator).
 */

type Unit = typeof units.$inferInsert & {
  id: string;
  status: UnitStatus;
  statusSince: IsoDate;
  buildingId: string;
  landlordId: string;
  typology: Typology;
  surfaceM2: number;
  rooms: number;
  floor: number;
  rentCents: number;
  chargesCents: number;
};
type Building = typeof buildings.$inferInsert & {
  id: string;
  totalDwellings: number;
  lng: number;
  lat: number;
  hasElevator: boolean;
};
type Person = typeof persons.$inferInsert & {
  id: string;
  entryDate: IsoDate;
  adults: number;
  children: number;
  resources: { rsa: number; aah: number; wages: number; pension: number; other: number };
};
type Panel = typeof offerPanels.$inferInsert & { id: string; personId: string; proposedOn: IsoDate };
type Offer = typeof offers.$inferInsert;

/** A tenancy the contracts seed turns into a lease (and, under a head lease, its head lease). */
export type Tenancy = {
  personId: string;
  unitId: string;
  startDate: IsoDate;
  status: "signed" | "notice_given" | "ended";
  noticeGivenOn: IsoDate | null;
  endedOn: IsoDate | null;
};

export type DemoPlan = {
  landlords: (typeof landlords.$inferInsert & { id: string })[];
  neighbourhoods: (typeof neighbourhoods.$inferInsert & { id: string })[];
  buildings: Building[];
  units: Unit[];
  transitions: (typeof unitTransitions.$inferInsert)[];
  persons: Person[];
  /** each person's admissions; one former tenant came back and was readmitted with a new day 1 */
  admissions: (typeof admissions.$inferInsert)[];
  choices: (typeof housingChoices.$inferInsert)[];
  panels: Panel[];
  offers: Offer[];
  tenancies: Tenancy[];
  /** empty flats under a head lease: the operator pays the landlord while they wait for a tenant */
  headLeasedEmpty: { unitId: string; startDate: IsoDate }[];
  /** the demo landlord's flat whose management mandate waits for their signature in the portal */
  pendingMandateUnitId: string;
};

/** Monthly amounts in cents: RSA for a single person and AAH at the full rate (April 2025 figures). */
export const RSA_SINGLE = 64_652;
export const AAH_FULL = 103_332;
/** The national ceiling: residual rent at most 30 % of resources (cahier des charges §8.11). */
const CEILING_BASIS_POINTS = 3000;

/**
 * An ILLUSTRATIVE housing benefit for the demo, not the APL barème: a share of the rent that falls
 * as resources rise, within a ceiling growing with the household, and always leaving the tenant a
 * part to pay (the benefit never reaches rent + charges).
 */
export function illustrativeHousingBenefit(
  rentCents: number,
  chargesCents: number,
  resourcesCents: number,
  householdSize: number,
): number {
  const share = resourcesCents <= 80_000 ? 0.75 : resourcesCents <= 120_000 ? 0.55 : 0.35;
  const ceiling = 26_000 + 6_000 * (householdSize - 1);
  return Math.max(0, Math.min(Math.round(rentCents * share), ceiling, rentCents + chargesCents - 3_500));
}

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
    dwellings: [10, 24],
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
    dwellings: [10, 30],
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
    dwellings: [10, 40],
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
    dwellings: [10, 45],
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
    dwellings: [10, 30],
  },
];

const SHAPES: Record<"studio" | "T1" | "T2" | "T3" | "T4", { rooms: number; surface: [number, number] }> = {
  studio: { rooms: 1, surface: [21, 28] },
  T1: { rooms: 1, surface: [26, 34] },
  T2: { rooms: 2, surface: [38, 52] },
  T3: { rooms: 3, surface: [55, 70] },
  T4: { rooms: 4, surface: [72, 88] },
};

const LANDLORDS = [
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
  "Mamadou",
  "Éloïse",
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
  "André",
  "Mercier",
  "Dupont",
  "Lambert",
  "Bonnet",
  "François",
  "Martinez",
  "Benali",
  "Diallo",
  "Chevalier",
  "Noël",
];

const firstOfMonth = (date: IsoDate): IsoDate => `${date.slice(0, 7)}-01` as IsoDate;
const minDate = (a: IsoDate, b: IsoDate) => (compareDates(a, b) <= 0 ? a : b);
const maxDate = (a: IsoDate, b: IsoDate) => (compareDates(a, b) >= 0 ? a : b);

function frenchIban(random: SeededRandom): string {
  const bban = Array.from({ length: 23 }, () => random.int(0, 9)).join("");
  const check = 98 - ibanMod97(`FR00${bban}`);
  return `FR${String(check).padStart(2, "0")}${bban}`;
}

type Event = { to: UnitStatus; on: IsoDate; reason: string | null };

/** The tenancies (by index among the occupied flats) whose tenant is suspended, the flat kept. */
const SUSPENDED_TENANCIES = new Set([8, 21, 34]);

export function planDemo(today: IsoDate, ids: { organisationId: string; demoLandlordId: string }): DemoPlan {
  const { organisationId, demoLandlordId } = ids;
  const random = seededRandom(21231); // Dijon's INSEE code

  // ─── landlords, neighbourhoods, buildings ───────────────────────────────────────────────────
  const landlordRows = LANDLORDS.map((row, index) => ({
    ...row,
    id: demoId(0xb, index + 2),
    organisationId,
    reference: `PROP-${String(index + 2).padStart(3, "0")}`,
    email: `proprietaire${index + 2}@exemple.fr`,
    // loi 89-462 art. 3: a lease names the lessor's domicile
    postalAddress: `${10 + index} boulevard de Sévigné, 21000 Dijon`,
    iban: frenchIban(random),
  }));
  const landlordIds = [demoLandlordId, ...landlordRows.map((l) => l.id)];
  const socialIds = new Set(landlordRows.filter((l) => l.kind === "social_landlord").map((l) => l.id));

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

  const buildingRows: Building[] = [];
  const districtOf = new Map<string, number>();
  DISTRICTS.forEach((district, d) => {
    const count = d < 4 ? 8 : 7;
    const [minLng, minLat, maxLng, maxLat] = district.box;
    for (let i = 0; i < count; i++) {
      const lng = minLng + (maxLng - minLng) * (0.25 + 0.5 * random.next());
      const lat = minLat + (maxLat - minLat) * (0.25 + 0.5 * random.next());
      // a small house (2–4 dwellings) in each ordinary district: the 20 % cap leaves it no programme flat
      const small = !district.isQpv && i === count - 1;
      const totalDwellings = small ? random.int(2, 4) : random.int(...district.dwellings);
      const index = buildingRows.length + 1;
      const id = demoId(0xc, index);
      districtOf.set(id, d);
      buildingRows.push({
        id,
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
  const buildingById = new Map(buildingRows.map((b) => [b.id, b]));
  const capOf = new Map(
    buildingRows.map((b) => [
      b.id,
      buildingCapacity(b.totalDwellings, { capBasisPoints: 2000, smallBuildingException: false })
        .maxProgrammeUnits,
    ]),
  );
  // room left under the cap once every captured or coming flat placed there is counted as programme
  const roomLeft = new Map(capOf);
  const unitsInBuilding = new Map(buildingRows.map((b) => [b.id, 0]));

  // buildings taken in turn across districts, the emptiest first: the stock is spread over the city
  let districtCursor = 0;
  function placeInBuilding(options: { countsTowardsCap: boolean; smallOnly?: boolean }): string {
    for (let attempt = 0; attempt < DISTRICTS.length * 2; attempt++) {
      const d = districtCursor++ % DISTRICTS.length;
      const candidates = buildingRows.filter(
        (b) =>
          districtOf.get(b.id) === d &&
          (options.smallOnly
            ? capOf.get(b.id) === 0 && unitsInBuilding.get(b.id)! === 0
            : roomLeft.get(b.id)! >= 1 && unitsInBuilding.get(b.id)! < b.totalDwellings),
      );
      if (candidates.length === 0) continue;
      candidates.sort((a, b) => roomLeft.get(b.id)! - roomLeft.get(a.id)! || (a.id < b.id ? -1 : 1));
      const chosen = candidates[0]!;
      if (options.countsTowardsCap) roomLeft.set(chosen.id, roomLeft.get(chosen.id)! - 1);
      unitsInBuilding.set(chosen.id, unitsInBuilding.get(chosen.id)! + 1);
      return chosen.id;
    }
    throw new Error("demo plan: no building left with room under the cap");
  }
  // a few buildings filled to their cap by let flats: the map shows them full
  const fullBuildings = [0, 1, 4, 6].map(
    (d) => buildingRows.find((b) => districtOf.get(b.id) === d && capOf.get(b.id)! >= 2)!.id,
  );

  // ─── units ──────────────────────────────────────────────────────────────────────────────────
  const unitRows: Unit[] = [];
  const events = new Map<string, Event[]>();
  const coOwners = landlordIds.slice(1, 9);
  function makeUnit(
    status: UnitStatus,
    typology: keyof typeof SHAPES,
    buildingId: string,
    options: {
      energy: readonly ("A" | "B" | "C" | "D" | "E" | "F" | "G")[];
      /** the DPE was made before this day (capture or lease) */
      dpeBefore: IsoDate;
      formula: "head_lease" | "sliding_lease" | "management_mandate" | "direct_lease" | null;
      decencyOn: IsoDate | null;
      statusSince: IsoDate;
      availableFrom: IsoDate | null;
    },
  ): Unit {
    const building = buildingById.get(buildingId)!;
    const shape = SHAPES[typology];
    const surfaceM2 = random.int(shape.surface[0], shape.surface[1]) + random.int(0, 9) / 10;
    const index = unitRows.length + 1;
    const landlordId = building.landlordId ?? coOwners[index % coOwners.length]!;
    const social = socialIds.has(landlordId);
    // Dijon: private rents of about 10.5–12.5 €/m² before charges, social rents about 6–7.5 €/m²
    const perM2 = social ? random.int(600, 750) : random.int(1050, 1250);
    const chargesEuros =
      typology === "studio" || typology === "T1"
        ? random.int(25, 40)
        : typology === "T2"
          ? random.int(35, 55)
          : random.int(50, 80);
    const maxFloor = building.hasElevator ? 8 : building.totalDwellings <= 4 ? 1 : 4;
    const floor = random.int(0, maxFloor);
    const unit: Unit = {
      id: demoId(0xd, index),
      organisationId,
      buildingId,
      landlordId,
      reference: `LOG-${String(index).padStart(3, "0")}`,
      floor,
      typology,
      surfaceM2,
      rooms: shape.rooms,
      furnished: random.chance(0.2),
      wheelchairAccessible: building.hasElevator && random.chance(0.15),
      stepFree: floor === 0 || building.hasElevator ? random.chance(0.6) : false,
      energyClass: random.pick(options.energy),
      // under ten years old and made after 1 July 2021 (older DPEs have expired), before the capture
      energyDiagnosisDate: addDays(options.dpeBefore, -random.int(20, 400)),
      rentCents: Math.round((surfaceM2 * perM2) / 100) * 100,
      chargesCents: chargesEuros * 100,
      captureFormula: options.formula,
      locAvantagesLevel: null,
      availableFrom: options.availableFrom,
      status,
      statusSince: options.statusSince,
      decencyChecklist: options.decencyOn
        ? {
            mainRoomSurfaceM2: Math.max(9, Math.min(Math.floor(surfaceM2 - 4), 28)),
            ceilingHeightM: 2.5,
            decentVia: "surface_and_height",
            checkedOn: options.decencyOn,
          }
        : null,
    };
    unitRows.push(unit);
    events.set(unit.id, []);
    return unit;
  }
  const push = (unitId: string, to: UnitStatus, on: IsoDate, reason: string | null = null) =>
    events.get(unitId)!.push({ to, on, reason });
  /** the capture of a flat: prospect → visit → visited (décence) → agreed → available on `availableOn` */
  function captureHistory(unitId: string, availableOn: IsoDate, upTo: UnitStatus = "available") {
    const agreedOn = addDays(availableOn, -random.int(5, 15));
    const visitedOn = addDays(agreedOn, -random.int(3, 10));
    const scheduledOn = addDays(visitedOn, -random.int(5, 12));
    const prospectOn = addDays(scheduledOn, -random.int(5, 20));
    push(unitId, "prospect", prospectOn, "proposé par le propriétaire");
    push(unitId, "visit_scheduled", scheduledOn);
    const unit = unitRows.find((u) => u.id === unitId)!;
    if (unit.decencyChecklist) unit.decencyChecklist = { ...unit.decencyChecklist, checkedOn: visitedOn };
    if (upTo === "visit_scheduled") return visitedOn;
    push(unitId, "visited", visitedOn, "décence vérifiée à la visite");
    if (upTo === "visited") return visitedOn;
    push(unitId, "agreed", agreedOn, "accord du propriétaire");
    if (upTo === "agreed") return visitedOn;
    push(unitId, "available", availableOn);
    return visitedOn;
  }

  const decent = ["B", "C", "C", "D", "D", "D", "E"] as const;
  const FORMULA_CYCLE = [
    "head_lease",
    "head_lease",
    "management_mandate",
    "head_lease",
    "sliding_lease",
    "head_lease",
    "direct_lease",
    "head_lease",
  ] as const;

  // tenancies: 43 occupied flats (40 housed people, 3 suspended whose tenancy goes on) — lease
  // starts on the 1st of a month, 1 to 26 months ago
  type Home = { unit: Unit; startDate: IsoDate; acceptedOn: IsoDate; availableOn: IsoDate; notice: boolean };
  const homes: Home[] = [];
  const HOME_TYPOLOGIES = ["studio", "T1", "T1", "T2", "studio", "T2", "T1", "T3", "T2", "T1", "T4"] as const;
  for (let i = 0; i < 43; i++) {
    const monthsAgo = 1 + ((i * 7) % 20);
    const startDate = firstOfMonth(addMonths(today, -monthsAgo));
    const acceptedOn = addDays(startDate, -random.int(25, 40));
    const availableOn = addDays(acceptedOn, -random.int(30, 150));
    const notice = monthsAgo >= 4 && i % 9 === 4;
    const fill = fullBuildings.find((id) => roomLeft.get(id)! > 0);
    const buildingId = fill
      ? (() => {
          roomLeft.set(fill, roomLeft.get(fill)! - 1);
          unitsInBuilding.set(fill, unitsInBuilding.get(fill)! + 1);
          return fill;
        })()
      : placeInBuilding({ countsTowardsCap: true });
    const noticeOn = notice ? addDays(today, -random.int(5, 40)) : null;
    const unit = makeUnit(
      notice ? "notice_given" : "let",
      HOME_TYPOLOGIES[i % HOME_TYPOLOGIES.length]!,
      buildingId,
      {
        energy: decent,
        dpeBefore: addDays(availableOn, -20),
        // a management mandate on every other mandated flat (each signed mandate renders two PDFs at
        // the first start), a plain direct lease on the others
        formula:
          FORMULA_CYCLE[i % FORMULA_CYCLE.length] === "management_mandate" && i % 16 !== 2
            ? "direct_lease"
            : FORMULA_CYCLE[i % FORMULA_CYCLE.length]!,
        decencyOn: addDays(availableOn, -25),
        statusSince: noticeOn ?? startDate,
        availableFrom: availableOn,
      },
    );
    captureHistory(unit.id, availableOn);
    homes.push({ unit, startDate, acceptedOn, availableOn, notice });
  }
  // four flats whose tenant left: vacant since, the head lease still running (vacancy paid)
  type FormerHome = Home & { endedOn: IsoDate; noticeOn: IsoDate };
  const formerHomes: FormerHome[] = [];
  for (let i = 0; i < 4; i++) {
    const startDate = firstOfMonth(addMonths(today, -(9 + i * 3)));
    const acceptedOn = addDays(startDate, -random.int(25, 40));
    const availableOn = addDays(acceptedOn, -random.int(20, 60));
    const endedOn = addDays(today, -random.int(15, 75));
    const noticeOn = addDays(endedOn, -random.int(30, 45));
    const unit = makeUnit(
      "vacant",
      random.pick(["studio", "T1", "T2"] as const),
      placeInBuilding({ countsTowardsCap: true }),
      {
        energy: decent,
        dpeBefore: addDays(availableOn, -20),
        formula: "head_lease",
        decencyOn: addDays(availableOn, -25),
        statusSince: endedOn,
        availableFrom: endedOn,
      },
    );
    captureHistory(unit.id, availableOn);
    formerHomes.push({ unit, startDate, acceptedOn, availableOn, notice: true, endedOn, noticeOn });
  }

  // 54 available flats, captured 3 to 170 days ago; a few under a head lease (vacancy paid)
  const AVAILABLE_TYPOLOGIES = [
    "studio",
    "T1",
    "T2",
    "T2",
    "T1",
    "T3",
    "studio",
    "T2",
    "T1",
    "T3",
    "T4",
    "T2",
  ] as const;
  const available: Unit[] = [];
  const headLeasedEmpty: { unitId: string; startDate: IsoDate }[] = [];
  for (let i = 0; i < 54; i++) {
    const availableOn = addDays(today, -random.int(3, 170));
    const recent = daysBetween(availableOn, today) <= 45;
    const formula =
      recent && headLeasedEmpty.length < 5
        ? "head_lease"
        : i % 3 === 0
          ? "direct_lease"
          : "management_mandate";
    const unit = makeUnit(
      "available",
      AVAILABLE_TYPOLOGIES[i % AVAILABLE_TYPOLOGIES.length]!,
      placeInBuilding({ countsTowardsCap: true }),
      {
        energy: decent,
        dpeBefore: addDays(availableOn, -20),
        formula,
        decencyOn: addDays(availableOn, -25),
        statusSince: availableOn,
        availableFrom: availableOn,
      },
    );
    // a few flats reachable without a step and in a wheelchair, for the people who need it
    if (i % 9 === 0) {
      unit.wheelchairAccessible = true;
      unit.stepFree = true;
      unit.floor = buildingById.get(unit.buildingId)!.hasElevator ? unit.floor : 0;
    }
    if (formula === "head_lease") headLeasedEmpty.push({ unitId: unit.id, startDate: availableOn });
    captureHistory(unit.id, availableOn);
    available.push(unit);
  }

  // the pipeline: agreed (available within weeks), visits, prospects, works, withdrawn
  const pipeline: Unit[] = [];
  for (let i = 0; i < 6; i++) {
    const availableFrom = addDays(today, random.int(7, 40));
    const agreedOn = addDays(today, -random.int(2, 20));
    const unit = makeUnit(
      "agreed",
      random.pick(["studio", "T1", "T2", "T3"] as const),
      placeInBuilding({ countsTowardsCap: true }),
      {
        energy: decent,
        dpeBefore: addDays(agreedOn, -15),
        formula:
          i === 0
            ? "management_mandate"
            : random.pick(["head_lease", "management_mandate", "direct_lease"] as const),
        decencyOn: addDays(agreedOn, -6),
        statusSince: agreedOn,
        availableFrom,
      },
    );
    push(unit.id, "prospect", addDays(agreedOn, -30), "proposé par le propriétaire");
    push(unit.id, "visit_scheduled", addDays(agreedOn, -20));
    push(unit.id, "visited", addDays(agreedOn, -6), "décence vérifiée à la visite");
    push(unit.id, "agreed", agreedOn, "accord du propriétaire");
    pipeline.push(unit);
  }
  for (const [status, count] of [
    ["prospect", 18],
    ["visit_scheduled", 8],
    ["visited", 6],
  ] as const) {
    for (let i = 0; i < count; i++) {
      const since = addDays(today, -random.int(1, 30));
      const unit = makeUnit(
        status,
        random.pick(["studio", "T1", "T2", "T2", "T3"] as const),
        placeInBuilding({ countsTowardsCap: true }),
        {
          // the DPE is read at the visit: prospects include a class F and a class G flat
          energy: status === "visited" ? decent : (["C", "D", "D", "E", "E", "F", "G"] as const),
          dpeBefore: since,
          formula: null,
          decencyOn: status === "visited" ? since : null,
          statusSince: since,
          availableFrom: null,
        },
      );
      if (status === "prospect") push(unit.id, "prospect", since, "proposé par le propriétaire");
      else if (status === "visit_scheduled") {
        push(unit.id, "prospect", addDays(since, -random.int(3, 15)), "proposé par le propriétaire");
        push(unit.id, "visit_scheduled", since);
      } else {
        push(unit.id, "prospect", addDays(since, -random.int(15, 30)), "proposé par le propriétaire");
        push(unit.id, "visit_scheduled", addDays(since, -random.int(3, 10)));
        push(unit.id, "visited", since, "décence vérifiée à la visite");
      }
      pipeline.push(unit);
    }
  }
  for (let i = 0; i < 6; i++) {
    // energy renovation under way (class F or G before works): not offerable until the new DPE
    const worksOn = addDays(today, -random.int(10, 90));
    const availableOn = addDays(worksOn, -random.int(20, 80));
    const unit = makeUnit(
      "works",
      random.pick(["T1", "T2", "T3"] as const),
      placeInBuilding({ countsTowardsCap: true }),
      {
        energy: ["F", "G"],
        dpeBefore: addDays(availableOn, -20),
        formula: "management_mandate",
        decencyOn: addDays(availableOn, -25),
        statusSince: worksOn,
        availableFrom: null,
      },
    );
    captureHistory(unit.id, availableOn);
    push(unit.id, "works", worksOn, "rénovation énergétique avant remise en location");
  }
  for (let i = 0; i < 5; i++) {
    const since = addDays(today, -random.int(10, 200));
    const small = i < 3;
    const unit = makeUnit(
      "withdrawn",
      random.pick(["studio", "T1", "T2"] as const),
      placeInBuilding({ countsTowardsCap: false, smallOnly: small }),
      {
        energy: ["C", "D", "E", "G"],
        dpeBefore: since,
        formula: null,
        decencyOn: null,
        statusSince: since,
        availableFrom: null,
      },
    );
    push(unit.id, "prospect", addDays(since, -random.int(10, 30)), "proposé par le propriétaire");
    push(
      unit.id,
      "withdrawn",
      since,
      small
        ? "immeuble de moins de 5 logements : le plafond de 20 % n'y permet aucun logement du programme"
        : "le propriétaire reprend son logement",
    );
  }

  // the demo landlord's flats (co-ownerships): two head-leased and let, one let under a mandate,
  // one empty under a head lease (vacancy paid), one agreed whose mandate waits for their signature
  const coOwned = (u: Unit) => buildingById.get(u.buildingId)!.landlordId === null;
  const claim = (u: Unit | undefined, formula: Unit["captureFormula"]) => {
    if (!u) throw new Error("demo plan: no flat for the demo landlord");
    u.landlordId = demoLandlordId;
    u.captureFormula = formula;
    return u;
  };
  const letHomes = homes.filter((h) => !h.notice && coOwned(h.unit));
  claim(letHomes[0]?.unit, "head_lease");
  claim(letHomes[3]?.unit, "head_lease");
  claim(letHomes[6]?.unit, "management_mandate");
  const demoEmpty = claim(
    available.find((u) => coOwned(u) && daysBetween(u.statusSince, today) <= 60),
    "head_lease",
  );
  if (!headLeasedEmpty.some((h) => h.unitId === demoEmpty.id))
    headLeasedEmpty.push({ unitId: demoEmpty.id, startDate: demoEmpty.statusSince });
  const pending = claim(
    pipeline.find((u) => u.status === "agreed" && coOwned(u)),
    "management_mandate",
  );

  // the sliding lease that slides soon is on a social landlord's flat (CCH L.442-8-3: the
  // landlord informs the préfet two months before the review period ends): the oldest sliding
  // flat trades its formula with a social landlord's head-leased flat let before every other
  // sliding flat, which becomes the oldest sliding lease
  const byStart = (a: Home, b: Home) => compareDates(a.startDate, b.startDate);
  const slidingHomes = homes.filter((home) => home.unit.captureFormula === "sliding_lease").sort(byStart);
  const oldestSliding = slidingHomes.find((home) => !home.notice);
  const nextSlidingStart = slidingHomes.find((home) => home !== oldestSliding)?.startDate ?? today;
  const socialHeadLeased = homes
    .filter(
      (home, i) =>
        home.unit.captureFormula === "head_lease" &&
        !home.notice &&
        !SUSPENDED_TENANCIES.has(i) &&
        socialIds.has(home.unit.landlordId) &&
        compareDates(home.startDate, nextSlidingStart) < 0 &&
        compareDates(home.startDate, addMonths(today, -6)) < 0,
    )
    .sort(byStart)[0];
  if (oldestSliding && socialHeadLeased) {
    oldestSliding.unit.captureFormula = "head_lease";
    socialHeadLeased.unit.captureFormula = "sliding_lease";
  }

  // ─── people ─────────────────────────────────────────────────────────────────────────────────
  const personRows: Person[] = [];
  const choiceRows: (typeof housingChoices.$inferInsert)[] = [];
  const panelRows: Panel[] = [];
  const offerRows: Offer[] = [];
  const tenancies: Tenancy[] = [];
  /** each unit's reserved intervals, so no unit sits in two panels at once */
  const busy = new Map<string, [IsoDate, IsoDate][]>();
  const free = (unitId: string, from: IsoDate, to: IsoDate) =>
    (busy.get(unitId) ?? []).every(([a, b]) => compareDates(to, a) < 0 || compareDates(from, b) > 0);
  const book = (unitId: string, from: IsoDate, to: IsoDate) =>
    busy.set(unitId, [...(busy.get(unitId) ?? []), [from, to]]);
  // a let flat was free between its capture and the panel its tenant accepted
  const freeWindow = new Map<string, [IsoDate, IsoDate | null]>();
  for (const h of [...homes, ...formerHomes]) {
    freeWindow.set(h.unit.id, [h.availableOn, addDays(h.acceptedOn, -1)]);
    book(h.unit.id, h.acceptedOn, h.startDate);
  }
  for (const u of available) freeWindow.set(u.id, [u.statusSince, null]);

  let personIndex = 0;
  function newPerson(
    stage: "waiting" | "offered" | "housed" | "suspended" | "left",
    household: { adults: number; children: number },
    resources: { rsa: number; aah: number; wages: number; pension: number; other: number },
    entryDate: IsoDate,
  ): Person {
    const index = personIndex++;
    const person: Person = {
      id: demoId(0xe, index + 1),
      organisationId,
      firstName: FIRST_NAMES[index % FIRST_NAMES.length]!,
      lastName: LAST_NAMES[(index * 7 + Math.floor(index / LAST_NAMES.length)) % LAST_NAMES.length]!,
      birthDate: addDays("1962-01-01", random.int(0, 365 * 38)),
      phone: `06 ${random.int(10, 99)} ${random.int(10, 99)} ${random.int(10, 99)} ${random.int(10, 99)}`,
      adults: household.adults,
      children: household.children,
      resources,
      housingBenefitCents: 0,
      housingBenefitPaidToOperator: random.chance(0.85),
      entryDate,
      status: stage,
      suspendedOn: null,
      statusBeforeSuspension: null,
      leftOn: null,
      leftReason: null,
    };
    personRows.push(person);
    return person;
  }
  const total = (r: Person["resources"]) => r.rsa + r.aah + r.wages + r.pension + r.other;
  const sizeOf = (p: { adults: number; children: number }) => p.adults + p.children;
  const benefitFor = (p: Person, u: Unit) =>
    illustrativeHousingBenefit(u.rentCents, u.chargesCents, total(p.resources), sizeOf(p));
  const figures = (p: Person, u: Unit) => ({
    rentCents: u.rentCents,
    chargesCents: u.chargesCents,
    housingBenefitCents: benefitFor(p, u),
    resourcesCents: total(p.resources),
    ceilingBasisPoints: CEILING_BASIS_POINTS,
  });
  function choicesFor(
    person: Person,
    wanted: string[],
    extra: Partial<MatchChoices> & { hasPets?: boolean } = {},
  ) {
    const place = neighbourhoodRows[random.int(0, neighbourhoodRows.length - 1)]!;
    const row = {
      organisationId,
      personId: person.id,
      wantedNeighbourhoodIds: wanted,
      excludedNeighbourhoodIds: extra.excludedNeighbourhoodIds ?? [],
      placesThatMatter: random.chance(0.6)
        ? [
            {
              label: random.pick(["Famille", "Travail", "Centre de soins", "Association", "Ami·e"]),
              lng: Math.round(((place.minLng + place.maxLng) / 2) * 1e5) / 1e5,
              lat: Math.round(((place.minLat + place.maxLat) / 2) * 1e5) / 1e5,
              maxDistanceKm: random.pick([2, 3, 5]),
            },
          ]
        : [],
      typologyMin: extra.typologyMin ?? (person.children > 0 ? ("T2" as const) : null),
      typologyMax: extra.typologyMax ?? null,
      highestFloorWithoutLift: extra.highestFloorWithoutLift ?? null,
      needsWheelchairAccess: extra.needsWheelchairAccess ?? false,
      needsStepFree: extra.needsStepFree ?? false,
      wantsFurnished: random.pick([null, null, true, false] as const),
      hasPets: extra.hasPets ?? random.chance(0.2),
    };
    choiceRows.push(row);
    return row;
  }
  /** resources that fit the flat: the first kind of income leaving the tenant at most 30 % */
  function resourcesFitting(
    unit: Unit,
    household: { adults: number; children: number },
    allowComplement: boolean,
  ) {
    const family = household.children * random.int(120, 180) * 100;
    const options = random.shuffle([
      { rsa: RSA_SINGLE, aah: 0, wages: 0, pension: 0, other: family },
      { rsa: 0, aah: AAH_FULL, wages: 0, pension: 0, other: family },
      { rsa: 0, aah: AAH_FULL, wages: random.int(20, 45) * 1_000, pension: 0, other: family },
      { rsa: RSA_SINGLE, aah: 0, wages: random.int(30, 70) * 1_000, pension: 0, other: family },
    ]);
    const complementOf = (r: (typeof options)[number]) =>
      residualRent({
        rentCents: unit.rentCents,
        chargesCents: unit.chargesCents,
        housingBenefitCents: illustrativeHousingBenefit(
          unit.rentCents,
          unit.chargesCents,
          total(r),
          sizeOf(household),
        ),
        resourcesCents: total(r),
        ceilingBasisPoints: CEILING_BASIS_POINTS,
      }).complementCents;
    if (allowComplement) {
      // on RSA alone in a flat a little dear for it: a small rent complement from the programme
      const rsa = { rsa: RSA_SINGLE, aah: 0, wages: 0, pension: 0, other: family };
      while (complementOf(rsa) > 9_000) rsa.wages += 1_000;
      return rsa;
    }
    const fitting = options.find((r) => complementOf(r) === 0);
    if (fitting) return fitting;
    // a larger flat for a household with a job (or two incomes): wages until the rent fits
    const working = { ...options[0]!, wages: options[0]!.wages };
    while (complementOf(working) > 0 && working.wages < 200_000) working.wages += 5_000;
    return working;
  }

  function householdFor(unit: Unit) {
    if (unit.typology === "T4") return { adults: 2, children: 2 };
    if (unit.typology === "T3")
      return random.chance(0.5) ? { adults: 1, children: 2 } : { adults: 2, children: 1 };
    if (unit.typology === "T2")
      return random.chance(0.3) ? { adults: 1, children: 1 } : { adults: 1, children: 0 };
    return { adults: 1, children: 0 };
  }
  /** size fits, the unit was free then and not already in another panel */
  function companions(person: Person, from: IsoDate, to: IsoDate, exclude: Set<string>, n: number) {
    const pool = random.shuffle([...freeWindow.entries()]);
    const found: Unit[] = [];
    for (const [unitId, [start, end]] of pool) {
      if (found.length >= n) break;
      if (exclude.has(unitId)) continue;
      if (compareDates(start, from) > 0 || (end !== null && compareDates(to, end) > 0)) continue;
      if (!free(unitId, from, to)) continue;
      const unit = unitRows.find((u) => u.id === unitId)!;
      if (
        unit.surfaceM2 < minimumSurfaceM2(sizeOf(person)) ||
        unit.rooms < minimumRooms(person.adults, person.children)
      )
        continue;
      found.push(unit);
    }
    return found;
  }
  const PERSON_DECLINES = [
    "neighbourhood",
    "too_far_from_places_that_matter",
    "size_or_layout",
    "floor_or_accessibility",
    "condition_of_flat",
    "surroundings_or_neighbours",
  ] as const;
  let panelIndex = 0;
  function addPanel(
    person: Person,
    proposedOn: IsoDate,
    outcome: "accepted" | "all_declined" | "open",
    chosen: Unit[],
    accepted: Unit | null,
    closedOn: IsoDate | null,
    intendedStartDate: IsoDate,
  ) {
    const panel: Panel = {
      id: demoId(0xf, ++panelIndex),
      organisationId,
      personId: person.id,
      status: outcome,
      proposedOn,
      intendedStartDate,
      expiresOn: addDays(proposedOn, 30),
      closedOn,
      reasonIfFewer: chosen.length < 3 ? "not_enough_matching_stock" : null,
      reasonDetails:
        chosen.length < 3 ? "Stock capté insuffisant à cette date pour les choix de la personne" : null,
      personStatusBefore: "waiting",
    };
    panelRows.push(panel);
    chosen.forEach((unit, k) => {
      const isAccepted = accepted?.id === unit.id;
      let status: Offer["status"] = "proposed";
      let decidedOn: IsoDate | null = null;
      let declinedBy: DeclinedBy | null = null;
      let declineReason: string | null = null;
      if (outcome === "accepted") {
        if (isAccepted) {
          status = "accepted";
          decidedOn = closedOn;
        } else if (k % 2 === 1 || random.chance(0.4)) {
          status = "declined";
          decidedOn = addDays(proposedOn, random.int(2, 5));
          declinedBy = random.chance(0.8) ? "person" : "landlord";
          declineReason = declinedBy === "person" ? random.pick(PERSON_DECLINES) : "refused_candidate";
        } else status = "released";
      } else if (outcome === "all_declined") {
        status = "declined";
        decidedOn = addDays(proposedOn, random.int(3, 9));
        declinedBy = k === 2 ? random.pick(["landlord", "operator_withdrew"] as const) : "person";
        declineReason =
          declinedBy === "person"
            ? random.pick(PERSON_DECLINES)
            : declinedBy === "landlord"
              ? "refused_candidate"
              : "flat_no_longer_available";
      }
      const releasedOn = decidedOn ?? closedOn;
      // the unit is reserved by the panel, then back on the market (unless taken)
      if (!isAccepted) {
        book(unit.id, proposedOn, releasedOn ?? today);
        push(unit.id, "reserved", proposedOn, `proposition à ${person.firstName} ${person.lastName}`);
        if (releasedOn) push(unit.id, "available", releasedOn, "proposition close sans ce logement");
      }
      const visited =
        compareDates(addDays(proposedOn, 3), today) <= 0 && (outcome !== "open" || random.chance(0.6));
      offerRows.push({
        organisationId,
        panelId: panel.id,
        personId: person.id,
        unitId: unit.id,
        position: k + 1,
        status,
        visitDate: visited ? addDays(proposedOn, random.int(1, 3)) : null,
        decidedOn,
        declinedBy,
        declineReason,
        figures: figures(person, unit),
        unitStatusBefore: unit.status === "vacant" ? "vacant" : "available",
        unitStatusSinceBefore:
          unit.status === "vacant" ? unit.statusSince : lastAvailableOn(unit.id, proposedOn),
      });
    });
    return panel;
  }
  function lastAvailableOn(unitId: string, before: IsoDate): IsoDate {
    let last: IsoDate | null = null;
    for (const e of events.get(unitId)!)
      if (
        e.to === "available" &&
        compareDates(e.on, before) <= 0 &&
        (last === null || compareDates(e.on, last) > 0)
      )
        last = e.on;
    return last ?? before;
  }

  // housed people (and the three suspended during their tenancy), one per occupied flat; the
  // former tenants of the vacant flats have left
  const lateFirstOffers = new Set([5, 17, 29, 38]);
  // four households on RSA in a two- or three-room flat: a small complement from the programme
  const complementCases = new Set([3, 16, 29, 41]);
  const housedStory = (home: Home | FormerHome, i: number, stage: "housed" | "suspended" | "left") => {
    const household = householdFor(home.unit);
    const resources = resourcesFitting(home.unit, household, complementCases.has(i));
    const redo = i % 3 === 1; // a first panel wholly declined, then a second one accepted
    const firstPanelOn = redo ? addDays(home.acceptedOn, -random.int(30, 45)) : home.acceptedOn;
    const entryDate = addDays(
      firstPanelOn,
      -(lateFirstOffers.has(i) ? random.int(62, 85) : random.int(12, 50)),
    );
    const person = newPerson(stage, household, resources, entryDate);
    person.housingBenefitCents = benefitFor(person, home.unit);
    const homeArea = buildingById.get(home.unit.buildingId)!.neighbourhoodId;
    choicesFor(person, homeArea ? [homeArea] : []);
    const closedOn = addDays(home.acceptedOn, random.int(6, 12));
    if (redo) {
      const firstClosed = addDays(firstPanelOn, 12);
      const declined = companions(person, firstPanelOn, firstClosed, new Set([home.unit.id]), 3);
      if (declined.length > 0)
        addPanel(
          person,
          firstPanelOn,
          "all_declined",
          declined,
          null,
          firstClosed,
          addDays(firstPanelOn, 30),
        );
    }
    const others = companions(person, home.acceptedOn, closedOn, new Set([home.unit.id]), 2);
    const chosen = [...others.slice(0, 1), home.unit, ...others.slice(1)];
    addPanel(person, home.acceptedOn, "accepted", chosen, home.unit, closedOn, home.startDate);
    push(home.unit.id, "reserved", home.acceptedOn, `proposition à ${person.firstName} ${person.lastName}`);
    push(home.unit.id, "let", home.startDate, "entrée dans les lieux");
    return person;
  };
  homes.forEach((home, i) => {
    const stage = SUSPENDED_TENANCIES.has(i) ? "suspended" : "housed";
    const person = housedStory(home, i, stage);
    let noticeOn: IsoDate | null = null;
    if (home.notice) {
      noticeOn = home.unit.statusSince;
      push(home.unit.id, "notice_given", noticeOn, "congé donné par le locataire");
    }
    if (stage === "suspended") {
      // suspended during the tenancy (a hospital stay, a prison term): after entry and after moving in
      const on = maxDate(addDays(home.startDate, 30), addDays(today, -random.int(15, 120)));
      person.suspendedOn = minDate(on, addDays(today, -3));
      person.statusBeforeSuspension = "housed";
    }
    tenancies.push({
      personId: person.id,
      unitId: home.unit.id,
      startDate: home.startDate,
      status: home.notice ? "notice_given" : "signed",
      noticeGivenOn: noticeOn,
      endedOn: null,
    });
  });
  formerHomes.forEach((home, i) => {
    const person = housedStory(home, 50 + i, "left");
    person.leftOn = home.endedOn;
    person.leftReason = random.pick(["moved_away", "direct_lease", "own_decision"] as const);
    push(home.unit.id, "notice_given", home.noticeOn, "congé donné par le locataire");
    push(home.unit.id, "vacant", home.endedOn, "départ de l'occupant");
    tenancies.push({
      personId: person.id,
      unitId: home.unit.id,
      startDate: home.startDate,
      status: "ended",
      noticeGivenOn: home.noticeOn,
      endedOn: home.endedOn,
    });
  });
  // the former tenant who left first came back: readmitted 10 days after leaving, a new day 1
  // with no offer yet, while the first admission keeps its own offer and exit
  const earlierAdmissions = new Map<string, typeof admissions.$inferInsert>();
  const returning = personRows
    .filter((p) => p.status === "left" && p.leftOn)
    .sort((a, b) => compareDates(a.leftOn!, b.leftOn!))[0];
  if (returning) {
    const readmittedOn = minDate(addDays(returning.leftOn!, 10), addDays(today, -1));
    earlierAdmissions.set(returning.id, {
      organisationId,
      personId: returning.id,
      sequence: 1,
      admittedOn: returning.entryDate,
      endedOn: returning.leftOn!,
      outcome: "left",
      leftReason: "moved_away",
    });
    Object.assign(returning, {
      status: "waiting",
      entryDate: readmittedOn,
      statusSince: readmittedOn,
      leftOn: null,
      leftReason: null,
    });
  }

  // ─── people waiting and people offered: checked against the flats they may be offered ────────
  const scatterCount = new Map<string, number>();
  const countProgramme = () => {
    scatterCount.clear();
    for (const u of unitRows)
      if (u.status === "reserved" || u.status === "let" || u.status === "notice_given")
        scatterCount.set(u.buildingId, (scatterCount.get(u.buildingId) ?? 0) + 1);
  };
  const matchUnit = (u: Unit): MatchUnit => {
    const b = buildingById.get(u.buildingId)!;
    return {
      id: u.id,
      reference: u.reference ?? null,
      status: u.status,
      statusSince: u.statusSince,
      availableFrom: u.availableFrom ?? null,
      buildingId: u.buildingId,
      neighbourhoodId: b.neighbourhoodId ?? null,
      inseeCode: b.inseeCode ?? null,
      floor: u.floor,
      hasElevator: b.hasElevator,
      typology: u.typology,
      rooms: u.rooms,
      surfaceM2: u.surfaceM2,
      furnished: u.furnished ?? false,
      wheelchairAccessible: u.wheelchairAccessible ?? false,
      stepFree: u.stepFree ?? false,
      energyClass: (u.energyClass ?? null) as MatchUnit["energyClass"],
      rentCents: u.rentCents,
      chargesCents: u.chargesCents,
      lng: b.lng,
      lat: b.lat,
      buildingHeadroom: capOf.get(u.buildingId)! - (scatterCount.get(u.buildingId) ?? 0),
      neighbourhoodHeadroom: Number.POSITIVE_INFINITY,
    };
  };
  function eligibleFor(
    person: Person,
    choices: ReturnType<typeof choicesFor>,
    declined: Set<string>,
    on: IsoDate,
  ) {
    countProgramme();
    const profile: MatchPerson = {
      adults: person.adults ?? 1,
      children: person.children ?? 0,
      resourcesCents: total(person.resources),
      housingBenefitCents: person.housingBenefitCents ?? 0,
      declinedUnits: new Map([...declined].map((id) => [id, "person" as const])),
      choices: {
        wantedNeighbourhoodIds: choices.wantedNeighbourhoodIds as string[],
        excludedNeighbourhoodIds: choices.excludedNeighbourhoodIds as string[],
        placesThatMatter: [],
        typologyMin: choices.typologyMin ?? null,
        typologyMax: choices.typologyMax ?? null,
        highestFloorWithoutLift: choices.highestFloorWithoutLift ?? null,
        needsWheelchairAccess: choices.needsWheelchairAccess ?? false,
        needsStepFree: choices.needsStepFree ?? false,
        wantsFurnished: null,
      },
    };
    return unitRows.filter(
      (u) =>
        (u.status === "available" || u.status === "vacant") &&
        checkHardConstraints(matchUnit(u), profile, {
          startDate: on,
          today: on,
          ceilingBasisPoints: CEILING_BASIS_POINTS,
        }).every((c) => c.passed),
    );
  }
  const pickWanted = () => random.shuffle(neighbourhoodRows.map((n) => n.id)).slice(0, random.int(1, 3));
  function waitingHousehold(i: number) {
    if (i % 7 === 3) return { adults: 1, children: random.int(1, 2) };
    if (i % 11 === 5) return { adults: 2, children: 1 };
    return { adults: 1, children: 0 };
  }
  function waitingResources(household: { adults: number; children: number }, i: number) {
    const family = household.children * random.int(120, 180) * 100;
    if (i % 3 === 0) return { rsa: 0, aah: AAH_FULL, wages: 0, pension: 0, other: family };
    if (i % 5 === 1)
      return { rsa: RSA_SINGLE, aah: 0, wages: random.int(20, 60) * 1_000, pension: 0, other: family };
    return { rsa: RSA_SINGLE, aah: 0, wages: 0, pension: 0, other: family };
  }
  /** the person's own estimate of their benefit: for the flat typical of their household */
  const typicalBenefit = (person: Person) =>
    illustrativeHousingBenefit(
      person.children > 0 ? 50_000 : 30_000,
      4_000,
      total(person.resources),
      sizeOf(person),
    );
  function makeChoices(person: Person, i: number) {
    const wanted = pickWanted();
    const others = neighbourhoodRows.map((n) => n.id).filter((id) => !wanted.includes(id));
    return choicesFor(person, wanted, {
      excludedNeighbourhoodIds: i % 4 === 1 ? [others[i % others.length]!] : [],
      typologyMax: person.children === 0 && i % 5 === 2 ? "T2" : null,
      highestFloorWithoutLift: i % 6 === 4 ? random.int(1, 3) : null,
      needsStepFree: i % 13 === 7,
      needsWheelchairAccess: i === 27,
    });
  }

  // people offered: an open panel of three flats they may be offered, proposed 1 to 20 days ago
  for (let i = 0; i < 8; i++) {
    const household = waitingHousehold(i);
    const proposedOn = addDays(today, -random.int(1, 20));
    const redo = i % 4 === 1;
    const firstOn = redo ? addDays(proposedOn, -random.int(25, 40)) : proposedOn;
    const entryDate = addDays(firstOn, -(i === 5 ? random.int(60, 75) : random.int(15, 50)));
    const person = newPerson("offered", household, waitingResources(household, i), entryDate);
    person.housingBenefitCents = typicalBenefit(person);
    const choices = makeChoices(person, i + 100);
    const declined = new Set<string>();
    if (redo) {
      const firstClosed = addDays(firstOn, 12);
      const pool = eligibleFor(person, choices, declined, firstOn).filter(
        (u) =>
          u.status === "available" &&
          compareDates(u.statusSince, firstOn) <= 0 &&
          free(u.id, firstOn, firstClosed),
      );
      const chosen = random.shuffle(pool).slice(0, 3);
      if (chosen.length > 0) {
        addPanel(person, firstOn, "all_declined", chosen, null, firstClosed, addDays(firstOn, 30));
        for (const u of chosen) declined.add(u.id);
      }
    }
    const pool = eligibleFor(person, choices, declined, proposedOn).filter(
      (u) => compareDates(u.statusSince, proposedOn) <= 0 && free(u.id, proposedOn, today),
    );
    const chosen = random.shuffle(pool).slice(0, 3);
    addPanel(person, proposedOn, "open", chosen, null, null, addDays(proposedOn, 21));
    for (const u of chosen) {
      u.status = "reserved";
      u.statusSince = proposedOn;
    }
  }

  // people waiting: day 1 from 0 to 75 days ago (a few past the 8 weeks, a few due soon); three had
  // a panel they wholly declined and wait for the next one
  const waitingDays = [
    3, 8, 12, 15, 19, 22, 26, 29, 33, 36, 40, 44, 46, 48, 50, 52, 53, 55, 58, 61, 64, 70, 74, 5, 10, 17, 24,
    31, 38, 43,
  ];
  const waitingPeople: { person: Person; choices: ReturnType<typeof choicesFor>; declined: Set<string> }[] =
    [];
  for (let i = 0; i < 30; i++) {
    const household = waitingHousehold(i);
    const redo = i % 10 === 4;
    const days = redo ? random.int(60, 95) : waitingDays[i]!;
    const person = newPerson("waiting", household, waitingResources(household, i), addDays(today, -days));
    person.housingBenefitCents = typicalBenefit(person);
    // two in three have no CAF notification yet: each flat gets the barème's estimate
    if (i % 3 !== 0) person.housingBenefitCents = 0;
    const choices = makeChoices(person, i);
    const declined = new Set<string>();
    if (redo) {
      const firstOn = addDays(person.entryDate, random.int(25, 50));
      const firstClosed = addDays(firstOn, 10);
      const pool = eligibleFor(person, choices, declined, firstOn).filter(
        (u) =>
          u.status === "available" &&
          compareDates(u.statusSince, firstOn) <= 0 &&
          free(u.id, firstOn, firstClosed),
      );
      const chosen = random.shuffle(pool).slice(0, 3);
      if (chosen.length > 0) {
        addPanel(person, firstOn, "all_declined", chosen, null, firstClosed, addDays(firstOn, 30));
        for (const u of chosen) declined.add(u.id);
      }
    }
    waitingPeople.push({ person, choices, declined });
  }
  // choices that leave fewer than three flats are loosened (as an officer would discuss with the
  // person), except for the one person who needs a wheelchair-accessible flat
  for (const { person, choices, declined } of waitingPeople) {
    if (choices.needsWheelchairAccess) continue;
    for (const step of ["floor", "excluded", "typology", "stepFree"] as const) {
      if (eligibleFor(person, choices, declined, today).length >= 3) break;
      if (step === "floor") choices.highestFloorWithoutLift = null;
      if (step === "excluded") choices.excludedNeighbourhoodIds = [];
      if (step === "typology") choices.typologyMax = null;
      if (step === "stepFree") choices.needsStepFree = false;
    }
  }

  // suspended while waiting: after day 1, two of them for more than six months (re-entry right lapsed)
  for (let i = 0; i < 5; i++) {
    const suspendedDaysAgo = i < 2 ? random.int(195, 240) : random.int(10, 150);
    const suspendedOn = addDays(today, -suspendedDaysAgo);
    const entryDate = addDays(suspendedOn, -random.int(20, 45));
    const household = waitingHousehold(i + 40);
    const person = newPerson("suspended", household, waitingResources(household, i + 40), entryDate);
    person.housingBenefitCents = typicalBenefit(person);
    person.suspendedOn = suspendedOn;
    person.statusBeforeSuspension = "waiting";
    makeChoices(person, i + 40);
  }
  // left without being housed by the programme
  for (let i = 0; i < 6; i++) {
    const leftOn = addDays(today, -random.int(10, 200));
    const entryDate = addDays(leftOn, -random.int(40, 150));
    const household = waitingHousehold(i + 60);
    const person = newPerson("left", household, waitingResources(household, i + 60), entryDate);
    person.housingBenefitCents = typicalBenefit(person);
    person.leftOn = leftOn;
    person.leftReason = random.pick([
      "no_contact_six_months",
      "taken_over_by_another_institution",
      "moved_away",
      "own_decision",
    ] as const);
    makeChoices(person, i + 60);
  }

  // ─── unit histories, in date order, each step allowed by the pipeline ─────────────────────────
  const transitions: (typeof unitTransitions.$inferInsert)[] = [];
  for (const unit of unitRows) {
    const list = events.get(unit.id)!;
    list.sort((a, b) => compareDates(a.on, b.on));
    let from: UnitStatus | null = null;
    for (const e of list) {
      if (from !== null && !isTransitionAllowed(from, e.to))
        throw new Error(`demo plan: ${unit.reference} ${from} → ${e.to} on ${e.on}`);
      transitions.push({
        organisationId,
        unitId: unit.id,
        fromStatus: from,
        toStatus: e.to,
        effectiveDate: e.on,
        reason: e.reason,
      });
      from = e.to;
    }
    if (from !== unit.status)
      throw new Error(`demo plan: ${unit.reference} history ends in ${from}, not ${unit.status}`);
    const last = list.at(-1)!;
    unit.statusSince = last.on;
    if (unit.status === "available") unit.availableFrom = minDate(unit.availableFrom ?? last.on, today);
  }

  return {
    landlords: landlordRows,
    neighbourhoods: neighbourhoodRows,
    buildings: buildingRows,
    units: unitRows,
    transitions,
    persons: personRows,
    admissions: personRows.flatMap((person) => {
      const earlier = earlierAdmissions.get(person.id);
      const left = person.status === "left";
      const current = {
        organisationId,
        personId: person.id,
        sequence: earlier ? 2 : 1,
        admittedOn: person.entryDate,
        endedOn: left ? person.leftOn : null,
        outcome: left ? ("left" as const) : null,
        leftReason: left ? person.leftReason : null,
      };
      return earlier ? [earlier, current] : [current];
    }),
    choices: choiceRows,
    panels: panelRows,
    offers: offerRows,
    tenancies,
    headLeasedEmpty,
    pendingMandateUnitId: pending.id,
  };
}
