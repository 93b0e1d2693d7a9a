import type { ReactNode } from "react";
import { cn } from "./cn";
import { StackedCell, stackedHeaderClass, stackedTable } from "./stacked-table";

export type DetailColumn<T> = {
  id: string;
  /** The column's name: the header on a wide screen, the line's label on a phone. */
  header: string;
  align?: "left" | "right";
  /** The card's title on a phone (default: the first column). */
  phoneTitle?: boolean;
  cell: (row: T, index: number) => ReactNode;
};

type Props<T> = {
  caption: string;
  columns: DetailColumn<T>[];
  rows: readonly T[];
  getRowId: (row: T) => string;
  /** Totals under the rows: label, then a value per column id it fills (on a phone: one card of "label value" lines). */
  totals?: { label: string; values: Record<string, ReactNode> };
  /** Shown in place of the rows when there are none. */
  empty?: string;
  className?: string;
};

/**
 * The lines of one document (an order's, an invoice's, a shipment's, a return's …): the same
 * stacked markup as DataTable's, without its paging, sorting and column chooser. From `sm` up an
 * ordinary table; on a phone each line is a card, titled by its key column, every other value a
 * "label value" line, so the number, status and amount stay in view at 390 px without sideways
 * scrolling.
 */
export function DetailTable<T>({ caption, columns, rows, getRowId, totals, empty, className }: Props<T>) {
  const titleIndex = Math.max(0, columns.findIndex((c) => c.phoneTitle));
  return (
    // Focusable and named: in a narrow column the table may scroll sideways, and a keyboard must reach it.
    <div className={cn(stackedTable.scroller, className)} tabIndex={0} role="region" aria-label={caption}>
      <table className={stackedTable.table}>
        <caption className="sr-only">{caption}</caption>
        <thead className={stackedTable.headPlain}>
          <tr className={stackedTable.headRow}>
            {columns.map((c) => (
              <th key={c.id} scope="col" className={stackedHeaderClass(c.align, false)}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className={stackedTable.body}>
          {rows.length === 0 && empty ? (
            <tr className={stackedTable.row}>
              <StackedCell colSpan={columns.length} className="px-3 py-6 text-center text-slate-600">
                {empty}
              </StackedCell>
            </tr>
          ) : null}
          {rows.map((row, r) => (
            <tr key={getRowId(row)} className={stackedTable.row}>
              {columns.map((c, i) => (
                <StackedCell key={c.id} title={i === titleIndex} label={c.header} align={c.align}>
                  {c.cell(row, r)}
                </StackedCell>
              ))}
            </tr>
          ))}
        </tbody>
        {totals ? (
          <tfoot className="block border-t-2 border-slate-300 font-semibold sm:table-footer-group">
            <tr className={stackedTable.row}>
              {columns.map((c, i) =>
                i === 0 ? (
                  <StackedCell key={c.id} title>
                    {totals.label}
                  </StackedCell>
                ) : Object.hasOwn(totals.values, c.id) ? (
                  <StackedCell key={c.id} label={c.header} align={c.align}>
                    {totals.values[c.id]}
                  </StackedCell>
                ) : (
                  <td key={c.id} className="hidden sm:table-cell" />
                ),
              )}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}
