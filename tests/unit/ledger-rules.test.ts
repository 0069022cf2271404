import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "../../server/lib/dates";
import { rentComplement, rentComplementForMonth } from "../../server/modules/costs/costs.rules";
import {
  ageingBucket,
  ageingBucketStarts,
  allocateOldestFirst,
  type ChargesClaim,
  claimParts,
  isBalanced,
  periodShare,
  periodsOfMonth,
  receiptsForPayment,
  tenantPartPayers,
  rentCallForPeriod,
  repaymentPlanStatus,
  reversalLines,
  settlePeriods,
  splitRentCall,
  spreadClaims,
  unpaidRentThreshold,
  vacancyCost,
  vacantDays,
  winterTruce,
} from "../../server/modules/ledger/ledger.rules";
import {
  lastAnniversary,
  proposeRevision,
  publishedIrl,
  revisedRent,
  revisionEffectiveFrom,
} from "../../server/modules/ledger/revision.rules";

describe("periods (seed 000: fortnightly rent possible)", () => {
  it.each([
    [
      "2026-01",
      [
        ["2026-01-01", "2026-01-15"],
        ["2026-01-16", "2026-01-31"],
      ],
    ],
    [
      "2026-02",
      [
        ["2026-02-01", "2026-02-15"],
        ["2026-02-16", "2026-02-28"],
      ],
    ],
    [
      "2028-02",
      [
        ["2028-02-01", "2028-02-15"],
        ["2028-02-16", "2028-02-29"],
      ],
    ],
    [
      "2026-04",
      [
        ["2026-04-01", "2026-04-15"],
        ["2026-04-16", "2026-04-30"],
      ],
    ],
    [
      "2026-12",
      [
        ["2026-12-01", "2026-12-15"],
        ["2026-12-16", "2026-12-31"],
      ],
    ],
  ])("fortnightly %s splits into 1–15 and 16–end", (month, expected) => {
    expect(periodsOfMonth(month, "fortnightly").map((p) => [p.start, p.end])).toEqual(expected);
  });

  it("monthly is the whole month", () => {
    expect(periodsOfMonth("2026-02", "monthly")).toEqual([
      { start: "2026-02-01", end: "2026-02-28", half: 1 },
    ]);
  });

  it("the two halves add up to the monthly amount exactly", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (monthly) => {
        expect(periodShare(monthly, "fortnightly", 1) + periodShare(monthly, "fortnightly", 2)).toBe(monthly);
      }),
    );
  });

  it("prorates the first period of a lease starting mid-month", () => {
    const lease = {
      rentCents: 31_000,
      chargesCents: 0,
      housingBenefitCents: 0,
      housingBenefitPaidToOperator: true,
      paymentFrequency: "monthly" as const,
      startDate: "2026-01-11",
      endDate: null,
    };
    expect(rentCallForPeriod(lease, periodsOfMonth("2026-01", "monthly")[0]!)?.rentCents).toBe(21_000);
    expect(
      rentCallForPeriod({ ...lease, endDate: "2025-12-31" }, periodsOfMonth("2026-01", "monthly")[0]!),
    ).toBeNull();
  });

  it("splits rent + charges between the CAF (when paid to the operator) and the tenant", () => {
    const base = { rentCents: 40_000, chargesCents: 5_000, housingBenefitCents: 30_000 };
    expect(splitRentCall({ ...base, housingBenefitPaidToOperator: true })).toMatchObject({
      housingBenefitCents: 30_000,
      tenantPartCents: 15_000,
    });
    expect(splitRentCall({ ...base, housingBenefitPaidToOperator: false })).toMatchObject({
      housingBenefitCents: 0,
      tenantPartCents: 45_000,
    });
    expect(
      splitRentCall({ ...base, housingBenefitCents: 99_000, housingBenefitPaidToOperator: true })
        .tenantPartCents,
    ).toBe(0);
  });
});

describe("double entry", () => {
  it("a reversal mirrors the lines and stays balanced", () => {
    const lines = [
      { accountId: "a", debitCents: 100, creditCents: 0 },
      { accountId: "b", debitCents: 0, creditCents: 100 },
    ];
    expect(isBalanced(lines)).toBe(true);
    expect(isBalanced(reversalLines(lines))).toBe(true);
    expect(
      isBalanced([
        { accountId: "a", debitCents: 100, creditCents: 0 },
        { accountId: "b", debitCents: 0, creditCents: 99 },
      ]),
    ).toBe(false);
    expect(
      isBalanced([
        { accountId: "a", debitCents: 100, creditCents: 100 },
        { accountId: "b", debitCents: 0, creditCents: 0 },
      ]),
    ).toBe(false);
  });
});

