import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";

export type SheetProblem = "noFile" | "tooLarge" | "badType" | "unreadable";

/**
 * An uploaded CSV or XLSX as a table of trimmed cell texts, blank rows kept (as empty rows) so row
 * numbers match what the user sees in Excel. File-level problems come back as a code each page
 * translates in its own namespace.
 */
export async function readSheetUpload(
  file: FormDataEntryValue | null,
  limits: { maxBytes?: number; maxRows?: number; columns?: number } = {},
): Promise<{ table: string[][] } | { problem: SheetProblem }> {
  const { maxBytes = 2 * 1024 * 1024, maxRows = 20_000, columns = 6 } = limits;
  if (!(file instanceof File) || file.size === 0) return { problem: "noFile" };
  if (file.size > maxBytes) return { problem: "tooLarge" };
  const name = file.name.toLowerCase();
  try {
    if (name.endsWith(".csv")) return { table: readCsv(await file.text()) };
    if (name.endsWith(".xlsx")) return { table: await readXlsx(await file.arrayBuffer(), maxRows + 2, columns) };
    return { problem: "badType" };
  } catch {
    return { problem: "unreadable" };
  }
}

function readCsv(text: string): string[][] {
  // Excel saves CSV with a BOM, and some locales with ";" or tabs: take whichever splits the first line.
  const first = text.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = [",", ";", "\t"].find((d) => first.includes(d)) ?? ",";
  return parse(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: false, trim: true }) as string[][];
}

async function readXlsx(data: ArrayBuffer, maxRows: number, columns: number): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const table: string[][] = [];
  for (let r = 1; r <= Math.min(sheet.rowCount, maxRows); r++) {
    const row = sheet.getRow(r);
    table.push(Array.from({ length: columns }, (_, c) => cellText(row.getCell(c + 1))));
  }
  return table;
}

/** A date cell as yyyy-mm-dd (Excel keeps dates as serial numbers shown in the user's format). */
function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return cell.text.trim();
}
