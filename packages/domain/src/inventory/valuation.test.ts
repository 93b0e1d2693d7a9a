import { describe, expect, it } from "vitest";
import { divideHalfUp, valueFlow, type Valuation } from "./valuation";

describe("divideHalfUp", () => {
  it.each([
    [3n, 2n, 2n],
    [5n, 2n, 3n],
    [1n, 3n, 0n],
    [2n, 3n, 1n],
    [195_303n, 18n, 10_850n],
    [0n, 7n, 0n],
  ])("%s / %s = %s", (a, b, q) => expect(divideHalfUp(a, b)).toBe(q));

  it("refuses a zero divisor and a negative dividend", () => {
    expect(() => divideHalfUp(1n, 0n)).toThrow(RangeError);
    expect(() => divideHalfUp(-1n, 2n)).toThrow(RangeError);
  });
});

describe("valueFlow", () => {
  const state: Valuation = { quantity: 4, valueFen: 1_000n, averageCostFen: 250n };
  it.each([
    ["in at its own cost", { direction: "in" as const, quantity: 2, unitCostFen: 400n }, { quantity: 6, valueFen: 1_800n, averageCostFen: 300n }, 400n, 800n],
    ["in at the average without one", { direction: "in" as const, quantity: 2 }, { quantity: 6, valueFen: 1_500n, averageCostFen: 250n }, 250n, 500n],
    ["out at the average", { direction: "out" as const, quantity: 1 }, { quantity: 3, valueFen: 750n, averageCostFen: 250n }, 250n, 250n],
    ["out of everything: exactly what is left", { direction: "out" as const, quantity: 4 }, { quantity: 0, valueFen: 0n, averageCostFen: 250n }, 250n, 1_000n],
    ["through: nothing changes", { direction: "through" as const, quantity: 3 }, state, 250n, 750n],
  ])("%s", (_what, flow, next, unitCostFen, valueFen) => {
    expect(valueFlow(state, flow)).toEqual({ state: next, unitCostFen, valueFen });
  });

  it("takes its share of the value rounded once, not the rounded average times the quantity", () => {
    // 3 fen over 5 units: the average rounds to 1, and 4 units at 1 would take 4 of the 3 fen; 3 × 4 / 5 = 2.4 → 2
    const r = valueFlow({ quantity: 5, valueFen: 3n, averageCostFen: 1n }, { direction: "out", quantity: 4 });
    expect(r.valueFen).toBe(2n);
    expect(r.state).toEqual({ quantity: 1, valueFen: 1n, averageCostFen: 1n });
    // 100 units worth 10,000.50 each (1,000,050): 99 out at the rounded 10,001 would leave the last unit at 99.51
    const many = valueFlow({ quantity: 100, valueFen: 1_000_050n, averageCostFen: 10_001n }, { direction: "out", quantity: 99 });
    expect(many.valueFen).toBe(990_050n);
    expect(many.state).toEqual({ quantity: 1, valueFen: 10_000n, averageCostFen: 10_000n });
  });
});
