import { describe, expect, it } from "vitest";
import {
  debitMandateIssues,
  monthDebitAmount,
  sequenceTypeFor,
} from "../../server/modules/ledger/direct-debit.rules";

describe("tenant SEPA mandate (SDD Core rulebook EPC016: AT-01 RUM, AT-25 signature, AT-07 IBAN, AT-13 BIC)", () => {
  const valid = {
    reference: "LOY-1A2B3C4D-1",
    signedOn: "2026-02-10",
    iban: "FR1420041010050500013M02606",
    bic: "PSSTFRPPDIJ" as string | null,
    today: "2026-04-20",
  };
  it.each([
    ["a valid mandate", {}, []],
    ["no BIC (optional in SEPA)", { bic: null }, []],
    ["a RUM with a space", { reference: "RUM 1" }, ["json.reference"]],
    ["a RUM with an accent", { reference: "RUM-É" }, ["json.reference"]],
    ["a RUM longer than 35", { reference: "A".repeat(36) }, ["json.reference"]],
    ["signed after today", { signedOn: "2026-04-21" }, ["json.signedOn"]],
    ["signed today", { signedOn: "2026-04-20" }, []],
    ["a wrong IBAN checksum", { iban: "FR1420041010050500013M02607" }, ["json.iban"]],
    ["a malformed BIC", { bic: "PSST" }, ["json.bic"]],
  ])("%s", (_label, change, paths) => {
    expect(debitMandateIssues({ ...valid, ...change }).map((i) => i.path)).toEqual(paths);
  });
});

describe("sequence type (EPC016 AT-21: FRST the first collection, RCUR the next ones)", () => {
  it.each([
    [0, "FRST"],
    [1, "RCUR"],
    [12, "RCUR"],
  ])("%i earlier collection(s) → %s", (earlier, type) => {
    expect(sequenceTypeFor(earlier)).toBe(type);
  });
});

describe("a month's debit: tenant parts minus the programme's rent complement (cahier des charges §8.11)", () => {
  it.each([
    [35_000, 17_000, 18_000],
    [35_000, 0, 35_000],
    [10_000, 12_000, 0],
    [0, 0, 0],
  ])("called %i, complement %i → %i", (parts, complement, debit) => {
    expect(monthDebitAmount(parts, complement)).toBe(debit);
  });
});
