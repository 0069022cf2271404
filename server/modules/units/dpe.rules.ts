import { compareDates, type IsoDate } from "../../lib/dates";

export type EnergyClass = "A" | "B" | "C" | "D" | "E" | "F" | "G";

/**
 * Loi Climat et résilience (art. 160, décret 2002-120 art. 3 bis as amended): in metropolitan
 * France a dwelling is not "décent" for a lease starting on or after these dates when its
 * energy class is this one or worse.
 */
export const ENERGY_CLASS_BANS: readonly { energyClass: EnergyClass; from: IsoDate }[] = [
  { energyClass: "G", from: "2025-01-01" },
  { energyClass: "F", from: "2028-01-01" },
  { energyClass: "E", from: "2034-01-01" },
];

export type EnergyGateResult =
  | { allowed: true }
  | {
      allowed: false;
      reason: "missing_energy_class" | "energy_class_banned";
      bannedSince?: IsoDate;
      message: string;
    };

/** May a lease starting on `startDate` be signed on a unit of this energy class? */
export function energyClassAllowedOn(
  energyClass: EnergyClass | null | undefined,
  startDate: IsoDate,
): EnergyGateResult {
  if (!energyClass) {
    return {
      allowed: false,
      reason: "missing_energy_class",
      message: "Diagnostic de performance énergétique (DPE) manquant",
    };
  }
  const ban = ENERGY_CLASS_BANS.find((entry) => entry.energyClass === energyClass);
  if (ban && compareDates(startDate, ban.from) >= 0) {
    return {
      allowed: false,
      reason: "energy_class_banned",
      bannedSince: ban.from,
      message: `Classe énergétique ${energyClass} non décente pour un bail commençant à partir du ${ban.from.split("-").reverse().join("/")}`,
    };
  }
  return { allowed: true };
}
