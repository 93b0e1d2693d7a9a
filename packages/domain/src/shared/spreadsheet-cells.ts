import type { Workbook } from "exceljs";

/**
 * Spreadsheet programs run a text cell that starts with `=`, `+`, `-` or `@` as a formula (tab and
 * CR open the same door in some importers), so text a partner typed into a name or reference
 * could run in the accountant's Excel. Such text gets a leading `'`, which Excel and LibreOffice
 * read as "this is text". Plain numbers (`-12.50`, `-3.5%`, `+8613800000000`) cannot be formulas
 * and stay as they are, so amounts keep adding up.
 */
const formulaStart = /^[=+\-@\t\r]/;
const plainNumber = /^[+-]?(\d[\d,]*(\.\d+)?|\.\d+)%?$/;

export type SheetCell = string | number | bigint | boolean | Date | null | undefined;

export function neutraliseCell<T extends SheetCell>(value: T): T | string {
  if (typeof value !== "string" || !formulaStart.test(value) || plainNumber.test(value)) return value;
  return `'${value}`;
}

export function neutraliseRow<T extends SheetCell>(row: readonly T[]): (T | string)[] {
  return row.map(neutraliseCell);
}

/**
 * Every text cell of every sheet, just before the workbook is written: one pass rather than one
 * call per `addRow`, so a row added later cannot slip through. Numbers, dates and real formulas
 * (cells we built with `{ formula }`) are left alone.
 */
export function neutraliseWorkbook(book: Workbook) {
  book.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === "string") cell.value = neutraliseCell(cell.value);
      }),
    ),
  );
}
