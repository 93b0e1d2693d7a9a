import { describe, expect, it } from "vitest";
import { splitVat } from "./vat";

// gross, rate, expected tax. With 13%: tax = gross × 1300 / 11300 = gross × 13 / 113.
const cases: [name: string, grossFen: bigint, rateBp: number, taxFen: bigint][] = [
  ["zero", 0n, 1300, 0n],
  ["one fen rounds down (0.115)", 1n, 1300, 0n],
  ["four fen rounds down (0.460)", 4n, 1300, 0n],
  ["five fen rounds up (0.575)", 5n, 1300, 1n],
  ["exact: 113 fen", 113n, 1300, 13n],
  ["¥113.00 exactly", 11_300n, 1300, 1_300n],
  ["¥100.00 (1150.44…)", 10_000n, 1300, 1_150n],
  // At 13% no gross lands exactly on .5 (26·g = 113·odd has no solution), so exact ties use other rates.
  ["6%: exact 150", 2_650n, 600, 150n],
  // exact half: rate 10000 bp (100%) → tax = gross / 2; gross 1 → 0.5 → 1 (half-up)
  ["exact .5 rounds up (100% rate, 1 fen)", 1n, 10_000, 1n],
  ["exact .5 rounds up (100% rate, 3 fen)", 3n, 10_000, 2n],
  ["below .5 (13%, 38 fen)", 38n, 1300, 4n], // 4.3716… → 4
  ["above .5 (13%, 43 fen)", 43n, 1300, 5n], // 4.9469… → 5
  ["6%: exact 3 (53 fen)", 53n, 600, 3n], // 53 × 600 / 10600 = 3
  ["6%: 9 fen (0.509…) rounds up", 9n, 600, 1n],
  ["6%: 8 fen (0.452…) rounds down", 8n, 600, 0n],
  ["zero rate", 12_345n, 0, 0n],
  ["large: ¥10 billion", 1_000_000_000_000n, 1300, 115_044_247_788n], // 115044247787.61 → …788
  ["beyond 2^53", 9_007_199_254_740_993n, 1300, 1_036_226_462_934_805n], // …804.53 → …805
];

describe("splitVat", () => {
  it.each(cases)("%s", (_name, grossFen, rateBp, taxFen) => {
    const split = splitVat(grossFen, rateBp);
    expect(split.taxFen).toBe(taxFen);
    expect(split.netFen + split.taxFen).toBe(grossFen);
  });

  it("defaults to 13%", () => {
    expect(splitVat(11_300n)).toEqual({ netFen: 10_000n, taxFen: 1_300n });
  });

  it("mirrors negative amounts (credit notes)", () => {
    for (const [, grossFen, rateBp] of cases) {
      const positive = splitVat(grossFen, rateBp);
      const negative = splitVat(-grossFen, rateBp);
      expect(negative.taxFen).toBe(-positive.taxFen);
      expect(negative.netFen).toBe(-positive.netFen);
    }
  });

  it("matches exact rational rounding for every gross up to 2000 fen", () => {
    for (let g = 0n; g <= 2_000n; g++) {
      const tax = splitVat(g).taxFen;
      // tax is the nearest integer to g·13/113, ties up: |g·13 − 113·tax| ≤ 56.5 and never −56.5
      const diff = g * 13n - 113n * tax; // ×113 scaled remainder
      expect(diff * 2n <= 113n && diff * 2n > -113n).toBe(true);
    }
  });

  it("refuses a negative or fractional rate", () => {
    expect(() => splitVat(100n, -1)).toThrow(RangeError);
    expect(() => splitVat(100n, 12.5)).toThrow(RangeError);
  });
});
