import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readSheetUpload } from "./sheet-upload.server";

/** The one reader of uploaded sheets (counts, targets, quick order): its limits and its cell texts. */

async function xlsx(rows: unknown[][]) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("S");
  for (const row of rows) sheet.addRow(row);
  return new File([(await workbook.xlsx.writeBuffer()) as ArrayBuffer], "sheet.XLSX");
}

describe("readSheetUpload", () => {
  it.each([
    ["no file at all", null, "noFile"],
    ["a text field instead of a file", "a,b", "noFile"],
    ["an empty file", new File([], "a.csv"), "noFile"],
    ["a file of another type", new File(["x"], "a.pdf"), "badType"],
    ["a workbook that is no zip", new File(["not a zip"], "a.xlsx"), "unreadable"],
    ["a CSV with an unclosed quote", new File(['a,"b\n'], "a.csv"), "unreadable"],
  ])("answers %s with a problem code", async (_, file, problem) => {
    expect(await readSheetUpload(file)).toEqual({ problem });
  });

  it("refuses a file over the byte limit before reading it", async () => {
    expect(await readSheetUpload(new File(["a,b\n1,2\n"], "a.csv"), { maxBytes: 7 })).toEqual({ problem: "tooLarge" });
    expect(await readSheetUpload(new File(["a,b\n1,2\n"], "a.csv"), { maxBytes: 8 })).toEqual({ table: [["a", "b"], ["1", "2"]] });
  });

  it("splits a CSV on tabs when the first line has them, trims cells and keeps blank lines as rows", async () => {
    const read = await readSheetUpload(new File(["\uFEFFSKU\t数量\r\n NB-1 \t 2 \r\n\r\nMON-2\t1\r\n"], "a.csv"));
    expect(read).toEqual({ table: [["SKU", "数量"], ["NB-1", "2"], [""], ["MON-2", "1"]] });
  });

  it("reads an XLSX's first sheet as texts, dates as yyyy-mm-dd, cut to the asked columns and rows", async () => {
    const file = await xlsx([
      ["SKU", "数量", "日期", "备注", "x"],
      ["NB-1", 3, new Date(Date.UTC(2026, 11, 7)), "  急  ", "cut"],
      [],
      ["MON-2", 1.5],
      ["beyond", 1],
    ]);
    const read = await readSheetUpload(file, { columns: 4, maxRows: 2 });
    // maxRows + 2 rows: a header and one row past the limit, so callers can tell "too many"
    expect(read).toEqual({
      table: [
        ["SKU", "数量", "日期", "备注"],
        ["NB-1", "3", "2026-12-07", "急"],
        ["", "", "", ""],
        ["MON-2", "1.5", "", ""],
      ],
    });
  });
});
