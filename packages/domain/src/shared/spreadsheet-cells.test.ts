import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { neutraliseCell, neutraliseRow, neutraliseWorkbook } from "./spreadsheet-cells";

const hostile = [
  "=HYPERLINK(\"http://evil.example\",\"x\")",
  "=1+1",
  "+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(A1:A9)",
  "\t=1+1",
  "\r=1+1",
  "-",
  "+",
  "--1",
  "=",
];

describe("neutraliseCell", () => {
  it.each(hostile)("prefixes %j with a quote", (text) => {
    expect(neutraliseCell(text)).toBe(`'${text}`);
  });

  it.each(["-12.50", "-1,234.56", "+8613800000000", "-3.5%", "0.00", "12", "华信达", "A=B", "a@b.cn", "", "'=already"])(
    "keeps %j",
    (text) => {
      expect(neutraliseCell(text)).toBe(text);
    },
  );

  it("leaves numbers, dates and empty cells alone", () => {
    const when = new Date("2026-12-01T00:00:00Z");
    expect(neutraliseRow([-12.5, 0, null, undefined, when, 3n, true])).toEqual([-12.5, 0, null, undefined, when, 3n, true]);
  });
});

describe("neutraliseWorkbook", () => {
  it("quotes hostile text in every sheet and keeps numbers as numbers", async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet("a").addRow(["=1+1", -5, "-5.00", "ok"]);
    book.addWorksheet("b").addRow([null, "@x"]);
    neutraliseWorkbook(book);
    const read = new ExcelJS.Workbook();
    await read.xlsx.load((await book.xlsx.writeBuffer()) as ArrayBuffer);
    const a = read.getWorksheet("a")!.getRow(1);
    expect([a.getCell(1).value, a.getCell(2).value, a.getCell(3).value, a.getCell(4).value]).toEqual(["'=1+1", -5, "-5.00", "ok"]);
    expect(read.getWorksheet("b")!.getRow(1).getCell(2).value).toBe("'@x");
  });
});
