/**
 * Décence of the main room (décret n° 2002-120 du 30 janvier 2002, art. 4): the dwelling has at
 * least one main room of 9 m² or more with a ceiling height of 2.20 m or more, or a habitable
 * volume of 20 m³ or more.
 */
export const MIN_MAIN_ROOM_SURFACE_M2 = 9;
export const MIN_CEILING_HEIGHT_M = 2.2;
export const MIN_HABITABLE_VOLUME_M3 = 20;

export type DecencyChecklist = {
  mainRoomSurfaceM2: number;
  ceilingHeightM: number;
  /** when measured; otherwise surface × ceiling height */
  habitableVolumeM3?: number | null;
};

export type DecencyResult =
  | { decent: true; habitableVolumeM3: number; via: "surface_and_height" | "volume" }
  | { decent: false; habitableVolumeM3: number; message: string };

// 1 mm / 0.001 m² tolerance so that 2.2 entered as 2.2 is never refused by float noise
const EPSILON = 1e-9;

export function checkMainRoomDecency(checklist: DecencyChecklist): DecencyResult {
  const { mainRoomSurfaceM2, ceilingHeightM } = checklist;
  const habitableVolumeM3 = checklist.habitableVolumeM3 ?? mainRoomSurfaceM2 * ceilingHeightM;
  if (
    mainRoomSurfaceM2 + EPSILON >= MIN_MAIN_ROOM_SURFACE_M2 &&
    ceilingHeightM + EPSILON >= MIN_CEILING_HEIGHT_M
  ) {
    return { decent: true, habitableVolumeM3, via: "surface_and_height" };
  }
  if (habitableVolumeM3 + EPSILON >= MIN_HABITABLE_VOLUME_M3) {
    return { decent: true, habitableVolumeM3, via: "volume" };
  }
  return {
    decent: false,
    habitableVolumeM3,
    message:
      `Pièce principale non décente : ${mainRoomSurfaceM2} m² sous ${ceilingHeightM} m de plafond ` +
      `(${Math.round(habitableVolumeM3 * 100) / 100} m³) ; il faut 9 m² sous 2,20 m ou 20 m³ (décret 2002-120)`,
  };
}
