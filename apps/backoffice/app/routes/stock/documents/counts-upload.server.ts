import { readSheetUpload } from "@cs/web/server";
import { hasKey } from "@cs/domain/shared/keys";

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
  const sheet = await readSheetUpload(file, { maxBytes: MAX_BYTES, maxRows: MAX_ROWS, columns: 6 });
  if (hasKey(sheet, "problem")) return { error: `stock.documents.upload.${sheet.problem}` };
  return toRows(sheet.table);
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