describe("allocation oldest period first", () => {
  const calls = [
    { id: "c3", periodStart: "2026-03-01", dueOn: "2026-03-01", amountCents: 300 },
    { id: "c1", periodStart: "2026-01-01", dueOn: "2026-01-01", amountCents: 100 },
    { id: "c2", periodStart: "2026-02-01", dueOn: "2026-02-01", amountCents: 200 },
  ];
  it("fills January, then February, then March; the rest is an advance", () => {
    expect(allocateOldestFirst(calls, 250).parts.map((p) => [p.id, p.paidCents])).toEqual([
      ["c1", 100],
      ["c2", 150],
      ["c3", 0],
    ]);
    expect(allocateOldestFirst(calls, 700).advanceCents).toBe(100);
  });
  it("never allocates more than paid nor more than called", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100_000 }), { maxLength: 12 }),
        fc.integer({ min: 0, max: 2_000_000 }),
        (amounts, paid) => {
          const list = amounts.map((a, i) => ({
            id: `c${String(i).padStart(2, "0")}`,
            periodStart: `2026-${String((i % 12) + 1).padStart(2, "0")}-01`,
            dueOn: "2026-01-01",
            amountCents: a,
          }));
          const { parts, advanceCents } = allocateOldestFirst(list, paid);
          const allocated = parts.reduce((s, p) => s + p.paidCents, 0);
          expect(allocated + advanceCents).toBe(paid);
          for (const p of parts) expect(p.paidCents).toBeLessThanOrEqual(p.amountCents);
        },
      ),
    );
  });
});

describe("quittance vs reçu (loi 89-462 art. 21)", () => {
  const calls = [
    {
      id: "jan",
      periodStart: "2026-01-01",
      dueOn: "2026-01-01",
      tenantPartCents: 100,
      housingBenefitCents: 50,
    },
    {
      id: "feb",
      periodStart: "2026-02-01",
      dueOn: "2026-02-01",
      tenantPartCents: 100,
      housingBenefitCents: 50,
    },
  ];
  it("a partial payment gets a reçu, never a quittance", () => {
    expect(receiptsForPayment(settlePeriods(calls, 0, 50), settlePeriods(calls, 60, 50))).toEqual({
      quittances: [],
      recu: true,
    });
  });
  it("a payment completing a period gets its quittance", () => {
    expect(receiptsForPayment(settlePeriods(calls, 0, 50), settlePeriods(calls, 100, 50))).toEqual({
      quittances: ["jan"],
      recu: false,
    });
  });
  it("the tenant part alone does not complete a period while the CAF part is unpaid", () => {
    expect(receiptsForPayment(settlePeriods(calls, 0, 0), settlePeriods(calls, 100, 0))).toEqual({
      quittances: [],
      recu: true,
    });
  });
});

