import { describe, expect, it } from "vitest";
import { checkIban, ibanMod97, maskIban, normalizeIban } from "../../server/modules/landlords/iban.rules";

describe("IBAN (ISO 13616, mod 97)", () => {
  it.each([
    "FR7630006000011234567890189",
    "FR14 2004 1010 0505 0001 3M02 606",
    "fr14-2004-1010-0505-0001-3m02-606",
    "DE89 3704 0044 0532 0130 00",
    "GB82 WEST 1234 5698 7654 32",
    "BE68 5390 0754 7034",
  ])("accepts %s", (iban) => {
    expect(checkIban(iban)).toEqual({ valid: true, iban: normalizeIban(iban) });
  });

  it.each([
    ["FR7630006000011234567890188", "checksum"], // last digit changed
    ["FR7630006000011234567890198", "checksum"], // two digits swapped
    ["FR76300060000112345678901", "length"],
    ["XX7630006000011234567890189", "country"],
    ["7630006000011234567890189", "format"],
    ["FR76 3000 6000 0112 3456 7890 18!", "format"],
    ["", "format"],
  ])("refuses %s (%s)", (iban, reason) => {
    expect(checkIban(iban)).toMatchObject({ valid: false, reason });
  });

  it("computes the ISO 7064 remainder: 1 for a valid number", () => {
    expect(ibanMod97("GB82WEST12345698765432")).toBe(1);
    expect(ibanMod97("GB83WEST12345698765432")).toBe(2);
  });

  it("masks all but the country and the last four characters", () => {
    const masked = maskIban("FR76 3000 6000 0112 3456 7890 189");
    expect(masked).toBe("FR•• •••• •••• 0189");
    expect(masked).not.toContain("3000");
  });
});
