import { describe, expect, it } from "vitest";
import {
  ageBand,
  ageOn,
  anonymisedRow,
  coarseAgeBand,
  dutyFallsIn,
  followedDuring,
  householdCategory,
  panelFactsAsOf,
  panelFigures,
  peopleFigures,
  pseudonym,
  type QuasiIdentifiers,
  refusalFigures,
  reportYear,
  reportYearProblems,
  SUPPRESSED,
  smallestGroup,
  suppressSmallCells,
} from "../../server/modules/programme/yearly-reports.rules";

/**
 * The yearly reports of a site (cahier des charges §8.12): the activity report's counts (by
 * 30 April, CASF R.314-50) and the anonymised data (by 30 June): no exact birth date, no group of
 * fewer than 5 people recognisable.
 */

const KEY = "00".repeat(32);
const OTHER_KEY = "11".repeat(32);

describe("the report's year", () => {
  it.each([
    [2025, "2026-12-02", { start: "2025-01-01", end: "2025-12-31", asOf: "2025-12-31" }],
    [2026, "2026-12-02", { start: "2026-01-01", end: "2026-12-31", asOf: "2026-12-02" }],
    [2026, "2026-12-31", { start: "2026-01-01", end: "2026-12-31", asOf: "2026-12-31" }],
  ])("year %i asked on %s", (year, today, expected) => {
    expect(reportYear(year, today)).toEqual({ year, ...expected });
  });

  it.each([
    [2026, "2026-12-02", 0],
    [2020, "2026-12-02", 0],
    [2027, "2026-12-02", 1],
  ])("year %i asked on %s: %i problem(s)", (year, today, problems) => {
    expect(reportYearProblems(year, today)).toHaveLength(problems);
  });

  it.each([
    ["day 1 in the year", { entryDate: "2025-03-01", leftOn: null }, true],
    ["day 1 before, still followed", { entryDate: "2023-03-01", leftOn: null }, true],
    ["left during the year", { entryDate: "2023-03-01", leftOn: "2025-02-01" }, true],
    ["left on 1 January", { entryDate: "2023-03-01", leftOn: "2025-01-01" }, true],
    ["left the year before", { entryDate: "2023-03-01", leftOn: "2024-12-31" }, false],
    ["admitted the next year", { entryDate: "2026-01-01", leftOn: null }, false],
  ])("followed during 2025: %s", (_label, person, expected) => {
    expect(followedDuring(person, reportYear(2025, "2026-06-01"))).toBe(expected);
  });
});

