import { describe, expect, it } from "vitest";
import { sourceShortLabel } from "../../server/modules/housing-benefit/housing-benefit.rules";

describe("a barème value's source, named shortly for the barème screen", () => {
  it.each([
    [
      "Arrêté du 27 septembre 2019, art. 14, 1° (TF) (LEGIARTI000048109301 ; inchangé depuis, en vigueur au 1er octobre 2025)",
      "Arrêté du 27 sept. 2019",
    ],
    [
      "Arrêté du 30 décembre 2024, art. 1 (JORFARTI000050873296), modifiant l'arrêté du 27 septembre 2019, art. 15",
      "Arrêté du 30 déc. 2024",
    ],
    ["arrêté du 5 septembre 2025 relatif aux aides personnelles au logement", "Arrêté du 5 sept. 2025"],
    ["Décret n° 2019-1574 du 1er août 2019", "Décret n° 2019-1574 du 1er août 2019"],
    ["Notification CAF", "Notification CAF"],
    [
      "Relevé de la CAF de Côte-d'Or transmis par courrier au service logement",
      "Relevé de la CAF de Côte-d'Or transmis…",
    ],
  ])("%s → %s", (source, label) => {
    expect(sourceShortLabel(source)).toBe(label);
  });
});
