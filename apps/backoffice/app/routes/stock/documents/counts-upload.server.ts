import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";

/** `counted` undefined when the cell is blank: the domain refuses it rather than reading it as 0. */
export type CountRow = { sku: string; counted: string | undefined; row: number };
export type UploadResult = { rows: CountRow[] } | { error: string };

const MAX_BYTES = 2 * 1024 * 1024;
const MAX_ROWS = 20_000;

/**
 * A count sheet (CSV or XLSX) to rows of { sku, counted } with their row number in the file, for
 * enterCounts to validate (its per-row errors are mapped back to these row numbers). Either a
 * header names the columns (SKU; counted / count / qty / 实盘数 …) or SKU is first and count second.
 * File-level problems come back as a translation key.
 */
export async function readCountSheet(file: FormDataEntryValue | null): Promise<UploadResult> {
  if (!(file instanceof File) || file.size === 0) return { error: "stock.documents.upload.noFile" };
  if (file.size > MAX_BYTES) return { error: "stock.documents.upload.tooLarge" };
  const name = file.name.toLowerCase();
  let table: string[][];
  try {
    if (name.endsWith(".csv")) table = readCsv(await file.text());
    else if (name.endsWith(".xlsx")) table = await readXlsx(await file.arrayBuffer());
    else return { error: "stock.documents.upload.badType" };
  } catch {
    return { error: "stock.documents.upload.unreadable" };
  }
  return toRows(table);
}

function readCsv(text: string): string[][] {
  // Excel saves CSV with a BOM, and some locales with ";" or tabs: take whichever splits the first line.
  // Blank lines are kept (and skipped later) so row numbers match the file.
  const first = text.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = [",", ";", "\t"].find((d) => first.includes(d)) ?? ",";
  return parse(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: false, trim: true }) as string[][];
}

async function readXlsx(data: ArrayBuffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const table: string[][] = [];
  // Keep blank rows as empty arrays so row numbers match what the user sees in Excel.
  for (let r = 1; r <= Math.min(sheet.rowCount, MAX_ROWS + 2); r++) {
    const row = sheet.getRow(r);
    table.push([1, 2, 3, 4, 5, 6].map((c) => row.getCell(c).text.trim()));
  }
  return table;
}

const skuHeader = /^(sku|料号|产品编码|编码)$/i;
const countHeader = /^(counted|count|qty|quantity|实盘数?|盘点数量?|数量)$/i;

function toRows(table: string[][]): UploadResult {
  const firstRow = table[0] ?? [];
  const header = firstRow.some((c) => skuHeader.test(c)) ? firstRow : null;
  const skuCol = header ? header.findIndex((c) => skuHeader.test(c)) : 0;
  const countCol = header ? header.findIndex((c) => countHeader.test(c)) : 1;
  const rows: CountRow[] = [];
  table.forEach((cells, i) => {
    if (header && i === 0) return;
    const sku = (cells[skuCol] ?? "").trim();
    const counted = (countCol >= 0 ? (cells[countCol] ?? "") : "").trim().replace(/,/g, "");
    if (!sku && !counted) return;
    rows.push({ sku, counted: counted || undefined, row: i + 1 });
  });
  if (rows.length === 0) return { error: "stock.documents.upload.empty" };
  if (rows.length > MAX_ROWS) return { error: "stock.documents.upload.tooManyRows" };
  return { rows };
}
