import { describe, expect, it } from "vitest";
import { parseInput } from "../../shared/parse";
import { linesInput } from "./common";
import { parseLineText } from "./line-text";

describe("parseLineText", () => {
  it.each([
    ["a space", "ZB-100 3", [{ sku: "ZB-100", quantity: "3", serials: [] }]],
    ["a tab (pasted from a spreadsheet)", "ZB-100\t3", [{ sku: "ZB-100", quantity: "3", serials: [] }]],
    ["a comma", "ZB-100,3", [{ sku: "ZB-100", quantity: "3", serials: [] }]],
    ["a full-width comma", "ZB-100，3", [{ sku: "ZB-100", quantity: "3", serials: [] }]],
    ["several separators at once", "ZB-100 ,\t 3", [{ sku: "ZB-100", quantity: "3", serials: [] }]],
    ["serials after the quantity", "NB-7 2 5CG001, 5CG002", [{ sku: "NB-7", quantity: "2", serials: ["5CG001", "5CG002"] }]],
    ["surrounding blanks", "   ZB-100 3   ", [{ sku: "ZB-100", quantity: "3", serials: [] }]],
    ["a SKU alone", "ZB-100", [{ sku: "ZB-100", quantity: "", serials: [] }]],
    ["a unit cost after the quantity", "NB-7 2 @4500.50 5CG001 5CG002", [{ sku: "NB-7", quantity: "2", serials: ["5CG001", "5CG002"], unitCost: "4500.50" }]],
  ])("splits a line separated by %s", (_what, text, rows) => {
    expect(parseLineText(text)).toEqual(rows);
  });

  it("takes one row per line, Windows or Unix line ends, ignoring blank lines", () => {
    expect(parseLineText("A-1 1\r\n\r\n   \nB-2\t2\tS1\tS2\n\t\nC-3,3\n")).toEqual([
      { sku: "A-1", quantity: "1", serials: [] },
      { sku: "B-2", quantity: "2", serials: ["S1", "S2"] },
      { sku: "C-3", quantity: "3", serials: [] },
    ]);
    expect(parseLineText("")).toEqual([]);
    expect(parseLineText("\n \n\t")).toEqual([]);
  });

  it("keeps quantities as text for the schema, which names the bad line", () => {
    const rows = parseLineText("A-1 2\nB-2 1.5\nC-3 x");
    expect(rows.map((r) => r.quantity)).toEqual(["2", "1.5", "x"]);
    const error = (() => {
      try {
        parseInput(linesInput, rows);
      } catch (e) {
        return e as { fieldErrors: Record<string, string[]> };
      }
    })();
    expect(error?.fieldErrors).toEqual({ "1.quantity": ["stock.validation.quantityInteger"], "2.quantity": ["stock.validation.quantity"] });
    expect(parseInput(linesInput, parseLineText("A-1 2"))).toEqual([{ sku: "A-1", quantity: 2, serials: [] }]);
  });

  it("stops after one row more than a document may hold, so the schema reports the excess", () => {
    const text = Array.from({ length: 600 }, (_, i) => `SKU-${i} 1`).join("\n");
    expect(parseLineText(text)).toHaveLength(501);
  });
});
