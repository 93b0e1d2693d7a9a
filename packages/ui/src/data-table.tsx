import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type VisibilityState } from "@tanstack/react-table";
import { useMemo } from "react";
import { Form, Link, useSearchParams, useSubmit } from "react-router";
import { buttonClass } from "./controls";
import { cn } from "./cn";
import { StackedCell, stackedHeaderClass, stackedTable } from "./stacked-table";

export type DataTableColumnMeta = {
  /** The `sort` search-param value for this column; absent = not sortable. */
  sortKey?: string;
  align?: "left" | "right";
  /** Hidden until the user shows it. */
  defaultHidden?: boolean;
  /** The card's title on a phone, moved to the top of the card (default: the first visible column). */
  phoneTitle?: boolean;
};

export type DataTableLabels = {
  empty: string;
  rows: (total: number) => string;
  page: (page: number, pages: number) => string;
  previous: string;
  next: string;
  columns: string;
  apply: string;
  pageSize: string;
  sortedAsc: string;
  sortedDesc: string;
  pagination: string;
};

type Props<T> = {
  caption: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- TanStack column value types vary per column
  columns: ColumnDef<T, any>[];
  data: T[];
  total: number;
  page: number;
  size: number;
  sort: string;
  dir: "asc" | "desc";
  labels: DataTableLabels;
  getRowId: (row: T) => string;
};

const metaOf = (c: { columnDef: { meta?: unknown } }) => (c.columnDef.meta ?? {}) as DataTableColumnMeta;
/** A column's name as text: its header when that is a string (all of ours are), else its id. */
const headerText = (c: { id: string; columnDef: { header?: unknown } }) => (typeof c.columnDef.header === "string" ? c.columnDef.header : c.id);

function withParams(params: URLSearchParams, changes: Record<string, string | null>) {
  const next = new URLSearchParams(params);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) next.delete(k);
    else next.set(k, v);
  }
  return `?${next.toString()}`;
}

/**
 * Server-paginated table driven by the URL: page, size, sort, dir and visible columns (`cols`) are
 * search params, so every state is linkable, survives reload and works before JavaScript loads.
 */
