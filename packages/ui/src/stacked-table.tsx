import type { ReactNode } from "react";
import { cn } from "./cn";

/**
 * One table markup for both screens, switched by CSS alone (no JavaScript, no second render):
 * from `sm` (640 px) up it is an ordinary table; below it each row is a card — the first cell its
 * title, every other cell a "label: value" line with the value right-aligned. The label comes from
 * the cell's `data-label` through `::before`, so the DOM text of a cell stays its value (desktop
 * tests and `textContent` see what they always saw) while the phone layout's accessible text still
 * reads "label value" (generated content is part of the accessible name). Hand-written tables use
 * these pieces too, so every table in the apps folds the same way.
 */
export const stackedTable = {
  /**
   * Around the table: from `sm` up a wide table scrolls inside its own box, never the page. `relative`
   * makes it the containing block of the table's `sr-only` texts (absolutely positioned): without it
   * they escape the scroll box and widen the page by where a far-right column sits.
   */
  scroller: "relative sm:overflow-x-auto",
  table: "block w-full text-sm sm:table sm:min-w-full sm:divide-y sm:divide-slate-200",
  /** On the phone the header row becomes a wrapping bar of the sortable headers (see `headerCell`). */
  head: "block border-b border-slate-200 bg-slate-50 sm:table-header-group sm:border-0",
  /** A header with nothing to sort: the cells' labels name the values on the phone, so it hides there. */
  headPlain: "hidden bg-slate-50 sm:table-header-group",
  headRow: "flex flex-wrap gap-x-1 px-1 sm:table-row sm:p-0",
  body: "block divide-y divide-slate-100 sm:table-row-group",
  /** A flex column on the phone, so the title cell can come first whatever its column (`order-first`). */
  row: "flex flex-col px-3 py-2 sm:table-row sm:p-0",
};

type Align = "left" | "right" | undefined;

/** Class of a `<th>`: on the phone only headers that do something (sort links) stay visible. */
export function stackedHeaderClass(align: Align, keepOnPhone: boolean) {
  return cn(
    "whitespace-nowrap px-2 py-2 font-semibold text-slate-700 sm:table-cell sm:px-3",
    keepOnPhone ? "inline-block" : "hidden",
    align === "right" ? "sm:text-right" : "text-left",
  );
}

type CellProps = {
  /** The column's name, shown before the value on the phone; omit on the row's title cell. */
  label?: string;
  /** The row's identifying cell: the card's title on the phone. */
  title?: boolean;
  align?: Align;
  colSpan?: number;
  className?: string;
  children?: ReactNode;
};

/** A `<td>` that is a table cell from `sm` up and a card line (or the card's title) below it. */
export function StackedCell({ label, title, align, colSpan, className, children }: CellProps) {
  const spanning = colSpan !== undefined;
  const line = !title && label !== undefined && !spanning;
  return (
    <td
      colSpan={colSpan}
      data-label={line ? label : undefined}
      className={cn(
        "text-slate-800 max-sm:[overflow-wrap:anywhere] sm:table-cell",
        // a cell spanning the row (an empty list's message) brings its own padding
        !spanning && "sm:whitespace-nowrap sm:px-3 sm:py-2",
        line
          ? "flex items-baseline gap-3 py-0.5 before:shrink-0 before:text-slate-600 before:content-[attr(data-label)] sm:before:content-none"
          : cn("block", !spanning && "py-1"),
        title && "max-sm:order-first max-sm:text-base max-sm:font-semibold",
        align === "right" && "tabular-nums sm:text-right",
        className,
      )}
    >
      {/* the value's box: on the phone the line's remaining width, right-aligned and wrapping; inline in a table, where
          a right alignment here would be inherited by block content (a name over its product line) of a left column */}
      <span className={cn(line && "ml-auto min-w-0 max-sm:text-right [overflow-wrap:anywhere]")}>{children}</span>
    </td>
  );
}
