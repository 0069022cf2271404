import { describe, expect, it } from "vitest";
import {
  compareInspections,
  deductionViolations,
  depositReturnDeadline,
  type InspectionForm,
  inspectionFormViolations,
  lateReturnPenalty,
} from "../../server/modules/leases/inspection.rules";

const entry: InspectionForm = {
  rooms: [
    {
      name: "Séjour",
      items: [
        { name: "Sol", condition: "good" },
        { name: "Murs", condition: "new" },
      ],
    },
    { name: "Cuisine", items: [{ name: "Évier", condition: "good" }] },
  ],
  meters: [
    { kind: "electricity", reading: 12_000 },
    { kind: "cold_water", reading: 300 },
  ],
  keys: [
    { label: "Porte d'entrée", count: 2 },
    { label: "Boîte aux lettres", count: 1 },
  ],
};

describe("état des lieux: exit compared with entry on the same form (loi 89-462 art. 3-2)", () => {
  it("finds nothing when the exit matches the entry", () => {
    const result = compareInspections(entry, {
      ...entry,
      meters: [{ kind: "electricity", reading: 14_500 }],
    });
    expect(result.differs).toBe(false);
    expect(result.items).toEqual([]);
    expect(result.meters[0]).toMatchObject({ kind: "electricity", consumed: 2_500 });
  });

  it.each([
    ["an item worse at exit", "Sol", "poor", true],
    ["an item better at exit (repainted)", "Sol", "new", false],
  ] as const)("%s", (_label, item, condition, worse) => {
    const exit: InspectionForm = {
      ...entry,
      rooms: entry.rooms.map((room) => ({
        ...room,
        items: room.items.map((i) => (i.name === item ? { ...i, condition } : i)),
      })),
    };
    const result = compareInspections(entry, exit);
    expect(result.items).toEqual([expect.objectContaining({ room: "Séjour", item, worse })]);
    expect(result.differs).toBe(worse);
  });

  it("counts an item missing at exit and keys not returned against the tenant, matching names loosely", () => {
    const exit: InspectionForm = {
      rooms: [
        {
          name: "séjour ",
          items: [
            { name: "sol", condition: "good" },
            { name: "Murs", condition: "new" },
          ],
        },
      ],
      meters: [],
      keys: [{ label: "porte d'entrée", count: 1 }],
    };
    const result = compareInspections(entry, exit);
    expect(result.items).toEqual([
      expect.objectContaining({ room: "Cuisine", item: "Évier", exit: null, worse: true }),
    ]);
    expect(result.keys).toEqual([
      { label: "Porte d'entrée", given: 2, returned: 1, missing: 1 },
      { label: "Boîte aux lettres", given: 1, returned: 0, missing: 1 },
    ]);
    expect(result.differs).toBe(true);
  });

  it("never counts an item first seen at exit against the tenant", () => {
    const exit: InspectionForm = {
      ...entry,
      rooms: [...entry.rooms, { name: "Cave", items: [{ name: "Porte", condition: "poor" }] }],
    };
    expect(compareInspections(entry, exit).differs).toBe(false);
  });

  it("refuses a form without rooms, a room without items, a room twice", () => {
    expect(inspectionFormViolations({ rooms: [], meters: [], keys: [] }).map((v) => v.code)).toEqual([
      "no_room",
    ]);
    expect(
      inspectionFormViolations({
        rooms: [
          { name: "Séjour", items: [] },
          { name: "séjour", items: [{ name: "Sol", condition: "good" }] },
        ],
        meters: [],
        keys: [],
      }).map((v) => v.path),
    ).toEqual(["rooms.0.items", "rooms.1.name"]);
  });
});

describe("deposit return deadline and late penalty (loi 89-462 art. 22)", () => {
  it.each([
    ["2027-01-15", false, "2027-02-15"], // conforming exit: one month
    ["2027-01-15", true, "2027-03-15"], // exit differs: two months
    ["2027-01-31", false, "2027-02-28"], // month end
    ["2027-12-31", true, "2028-02-29"], // leap year
  ] as const)("keys back on %s, differs %s → at the latest %s", (keys, differs, deadline) => {
    expect(depositReturnDeadline(keys, differs)).toBe(deadline);
  });

  it.each([
    // deadline, returned, rent, address known, months started, penalty
    ["2027-02-15", "2027-02-15", 60_000, true, 0, 0], // on the last day: on time
    ["2027-02-15", "2027-02-16", 60_000, true, 1, 6_000], // a day late: one period started
    ["2027-02-15", "2027-03-15", 60_000, true, 1, 6_000], // still the first period
    ["2027-02-15", "2027-03-16", 60_000, true, 2, 12_000], // second period started
    ["2027-02-15", "2027-06-01", 45_005, true, 4, 18_004], // 10 % of 450,05 € rounded up: 45,01 €
    ["2027-02-15", "2027-06-01", 60_000, false, 0, 0], // no new address given: no penalty
  ] as const)(
    "due %s, returned %s, rent %i → %i period(s), %i cents",
    (deadline, returnedOn, rent, known, months, cents) => {
      expect(
        lateReturnPenalty({ deadline, returnedOn, monthlyRentCents: rent, tenantAddressKnown: known }),
      ).toEqual({ monthsStarted: months, penaltyCents: cents });
    },
  );

  const same = compareInspections(entry, entry);
  const damaged = compareInspections(entry, {
    ...entry,
    rooms: [
      {
        ...entry.rooms[0]!,
        items: [
          { name: "Sol", condition: "poor" },
          { name: "Murs", condition: "new" },
        ],
      },
      entry.rooms[1]!,
    ],
  });
  it.each([
    [
      "unpaid rent, justified",
      same,
      [{ kind: "unpaid_rent", amountCents: 20_000, justification: "relevé de compte" }],
      [],
    ],
    [
      "a repair without any degradation found",
      same,
      [{ kind: "damage", amountCents: 10_000, justification: "devis" }],
      ["no_degradation_found"],
    ],
    [
      "a repair the comparison shows",
      damaged,
      [{ kind: "damage", amountCents: 10_000, justification: "devis n° 12" }],
      [],
    ],
    [
      "a repair without its invoice",
      damaged,
      [{ kind: "damage", amountCents: 10_000, justification: " " }],
      ["deduction_not_justified"],
    ],
    [
      "keys when all came back",
      same,
      [{ kind: "missing_keys", amountCents: 3_000, justification: "serrurier" }],
      ["keys_all_returned"],
    ],
    [
      "more than the deposit",
      damaged,
      [{ kind: "damage", amountCents: 60_001, justification: "facture" }],
      ["deductions_above_deposit"],
    ],
    // loi 89-462 art. 3-2 / C. civ. art. 1731: no entry inspection, nothing established against the tenant
    [
      "repairs without an entry inspection",
      null,
      [{ kind: "damage", amountCents: 10_000, justification: "facture" }],
      ["no_entry_inspection"],
    ],
    [
      "unpaid rent without an entry inspection",
      null,
      [{ kind: "unpaid_rent", amountCents: 10_000, justification: "relevé de compte" }],
      [],
    ],
  ] as const)("deduction: %s", (_label, comparison, deductions, codes) => {
    const violations = deductionViolations({
      depositCents: 60_000,
      deductions: deductions.map((d) => ({ label: "retenue", ...d })),
      comparison,
    });
    expect(violations.map((v) => v.code)).toEqual(codes);
  });
});
