import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/demo-accounts";
import { weakPasswordReasons } from "../../server/modules/auth/password-strength";

const owner = { fullName: "Camille Martin", email: "camille.martin@pole-logement.fr" };

describe("weakPasswordReasons: guessable passwords refused (zxcvbn-ts, French dictionary)", () => {
  it.each([
    ["123456789012", "a leaked password"],
    ["password1234", "a leaked password with digits"],
    ["azertyuiopqs", "an AZERTY keyboard row"],
    ["Motdepasse12", "a French common word"],
    ["abababababab", "a repetition"],
    [DEMO_PASSWORD, "the published demo password"],
    ["Camille Martin 2026", "the owner's name"],
    ["martin.camille!!", "the owner's name, reversed"],
    ["camille.martin42", "the e-mail's name part"],
  ])("%s (%s) → refused", (password) => {
    const reasons = weakPasswordReasons(password, owner);
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(/mot de passe/i);
  });

  it.each(["Parapluie violet sous la pluie de Brest", "une phrase de passe solide", "Girafe*Bleue#42"])(
    "%s → accepted",
    (password) => {
      expect(weakPasswordReasons(password, owner)).toEqual([]);
    },
  );
});
