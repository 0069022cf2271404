import { describe, expect, it } from "vitest";
import { energyClassAllowedOn } from "../../server/modules/units/dpe.rules";

describe("energy class gate (loi Climat et résilience, décret 2002-120)", () => {
  it.each([
    ["G", "2024-12-31", true],
    ["G", "2025-01-01", false],
    ["F", "2027-12-31", true],
    ["F", "2028-01-01", false],
    ["E", "2033-12-31", true],
    ["E", "2034-01-01", false],
    ["D", "2040-01-01", true],
    ["A", "2026-11-23", true],
  ] as const)("class %s for a lease starting %s → allowed %s", (energyClass, start, allowed) => {
    expect(energyClassAllowedOn(energyClass, start).allowed).toBe(allowed);
  });

  it("refuses a unit without a DPE and says why", () => {
    expect(energyClassAllowedOn(null, "2026-11-23")).toMatchObject({
      allowed: false,
      reason: "missing_energy_class",
    });
  });

  it("gives the date of the ban in French", () => {
    const result = energyClassAllowedOn("G", "2026-01-01");
    expect(result).toMatchObject({ allowed: false, bannedSince: "2025-01-01" });
    expect(!result.allowed && result.message).toContain("01/01/2025");
  });
});
