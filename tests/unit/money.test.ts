import { describe, expect, it } from "vitest";
import {
  applyBasisPoints,
  divideRounded,
  formatBasisPoints,
  formatEuros,
  parseEuros,
} from "../../server/lib/money";

const NNBSP = "\u202f";
const NBSP = "\u00a0";

describe("formatEuros", () => {
  it.each([
    [0, `0,00${NBSP}€`],
    [5, `0,05${NBSP}€`],
    [123456, `1${NNBSP}234,56${NBSP}€`],
    [-123456, `-1${NNBSP}234,56${NBSP}€`],
    [100000000, `1${NNBSP}000${NNBSP}000,00${NBSP}€`],
  ])("%i cents → %s", (cents, text) => {
    expect(formatEuros(cents)).toBe(text);
  });

  it("refuses a fractional number of cents", () => {
    expect(() => formatEuros(1.5)).toThrow(RangeError);
  });
});

describe("parseEuros", () => {
  it.each([
    ["1 234,56", 123456],
    ["1234.5", 123450],
    ["12", 1200],
    ["-0,01", -1],
    [`1${NNBSP}234,56${NBSP}€`, 123456],
  ])("%s → %i cents", (text, cents) => {
    expect(parseEuros(text)).toBe(cents);
  });

  it.each(["", "abc", "1,234", "1.2.3"])("refuses %s", (text) => {
    expect(() => parseEuros(text)).toThrow(RangeError);
  });
});

describe("applyBasisPoints / divideRounded", () => {
  it.each([
    [100_001, 3000, "floor", 30_000],
    [100_001, 3000, "ceil", 30_001],
    [50, 5000, "half-up", 25],
    [5, 5000, "half-up", 3],
    [-5, 5000, "half-up", -3],
  ] as const)("%i × %i bp (%s) = %i", (cents, bp, rounding, expected) => {
    expect(applyBasisPoints(cents, bp, rounding)).toBe(expected);
  });

  it("rounds negatives toward the asked direction", () => {
    expect(divideRounded(-7, 2, "floor")).toBe(-4);
    expect(divideRounded(-7, 2, "ceil")).toBe(-3);
  });
});

describe("formatBasisPoints", () => {
  it.each([
    [2000, "20 %"],
    [750, "7,5 %"],
    [3333, "33,33 %"],
    [0, "0 %"],
  ])("%i bp → %s", (basisPoints, text) => {
    expect(formatBasisPoints(basisPoints)).toBe(text);
  });
});
