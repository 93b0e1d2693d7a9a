import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { csvResponse, xlsxResponse } from "./exports.server";

const hostileRow = ["=1+1", "+SUM(A1)", "-2+3+cmd|' /C calc'!A0", "@A1", "\t=1", "\r=1", "-12.50", "华信达"];
const safeRow = ["'=1+1", "'+SUM(A1)", "'-2+3+cmd|' /C calc'!A0", "'@A1", "'\t=1", "'\r=1", "-12.50", "华信达"];

describe("csvResponse", () => {
  it("quotes formula-looking cells in the header and rows, keeping numbers and the BOM", async () => {
    async function* rows() {
      yield hostileRow;
      yield ["ok", "1", "", "", "", "", "", ""];
    }
    const response = csvResponse("test", ["=name", "code", "c", "d", "e", "f", "g", "h"], rows());
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).slice(1);
    expect(text.startsWith("'=name,code,c,d,e,f,g,h\n")).toBe(true);
    expect(text).toContain(`'=1+1,'+SUM(A1),'-2+3+cmd|' /C calc'!A0,'@A1,'\t=1,"'\r=1",-12.50,华信达`);
    expect(text).not.toMatch(/(^|,|\n)[=+@]/);
  });
});

describe("xlsxResponse", () => {
  it("writes formula-looking text quoted and numbers as numbers", async () => {
    const response = await xlsxResponse("test", "表", ["@header"], [hostileRow, [42, null, "-5"]]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await response.arrayBuffer());
    const sheet = book.getWorksheet("表")!;
    expect(sheet.getRow(1).getCell(1).value).toBe("'@header");
    // XML turns the CR into a line feed on the way back; what matters is the leading quote.
    const cells = hostileRow.map((_, i) => String(sheet.getRow(2).getCell(i + 1).value).replace("\n", "\r"));
    expect(cells).toEqual(safeRow);
    expect(sheet.getRow(3).getCell(1).value).toBe(42);
    expect(sheet.getRow(3).getCell(3).value).toBe("-5");
  });
});
