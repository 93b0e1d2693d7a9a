import { Readable } from "node:stream";
import { stringify } from "csv-stringify";
import ExcelJS from "exceljs";
import { neutraliseRow, neutraliseWorkbook, type NamedFile, type SheetCell } from "@cs/domain";

const stamp = () => new Date().toISOString().slice(0, 10);

async function* neutralised(rows: AsyncIterable<readonly SheetCell[]> | Iterable<readonly SheetCell[]>) {
  for await (const row of rows) yield neutraliseRow(row);
}

/**
 * Streams rows as a CSV download (with a BOM so Excel opens UTF-8 Chinese correctly); the rows
 * come from an iterable or async generator, so an export of the whole ledger never sits in memory.
 * Every cell, the header included, passes the formula-injection guard.
 */
export function csvResponse(name: string, header: string[], rows: AsyncIterable<readonly SheetCell[]> | Iterable<readonly SheetCell[]>) {
  const csv = Readable.from(neutralised(rows)).pipe(stringify({ header: true, columns: neutraliseRow(header), bom: true }));
  return new Response(Readable.toWeb(csv) as ReadableStream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}-${stamp()}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}

/** A sheet as an .xlsx download: a bold header row, then the rows; text cells are formula-safe. */
export async function xlsxResponse(name: string, sheetName: string, header: string[], rows: readonly (readonly SheetCell[])[]) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(header).font = { bold: true };
  for (const r of rows) sheet.addRow([...r]);
  sheet.columns.forEach((c) => (c.width = 16));
  neutraliseWorkbook(workbook);
  const buffer = await workbook.xlsx.writeBuffer();
  return new Response(buffer as ArrayBuffer, {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${name}-${stamp()}.xlsx"`,
      "Cache-Control": "no-store",
    },
  });
}

const fileTypes = new Map<NamedFile["format"], string>([
  ["pdf", "application/pdf"],
  ["xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
]);

/** A file the domain rendered, as a download: the ASCII name plus the UTF-8 one (RFC 6266), never cached. */
export function fileResponse(file: NamedFile) {
  return new Response(new Uint8Array(file.body), {
    headers: {
      "Content-Type": fileTypes.get(file.format) ?? "application/octet-stream",
      "Content-Disposition": `attachment; filename="${file.asciiName}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      "Content-Length": String(file.body.length),
      "Cache-Control": "no-store",
    },
  });
}
