import type { TargetImportRow } from "@cs/domain";
import { readSheetUpload } from "@cs/web/server";
import { hasKey } from "@cs/domain/shared/keys";

/**
 * The uploaded target sheet as data rows with the row numbers the user sees. A first row whose
 * period-start cell holds no date is the header (the template's, in either language) and is skipped;
 * blank rows are skipped too.
 */
export async function readTargetSheet(file: FormDataEntryValue | null): Promise<{ rows: TargetImportRow[] } | { error: string }> {
  const sheet = await readSheetUpload(file, { columns: 5, maxRows: 10_001 });
  if (hasKey(sheet, "problem")) return { error: `channel.import.${sheet.problem}` };
  const rows: TargetImportRow[] = [];
  sheet.table.forEach((cells, i) => {
    if (i === 0 && !/\d{4}\s*[-/.]\s*\d/.test(cells[2] ?? "")) return;
    if (cells.every((c) => !c?.trim())) return;
    rows.push({ row: i + 1, cells: cells.slice(0, 5).map((c) => c ?? "") });
  });
  return { rows };
}