describe("pseudonyms: HMAC-SHA-256 under the site's key", () => {
  it("is the published HMAC-SHA-256 of the id (RFC 4231 test case 2 shape: key, message → digest)", () => {
    // RFC 4231 §4.3: key "Jefe", data "what do ya want for nothing?"
    const jefe = Buffer.from("Jefe").toString("hex");
    expect(pseudonym(jefe, "what do ya want for nothing?")).toBe(
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    );
  });
  it("is stable for a person under one key and unrelated under another", () => {
    const id = "0b6f0d3e-5f1e-4c57-9d0a-3f0c1c1b2a11";
    expect(pseudonym(KEY, id)).toBe(pseudonym(KEY, id));
    expect(pseudonym(KEY, id)).not.toBe(pseudonym(OTHER_KEY, id));
    expect(pseudonym(KEY, id)).not.toContain(id.slice(0, 8));
    expect(pseudonym(KEY, id)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("age bands, taken on 31 December of the year", () => {
  it.each([
    ["1990-12-31", "2025-12-31", 35],
    ["1991-01-01", "2025-12-31", 34],
    ["2000-02-29", "2025-02-28", 24],
    ["2000-02-29", "2025-03-01", 25],
  ])("born %s, on %s: %i", (birth, on, age) => {
    expect(ageOn(birth, on)).toBe(age);
  });
  it.each([
    [null, "Non renseigné", "Non renseigné"],
    ["2009-06-01", "Moins de 18 ans", "Moins de 35 ans"],
    ["2007-12-31", "18–24 ans", "Moins de 35 ans"],
    ["2000-12-31", "25–34 ans", "Moins de 35 ans"],
    ["1991-01-01", "25–34 ans", "Moins de 35 ans"],
    ["1990-12-31", "35–44 ans", "35–54 ans"],
    ["1971-01-01", "45–54 ans", "35–54 ans"],
    ["1970-12-31", "55–64 ans", "55 ans et plus"],
    ["1960-12-31", "65 ans et plus", "55 ans et plus"],
  ])("born %s: %s, coarse %s", (birth, fine, coarse) => {
    expect(ageBand(birth, "2025-12-31")).toBe(fine);
    expect(coarseAgeBand(fine)).toBe(coarse);
  });
  it.each([
    [1, 0, "Personne seule"],
    [1, 2, "Parent seul avec enfant(s)"],
    [2, 0, "Plusieurs adultes sans enfant"],
    [3, 1, "Plusieurs adultes avec enfant(s)"],
  ])("household %i adult(s), %i child(ren): %s", (adults, children, category) => {
    expect(householdCategory(adults, children)).toBe(category);
  });
});

const qi = (
  ageBand: string,
  household: string,
  admissionYear = "2025",
  housedYear = "2025",
  exitYear = "Pas de sortie",
): QuasiIdentifiers => ({ ageBand, household, admissionYear, housedYear, exitYear });

const people = (n: number, q: QuasiIdentifiers, from = 0) =>
  Array.from({ length: n }, (_, i) => ({ id: `p${from + i}`, qi: { ...q } }));

describe("small-cell suppression (k = 5 on the quasi-identifiers)", () => {
  it("leaves groups of 5 or more untouched", () => {
    const input = [
      ...people(5, qi("35–44 ans", "Personne seule")),
      ...people(6, qi("45–54 ans", "Personne seule"), 5),
    ];
    const out = suppressSmallCells(input);
    expect(out.rows.map((r) => r.qi)).toEqual(input.map((r) => r.qi));
    expect(out).toMatchObject({ withheld: 0, generalisedCells: 0 });
  });

  it("coarsens the household first: two fine groups of 3 merge into a group of 6", () => {
    const out = suppressSmallCells([
      ...people(3, qi("35–44 ans", "Personne seule")),
      ...people(3, qi("35–44 ans", "Plusieurs adultes sans enfant"), 3),
      ...people(5, qi("55–64 ans", "Personne seule"), 6),
    ]);
    expect(out.withheld).toBe(0);
    expect(out.rows.slice(0, 6).every((r) => r.qi.household === "Sans enfant")).toBe(true);
    expect(out.rows.slice(6).every((r) => r.qi.household === "Personne seule")).toBe(true);
    expect(smallestGroup(out.rows)).toBeGreaterThanOrEqual(5);
  });

  it("then the age, then the years, in the documented order", () => {
    const out = suppressSmallCells([
      ...people(2, qi("35–44 ans", "Personne seule", "2024", "2024", "2025")),
      ...people(3, qi("45–54 ans", "Parent seul avec enfant(s)", "2023", "Non logé·e", "Pas de sortie"), 2),
      ...people(5, qi("25–34 ans", "Personne seule"), 5),
    ]);
    expect(out.withheld).toBe(0);
    const merged = out.rows.filter((r) => r.id === "p0" || r.id === "p2");
    // household: Sans enfant / Avec enfant(s) → still apart; age 35–54 → apart; exit, housed,
    // admission suppressed → apart by household; household suppressed → together (5)
    expect(merged.map((r) => r.qi)).toEqual([
      qi("35–54 ans", SUPPRESSED, SUPPRESSED, SUPPRESSED, SUPPRESSED),
      qi("35–54 ans", SUPPRESSED, SUPPRESSED, SUPPRESSED, SUPPRESSED),
    ]);
    expect(smallestGroup(out.rows)).toBe(5);
  });

  it("withholds the people still fewer than 5 once everything is suppressed", () => {
    const out = suppressSmallCells([
      ...people(2, qi("35–44 ans", "Personne seule")),
      ...people(7, qi("55–64 ans", "Plusieurs adultes avec enfant(s)", "2022"), 2),
    ]);
    expect(out.withheld).toBe(2);
    expect(out.rows).toHaveLength(7);
    expect(smallestGroup(out.rows)).toBe(7);
  });

  it("shows no one when fewer than 5 people were followed", () => {
    expect(suppressSmallCells(people(4, qi("35–44 ans", "Personne seule"))).rows).toEqual([]);
  });

  it("never shows a group below 5, whatever the people (random sites)", () => {
    const bands = ["18–24 ans", "25–34 ans", "35–44 ans", "45–54 ans", "55–64 ans", "65 ans et plus"];
    const households = [
      "Personne seule",
      "Parent seul avec enfant(s)",
      "Plusieurs adultes sans enfant",
      "Plusieurs adultes avec enfant(s)",
    ];
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    for (let site = 0; site < 50; site++) {
      const input = Array.from({ length: 20 + random(90) }, (_, i) => ({
        id: `p${i}`,
        qi: qi(
          bands[random(bands.length)]!,
          households[random(households.length)]!,
          String(2020 + random(6)),
          random(3) === 0 ? "Non logé·e" : String(2021 + random(5)),
          random(4) === 0 ? String(2024 + random(2)) : "Pas de sortie",
        ),
      }));
      const out = suppressSmallCells(input);
      expect(smallestGroup(out.rows)).toBeGreaterThanOrEqual(5);
      expect(out.rows.length + out.withheld).toBe(input.length);
    }
  });
});

describe("one person's anonymised row", () => {
  const period = reportYear(2025, "2026-06-01");
  const person = {
    id: "a1b2c3d4-0000-4000-8000-000000000001",
    birthDate: "1980-07-14",
    adults: 1,
    children: 0,
    entryDate: "2025-02-03",
    leftOn: null,
    status: "housed",
    suspendedOn: null,
    panels: [
      { proposedOn: "2025-04-07", status: "all_declined" as const, closedOn: "2025-04-20" },
      { proposedOn: "2025-05-05", status: "accepted" as const, closedOn: "2025-05-12" },
    ],
    offersMade: 6,
    tenancies: [{ kind: "sliding_sublease", startDate: "2025-06-01", endedOn: null, endReason: null }],
    relocations: [],
  };

  it("holds bands, categories and years, never the exact dates or the id", () => {
    const row = anonymisedRow(person, { state: "met_late", firstOfferOn: "2025-04-07" }, period, KEY);
    expect(row).toEqual({
      pseudonym: pseudonym(KEY, person.id),
      qi: qi("45–54 ans", "Personne seule", "2025", "2025", "Pas de sortie"),
      situation: "Logé·e",
      daysToFirstOffer: 63,
      firstOfferOnTime: "Non",
      panels: 2,
      offers: 6,
      leaseKind: "Bail glissant",
      glissement: "Non",
      relocation: "Non",
    });
    expect(JSON.stringify(row)).not.toMatch(/1980|07-14|2025-0|a1b2c3d4/);
  });

  it("records an exit and a glissement of the year", () => {
    const row = anonymisedRow(
      {
        ...person,
        leftOn: "2025-11-30",
        status: "left",
        tenancies: [
          {
            kind: "sliding_sublease",
            startDate: "2025-06-01",
            endedOn: "2025-10-31",
            endReason: "glissement",
          },
          { kind: "direct_lease", startDate: "2025-11-01", endedOn: null, endReason: null },
        ],
      },
      { state: "met_on_time", firstOfferOn: "2025-03-01" },
      period,
      KEY,
    );
    expect(row).toMatchObject({
      qi: { exitYear: "2025", housedYear: "2025" },
      situation: "Sorti·e du programme",
      firstOfferOnTime: "Oui",
      leaseKind: "Bail direct",
      glissement: "Oui",
    });
  });
});

describe("the activity report's counts", () => {
  const period = reportYear(2025, "2026-06-01");

  it("judges a past year's panels as they stood on 31 December", () => {
    expect(
      panelFactsAsOf(
        [
          { proposedOn: "2025-12-20", status: "all_declined", closedOn: "2026-01-05" },
          { proposedOn: "2026-01-10", status: "accepted", closedOn: "2026-01-15" },
        ],
        "2025-12-31",
      ),
    ).toEqual([{ proposedOn: "2025-12-20", status: "open", closedOn: null }]);
  });

  it.each([
    ["2025-01-01", true],
    ["2025-12-31", true],
    ["2024-12-31", false],
    ["2026-01-01", false],
  ])("an 8-week deadline on %s is judged in 2025: %s", (deadline, expected) => {
    expect(dutyFallsIn(deadline, period)).toBe(expected);
  });

  const adm = (admittedOn: string, endedOn: string | null = null, leftReason: string | null = null) => ({
    admittedOn,
    endedOn,
    outcome: endedOn ? "left" : null,
    leftReason,
  });

  it("counts people followed, admitted, housed, entering and leaving", () => {
    const lease = (startDate: string, endedOn: string | null = null) => ({
      kind: "sublease",
      startDate,
      endedOn,
      endReason: null,
    });
    expect(
      peopleFigures(
        [
          {
            entryDate: "2024-05-01",
            admissions: [adm("2024-05-01")],
            leftOn: null,
            leftReason: null,
            tenancies: [lease("2024-09-01")],
          },
          {
            entryDate: "2025-03-01",
            admissions: [adm("2025-03-01")],
            leftOn: null,
            leftReason: null,
            tenancies: [lease("2025-06-01")],
          },
          {
            entryDate: "2025-09-01",
            admissions: [adm("2025-09-01")],
            leftOn: null,
            leftReason: null,
            tenancies: [],
          },
          {
            entryDate: "2023-01-01",
            admissions: [adm("2023-01-01", "2025-04-30", "direct_lease")],
            leftOn: "2025-04-30",
            leftReason: "direct_lease",
            tenancies: [lease("2023-04-01", "2025-04-30")],
          },
          {
            entryDate: "2022-01-01",
            admissions: [adm("2022-01-01", "2024-06-30", "moved_away")],
            leftOn: "2024-06-30",
            leftReason: "moved_away",
            tenancies: [],
          },
        ],
        period,
      ),
    ).toEqual({
      followed: 4,
      admitted: 2,
      readmitted: 0,
      housedDuringYear: 3,
      movedIn: 1,
      housedAtYearEnd: 2,
      exits: 1,
      exitsByReason: [{ reason: "direct_lease", count: 1 }],
    });
  });

  it("counts a readmission during the year as an entry of its own (a new day 1)", () => {
    const figures = peopleFigures(
      [
        // admitted in 2023, left in 2024, readmitted on 1 March 2025
        {
          entryDate: "2025-03-01",
          admissions: [adm("2023-01-01", "2024-05-01", "moved_away"), adm("2025-03-01")],
          leftOn: null,
          leftReason: null,
          tenancies: [],
        },
        {
          entryDate: "2025-06-01",
          admissions: [adm("2025-06-01")],
          leftOn: null,
          leftReason: null,
          tenancies: [],
        },
      ],
      period,
    );
    expect(figures.admitted).toBe(2);
    expect(figures.readmitted).toBe(1);
    // the exit of 2024 is not one of 2025's
    expect(figures.exits).toBe(0);
  });

  it("counts panels by size and the derogations below the minimum (footnote 32)", () => {
    expect(
      panelFigures(
        [
          { proposedOn: "2025-02-01", size: 3, reasonIfFewer: null },
          { proposedOn: "2025-03-01", size: 2, reasonIfFewer: "market_constraints" },
          { proposedOn: "2025-04-01", size: 1, reasonIfFewer: "relocation_urgent" },
          { proposedOn: "2024-04-01", size: 1, reasonIfFewer: "relocation_urgent" },
        ],
        3,
        period,
      ),
    ).toEqual({
      panels: 3,
      offers: 6,
      minimumPanelSize: 3,
      bySize: [
        { size: 1, count: 1 },
        { size: 2, count: 1 },
        { size: 3, count: 1 },
      ],
      derogations: 2,
      derogationsByReason: [
        { reason: "market_constraints", count: 1 },
        { reason: "relocation_urgent", count: 1 },
      ],
    });
  });

  it("counts refusals of the year by who refused", () => {
    const out = refusalFigures(
      [
        { decidedOn: "2025-02-01", declinedBy: "person", declineReason: "neighbourhood" },
        { decidedOn: "2025-03-01", declinedBy: "person", declineReason: "neighbourhood" },
        { decidedOn: "2025-03-02", declinedBy: "landlord", declineReason: "refused_candidate" },
        { decidedOn: "2024-03-02", declinedBy: "landlord", declineReason: "refused_candidate" },
      ],
      period,
    );
    expect(out.declined).toBe(3);
    expect(out.byWho).toEqual([
      { who: "person", count: 2 },
      { who: "landlord", count: 1 },
      { who: "operator_withdrew", count: 0 },
    ]);
    expect(out.byReason[0]).toEqual({ who: "person", reason: "neighbourhood", count: 2 });
  });
});
