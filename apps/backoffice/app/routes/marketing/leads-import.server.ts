import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { MAX_LEAD_IMPORT_ROWS, readLeadXlsx, type LeadImportRow } from "@cs/domain";
import { readSheetUpload } from "@cs/web/server";
import { hasKey } from "@cs/domain/shared/keys";

const MAX_BYTES = 30 * 1024 * 1024;

/**
 * The uploaded lead list as data rows with the row numbers the user sees: an XLSX read as a stream,
 * a CSV through the shared sheet reader. A first row without a digit in the mobile column is the
 * header; blank rows are skipped.
 */
export async function readLeadSheet(file: FormDataEntryValue | null): Promise<{ rows: LeadImportRow[] } | { error: string }> {
  if (!(file instanceof File) || file.size === 0) return { error: "leads.import.noFile" };
  if (file.size > MAX_BYTES) return { error: "leads.import.tooLarge" };
  const name = file.name.toLowerCase();
  if (name.endsWith(".xlsx")) {
    try {
      return { rows: await readLeadXlsx(Readable.fromWeb(file.stream() as WebReadableStream<Uint8Array>)) };
    } catch {
      return { error: "leads.import.unreadable" };
    }
  }
  const sheet = await readSheetUpload(file, { columns: 8, maxRows: MAX_LEAD_IMPORT_ROWS + 1, maxBytes: MAX_BYTES });
  if (hasKey(sheet, "problem")) return { error: `leads.import.${sheet.problem}` };
  const rows: LeadImportRow[] = [];
  sheet.table.forEach((cells, i) => {
    if (i === 0 && !/\d/.test(cells[2] ?? "")) return;
    if (cells.every((c) => !c?.trim())) return;
    rows.push({ row: i + 1, cells: cells.slice(0, 8).map((c) => c ?? "") });
  });
  return { rows };
}
