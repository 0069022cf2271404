import { addMonths, compareDates, formatFrenchDate, type IsoDate } from "../../lib/dates";
import type { InvalidField } from "../../lib/errors";

/**
 * État des lieux (loi n° 89-462 art. 3-2; décret n° 2016-382 du 30 mars 2016): drawn up jointly
 * by the parties at the handing over and the return of the keys, on the same form at entry and at
 * exit so that the two can be compared room by room, item by item; it records the meter readings
 * and the keys handed over.
 */

/** The grades of a room item, from the best. Décret 2016-382 leaves the scale to the parties. */
export const ITEM_CONDITIONS = ["new", "good", "fair", "poor"] as const;
export type ItemCondition = (typeof ITEM_CONDITIONS)[number];

export const ITEM_CONDITION_LABELS: Record<ItemCondition, string> = {
  new: "Neuf",
  good: "Bon état",
  fair: "État d'usage",
  poor: "Mauvais état",
};

export const METER_KINDS = ["electricity", "gas", "cold_water", "hot_water", "heating"] as const;
export type MeterKind = (typeof METER_KINDS)[number];
export const METER_KIND_LABELS: Record<MeterKind, string> = {
  electricity: "Électricité",
  gas: "Gaz",
  cold_water: "Eau froide",
  hot_water: "Eau chaude",
  heating: "Chauffage",
};

export type InspectionItem = { name: string; condition: ItemCondition; note?: string | null };
export type InspectionRoom = { name: string; items: InspectionItem[] };
export type MeterReading = { kind: MeterKind; reading: number };
export type KeyCount = { label: string; count: number };

export type InspectionForm = {
  rooms: InspectionRoom[];
  meters: MeterReading[];
  keys: KeyCount[];
};

const rank = (condition: ItemCondition) => ITEM_CONDITIONS.indexOf(condition);
const normalise = (name: string) => name.trim().toLocaleLowerCase("fr");

export type ItemDifference = {
  room: string;
  item: string;
  entry: ItemCondition | null;
  exit: ItemCondition | null;
  /** worse at exit than at entry (or missing at exit): what a deduction may rest on */
  worse: boolean;
};

export type InspectionComparison = {
  items: ItemDifference[];
  meters: { kind: MeterKind; entry: number | null; exit: number | null; consumed: number | null }[];
  keys: { label: string; given: number; returned: number; missing: number }[];
  /** the exit inspection differs from the entry one: the deposit may be returned within 2 months */
  differs: boolean;
};

/**
 * The exit inspection compared with the entry one. An item absent from the entry form is taken at
 * its best at entry only when the exit says so: the tenant answers only for what the entry form
 * shows (art. 7 c: the tenant answers for the degradations during the occupation, and the flat is
 * presumed received in good repair only when no entry inspection was drawn up — art. 1731 C. civ.
 * — which is not the case here). So an item first seen at exit is never counted against them.
 */
export function compareInspections(entry: InspectionForm, exit: InspectionForm): InspectionComparison {
  const items: ItemDifference[] = [];
  const exitRooms = new Map(exit.rooms.map((room) => [normalise(room.name), room]));
  for (const room of entry.rooms) {
    const exitItems = new Map(
      (exitRooms.get(normalise(room.name))?.items ?? []).map((item) => [normalise(item.name), item]),
    );
    for (const item of room.items) {
      const atExit = exitItems.get(normalise(item.name));
      if (!atExit) {
        items.push({ room: room.name, item: item.name, entry: item.condition, exit: null, worse: true });
      } else if (atExit.condition !== item.condition) {
        items.push({
          room: room.name,
          item: item.name,
          entry: item.condition,
          exit: atExit.condition,
          worse: rank(atExit.condition) > rank(item.condition),
        });
      }
    }
  }
  const entryMeters = new Map(entry.meters.map((meter) => [meter.kind, meter.reading]));
  const exitMeters = new Map(exit.meters.map((meter) => [meter.kind, meter.reading]));
  const meterKinds = METER_KINDS.filter((kind) => entryMeters.has(kind) || exitMeters.has(kind));
  const meters = meterKinds.map((kind) => {
    const start = entryMeters.get(kind) ?? null;
    const end = exitMeters.get(kind) ?? null;
    return { kind, entry: start, exit: end, consumed: start !== null && end !== null ? end - start : null };
  });
  const returned = new Map(exit.keys.map((key) => [normalise(key.label), key.count]));
  const keys = entry.keys.map((key) => {
    const back = returned.get(normalise(key.label)) ?? 0;
    return { label: key.label, given: key.count, returned: back, missing: Math.max(0, key.count - back) };
  });
  const differs = items.some((item) => item.worse) || keys.some((key) => key.missing > 0);
  return { items, meters, keys, differs };
}

/** The form's own consistency: named rooms and items, readings and key counts not negative. */
export function inspectionFormViolations(form: InspectionForm): InvalidField[] {
  const violations: InvalidField[] = [];
  if (form.rooms.length === 0) {
    violations.push({ path: "rooms", code: "no_room", message: "Décrivez au moins une pièce" });
  }
  const seen = new Set<string>();
  form.rooms.forEach((room, index) => {
    const key = normalise(room.name);
    if (seen.has(key)) {
      violations.push({
        path: `rooms.${index}.name`,
        code: "duplicate_room",
        message: `La pièce « ${room.name} » figure deux fois`,
      });
    }
    seen.add(key);
    if (room.items.length === 0) {
      violations.push({
        path: `rooms.${index}.items`,
        code: "no_item",
        message: `Décrivez l'état de la pièce « ${room.name} » (sols, murs, plafond, équipements)`,
      });
    }
  });
  const meterKinds = new Set<string>();
  form.meters.forEach((meter, index) => {
    if (meterKinds.has(meter.kind)) {
      violations.push({
        path: `meters.${index}.kind`,
        code: "duplicate_meter",
        message: "Compteur relevé deux fois",
      });
    }
    meterKinds.add(meter.kind);
  });
  return violations;
}

