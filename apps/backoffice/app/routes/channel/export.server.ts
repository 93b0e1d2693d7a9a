import ExcelJS from "exceljs";

export const yuan = (fen: bigint) => `${fen < 0n ? "-" : ""}${(fen < 0n ? -fen : fen) / 100n}.${String((fen < 0n ? -fen : fen) % 100n).padStart(2, "0")}`;

/**
 * A sheet as an .xlsx download: a bold header row, numbers kept as numbers where they are safe
 * (yuan values are written from their exact decimal text, so no fen is lost to a float).
 */
export async function xlsxResponse(name: string, sheetName: string, header: string[], rows: (string | number | null)[][]) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(header).font = { bold: true };
  for (const r of rows) sheet.addRow(r);
  sheet.columns.forEach((c) => (c.width = 16));
  const buffer = await workbook.xlsx.writeBuffer();
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(buffer as ArrayBuffer, {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${name}-${stamp}.xlsx"`,
      "Cache-Control": "no-store",
    },
  });
}
