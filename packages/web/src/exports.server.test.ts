import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { csvResponse, fileResponse, xlsxResponse } from "./exports.server";

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

describe("fileResponse", () => {
  it("makes a rendered file a download: its type, both names (RFC 6266), its length, never cached", async () => {
    const body = new Uint8Array([0x25, 0x50, 0x44, 0x46]);
    const response = fileResponse({ body, format: "pdf", name: "对账单-华信达-DL-0001.pdf", asciiName: "statement-DL-0001.pdf" });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toBe(
      `attachment; filename="statement-DL-0001.pdf"; filename*=UTF-8''${encodeURIComponent("对账单-华信达-DL-0001.pdf")}`,
    );
    expect(response.headers.get("Content-Length")).toBe("4");
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(body);
    const xlsx = fileResponse({ body, format: "xlsx", name: "a.xlsx", asciiName: "a.xlsx" });
    expect(xlsx.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  });
});