/**
 * Art. 22: the deposit is returned within one month of the keys being handed back when the exit
 * inspection matches the entry one, within two months otherwise. The last day of the period.
 */
export function depositReturnDeadline(keysReturnedOn: IsoDate, exitDiffers: boolean): IsoDate {
  return addMonths(keysReturnedOn, exitDiffers ? 2 : 1);
}

/**
 * Art. 22: the deposit still owed is increased by 10 % of the monthly rent excluding charges for
 * each monthly period started late; not due when the delay comes from the tenant not giving their
 * new address. The 10 % is rounded up to the cent (the reading that protects the tenant).
 */
export function lateReturnPenalty(input: {
  deadline: IsoDate;
  returnedOn: IsoDate;
  monthlyRentCents: number;
  /** false only when the tenant never gave their new address */
  tenantAddressKnown: boolean;
}): { monthsStarted: number; penaltyCents: number } {
  if (!input.tenantAddressKnown || compareDates(input.returnedOn, input.deadline) <= 0) {
    return { monthsStarted: 0, penaltyCents: 0 };
  }
  let monthsStarted = 1;
  while (compareDates(input.returnedOn, addMonths(input.deadline, monthsStarted)) > 0) monthsStarted += 1;
  const perMonth = Math.ceil(input.monthlyRentCents / 10);
  return { monthsStarted, penaltyCents: perMonth * monthsStarted };
}

export const DEDUCTION_KINDS = ["damage", "unpaid_rent", "unpaid_charges", "missing_keys"] as const;
export type DeductionKind = (typeof DEDUCTION_KINDS)[number];
export const DEDUCTION_KIND_LABELS: Record<DeductionKind, string> = {
  damage: "Réparations locatives (dégradations constatées à la sortie)",
  unpaid_rent: "Loyers restant dus",
  unpaid_charges: "Charges restant dues",
  missing_keys: "Clés non restituées",
};

export type Deduction = { kind: DeductionKind; label: string; amountCents: number; justification: string };

/**
 * Art. 22: the lessor keeps only the sums still owed by the tenant, each one justified (quote,
 * invoice, ledger). A repair is owed only for a degradation the comparison shows, keys only for
 * keys not returned; the deductions never exceed the deposit. Returns the fields at fault.
 */
export function deductionViolations(input: {
  depositCents: number;
  deductions: readonly Deduction[];
  /** null when no entry inspection was drawn up */
  comparison: InspectionComparison | null;
}): InvalidField[] {
  const violations: InvalidField[] = [];
  const degradations = input.comparison?.items.some((item) => item.worse) ?? false;
  const missingKeys = input.comparison?.keys.some((key) => key.missing > 0) ?? false;
  input.deductions.forEach((deduction, index) => {
    // C. civ. art. 1731 presumes a flat without an entry inspection received in good repair, but
    // loi 89-462 art. 3-2 denies it to the party who kept the inspection from being made. Here
    // the operator draws it up: the reading that protects the tenant is that, without one, no
    // degradation nor missing key is established against them.
    if (!input.comparison && (deduction.kind === "damage" || deduction.kind === "missing_keys")) {
      violations.push({
        path: `deductions.${index}.kind`,
        code: "no_entry_inspection",
        message:
          "Sans état des lieux d'entrée, aucune dégradation ni clé manquante n'est établie : seules les sommes dues (loyers, charges) peuvent être retenues",
      });
      return;
    }
    if (!deduction.justification.trim()) {
      violations.push({
        path: `deductions.${index}.justification`,
        code: "deduction_not_justified",
        message: "Chaque retenue est justifiée (devis, facture, relevé de compte) (loi 89-462 art. 22)",
      });
    }
    if (deduction.kind === "damage" && !degradations) {
      violations.push({
        path: `deductions.${index}.kind`,
        code: "no_degradation_found",
        message:
          "L'état des lieux de sortie ne montre aucune dégradation par rapport à l'entrée : aucune réparation ne peut être retenue",
      });
    }
    if (deduction.kind === "missing_keys" && !missingKeys) {
      violations.push({
        path: `deductions.${index}.kind`,
        code: "keys_all_returned",
        message: "Toutes les clés remises à l'entrée ont été rendues",
      });
    }
  });
  const total = input.deductions.reduce((sum, deduction) => sum + deduction.amountCents, 0);
  if (total > input.depositCents) {
    violations.push({
      path: "deductions",
      code: "deductions_above_deposit",
      message: `Les retenues (${(total / 100).toFixed(2).replace(".", ",")} €) dépassent le dépôt de garantie ; le surplus se réclame à part`,
    });
  }
  return violations;
}

/** The deadline in words for the page and the letter. */
export function describeDeadline(keysReturnedOn: IsoDate, exitDiffers: boolean): string {
  return `${exitDiffers ? "deux mois" : "un mois"} après la remise des clés du ${formatFrenchDate(keysReturnedOn)}, soit le ${formatFrenchDate(depositReturnDeadline(keysReturnedOn, exitDiffers))} au plus tard`;
}
