import type { ReactNode } from "react";
import { StackedCell, stackedHeaderClass, stackedTable } from "@cs/ui";

/** A small figures table of the analysis pages: a table from `sm` up, cards on a phone; columns after the first are right-aligned. */
export function FiguresTable({ caption, head, rows }: { caption: string; head: string[]; rows: { key: string; cells: ReactNode[] }[] }) {
  return (
    <div className={stackedTable.scroller}>
      <table className={stackedTable.table}>
        <caption className="sr-only">{caption}</caption>
        <thead className={stackedTable.headPlain}>
          <tr>
            {head.map((h, i) => (
              <th key={h} scope="col" className={stackedHeaderClass(i === 0 ? "left" : "right", false)}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className={stackedTable.body}>
          {rows.map((r) => (
            <tr key={r.key} className={stackedTable.row}>
              {r.cells.map((c, i) => (
                <StackedCell key={head[i]} title={i === 0} label={i === 0 ? undefined : head[i]} align={i === 0 ? undefined : "right"}>
                  {c}
                </StackedCell>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