describe("a yearly charges balance claimed (loi 89-462 art. 23; al. 9: twelve instalments when claimed late)", () => {
  const inOneSum: ChargesClaim = {
    id: "c1",
    transactionId: "t1",
    claimedOn: "2026-03-02",
    amountCents: 1_200,
    instalments: null,
  };
  const inTwelve: ChargesClaim = {
    ...inOneSum,
    id: "c12",
    transactionId: "t12",
    instalments: Array.from({ length: 12 }, (_, i) => ({
      dueOn: `${2026 + Math.floor((3 + i) / 12)}-${String(((3 + i) % 12) + 1).padStart(2, "0")}-01`,
      amountCents: 100,
    })),
  };
  it.each([
    ["claimed in one sum: due the day it is claimed", inOneSum, [["2026-03-02", 1_200]]],
    [
      "in twelve instalments: each due on its own date",
      inTwelve,
      inTwelve.instalments!.map((i) => [i.dueOn, i.amountCents]),
    ],
  ] as const)("%s", (_, claim, expected) => {
    expect(claimParts([claim]).map((p) => [p.dueOn, p.amountCents])).toEqual(expected);
  });
  it("the account's movements owe the instalments on their dates, not the booking of the whole sum", () => {
    const events = [
      { transactionId: "rent", on: "2026-03-01", amountCents: 500, rentCall: true },
      { transactionId: "t12", on: "2026-03-02", amountCents: 1_200, rentCall: false },
      { transactionId: "t1", on: "2026-03-02", amountCents: 1_200, rentCall: false },
    ];
    const spread = spreadClaims(events, [inOneSum, inTwelve]);
    expect(spread.filter((e) => e.instalment).map((e) => [e.on, e.amountCents])).toEqual(
      inTwelve.instalments!.map((i) => [i.dueOn, i.amountCents]),
    );
    // a claim in one sum stays as booked, the rent call too
    expect(spread.filter((e) => !e.instalment).map((e) => e.transactionId)).toEqual(["rent", "t1"]);
    // so the impayé counts only what fell due: on 10 April 2026, 500 € of rent and one instalment
    const due = spread.filter((e) => e.on <= "2026-04-10" && e.transactionId !== "t1");
    expect(unpaidRentThreshold(due, 550).debtCents).toBe(600);
  });
  it("a payment settles the rent due before an instalment not yet due: the month's quittance is issued", () => {
    const calls = [
      {
        id: "mar",
        periodStart: "2026-03-01",
        dueOn: "2026-03-01",
        tenantPartCents: 500,
        housingBenefitCents: 0,
      },
    ];
    const settled = settlePeriods(calls, 500, 0, claimParts([inTwelve]));
    expect(settled).toEqual([expect.objectContaining({ rentCallId: "mar", fullyPaid: true })]);
    // a sum claimed at once before the month's call is settled first, oldest first
    const first = settlePeriods(calls, 500, 0, claimParts([{ ...inOneSum, claimedOn: "2026-02-15" }]));
    expect(first[0]).toMatchObject({ rentCallId: "mar", tenantPaidCents: 0, fullyPaid: false });
  });
});

describe("arrears", () => {
  it.each([
    ["2026-03-01", "0-30"],
    ["2026-01-30", "0-30"],
    ["2026-01-29", "31-60"],
    ["2025-12-31", "31-60"],
    ["2025-12-30", "61-90"],
    ["2025-11-30", "90+"],
  ])("due %s, aged on 2026-03-01 → %s", (due, bucket) => {
    expect(ageingBucket(due, "2026-03-01")).toBe(bucket);
  });

  it("each bucket's first due date (the dashboard's SQL bounds) agrees with ageingBucket", () => {
    const asOf = "2026-03-01";
    const starts = ageingBucketStarts(asOf);
    expect(starts).toEqual({ "0-30": "2026-01-30", "31-60": "2025-12-31", "61-90": "2025-12-01" });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), (daysAgo) => {
        const due = new Date(Date.UTC(2026, 2, 1 - daysAgo)).toISOString().slice(0, 10);
        const expected =
          due >= starts["0-30"]
            ? "0-30"
            : due >= starts["31-60"]
              ? "31-60"
              : due >= starts["61-90"]
                ? "61-90"
                : "90+";
        expect(ageingBucket(due, asOf)).toBe(expected);
      }),
    );
  });

  it("the threshold is reached at 2 × (rent + charges) and gives a 2-month CAF deadline", () => {
    const events = [
      { on: "2026-01-01", amountCents: 45_000 },
      { on: "2026-02-01", amountCents: 45_000 },
    ];
    expect(unpaidRentThreshold(events, 45_000)).toMatchObject({
      reachedOn: "2026-02-01",
      cafReportDueOn: "2026-04-01",
    });
    expect(
      unpaidRentThreshold([...events, { on: "2026-02-10", amountCents: -1 }], 45_000).reachedOn,
    ).toBeNull();
    // crossing again later restarts the deadline
    expect(
      unpaidRentThreshold(
        [...events, { on: "2026-02-10", amountCents: -1 }, { on: "2026-03-01", amountCents: 45_000 }],
        45_000,
      ).reachedOn,
    ).toBe("2026-03-01");
  });

  it("winter truce: 1 November – 31 March (CPCE L.412-6)", () => {
    expect(winterTruce("2026-10-31").inTruce).toBe(false);
    expect(winterTruce("2026-11-01")).toEqual({
      inTruce: true,
      truceEndsOn: "2027-03-31",
      nextTruceStartsOn: "2027-11-01",
    });
    expect(winterTruce("2027-03-31").inTruce).toBe(true);
    expect(winterTruce("2027-04-01")).toEqual({
      inTruce: false,
      truceEndsOn: null,
      nextTruceStartsOn: "2027-11-01",
    });
  });

  it("a repayment plan instalment is missed when rent + instalments due were not paid by its date", () => {
    const status = repaymentPlanStatus({
      startOn: "2026-02-01",
      instalments: [
        { dueOn: "2026-02-10", amountCents: 100 },
        { dueOn: "2026-03-10", amountCents: 100 },
      ],
      callsSinceStart: [
        { dueOn: "2026-02-01", amountCents: 500 },
        { dueOn: "2026-03-01", amountCents: 500 },
      ],
      paymentsSinceStart: [
        { on: "2026-02-05", amountCents: 600 },
        { on: "2026-03-05", amountCents: 500 },
      ],
      today: "2026-03-20",
    });
    expect(status.instalments.map((i) => i.status)).toEqual(["followed", "missed"]);
  });
});

