import { describe, expect, it } from "vitest";
import { costOfShippedLines, marginBp } from "./cost";

describe("costOfShippedLines", () => {
  it("shares a product's moved value between its lines by quantity, the last line taking the rest", () => {
    const costs = costOfShippedLines(
      [
        { key: "a", productId: "p", quantity: 1, service: false },
        { key: "b", productId: "p", quantity: 2, service: false },
      ],
      [{ productId: "p", quantity: 3, valueFen: 1_000n }],
      new Map(),
    );
    // 1000 × 1/3 = 333.33 → 333; the other line 667
    expect(costs.get("a")).toEqual({ unitCostFen: 333n, costFen: 333n });
    expect(costs.get("b")).toEqual({ unitCostFen: 334n, costFen: 667n });
  });

  it("costs services at their standard cost and leaves goods without a value (a partner's) without cost", () => {
    const costs = costOfShippedLines(
      [
        { key: "s", productId: "svc", quantity: 2, service: true },
        { key: "g", productId: "p", quantity: 1, service: false },
      ],
      [{ productId: "p", quantity: 1, valueFen: null }],
      new Map([["svc", 5_000n]]),
    );
    expect(costs.get("s")).toEqual({ unitCostFen: 5_000n, costFen: 10_000n });
    expect(costs.has("g")).toBe(false);
  });
});

describe("marginBp", () => {
  it.each([
    [27_000n, 60_000n, 4_500],
    [1n, 3n, 3_333],
    [2n, 3n, 6_667],
    [-1n, 3n, -3_333],
    [-5n, 10_000n, -5],
    [1n, 0n, null],
  ])("%s over %s is %s bp", (margin, net, bp) => expect(marginBp(margin, net)).toBe(bp));
});
