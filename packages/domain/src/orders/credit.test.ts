import { describe, expect, it } from "vitest";
import { creditReasons, orderStatusFor, type ApprovalReason } from "./credit";
import { priceLine } from "./pricing";

describe("creditReasons", () => {
  const limit = 100_000_00n;
  it.each([
    ["nothing owed, small order", 0n, 1_00n, false, []],
    ["exactly at the limit", 60_000_00n, 40_000_00n, false, []],
    ["one fen over the limit", 60_000_00n, 40_000_01n, false, ["credit_limit"]],
    ["already over before this order", 100_000_01n, 1n, false, ["credit_limit"]],
    ["in credit (negative exposure) with a large order", -5_000_00n, 105_000_00n, false, []],
    ["on hold, within the limit", 0n, 1n, true, ["credit_hold"]],
    ["on hold and over the limit", 0n, limit + 1n, true, ["credit_limit", "credit_hold"]],
  ] as const)("%s", (_what, exposureFen, orderFen, creditHold, expected) => {
    expect(creditReasons({ creditLimitFen: limit, creditHold, exposureFen, orderFen })).toEqual(expected);
  });
});

describe("orderStatusFor", () => {
  it.each([
    [[], "confirmed"],
    [["credit_hold"], "submitted"],
    [["credit_limit"], "pending_approval"],
    [["discount"], "pending_approval"],
    [["discount", "credit_hold"], "pending_approval"],
  ] as [ApprovalReason[], string][])("%j → %s", (reasons, status) => {
    expect(orderStatusFor(reasons)).toBe(status);
  });
});

describe("priceLine", () => {
  const reason = { rule: "price_list" as const, listPriceFen: 1_299_00n, unitPriceFen: 1_199_00n, ruleId: null, ruleCode: "PL", minQuantity: 1 };
  it.each([
    [1, 0, 1_199_00n, 1_199_00n, 137_94n],
    [3, 0, 1_199_00n, 3_597_00n, 413_81n],
    // 5% off 1,199.00 = 1,139.05; × 7 = 7,973.35; VAT = round(7,973.35 × 13/113) = 917.29
    [7, 500, 1_139_05n, 7_973_35n, 917_29n],
  ])("%i × with %i bp off", (quantity, discountBp, unit, total, tax) => {
    const line = priceLine({ productId: "p", quantity, discountBp }, reason);
    expect([line.unitPriceFen, line.lineTotalFen, line.taxFen]).toEqual([unit, total, tax]);
  });
});
