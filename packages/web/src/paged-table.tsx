import type { ColumnDef } from "@tanstack/react-table";
import { useNavigation } from "react-router";
import { DataTable, PageHeader, type DataTableLabels } from "@cs/ui";
import type { Page } from "@cs/domain";
import { useTableLabels } from "./table-labels";

/**
 * One page of a list as the domain returns it, in the URL-driven table, dimmed while the next page
 * loads so a click on a filter or a page number visibly does something on a slow phone.
 */
export function PagedTable<T>(props: {
  caption: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- TanStack column value types vary per column
  columns: ColumnDef<T, any>[];
  page: Page<T>;
  query: { sort: string; dir: "asc" | "desc" };
  getRowId: (row: T) => string;
  labels?: DataTableLabels;
}) {
  const navigation = useNavigation();
  const defaults = useTableLabels();
  const { page, query } = props;
  return (
    <div className={navigation.state === "loading" ? "opacity-60 transition-opacity" : undefined}>
      <DataTable caption={props.caption} columns={props.columns} data={page.rows} total={page.total} page={page.page} size={page.size} sort={query.sort} dir={query.dir} labels={props.labels ?? defaults} getRowId={props.getRowId} />
    </div>
  );
}

/** A page that is only its list: the title, then the table (captioned with the title). */
export function PagedListPage<T>({ title, ...table }: Omit<Parameters<typeof PagedTable<T>>[0], "caption"> & { title: string }) {
  return (
    <>
      <PageHeader title={title} />
      <PagedTable caption={title} {...table} />
    </>
  );
}
