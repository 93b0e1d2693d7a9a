import { describe, expect, it } from "vitest";
import { floorBreaches, shareDiscount } from "./margin-floor";

describe("shareDiscount", () => {
  it.each([
    { totals: [100n, 300n], discount: 40n, shares: [10n, 30n] },
    { totals: [1n, 1n, 1n], discount: 2n, shares: [1n, 1n, 0n] },
    { totals: [100n], discount: 500n, shares: [100n] },
    { totals: [100n, 200n], discount: 0n, shares: [0n, 0n] },
  ])("shares $discount over $totals as $shares, adding up to the discount", ({ totals, discount, shares }) => {
    expect(shareDiscount(totals, discount)).toEqual(shares);
  });
});

describe("floorBreaches", () => {
  const costs = new Map([
    ["a", { floorBp: 1000, unitCostFen: 80_00n }],
    ["b", { floorBp: 0, unitCostFen: 50_00n }],
  ]);
  // 113.00 incl. VAT is 100.00 net: one unit of a at cost 80.00 earns 20%
  it.each([
    { name: "above the floor", lines: [{ productId: "a", quantity: 1, lineTotalFen: 113_00n }], coupon: 0n, breached: [] },
    { name: "a coupon's share takes it below", lines: [{ productId: "a", quantity: 1, lineTotalFen: 113_00n }], coupon: 30_00n, breached: ["a"] },
    { name: "at zero floor, selling at a loss", lines: [{ productId: "b", quantity: 2, lineTotalFen: 100_00n }], coupon: 0n, breached: ["b"] },
    { name: "a product without a floor", lines: [{ productId: "c", quantity: 1, lineTotalFen: 1n }], coupon: 0n, breached: [] },
    { name: "a free line against a cost", lines: [{ productId: "a", quantity: 1, lineTotalFen: 0n }], coupon: 0n, breached: ["a"] },
  ])("$name", ({ lines, coupon, breached }) => {
    expect(floorBreaches(lines, costs, coupon).map((b) => b.productId)).toEqual(breached);
  });

  it("reports the margin it found and the floor", () => {
    expect(floorBreaches([{ productId: "a", quantity: 1, lineTotalFen: 90_40n }], costs)).toEqual([{ productId: "a", netFen: 80_00n, costFen: 80_00n, marginBp: 0, floorBp: 1000 }]);
  });
});
