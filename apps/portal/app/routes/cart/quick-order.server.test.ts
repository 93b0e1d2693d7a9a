import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readQuickOrder } from "./quick-order.server";

const formWith = (entries: Record<string, string | File>) => {
  const form = new FormData();
  for (const [k, v] of Object.entries(entries)) form.set(k, v);
  return form;
};

describe("readQuickOrder", () => {
  it("reads pasted lines", async () => {
    expect(await readQuickOrder(formWith({ lines: "NB-1 2\nMON-2，3" }))).toEqual({
      rows: [
        { row: 1, sku: "NB-1", quantity: "2" },
        { row: 2, sku: "MON-2", quantity: "3" },
      ],
      text: "NB-1 2\nMON-2，3",
    });
  });

  it("reads a CSV with a BOM, a header and semicolons", async () => {
    const file = new File(["\uFEFFSKU;数量\r\nNB-1;2\r\n\r\nMON-2;1.5\r\n"], "order.csv", { type: "text/csv" });
    expect(await readQuickOrder(formWith({ file }))).toMatchObject({
      rows: [
        { row: 2, sku: "NB-1", quantity: "2" },
        { row: 4, sku: "MON-2", quantity: "1.5" },
      ],
    });
  });

  it("reads the first sheet of an XLSX", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("订单");
    sheet.addRow(["NB-1", 2]);
    sheet.addRow(["MON-2", 5]);
    const buffer = await workbook.xlsx.writeBuffer();
    const file = new File([buffer as ArrayBuffer], "order.xlsx");
    expect(await readQuickOrder(formWith({ file }))).toMatchObject({
      rows: [
        { row: 1, sku: "NB-1", quantity: "2" },
        { row: 2, sku: "MON-2", quantity: "5" },
      ],
    });
  });

  it.each([
    ["nothing", {}, "catalog.quickOrder.errors.noInput"],
    ["another file type", { file: new File(["x"], "order.pdf") }, "catalog.quickOrder.errors.badType"],
    ["a broken XLSX", { file: new File(["not a zip"], "order.xlsx") }, "catalog.quickOrder.errors.unreadable"],
  ])("refuses %s", async (_what, entries, error) => {
    expect(await readQuickOrder(formWith(entries as Record<string, File>))).toMatchObject({ error });
  });
});
