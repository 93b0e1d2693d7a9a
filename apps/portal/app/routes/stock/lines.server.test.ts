import { describe, expect, it } from "vitest";
import { ValidationError } from "@cs/domain";
import { linesActionError, readLines } from "./lines.server";

const formOf = (entries: Record<string, string>) => {
  const form = new FormData();
  for (const [k, v] of Object.entries(entries)) form.set(k, v);
  return form;
};

describe("readLines", () => {
  it("skips blank rows, splits serials and remembers each line's row", () => {
    const form = formOf({
      rows: "5",
      "lines.0.sku": "",
      "lines.1.sku": " NB-T16 ",
      "lines.1.quantity": "2",
      "lines.1.serials": "SN1 SN2，SN3,SN4",
      "lines.3.quantity": "1",
      "lines.6.sku": "beyond the rows shown",
    });
    expect(readLines(form, true)).toEqual({
      lines: [
        { sku: "NB-T16", quantity: "2", serials: ["SN1", "SN2", "SN3", "SN4"] },
        { sku: "", quantity: "1", serials: [] },
      ],
      rowOf: [1, 3],
    });
    expect(readLines(form, false).lines[0]!.serials).toEqual([]);
  });
});

describe("linesActionError", () => {
  it("puts each line's errors back on the row it was typed in", () => {
    const error = new ValidationError({ "lines.0.quantity": ["q"], "lines.1.sku": ["s"], soldOn: ["d"] });
    const response = linesActionError(error, formOf({ "lines.4.sku": "x" }), [2, 4]);
    expect(response.data.error).toEqual({ "lines.2.quantity": ["q"], "lines.4.sku": ["s"], soldOn: ["d"] });
    expect(response.init?.status).toBe(400);
  });
});
