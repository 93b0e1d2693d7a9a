import { describe, expect, it } from "vitest";
import { CODE_ALPHABET, generateCouponCode, normalizeCouponCode } from "./code";
import { couponDiscountFen } from "./discount";

describe("coupon codes", () => {
  it("draws codes in the unambiguous alphabet only", () => {
    for (const c of "0O1IL2Z5S8B") expect(CODE_ALPHABET).not.toContain(c);
    for (let i = 0; i < 200; i++) {
      const code = generateCouponCode();
      expect(code).toMatch(/^HXD-[34679ACDEFGHJKMNPQRTUVWXY]{4}-[34679ACDEFGHJKMNPQRTUVWXY]{4}$/);
      expect(normalizeCouponCode(code)).toBe(code);
    }
  });

  it.each([
    ["hxd-7kqm-r4tw", "HXD-7KQM-R4TW"],
    [" HXD 7KQM R4TW ", "HXD-7KQM-R4TW"],
    ["HXD7KQMR4TW", "HXD-7KQM-R4TW"],
    ["HXD-7KQM-R4T0", null],
    ["HXD-7KQM-R4T", null],
    ["ABC-7KQM-R4TW", null],
    ["", null],
  ])("normalises %j to %j", (typed, expected) => {
    expect(normalizeCouponCode(typed)).toBe(expected);
  });
});

describe("couponDiscountFen", () => {
  const amount = (fen: bigint, min = 0n) => ({ kind: "amount" as const, amountFen: fen, percent: null, minOrderFen: min });
  const percent = (p: number, min = 0n) => ({ kind: "percent" as const, amountFen: null, percent: p, minOrderFen: min });
  it.each([
    ["an amount", amount(10_00n), 100_00n, 10_00n],
    ["an amount above the goods, capped", amount(500_00n), 100_00n, 100_00n],
    ["below the minimum", amount(10_00n, 200_00n), 199_99n, 0n],
    ["exactly the minimum", amount(10_00n, 200_00n), 200_00n, 10_00n],
    ["a percentage", percent(7), 100_00n, 7_00n],
    ["a percentage rounded half-up", percent(5), 1_01n, 5n], // 5.05 fen
    ["a percentage rounded down", percent(3), 1_01n, 3n], // 3.03 fen
    ["half a fen rounds up", percent(50), 1n, 1n],
    ["100 percent", percent(100), 123_45n, 123_45n],
    ["no goods", percent(10), 0n, 0n],
  ])("%s", (_name, terms, goods, expected) => {
    expect(couponDiscountFen(terms, goods)).toBe(expected);
  });
});
