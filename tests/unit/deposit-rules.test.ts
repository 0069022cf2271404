import { describe, expect, it } from "vitest";
import {
  depositReceiptLines,
  depositReturnLines,
  operatorHoldsDeposit,
} from "../../server/modules/leases/deposit.rules";

const accounts = { deposit: "165", bank: "512", tenant: "411", repairs: "6152", penalty: "6712" };
const net = (lines: { accountId: string; debitCents: number; creditCents: number }[], account: string) =>
  lines.filter((l) => l.accountId === account).reduce((s, l) => s + l.debitCents - l.creditCents, 0);

describe("who holds the deposit (loi 89-462 art. 22: the lessor)", () => {
  it.each([
    ["sublease", true],
    ["sliding_sublease", true],
    ["temporary_occupancy", true],
    ["direct_lease", false],
    ["head_lease", false],
  ] as const)("%s → the operator holds it: %s", (kind, expected) => {
    expect(operatorHoldsDeposit(kind)).toBe(expected);
  });
});

describe("the deposit's postings nets 165 to zero once returned (art. 22)", () => {
  it("received: bank debited, 165 credited; nothing for a zero deposit", () => {
    const lines = depositReceiptLines({
      amountCents: 52_000,
      depositAccountId: "165",
      bankAccountId: "512",
      leaseId: "l",
    });
    expect(net(lines, "165")).toBe(-52_000);
    expect(net(lines, "512")).toBe(52_000);
    expect(
      depositReceiptLines({ amountCents: 0, depositAccountId: "165", bankAccountId: "512", leaseId: "l" }),
    ).toEqual([]);
  });

  it.each([
    // [deductions, penalty, refund from the bank, 411 settled, 6152 recovered]
    [[], 0, 52_000, 0, 0],
    [[{ kind: "damage", amountCents: 15_000 }], 0, 37_000, 0, 15_000],
    [
      [
        { kind: "unpaid_rent", amountCents: 5_000 },
        { kind: "unpaid_charges", amountCents: 1_000 },
      ],
      0,
      46_000,
      6_000,
      0,
    ],
    [[{ kind: "missing_keys", amountCents: 2_000 }], 0, 50_000, 0, 2_000],
    // returned two months late: 10 % of a 520 € rent per month started, paid on top
    [[{ kind: "damage", amountCents: 52_000 }], 10_400, 10_400, 0, 52_000],
  ] as const)(
    "deductions %j, penalty %i → refund %i",
    (deductions, penaltyCents, refund, tenant, repairs) => {
      const lines = depositReturnLines({
        heldCents: 52_000,
        deductions,
        penaltyCents,
        accounts,
        leaseId: "l",
      });
      expect(net(lines, "165")).toBe(52_000);
      expect(net(lines, "512")).toBe(0 - refund);
      expect(net(lines, "411")).toBe(0 - tenant);
      expect(net(lines, "6152")).toBe(0 - repairs);
      expect(net(lines, "6712")).toBe(penaltyCents);
      const debits = lines.reduce((s, l) => s + l.debitCents, 0);
      expect(debits).toBe(lines.reduce((s, l) => s + l.creditCents, 0));
    },
  );
});
