import { describe, expect, it } from "vitest";
import {
  checkQuickOrderRows,
  quickOrderRowsFromCells,
  quickOrderRowsFromText,
  tooManyQuickOrderRows,
} from "./quick-order-parse";

describe("quickOrderRowsFromText", () => {
  it.each([
    ["a tab (pasted from Excel)", "NB-T14-I5-16\t3", "NB-T14-I5-16", "3"],
    ["spaces", "  NB-T14-I5-16    3  ", "NB-T14-I5-16", "3"],
    ["a comma", "NB-T14-I5-16,3", "NB-T14-I5-16", "3"],
    [
      "a full-width comma and digits",
      "ＮＢ－Ｔ１４－Ｉ５－１６，３",
      "NB-T14-I5-16",
      "3",
    ],
    ["an ideographic space", "NB-T14-I5-16\u30003", "NB-T14-I5-16", "3"],
    ["an enumeration comma", "NB-T14-I5-16、3", "NB-T14-I5-16", "3"],
    ["a semicolon", "NB-T14-I5-16;3", "NB-T14-I5-16", "3"],
  ])("splits on %s", (_what, text, sku, quantity) => {
    expect(quickOrderRowsFromText(text)).toEqual([{ row: 1, sku, quantity }]);
  });

  it("keeps line numbers across blank lines and Windows line ends", () => {
    expect(quickOrderRowsFromText("A 1\r\n\r\nB 2\n  \nC")).toEqual([
      { row: 1, sku: "A", quantity: "1" },
      { row: 3, sku: "B", quantity: "2" },
      { row: 5, sku: "C", quantity: "" },
    ]);
  });

  it("skips a header line and reads its quantity column", () => {
    expect(
      quickOrderRowsFromCells([
        ["名称", "SKU", "数量"],
        ["笔记本", "A", "2"],
      ]),
    ).toEqual([{ row: 2, sku: "A", quantity: "2" }]);
    expect(quickOrderRowsFromText("sku qty\nA 2")).toEqual([
      { row: 2, sku: "A", quantity: "2" },
    ]);
  });
});

describe("checkQuickOrderRows", () => {
  const check = (quantity: string) =>
    checkQuickOrderRows([{ row: 1, sku: "a", quantity }])[0]!;
  it.each([
    ["1", 1, null],
    ["500", 500, null],
    ["+2", 2, null],
    ["2.0", 2, null],
    ["1,000", 1000, null],
    ["0", null, "catalog.errors.quantityPositive"],
    ["-3", null, "catalog.errors.quantityPositive"],
    ["1.5", null, "catalog.errors.quantityWhole"],
    ["abc", null, "catalog.errors.quantityInvalid"],
    ["1e3", null, "catalog.errors.quantityInvalid"],
    ["100000", null, "catalog.errors.quantityTooLarge"],
    ["", null, "catalog.quickOrder.errors.missingQuantity"],
  ])("quantity %j → %s, %s", (quantity, expected, error) => {
    expect(check(quantity)).toMatchObject({ quantity: expected, error });
  });

  it("upper-cases SKUs and merges repeats into the first good row", () => {
    const lines = checkQuickOrderRows([
      { row: 1, sku: "nb-1", quantity: "0" },
      { row: 2, sku: "NB-1", quantity: "2" },
      { row: 3, sku: "nb-1", quantity: "3" },
      { row: 4, sku: "", quantity: "3" },
    ]);
    expect(lines.map((l) => [l.sku, l.mergedInto, l.error])).toEqual([
      ["NB-1", null, "catalog.errors.quantityPositive"],
      ["NB-1", null, null],
      ["NB-1", 2, null],
      ["", null, "catalog.quickOrder.errors.missingSku"],
    ]);
  });

  it("refuses more than 500 rows", () => {
    const rows = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        row: i + 1,
        sku: `S${i}`,
        quantity: "1",
      }));
    expect([
      tooManyQuickOrderRows(rows(500)),
      tooManyQuickOrderRows(rows(501)),
    ]).toEqual([false, true]);
  });
});
