import { describe, expect, it } from "vitest";
import {
  contractEndDate,
  billedUntil,
  termInForce,
  contractTermViolations,
  depositCapCents,
  glissementRefusal,
  type MentionsInput,
  minimumDurationMonths,
  missingMandatoryMentions,
  dpeValidUntil,
  dpeViolation,
  monthsUntilTerm,
  previousRentRequired,
  subleaseTermViolation,
  subRentCapViolation,
} from "../../server/modules/leases/leases.rules";

describe("minimum duration (loi 89-462 art. 10, 25-7)", () => {
  it.each([
    ["sublease", "private_person", false, 36],
    ["direct_lease", "private_person", false, 36],
    ["direct_lease", "sci", false, 72],
    ["sliding_sublease", "company", false, 72],
    ["head_lease", "social_landlord", false, 72],
    ["direct_lease", "company", true, 12],
    ["sublease", "private_person", true, 12],
    ["temporary_occupancy", "private_person", false, null],
  ] as const)("%s, %s landlord, furnished %s → %s months", (kind, landlordKind, furnished, expected) => {
    expect(minimumDurationMonths({ kind, landlordKind, furnished })).toBe(expected);
  });
});

describe("deposit cap (art. 22, 25-6)", () => {
  it.each([
    [52_000, false, 52_000],
    [52_000, true, 104_000],
  ])("rent %i, furnished %s → cap %i", (rentCents, furnished, cap) => {
    expect(depositCapCents({ rentCents, furnished })).toBe(cap);
  });

  it("names the deposit and the duration when both are wrong; a head lease has no deposit cap", () => {
    const terms = {
      kind: "sublease" as const,
      landlordKind: "private_person" as const,
      furnished: false,
      durationMonths: 24,
      rentCents: 50_000,
      depositCents: 60_000,
    };
    expect(contractTermViolations(terms).map((v) => v.path)).toEqual(["durationMonths", "depositCents"]);
    // the cap is said in euros, never in centimes
    expect(contractTermViolations(terms)[1]!.message).toMatch(/soit 500,00\s€ \(loi 89-462 art\. 22\)/);
    expect(contractTermViolations({ ...terms, kind: "head_lease", durationMonths: 36 })).toEqual([]);
  });
});

describe("mandatory mentions (art. 3)", () => {
  const complete: MentionsInput = {
    kind: "sublease",
    lessorName: "Association",
    lessorAddress: "12 rue de la Liberté",
    tenantName: "Jeanne Dupont",
    startDate: "2026-12-01",
    durationMonths: 36,
    surfaceM2: 42,
    rentCents: 52_000,
    chargesCents: 4_500,
    paymentFrequency: "monthly",
    paymentDay: 5,
    irlReferenceQuarter: "T2",
    depositCents: 52_000,
    previousRentCents: null,
    previousTenantLeftOn: null,
    signedOn: "2026-11-23",
    mandatary: null,
  };

  it("nothing missing in a complete lease", () => {
    expect(missingMandatoryMentions(complete)).toEqual([]);
  });

  it("names each missing mention", () => {
    const missing = missingMandatoryMentions({
      ...complete,
      lessorAddress: null,
      irlReferenceQuarter: null,
      paymentDay: null,
    });
    expect(missing.map((field) => field.path)).toEqual([
      "lessor.address",
      "paymentDay",
      "irlReferenceQuarter",
    ]);
  });

  it("asks for the previous rent when the last tenant left less than 18 months before", () => {
    expect(previousRentRequired("2025-07-01", "2026-12-01")).toBe(true);
    expect(previousRentRequired("2025-05-31", "2026-12-01")).toBe(false);
    const missing = missingMandatoryMentions({ ...complete, previousTenantLeftOn: "2026-06-30" });
    expect(missing.map((field) => field.path)).toEqual(["previousRentCents"]);
    expect(
      missingMandatoryMentions({
        ...complete,
        previousTenantLeftOn: "2026-06-30",
        previousRentCents: 50_000,
      }),
    ).toEqual([]);
  });

  it("judges the 18 months at the signature date, not the start (art. 3)", () => {
    // left 2025-05-20: 18 months run to 2026-11-20; signed 2026-11-10 for a start on 2026-12-01
    expect(
      missingMandatoryMentions({
        ...complete,
        previousTenantLeftOn: "2025-05-20",
        signedOn: "2026-11-10",
      }).map((field) => field.path),
    ).toEqual(["previousRentCents"]);
    expect(
      missingMandatoryMentions({ ...complete, previousTenantLeftOn: "2025-05-20", signedOn: "2026-11-23" }),
    ).toEqual([]);
  });

  it("names the mandataire of a lease signed under a management mandate (art. 3)", () => {
    expect(
      missingMandatoryMentions({ ...complete, mandatary: { name: "AIS", address: null } }).map((f) => f.path),
    ).toEqual(["mandatary.address"]);
  });
});

describe("sub-rent cap per m² (loi 89-462 art. 8)", () => {
  it.each([
    [40_000, 42, 40_000, 42, null],
    [50_000, 42, 40_000, 42, "sub_rent_above_head_rent"],
    // a part of the flat: 20 m² of a 40 m² head lease at 800 € → at most 400 €
    [40_000, 20, 80_000, 40, null],
    [40_001, 20, 80_000, 40, "sub_rent_above_head_rent"],
  ] as const)(
    "sub %i on %s m², head %i on %s m² → %s",
    (subRentCents, subSurfaceM2, headRentCents, headSurfaceM2, code) => {
      expect(
        subRentCapViolation({ subRentCents, subSurfaceM2, headRentCents, headSurfaceM2 })?.code ?? null,
      ).toBe(code);
    },
  );
});

