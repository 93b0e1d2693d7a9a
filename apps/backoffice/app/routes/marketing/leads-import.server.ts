import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { MAX_LEAD_IMPORT_ROWS, readLeadXlsx, type LeadImportRow, type LeadImportSource } from "@cs/domain";
import { readSheetUpload } from "@cs/web/server";
import { hasKey } from "@cs/domain/shared/keys";

const MAX_BYTES = 30 * 1024 * 1024;

/**
 * The uploaded lead list as data rows with the row numbers the user sees: an XLSX read as a stream
 * that the import consumes batch by batch, a CSV through the shared sheet reader. A first row
 * without a digit in the mobile column is the header; blank rows are skipped.
 */
export async function readLeadSheet(file: FormDataEntryValue | null): Promise<{ source: LeadImportSource } | { error: string }> {
  if (!(file instanceof File) || file.size === 0) return { error: "leads.import.noFile" };
  if (file.size > MAX_BYTES) return { error: "leads.import.tooLarge" };
  const name = file.name.toLowerCase();
  const upload = { name: file.name, bytes: file.size };
  if (name.endsWith(".xlsx")) return { source: { file: upload, rows: readLeadXlsx(Readable.fromWeb(file.stream() as WebReadableStream<Uint8Array>)) } };
  const sheet = await readSheetUpload(file, { columns: 8, maxRows: MAX_LEAD_IMPORT_ROWS + 1, maxBytes: MAX_BYTES });
  if (hasKey(sheet, "problem")) return { error: `leads.import.${sheet.problem}` };
  return { source: { file: upload, rows: csvRows(sheet.table) } };
}

function* csvRows(table: readonly (readonly (string | null | undefined)[])[]): Generator<LeadImportRow> {
  for (let i = 0; i < table.length; i++) {
    const cells = table[i]!;
    if (i === 0 && !/\d/.test(cells[2] ?? "")) continue;
    if (cells.every((c) => !c?.trim())) continue;
    yield { row: i + 1, cells: Array.from({ length: 8 }, (_, c) => cells[c] ?? "") };
  }
}