export function DataTable<T>({ caption, columns, data, total, page, size, sort, dir, labels, getRowId }: Props<T>) {
  const [params] = useSearchParams();
  const submit = useSubmit();
  const chosen = params.getAll("cols");
  const columnVisibility = useMemo<VisibilityState>(() => {
    const state: VisibilityState = {};
    for (const c of columns) {
      const id = c.id ?? "";
      const meta = (c.meta ?? {}) as DataTableColumnMeta;
      state[id] = chosen.length ? chosen.includes(id) : !meta.defaultHidden;
    }
    return state;
  }, [columns, chosen]);

  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Table returns fresh functions by design
  const table = useReactTable({
    data,
    columns,
    getRowId,
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    manualSorting: true,
    state: { columnVisibility },
  });

  const pages = Math.max(1, Math.ceil(total / size));
  const keep = [...params.entries()].filter(([k]) => k !== "cols" && k !== "page");
  const visibleCount = table.getVisibleLeafColumns().length;
  const sortable = table.getVisibleLeafColumns().some((c) => metaOf(c).sortKey);
  const titleIndex = Math.max(0, table.getVisibleLeafColumns().findIndex((c) => metaOf(c).phoneTitle));

  return (
    <div className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-3 py-2 text-sm text-slate-600">
        <span aria-live="polite">{labels.rows(total)}</span>
        <details className="relative">
          <summary className={buttonClass("secondary", "cursor-pointer list-none")}>{labels.columns}</summary>
          <Form method="get" className="absolute right-0 z-10 mt-1 w-56 space-y-1 rounded-md bg-white p-3 shadow-lg ring-1 ring-slate-200" onChange={(e) => submit(e.currentTarget)}>
            {keep.map(([k, v], i) => (
              <input key={`${k}-${i}`} type="hidden" name={k} value={v} />
            ))}
            {table.getAllLeafColumns().map((column) => (
              <label key={column.id} className="flex items-center gap-2 text-sm text-slate-800">
                <input type="checkbox" name="cols" value={column.id} defaultChecked={column.getIsVisible()} className="size-4" />
                {headerText(column)}
              </label>
            ))}
            <button type="submit" className={buttonClass("secondary", "mt-2 w-full")}>
              {labels.apply}
            </button>
          </Form>
        </details>
      </div>
      <div className={stackedTable.scroller}>
        <table className={stackedTable.table}>
          <caption className="sr-only">{caption}</caption>
          <thead className={sortable ? stackedTable.head : stackedTable.headPlain}>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id} className={stackedTable.headRow}>
                {group.headers.map((header) => {
                  const meta = metaOf(header.column);
                  const active = meta.sortKey && meta.sortKey === sort;
                  const label = flexRender(header.column.columnDef.header, header.getContext());
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined}
                      className={stackedHeaderClass(meta.align, Boolean(meta.sortKey))}
                    >
                      {meta.sortKey ? (
                        <Link
                          to={withParams(params, { sort: meta.sortKey, dir: active && dir === "asc" ? "desc" : "asc", page: null })}
                          className="inline-flex items-center gap-1 rounded hover:text-blue-800 focus-visible:outline-2 focus-visible:outline-blue-700"
                          preventScrollReset
                        >
                          {label}
                          <span aria-hidden="true" className="text-xs text-slate-500">
                            {active ? (dir === "asc" ? "▲" : "▼") : "↕"}
                          </span>
                          {active ? <span className="sr-only">{dir === "asc" ? labels.sortedAsc : labels.sortedDesc}</span> : null}
                        </Link>
                      ) : (
                        label
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className={stackedTable.body}>
            {table.getRowModel().rows.length === 0 ? (
              <tr className={stackedTable.row}>
                <StackedCell colSpan={visibleCount} className="px-3 py-10 text-center text-slate-600">
                  {labels.empty}
                </StackedCell>
              </tr>
            ) : (
              table.getRowModel().rows.map((row) => (
                <tr key={row.id} className={cn(stackedTable.row, "hover:bg-slate-50")}>
                  {row.getVisibleCells().map((cell, i) => (
                    <StackedCell key={cell.id} title={i === titleIndex} label={headerText(cell.column)} align={metaOf(cell.column).align}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </StackedCell>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <nav aria-label={labels.pagination} className="flex flex-wrap items-center justify-between gap-2 border-t border-slate-200 px-3 py-2 text-sm">
        <Form method="get" className="flex items-center gap-2" onChange={(e) => submit(e.currentTarget)}>
          {[...params.entries()]
            .filter(([k]) => k !== "size" && k !== "page")
            .map(([k, v], i) => (
              <input key={`${k}-${i}`} type="hidden" name={k} value={v} />
            ))}
          <label className="text-slate-600" htmlFor="dt-size">
            {labels.pageSize}
          </label>
          <select id="dt-size" name="size" defaultValue={String(size)} className="rounded-md px-2 py-1 ring-1 ring-slate-300">
            {[10, 20, 50, 100].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
          <noscript>
            <button type="submit" className={buttonClass("secondary")}>
              {labels.apply}
            </button>
          </noscript>
        </Form>
        <div className="flex items-center gap-2">
          <span className="text-slate-600">{labels.page(page, pages)}</span>
          <PageLink disabled={page <= 1} to={withParams(params, { page: String(page - 1) })} label={labels.previous} />
          <PageLink disabled={page >= pages} to={withParams(params, { page: String(page + 1) })} label={labels.next} />
        </div>
      </nav>
    </div>
  );
}

function PageLink({ disabled, to, label }: { disabled: boolean; to: string; label: string }) {
  if (disabled)
    return (
      <span aria-disabled="true" className={buttonClass("secondary", "pointer-events-none opacity-50")}>
        {label}
      </span>
    );
  return (
    <Link to={to} className={buttonClass("secondary")} preventScrollReset>
      {label}
    </Link>
  );
}
