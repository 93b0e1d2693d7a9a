import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readCountSheet } from "./counts-upload.server";

const file = (content: BlobPart, name: string) => new File([content], name);

describe("readCountSheet", () => {
  it("reads a CSV with a header, a BOM and blank lines, keeping the file's row numbers", async () => {
    const result = await readCountSheet(file('\uFEFFSKU,实盘数\nCB-A,12\n\nCB-B," 1,204 "\n', "count.csv"));
    expect(result).toEqual({
      rows: [
        { sku: "CB-A", counted: "12", row: 2 },
        { sku: "CB-B", counted: "1204", row: 4 },
      ],
    });
  });

  it("finds the columns by header name, in any order, with ; as separator", async () => {
    const result = await readCountSheet(file("备注;counted;sku\nx;3;KM-1\n", "c.csv"));
    expect(result).toEqual({ rows: [{ sku: "KM-1", counted: "3", row: 2 }] });
  });

  it("takes SKU then count when there is no header, and leaves a blank count undefined", async () => {
    const result = await readCountSheet(file("KM-1\t5\nKM-2\t\n", "c.csv"));
    expect(result).toEqual({
      rows: [
        { sku: "KM-1", counted: "5", row: 1 },
        { sku: "KM-2", counted: undefined, row: 2 },
      ],
    });
  });

  it("reads the first sheet of an XLSX workbook, numbers as text", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("盘点");
    sheet.addRow(["SKU", "实盘数"]);
    sheet.addRow(["NB-1", 7]);
    sheet.addRow([]);
    sheet.addRow(["NB-2", 0]);
    const buffer = await workbook.xlsx.writeBuffer();
    const result = await readCountSheet(file(buffer as ArrayBuffer, "Count.XLSX"));
    expect(result).toEqual({
      rows: [
        { sku: "NB-1", counted: "7", row: 2 },
        { sku: "NB-2", counted: "0", row: 4 },
      ],
    });
  });

  it.each([
    ["no file", null, "stock.documents.upload.noFile"],
    ["an empty file", file("", "c.csv"), "stock.documents.upload.noFile"],
    ["another type", file("SKU,count\nA,1\n", "c.txt"), "stock.documents.upload.badType"],
    ["a header only", file("SKU,counted\n\n", "c.csv"), "stock.documents.upload.empty"],
    ["a broken workbook", file("not a zip", "c.xlsx"), "stock.documents.upload.unreadable"],
    ["more than 2 MB", file("A,1\n".repeat(600_000), "c.csv"), "stock.documents.upload.tooLarge"],
  ])("refuses %s", async (_what, input, key) => {
    expect(await readCountSheet(input)).toEqual({ error: key });
  });
});
