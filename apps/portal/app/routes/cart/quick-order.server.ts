import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { quickOrderRowsFromCells, quickOrderRowsFromText, type QuickOrderRow } from "@cs/domain";

const MAX_BYTES = 2 * 1024 * 1024;
/** Rows read from a sheet before giving up: enough to see that it is over the 500-line limit. */
const MAX_SHEET_ROWS = 1_000;

export type QuickOrderInput = { rows: QuickOrderRow[]; text: string } | { error: string; text: string };

/**
 * The quick-order form to rows: the pasted text, or (when a file is chosen) the first sheet of an
 * XLSX or a CSV in any of Excel's delimiters. File problems come back as a translation key.
 */
export async function readQuickOrder(form: FormData): Promise<QuickOrderInput> {
  const text = String(form.get("lines") ?? "");
  const file = form.get("file");
  if (file instanceof File && file.size > 0) {
    if (file.size > MAX_BYTES) return { error: "catalog.quickOrder.errors.tooLarge", text };
    const name = file.name.toLowerCase();
    try {
      if (name.endsWith(".csv")) return { rows: quickOrderRowsFromCells(readCsv(await file.text())), text };
      if (name.endsWith(".xlsx")) return { rows: quickOrderRowsFromCells(await readXlsx(await file.arrayBuffer())), text };
    } catch {
      return { error: "catalog.quickOrder.errors.unreadable", text };
    }
    return { error: "catalog.quickOrder.errors.badType", text };
  }
  if (!text.trim()) return { error: "catalog.quickOrder.errors.noInput", text };
  return { rows: quickOrderRowsFromText(text), text };
}

function readCsv(text: string): string[][] {
  // Excel writes a BOM and, in some locales, ";" or tabs: take whichever splits the first line.
  const first = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const delimiter = [",", ";", "\t", "，"].find((d) => first.includes(d)) ?? ",";
  return parse(text, { bom: true, delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, trim: true }) as string[][];
}

async function readXlsx(data: ArrayBuffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const table: string[][] = [];
  // Blank rows stay (as empty arrays) so row numbers match what the user sees in Excel.
  for (let r = 1; r <= Math.min(sheet.rowCount, MAX_SHEET_ROWS); r++) {
    const row = sheet.getRow(r);
    table.push([1, 2, 3, 4].map((c) => row.getCell(c).text.trim()));
  }
  return table;
}