describe("DPE validity (décret 2020-1610)", () => {
  it.each([
    ["2016-05-10", "2022-12-31"], // before 2018: expired 31 Dec 2022
    ["2013-01-01", "2022-12-31"],
    ["2018-01-01", "2024-12-31"], // 2018 – 30 Jun 2021: expired 31 Dec 2024
    ["2019-06-15", "2024-12-31"],
    ["2021-06-30", "2024-12-31"],
    ["2021-07-01", "2031-06-30"], // from 1 Jul 2021: ten years
    ["2024-02-29", "2034-02-28"],
  ])("made %s → valid until %s", (madeOn, until) => {
    expect(dpeValidUntil(madeOn)).toBe(until);
  });

  it.each([
    [null, "2026-11-23", "dpe_date_missing"],
    ["2019-06-15", "2026-11-23", "dpe_expired"],
    ["2019-06-15", "2024-12-31", null],
    ["2022-03-01", "2026-11-23", null],
    ["2026-12-01", "2026-11-23", "dpe_in_future"],
  ] as const)("made %s, signed %s → %s", (madeOn, onDate, code) => {
    expect(dpeViolation(madeOn, onDate)?.code ?? null).toBe(code);
  });
});

describe("sub-lease term follows the head lease (CCH L.442-8-1)", () => {
  it("has no own minimum once a head lease is recorded", () => {
    expect(
      minimumDurationMonths({
        kind: "sublease",
        landlordKind: "private_person",
        furnished: false,
        followsHeadLease: true,
      }),
    ).toBeNull();
  });
  it("cannot end after the head lease", () => {
    expect(subleaseTermViolation("2029-11-30", "2029-11-30")).toBeNull();
    expect(subleaseTermViolation("2029-12-31", "2029-11-30")?.code).toBe("sublease_beyond_head_lease");
  });
  it.each([
    ["2026-12-01", "2029-11-30", 36],
    ["2027-03-15", "2029-11-30", 32],
    ["2026-12-01", "2026-12-20", 0],
  ])("from %s to a head lease ending %s → %i whole months", (start, term, months) => {
    expect(monthsUntilTerm(start, term)).toBe(months);
  });
});

describe("glissement needs a favourable last review", () => {
  const review = (heldOn: string | null, outcome: string | null) => ({
    scheduledOn: heldOn ?? "2027-01-01",
    heldOn,
    outcome,
  });
  it.each([
    [[], false],
    [[review(null, null)], false],
    [[review("2027-06-01", "favourable"), review("2027-12-01", "unfavourable")], false],
    [[review("2027-06-01", "unfavourable"), review("2027-12-01", "postponed")], false],
    [[review("2027-06-01", "unfavourable"), review("2027-12-01", "favourable"), review(null, null)], true],
  ])("%j → allowed %s", (reviews, allowed) => {
    expect(glissementRefusal(reviews) === null).toBe(allowed);
  });
});

describe("contract end date", () => {
  it("is the day before the anniversary", () => {
    expect(contractEndDate("2026-12-01", 36)).toBe("2029-11-30");
    expect(contractEndDate("2024-03-01", 12)).toBe("2025-02-28");
  });
  it.each([
    // a start on the 29th–31st whose anniversary month is shorter ends on that month's last day
    ["2028-02-29", 12, "2029-02-28"],
    ["2027-01-31", 1, "2027-02-28"],
    ["2027-01-30", 1, "2027-02-28"],
    ["2027-01-29", 1, "2027-02-28"],
    ["2028-01-30", 1, "2028-02-29"],
    ["2026-08-31", 36, "2029-08-30"],
    ["2026-10-31", 1, "2026-11-30"],
    ["2026-12-31", 12, "2027-12-30"],
  ] as const)("%s + %i months → %s", (start, months, end) => {
    expect(contractEndDate(start, months)).toBe(end);
  });
});

describe("tacit renewal (loi 89-462 art. 10 al. 3, art. 25-8)", () => {
  it.each([
    { status: "signed", endDate: "2026-07-31", billed: null },
    { status: "notice_given", endDate: "2026-08-15", billed: "2026-08-15" },
    { status: "ended", endDate: "2026-05-10", billed: "2026-05-10" },
  ] as const)("a $status lease is billed until $billed", ({ status, endDate, billed }) => {
    expect(billedUntil({ status, endDate })).toBe(billed);
  });

  it.each([
    // furnished: renewed for one year at a time (art. 25-8)
    {
      endDate: "2026-07-31",
      durationMonths: 12,
      furnished: true,
      today: "2026-07-31",
      term: "2026-07-31",
      renewals: 0,
    },
    {
      endDate: "2026-07-31",
      durationMonths: 12,
      furnished: true,
      today: "2026-08-01",
      term: "2027-07-31",
      renewals: 1,
    },
    {
      endDate: "2024-07-31",
      durationMonths: 12,
      furnished: true,
      today: "2026-12-02",
      term: "2027-07-31",
      renewals: 3,
    },
    // unfurnished: renewed for the contract's duration, three or six years (art. 10)
    {
      endDate: "2026-02-28",
      durationMonths: 36,
      furnished: false,
      today: "2026-12-02",
      term: "2029-02-28",
      renewals: 1,
    },
    {
      endDate: "2025-12-31",
      durationMonths: 72,
      furnished: false,
      today: "2026-01-01",
      term: "2031-12-31",
      renewals: 1,
    },
  ])("term $endDate, $durationMonths months, furnished $furnished: on $today the term is $term", (c) => {
    expect(termInForce(c, c.today)).toEqual({ termDate: c.term, renewals: c.renewals });
  });
});