describe("vacancy (head lease)", () => {
  it("counts the days no sub-lease covers and prices them pro rata", () => {
    const march = { start: "2026-03-01", end: "2026-03-31" };
    expect(vacantDays(march, [])).toBe(31);
    expect(vacantDays(march, [{ start: "2026-03-11", end: null }])).toBe(10);
    expect(
      vacantDays(march, [
        { start: "2025-01-01", end: "2026-03-05" },
        { start: "2026-03-20", end: null },
      ]),
    ).toBe(14);
    expect(vacancyCost(60_000, 10, 31)).toBe(19_355);
    expect(vacancyCost(60_000, 0, 31)).toBe(0);
  });

  it("agrees with a day-by-day count for any occupancies (overlapping, outside, open-ended)", () => {
    const day = fc.integer({ min: 0, max: 120 }).map((n) => addDays("2026-01-01", n));
    const occupancy = fc
      .tuple(day, fc.option(day, { nil: null }))
      .map(([start, end]) => ({ start, end: end !== null && end < start ? start : end }));
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: 0, max: 40 }),
        fc.array(occupancy, { maxLength: 4 }),
        (start, length, occupancies) => {
          const period = { start, end: addDays(start, length) };
          let expected = 0;
          for (let d = period.start; d <= period.end; d = addDays(d, 1))
            if (!occupancies.some((o) => o.start <= d && (o.end === null || d <= o.end))) expected += 1;
          expect(vacantDays(period, occupancies)).toBe(expected);
        },
      ),
    );
  });
});

describe("IRL revision (loi 89-462 art. 17-1; INSEE values)", () => {
  it("rounds rent × IRL(N) / IRL(N−1) to the cent with real published indices", () => {
    // T2 2025 = 146,68; T2 2024 = 145,17
    expect(revisedRent(50_000, 14668, 14517)).toBe(50_520);
    // T3 2025 = 145,77; T3 2024 = 144,51: 650,00 € → 655,67 €
    expect(revisedRent(65_000, 14577, 14451)).toBe(65_567);
    // T2 2023 = 140,59; T2 2022 = 135,84 (+3,50 %)
    expect(revisedRent(70_000, 14059, 13584)).toBe(72_448);
  });

  it("picks the reference quarter published before the anniversary, none for F or G", () => {
    const base = { rentCents: 50_000, energyClass: "D", referenceQuarter: 2, indices: publishedIrl };
    expect(proposeRevision({ ...base, anniversaryOn: "2025-07-14" })).toMatchObject({
      irlYear: 2024,
      irlOldHundredths: 14059,
    });
    expect(proposeRevision({ ...base, anniversaryOn: "2025-07-15" })).toMatchObject({
      irlYear: 2025,
      newRentCents: 50_520,
    });
    expect(proposeRevision({ ...base, energyClass: "F", anniversaryOn: "2025-09-01" })).toEqual({
      kind: "none",
      reason: "DPE_F_OR_G",
    });
    expect(proposeRevision({ ...base, energyClass: "G", anniversaryOn: "2025-09-01" })).toEqual({
      kind: "none",
      reason: "DPE_F_OR_G",
    });
  });

  it("takes effect from the request, never before; lost after a year", () => {
    expect(revisionEffectiveFrom("2026-01-01", "2025-12-15")).toBe("2026-01-01");
    expect(revisionEffectiveFrom("2026-01-01", "2026-03-20")).toBe("2026-03-20");
    expect(revisionEffectiveFrom("2026-01-01", "2027-01-01")).toBe("2027-01-01");
    expect(revisionEffectiveFrom("2026-01-01", "2027-01-02")).toBeNull();
    expect(lastAnniversary("2025-01-01", "2026-03-20")).toBe("2026-01-01");
    expect(lastAnniversary("2025-06-01", "2025-12-01")).toBeNull();
  });
});

