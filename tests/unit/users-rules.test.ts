import { describe, expect, it } from "vitest";
import {
  programmeParameterProblems,
  type ProgrammeParameters,
} from "../../server/modules/organisations/organisations.rules";
import {
  landlordLinkProblems,
  passwordLinkExpiry,
  passwordLinkUrl,
  removesLastActiveAdmin,
  resultingLandlordLink,
} from "../../server/modules/users/users.rules";

describe("landlord link", () => {
  it.each([
    ["landlord", "l-1", 0],
    ["landlord", null, 1],
    ["admin", null, 0],
    ["finance", "l-1", 1],
  ] as const)("role %s with landlord %s → %i problem(s)", (role, landlordId, problems) => {
    expect(landlordLinkProblems(role, landlordId)).toHaveLength(problems);
  });

  it("drops the link when leaving the landlord role, keeps it otherwise", () => {
    const landlord = { role: "landlord" as const, landlordId: "l-1" };
    expect(resultingLandlordLink(landlord, { role: "finance" })).toEqual({
      role: "finance",
      landlordId: null,
    });
    expect(resultingLandlordLink(landlord, { fullName: "x" } as never)).toEqual(landlord);
    expect(resultingLandlordLink(landlord, { landlordId: "l-2" })).toEqual({
      role: "landlord",
      landlordId: "l-2",
    });
  });
});

describe("last active admin", () => {
  const admin = { role: "admin" as const, disabled: false };
  it.each([
    [{ role: "finance", disabled: false }, 0, true],
    [{ role: "admin", disabled: true }, 0, true],
    [{ role: "finance", disabled: false }, 1, false],
    [{ role: "admin", disabled: false }, 0, false],
  ] as const)("admin → %o with %i other admin(s) → refused: %s", (next, others, refused) => {
    expect(removesLastActiveAdmin(admin, next, others)).toBe(refused);
  });

  it("never concerns a user who was not an active admin", () => {
    expect(
      removesLastActiveAdmin({ role: "admin", disabled: true }, { role: "finance", disabled: true }, 0),
    ).toBe(false);
  });
});

describe("password links", () => {
  it("expire after 7 days (invitation) or 24 hours (reset)", () => {
    const now = new Date("2026-11-23T10:00:00Z");
    expect(passwordLinkExpiry("invitation", now).toISOString()).toBe("2026-11-30T10:00:00.000Z");
    expect(passwordLinkExpiry("password_reset", now).toISOString()).toBe("2026-11-24T10:00:00.000Z");
  });

  it("carry the token in the fragment, never sent to a server", () => {
    expect(passwordLinkUrl("https://x.fr/", "abc_-1")).toBe("https://x.fr/set-password#token=abc_-1");
  });
});

describe("programme parameters", () => {
  const site: ProgrammeParameters = {
    kind: "chez_soi_site",
    capacity: 100,
    buildingCapBasisPoints: 2000,
    smallBuildingException: false,
    neighbourhoodCapMode: "off",
    neighbourhoodCapValue: null,
    firstOfferDeadlineWeeks: 8,
    minimumPanelSize: 3,
    residualRentCeilingBasisPoints: 3000,
    panelExpiryDays: 30,
  };

  it.each([
    [{}, []],
    [{ capacity: 89 }, ["json.capacity"]],
    [{ capacity: 106 }, ["json.capacity"]],
    [{ kind: "iml_association", capacity: 40 }, []],
    [{ neighbourhoodCapValue: 5 }, ["json.neighbourhoodCapValue"]],
    [{ neighbourhoodCapMode: "share", neighbourhoodCapValue: null }, ["json.neighbourhoodCapValue"]],
    [{ neighbourhoodCapMode: "share", neighbourhoodCapValue: 10_001 }, ["json.neighbourhoodCapValue"]],
    [{ neighbourhoodCapMode: "share", neighbourhoodCapValue: 1500 }, []],
    [{ neighbourhoodCapMode: "count", neighbourhoodCapValue: 0 }, ["json.neighbourhoodCapValue"]],
    [{ neighbourhoodCapMode: "count", neighbourhoodCapValue: 4 }, []],
  ] as const)("%o → problems on %o", (change, paths) => {
    expect(programmeParameterProblems({ ...site, ...change }).map((p) => p.path)).toEqual(paths);
  });
});
