import { MAX_CART_LINES, MAX_LINE_QUANTITY } from "./limits";

/** One row as typed or uploaded: `row` is its line (or spreadsheet row) number, for the error list. */
export type QuickOrderRow = { row: number; sku: string; quantity: string };

export type QuickOrderError =
  | "catalog.quickOrder.errors.missingSku"
  | "catalog.quickOrder.errors.missingQuantity"
  | "catalog.errors.quantityInvalid"
  | "catalog.errors.quantityPositive"
  | "catalog.errors.quantityWhole"
  | "catalog.errors.quantityTooLarge"
  | "catalog.quickOrder.errors.unknownSku"
  | "catalog.quickOrder.errors.inactiveSku";

export type QuickOrderLine = {
  row: number;
  sku: string;
  quantity: number | null;
  error: QuickOrderError | null;
  /** The earlier row this one was added to (same SKU): the two count as one line. */
  mergedInto: number | null;
};

const skuHeader = /^(sku|料号|产品编码|编码|型号|物料编码)$/i;

/**
 * Pasted text to rows: one `SKU qty` per line, separated by tabs (copied from Excel), spaces,
 * commas or semicolons, full-width forms (，；：　ＮＢ１２) folded to ASCII first. Blank lines are
 * skipped but keep their number; a first line that names the SKU column is a header.
 */
export function quickOrderRowsFromText(text: string): QuickOrderRow[] {
  const cells = text
    .normalize("NFKC")
    .split(/\r\n|\r|\n/)
    .map((line) =>
      line
        .replace(/、/g, ",")
        .trim()
        .split(/[\t,;:\s]+/)
        .filter(Boolean),
    );
  return quickOrderRowsFromCells(cells);
}

/** Spreadsheet or CSV cells to rows: SKU in the first column and quantity in the second, unless a header says otherwise. */
export function quickOrderRowsFromCells(cells: string[][]): QuickOrderRow[] {
  const first = (cells[0] ?? []).map((c) => c.normalize("NFKC").trim());
  const header = first.some((c) => skuHeader.test(c)) ? first : null;
  const skuCol = header ? header.findIndex((c) => skuHeader.test(c)) : 0;
  const qtyHeader =
    header?.findIndex((c) =>
      /^(qty|quantity|数量|订购数量|订货数量)$/i.test(c),
    ) ?? -1;
  const qtyCol = header ? (qtyHeader >= 0 ? qtyHeader : skuCol + 1) : 1;
  const rows: QuickOrderRow[] = [];
  cells.forEach((line, i) => {
    if (header && i === 0) return;
    const sku = (line[skuCol] ?? "").normalize("NFKC").trim();
    const quantity = (line[qtyCol] ?? "").normalize("NFKC").trim();
    if (!sku && !quantity) return;
    rows.push({ row: i + 1, sku, quantity });
  });
  return rows;
}

/** Over this many rows the whole paste or file is refused before anything is looked up. */
export const tooManyQuickOrderRows = (rows: QuickOrderRow[]) =>
  rows.length > MAX_CART_LINES;

/** The checks that need no database: SKU present, quantity a whole number in range; duplicates merged. */
export function checkQuickOrderRows(rows: QuickOrderRow[]): QuickOrderLine[] {
  const firstRowOf = new Map<string, QuickOrderLine>();
  return rows.map((r) => {
    const sku = r.sku.toUpperCase();
    const line: QuickOrderLine = {
      row: r.row,
      sku,
      quantity: null,
      error: null,
      mergedInto: null,
    };
    if (!sku) return { ...line, error: "catalog.quickOrder.errors.missingSku" };
    if (!r.quantity)
      return { ...line, error: "catalog.quickOrder.errors.missingQuantity" };
    const q = r.quantity.replace(/,/g, "");
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(q))
      return { ...line, error: "catalog.errors.quantityInvalid" };
    const n = Number(q);
    if (n <= 0) return { ...line, error: "catalog.errors.quantityPositive" };
    if (!Number.isInteger(n))
      return { ...line, error: "catalog.errors.quantityWhole" };
    if (n > MAX_LINE_QUANTITY)
      return { ...line, error: "catalog.errors.quantityTooLarge" };
    line.quantity = n;
    const earlier = firstRowOf.get(sku);
    if (earlier) {
      line.mergedInto = earlier.row;
      return line;
    }
    firstRowOf.set(sku, line);
    return line;
  });
}