describe("rent complement (cahier des charges §8.11: residual ≤ 30 % of resources)", () => {
  it.each([
    [50_000, 5_000, 20_000, 60_000, 17_000],
    [50_000, 5_000, 40_000, 60_000, 0],
    [30_000, 0, 40_000, 0, 0],
    [50_000, 5_000, 0, 0, 55_000],
  ])(
    "rent %i + charges %i − benefit %i with resources %i → %i",
    (rent, charges, benefit, rsa, complement) => {
      expect(
        rentComplement({
          rentCents: rent,
          chargesCents: charges,
          housingBenefitCents: benefit,
          resources: { rsa },
          ceilingBasisPoints: 3000,
        }).complementCents,
      ).toBe(complement);
    },
  );
  // loi 89-462 art. 7: rent is owed for the days occupied, so is the part the programme pays
  it.each([
    ["2026-12", "2026-12-20", null, 6_581, 12, 31], // 17 000 × 12 / 31 = 6 580,6
    ["2026-12", "2026-11-01", "2026-12-10", 5_484, 10, 31], // exit: 17 000 × 10 / 31
    ["2026-02", "2026-02-15", null, 8_500, 14, 28], // February: 14 days of 28
    ["2026-03", "2026-01-01", null, 17_000, 31, 31], // a whole month
    ["2026-03", "2026-04-01", null, 0, 0, 31], // not yet started
  ])("month %s, lease %s → %s: %i (%i / %i days)", (month, start, end, cents, days, monthDays) => {
    expect(
      rentComplementForMonth({
        month,
        leaseStart: start,
        leaseEnd: end,
        rentCents: 50_000,
        chargesCents: 5_000,
        housingBenefitCents: 20_000,
        resources: { rsa: 60_000 },
        ceilingBasisPoints: 3000,
      }),
    ).toMatchObject({ complementCents: cents, coveredDays: days, monthDays });
  });
  it("the residual rent never goes below zero", () => {
    expect(
      rentComplement({
        rentCents: 30_000,
        chargesCents: 0,
        housingBenefitCents: 40_000,
        resources: { rsa: 60_000 },
        ceilingBasisPoints: 3000,
      }),
    ).toEqual({ residualCents: 0, affordableCents: 18_000, complementCents: 0 });
  });
  it("refuses resources that are not whole cents instead of counting them as nothing", () => {
    expect(() =>
      rentComplement({
        rentCents: 50_000,
        chargesCents: 5_000,
        housingBenefitCents: 0,
        resources: { rsa: Number.NaN },
        ceilingBasisPoints: 3000,
      }),
    ).toThrow(RangeError);
  });
});

describe("who paid a period's tenant part (loi 89-462 art. 21: the quittance names each payer)", () => {
  const calls = [
    { id: "feb", periodStart: "2026-02-01", tenantPartCents: 7_500 },
    { id: "mar", periodStart: "2026-03-01", tenantPartCents: 7_500 },
  ];
  it.each([
    [
      "complement then the tenant's payment",
      [
        { source: "rent_complement", amountCents: 1_768 },
        { source: "tenant", amountCents: 5_732 },
      ],
      { tenant: 5_732, rent_complement: 1_768, write_off: 0 },
      { tenant: 0, rent_complement: 0, write_off: 0 },
    ],
    [
      "a payment across two periods, the complement of the second",
      [
        { source: "tenant", amountCents: 10_000 },
        { source: "rent_complement", amountCents: 1_768 },
      ],
      { tenant: 7_500, rent_complement: 0, write_off: 0 },
      { tenant: 2_500, rent_complement: 1_768, write_off: 0 },
    ],
    [
      "a write-off settles the oldest, a debit (negative) applies to nothing",
      [
        { source: "write_off", amountCents: 7_500 },
        { source: "tenant", amountCents: -500 },
        { source: "tenant", amountCents: 7_500 },
      ],
      { tenant: 0, rent_complement: 0, write_off: 7_500 },
      { tenant: 7_500, rent_complement: 0, write_off: 0 },
    ],
  ] as const)("%s", (_label, credits, feb, mar) => {
    const payers = tenantPartPayers(calls, credits);
    expect(payers.get("feb")).toEqual(feb);
    expect(payers.get("mar")).toEqual(mar);
  });
  it("never gives a period more than its tenant part; an advance stays unapplied", () => {
    const payers = tenantPartPayers(calls, [{ source: "tenant", amountCents: 20_000 }]);
    expect(payers.get("feb")!.tenant + payers.get("mar")!.tenant).toBe(15_000);
  });
});
